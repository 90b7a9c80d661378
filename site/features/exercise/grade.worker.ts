/**
 * The browser's grade worker: one instance per run (browser-runner.ts creates it, and terminates
 * it at the time limit). It loads the exercise's checks and tfjs, then hands the learner's files
 * to the shared grader engine, which compiles them with sucrase and runs every check.
 *
 * Learner code only ever runs here. A worker has no `document` and no `localStorage`; before the
 * learner's module is evaluated, the few worker APIs that could still reach the site's stored
 * data or the network are removed as well, and a memory budget is installed: the worker shares
 * the page's renderer process, so an allocation it cannot contain could take the page down with
 * it (grader/memory-budget.ts has the measurements). Grading itself is `gradeExercise`, the same
 * function the Node runner's worker calls.
 */
import { describeThrown } from '../../../exercises/grader/describe-thrown.ts';
import { errorResult, gradeExercise } from '../../../exercises/grader/grade-exercise.ts';
import {
  neverSettled,
  settleDeadlineMs,
  type GradeProgress,
} from '../../../exercises/grader/grade-submission.ts';
import type { GradeRequest, GradeResult } from '../../../exercises/grader/types.ts';
import type { GradeWorkerMessage } from './browser-runner.ts';
import { startBrowserTf } from '../../tf/tf-browser.ts';

/** The worker's global scope: the DOM lib's `self` is typed as a Window, which this is not. */
declare const self: typeof globalThis & {
  onmessage: ((event: MessageEvent<GradeWorkerMessage>) => void) | null;
};

/** Storage and network APIs a worker still has; the grader needs none once tfjs has started. */
const LOCKED_DOWN = [
  'indexedDB',
  'caches',
  'cookieStore',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'BroadcastChannel',
  'importScripts',
] as const;

function lockDown() {
  for (const name of LOCKED_DOWN) {
    try {
      Object.defineProperty(self, name, { value: undefined, configurable: false, writable: false });
    } catch {
      // Some engines define a few of these as non-configurable; nothing more can be done.
    }
  }
}

/** wasm, or cpu where wasm cannot start; with the chained methods learner code expects. */
async function startTf() {
  return (await startBrowserTf('wasm', { fallback: ['cpu'], chainedOps: true })).tf;
}

async function grade(request: GradeRequest, progress: GradeProgress): Promise<GradeResult> {
  return gradeExercise(request, {
    startTf,
    budgetScope: self,
    beforeRun: lockDown,
    // From here on, only learner code and checks print; show that to the learner.
    captureConsole: console,
    progress,
  });
}

self.onmessage = (event: MessageEvent<GradeWorkerMessage>) => {
  const { request, port } = event.data;
  // Bound now, before learner code runs, so it cannot swap the method that reports its result.
  const reply = port.postMessage.bind(port);
  // Later messages (for example the learner's own postMessage calls) are not requests.
  self.onmessage = null;
  const progress: GradeProgress = { phase: 'starting' };
  // A module whose top-level await never settles leaves the event loop free: say so before the
  // page's time limit ends the worker (a busy loop keeps this timer from firing: a timeout).
  const deadline = setTimeout(
    () => {
      // Only while loading: between the awaits of slow checks the loop is free too.
      if (progress.phase !== 'loading') return;
      const message = neverSettled(progress, request.timeLimitMs);
      reply({ ...errorResult(request, message), output: progress.output?.() ?? [] });
    },
    settleDeadlineMs(request.timeLimitMs, performance.now()),
  );
  grade(request, progress).then(
    (result) => {
      clearTimeout(deadline);
      reply(result);
    },
    (error: unknown) => {
      clearTimeout(deadline);
      reply(errorResult(request, `the grader failed: ${describeThrown(error)}`));
    },
  );
};
