/**
 * tfjs for the grade worker: tfjs-core with the chained tensor methods (`x.reshape(...)`, which
 * bare tfjs-core lacks, toolchain P19), the wasm backend, and the cpu backend as a fallback.
 * Learner code and checks share this one instance, so tensors pass between them freely.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import { configureTfWasm } from '../lib/tf-wasm.ts';

export type GraderTf = typeof tf;

/** Starts wasm, or cpu if wasm cannot start here; resolves to the backend in use. */
export async function startTf(): Promise<{ tf: GraderTf; backend: string }> {
  configureTfWasm();
  let ok = false;
  try {
    ok = await tf.setBackend('wasm');
  } catch {
    ok = false;
  }
  if (!ok && !(await tf.setBackend('cpu'))) throw new Error('no tfjs backend could start');
  await tf.ready();
  return { tf, backend: tf.getBackend() };
}
