/**
 * Where this build put tfjs's wasm backend files. Vite does not emit them on its own, so they are
 * imported by URL (Vite's `?url` suffix); `runtime/tf-start.ts` hands the map to the backend's
 * `setWasmPaths`.
 */
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const TF_WASM_PATHS: Record<string, string> = {
  'tfjs-backend-wasm.wasm': plainWasm,
  'tfjs-backend-wasm-simd.wasm': simdWasm,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedWasm,
};
