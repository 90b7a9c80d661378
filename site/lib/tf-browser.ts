/**
 * tfjs in the browser with a choice of backend: 'wasm' (XNNPACK, SIMD), 'webgl' and 'cpu'.
 * Import this module only dynamically (from a worker or after a reader's click): it pulls in
 * about 700 KiB of tfjs.
 *
 * The .wasm files are imported by URL because Vite does not emit them by itself (toolchain
 * P4); the threaded build is switched off because it hangs once bundled (P9).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

import type { BrowserBackendName } from './backend-names.ts';

export type BrowserBackend = BrowserBackendName;

let configured = false;

function configure(): void {
  if (configured) return;
  configured = true;
  tf.env().set('PROD', true);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainWasm,
    'tfjs-backend-wasm-simd.wasm': simdWasm,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedWasm,
  });
}

/** Switches tfjs to `backend`; throws an Error naming the backend if it cannot start here. */
export async function useBrowserBackend(backend: BrowserBackend): Promise<typeof tf> {
  configure();
  let ok = false;
  try {
    ok = await tf.setBackend(backend);
    await tf.ready();
  } catch (err) {
    throw new Error(`The ${backend} backend could not start: ${(err as Error).message}`);
  }
  if (!ok || tf.getBackend() !== backend) {
    throw new Error(`The ${backend} backend could not start in this browser`);
  }
  return tf;
}
