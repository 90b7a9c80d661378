/**
 * Runs the G1-G4 micro-benchmarks (or V2's Table 8 models) off the page's main thread, so the page never freezes; the
 * page cancels a run by terminating this worker, which stops it even inside a long kernel.
 */
import { labCases } from '../../../runtime/lab/cases.ts';
import { BENCH_MODELS, benchInference } from '../../../runtime/lab/inference.ts';
import { timeModels } from '../../../runtime/lab/models.ts';
import { currentBackend, runLab } from '../../../runtime/lab/run.ts';
import { TABLE8 } from '../../../runtime/lab/table8.ts';
import { useBrowserBackend } from '../../tf/tf-browser.ts';
import { checkWebGpu, type ProbeScope } from './capabilities.ts';
import type { LabRequest, LabResponse } from './speed-lab.ts';

const post = (response: LabResponse) => self.postMessage(response);

self.onmessage = async (event: MessageEvent<LabRequest>) => {
  const request = event.data;
  if (request.backend === 'webgpu') {
    // Say plainly why WebGPU is missing here, before loading its backend (which would only
    // report that no 'webgpu' backend is registered).
    const gpu = await checkWebGpu(self as unknown as ProbeScope);
    if (!gpu.ok) {
      const { reason, detail = '' } = gpu;
      post({ id: request.id, type: 'error', message: detail, reason, backend: 'webgpu' });
      return;
    }
  }
  try {
    await useBrowserBackend(request.backend);
  } catch (err) {
    const message = (err as Error).message;
    post({
      id: request.id,
      type: 'error',
      message,
      reason: 'initFailed',
      backend: request.backend,
    });
    return;
  }
  try {
    const progress = (done: number, total: number, caseId: string) =>
      post({ id: request.id, type: 'progress', done, total, caseId });
    if (request.kind === 'inference') {
      const models = BENCH_MODELS.filter((m) => request.keys.includes(m.key));
      // ONNX Runtime Web (a 15 MB wasm file) loads only when asked for.
      const onnx = request.ways.includes('ortWeb')
        ? (await import('./ort-web.ts')).createOrtSession
        : undefined;
      const inference = await benchInference(models, {
        runs: request.runs,
        warmup: request.warmup,
        size: request.size,
        ways: request.ways,
        onnx,
        onProgress: progress,
      });
      post({ id: request.id, type: 'inference-done', backend: currentBackend(), inference });
      return;
    }
    if (request.kind === 'models') {
      const rows = TABLE8.filter((r) => request.ids.includes(r.id));
      const timings = await timeModels(rows, { ...request, onProgress: progress });
      post({ id: request.id, type: 'models-done', backend: currentBackend(), timings });
      return;
    }
    const cases = labCases({ size: request.size, blocks: request.blocks }).filter((c) =>
      request.only.includes(c.guideline),
    );
    const results = await runLab(cases, {
      size: request.size,
      blocks: request.blocks,
      iterations: request.iterations,
      warmup: request.warmup,
      onProgress: progress,
    });
    post({ id: request.id, type: 'done', backend: currentBackend(), results });
  } catch (err) {
    post({ id: request.id, type: 'error', message: (err as Error).message });
  }
};
