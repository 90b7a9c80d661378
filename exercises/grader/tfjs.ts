/**
 * The grader's tfjs: tfjs-core with the cpu backend and tfjs's chained tensor methods
 * (`x.reshape(...)`), which bare tfjs-core does not register. Learner code and checks share this
 * one instance, so tensors pass between them freely.
 *
 * The chained methods come from the umbrella package: in Node its CommonJS build registers them
 * on the same tfjs-core copy the runtime imports, whereas tfjs-core's own
 * `dist/public/chained_ops/register_all_chained_ops` is extensionless ESM that Node cannot load.
 * A bundler (Vite) may import that lighter module instead; both register the same methods.
 */
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

let ready: Promise<typeof tf> | null = null;

/**
 * Selects the cpu backend (deterministic, synchronous `dataSync`, small inputs) and silences
 * tfjs's "install tfjs-node" banner, which would end up in the learner's terminal.
 */
export function graderTf(): Promise<typeof tf> {
  ready ??= (async () => {
    tf.env().set('PROD', true);
    if (!(await tf.setBackend('cpu'))) throw new Error('tfjs cpu backend failed to start');
    await tf.ready();
    return tf;
  })();
  return ready;
}
