/**
 * ONNX Runtime Web as the benchmark's peer (issue #17): its wasm build on one thread, as
 * `npm run bench` runs it in Node. Import this module only dynamically, when a reader asks for
 * it: the runtime's wasm file is about 15 MB. The file is imported by URL (Vite's `?url`), so
 * the build emits it and the runtime is told where it is (`env.wasm.wasmPaths`).
 */
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { OnnxSessionFactory } from '../../../runtime/lab/inference.ts';
import { INPUT_NAME, OUTPUT_NAME } from '../../../runtime/onnx/export.ts';

export const createOrtSession: OnnxSessionFactory = async (model) => {
  const ort = await import('onnxruntime-web/wasm');
  // One thread, like the other ways (a page that is not cross-origin isolated has no threads).
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmPaths = { wasm: ortWasm };
  ort.env.logLevel = 'error';
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  return {
    async run(nchw, dims) {
      const out = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', nchw, dims) });
      return out[OUTPUT_NAME]!.data as Float32Array;
    },
    release: () => session.release(),
  };
};
