/**
 * Worker-thread entry of the Node runner: grades one request and posts the result. A fresh
 * worker per run means learner code cannot leave state behind (globals, patched prototypes,
 * leaked tensors) for the next run, and the parent can end it at the time limit.
 *
 * What learner code prints is captured and posted with the result: a worker's `console` writes
 * to the parent asynchronously (https://nodejs.org/api/worker_threads.html#class-worker, "Notable
 * differences inside a Worker environment"), so output printed just before the parent terminates
 * the worker was lost.
 *
 * The module has no top-level await: when learner code awaits a promise that can never settle,
 * the event loop runs empty and Node emits 'beforeExit'
 * (https://nodejs.org/api/process.html#event-beforeexit), answered here with a result that says
 * so. A top-level await of this module's own would instead end the thread with exit code 13 and
 * print "Warning: Detected unsettled top-level await" to the learner's terminal
 * (https://nodejs.org/api/process.html#exit-codes).
 */
import { parentPort } from 'node:worker_threads';
import { errorResult, gradeExercise } from './grade-exercise.ts';
import { neverSettled, settleDeadlineMs, type GradeProgress } from './grade-submission.ts';
import { describeThrown } from './describe-thrown.ts';
import { lockDownGrader } from './ses-realm.ts';
import { graderTf } from './tfjs.ts';
import type { GradeRequest, GradeResult } from './types.ts';

export interface WorkerInput {
  request: GradeRequest;
  seed: number | undefined;
}

// tfjs starts loading while the request is on its way (the worker may be started early).
const tf = graderTf();
// Bound now, before learner code runs, so it cannot swap the method that reports its result.
const port = parentPort!;
const post = port.postMessage.bind(port);

parentPort!.once('message', (input: WorkerInput) => {
  const progress: GradeProgress = { phase: 'starting' };
  let answered = false;
  const answer = (result: GradeResult) => {
    if (answered) return;
    answered = true;
    post(result);
  };
  const stalled = (limitMs?: number) =>
    answer({
      ...errorResult(input.request, neverSettled(progress, limitMs)),
      output: progress.output?.(),
    });
  process.once('beforeExit', () => stalled());
  // A pending top-level await while other work (a learner's setInterval) keeps the loop alive
  // (checks are not cut short: between their awaits a slow run looks the same); unref'd,
  // so the timer does not itself keep 'beforeExit' from coming.
  const { timeLimitMs } = input.request;
  setTimeout(
    () => {
      if (progress.phase === 'loading') stalled(timeLimitMs);
    },
    settleDeadlineMs(timeLimitMs, performance.now()),
  ).unref();
  // The heap limit (node-runner.ts) does not cover ArrayBuffer memory; the budget does, as in
  // the browser's grade worker: `lockDownGrader` installs it for the learner's compartment.
  gradeExercise(input.request, {
    seed: input.seed,
    startTf: () => tf,
    captureConsole: console,
    progress,
    // After tfjs and the checks have set themselves up (ses-realm.ts).
    beforeRun: lockDownGrader,
    // C exercises: the BSP from disk and the compiled-BSP cache (loaded only for them).
    firmwareEnv: async () => (await import('../../board/bsp/bsp.ts')).nodeEnv(),
  }).then(answer, (error: unknown) =>
    answer({
      ...errorResult(input.request, `the grader failed: ${describeThrown(error)}`),
      output: progress.output?.(),
    }),
  );
});
