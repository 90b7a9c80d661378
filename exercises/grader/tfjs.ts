/**
 * The grader's tfjs in Node: tfjs-core with the cpu backend (deterministic, synchronous
 * `dataSync`, small inputs) and tfjs's chained tensor methods (`x.reshape(...)`), started by the
 * runtime's one tfjs starter. Learner code and checks share this one instance, so tensors pass
 * between them freely.
 */
import { startTf, type Tf } from '../../runtime/tf-start.ts';

let ready: Promise<Tf> | null = null;

export function graderTf(): Promise<Tf> {
  ready ??= startTf('cpu', { chainedOps: true }).then((started) => started.tf);
  return ready;
}
