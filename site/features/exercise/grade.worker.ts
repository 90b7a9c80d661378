/**
 * The browser's grade worker: one instance per run (browser-runner.ts creates it, and terminates
 * it at the time limit). It loads the exercise's checks and tfjs, then hands the learner's files
 * to the shared grader engine, which compiles them with sucrase and runs every check.
 *
 * Learner code only ever runs here, and only inside a ses Compartment (grader/ses-realm.ts, the
 * same as in the Node worker): once tfjs (wasm backend) and the checks have started, `lockdown()`
 * freezes the shared intrinsics, so learner code cannot patch `Object.is` or
 * `Array.prototype.push` under the checks, and its global object holds only the endowments
 * granted there (ses README, "Compartment"). `self`, `postMessage`, `fetch`, `XMLHttpRequest`,
 * `WebSocket`, `importScripts`, `Worker`, `SharedWorker`, `navigator` (and with it OPFS,
 * `navigator.storage.getDirectory()`), `indexedDB` and `caches` are simply not there, and ses
 * rejects `import(...)` in compartment code, `new Function` bodies included. The memory budget is
 * installed on the compartment's typed-array constructors, not on `self` (lockdown checks that the
 * global constructors are the intrinsics). The worker also removes its own storage and network
 * APIs before learner code runs, as a second line: the grader needs none once tfjs has started.
 * Grading itself is `gradeExercise`, the same function the Node runner's worker calls. C
 * exercises are built and run on the simulated board inside this worker (firmware-env.ts): the
 * learner's C is interpreted by the firmware engine, never evaluated as JavaScript.
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
import { lockDownGrader } from '../../../exercises/grader/ses-realm.ts';
import type { Tf } from '../../../runtime/tf-start.ts';

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
  'Worker',
  'SharedWorker',
] as const;

function removeWorkerApis() {
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
    // After tfjs and the checks have set themselves up (grader/ses-realm.ts).
    beforeRun: (tf: Tf) => {
      removeWorkerApis();
      lockDownGrader(tf);
    },
    // From here on, only learner code and checks print; show that to the learner.
    captureConsole: console,
    progress,
    // C exercises: the board's BSP and C parser, started (wasm fetched) before the lock-down.
    firmwareEnv: async () => (await import('./firmware-env.ts')).browserFirmwareEnv(),
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
