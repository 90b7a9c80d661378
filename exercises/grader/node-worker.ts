/**
 * Worker-thread entry of the Node runner: grades one request and posts the result. A fresh
 * worker per run means learner code cannot leave state behind (globals, patched prototypes,
 * leaked tensors) for the next run, and the parent can end it at the time limit.
 */
import { parentPort } from 'node:worker_threads';
import { gradeExercise } from './grade-exercise.ts';
import { graderTf } from './tfjs.ts';
import type { GradeRequest } from './types.ts';

export interface WorkerInput {
  request: GradeRequest;
  seed: number | undefined;
}

// tfjs starts loading while the request is on its way (the worker may be started early).
const tf = graderTf();
const input = await new Promise<WorkerInput>((resolve) => parentPort!.once('message', resolve));
// The heap limit (node-runner.ts) does not cover ArrayBuffer memory; the budget does, as in the
// browser's grade worker.
const result = await gradeExercise(input.request, {
  seed: input.seed,
  budgetScope: globalThis,
  startTf: () => tf,
});
parentPort!.postMessage(result);
