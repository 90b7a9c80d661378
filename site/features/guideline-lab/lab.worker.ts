/**
 * Runs the G1-G4 micro-benchmarks off the page's main thread, so the page never freezes; the
 * page cancels a run by terminating this worker, which stops it even inside a long kernel.
 */
import { labCases } from '../../../runtime/lab/cases.ts';
import { currentBackend, runLab } from '../../../runtime/lab/run.ts';
import { useBrowserBackend } from '../../tf/tf-browser.ts';
import type { LabRequest, LabResponse } from './guideline-lab.ts';

const post = (response: LabResponse) => self.postMessage(response);

self.onmessage = async (event: MessageEvent<LabRequest>) => {
  const request = event.data;
  try {
    await useBrowserBackend(request.backend);
    const cases = labCases({ size: request.size, blocks: request.blocks }).filter((c) =>
      request.only.includes(c.guideline),
    );
    const results = await runLab(cases, {
      size: request.size,
      blocks: request.blocks,
      iterations: request.iterations,
      warmup: request.warmup,
      onProgress: (done, total, caseId) =>
        post({ id: request.id, type: 'progress', done, total, caseId }),
    });
    post({ id: request.id, type: 'done', backend: currentBackend(), results });
  } catch (err) {
    post({ id: request.id, type: 'error', message: (err as Error).message });
  }
};
