/**
 * tfjs for the grade worker: tfjs-core with the chained tensor methods (`x.reshape(...)`, which
 * bare tfjs-core lacks, toolchain P19), the wasm backend, and the cpu backend as a fallback.
 *
 * The .wasm files are imported by URL because Vite does not emit them on its own (P4), and the
 * threaded build is switched off because it hangs once bundled (P9). Learner code and checks
 * share this one instance, so tensors pass between them freely.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type GraderTf = typeof tf;

/** Starts wasm, or cpu if wasm cannot start here; resolves to the backend in use. */
export async function startTf(): Promise<{ tf: GraderTf; backend: string }> {
  // PROD silences tfjs's console banners, which are noise in a grading run.
  tf.env().set('PROD', true);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainWasm,
    'tfjs-backend-wasm-simd.wasm': simdWasm,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedWasm,
  });
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
