/**
 * Points tfjs's wasm backend at the .wasm files of this build. Vite does not emit them on its
 * own, so they are imported by URL (toolchain P4); the threaded build is switched off because it
 * hangs once bundled (P9). Call before the first `setBackend('wasm')`; later calls do nothing.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

let configured = false;

export function configureTfWasm(): void {
  if (configured) return;
  configured = true;
  // PROD silences tfjs's console banners, which are noise on a lesson page.
  tf.env().set('PROD', true);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainWasm,
    'tfjs-backend-wasm-simd.wasm': simdWasm,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedWasm,
  });
}
