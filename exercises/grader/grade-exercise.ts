/**
 * Grades a request for a catalogued exercise: looks it up in the manifest, loads its checks and
 * the grader's tfjs, then runs `gradeSubmission`. This is the one
 * grading entry point of both worker kinds (`node-worker.ts`; the site's `grade.worker.ts`),
 * which differ only in the options they pass; it uses no Node or DOM API.
 */
import type { Tf } from '../../runtime/tf-start.ts';
import { loadChecks } from '../graders.ts';
import { findExercise } from '../manifest.ts';
import { createConsoleCapture } from './console-capture.ts';
import { gradeSubmission, type GradeProgress } from './grade-submission.ts';
import { randomSeed } from './rng.ts';
import { withTypeErrors } from './type-errors.ts';
import { graderTf } from './tfjs.ts';
import type { GradeRequest, GradeResult } from './types.ts';

export interface GradeOptions {
  /** Seed of the randomized inputs; a fresh one per run when absent. */
  seed?: number;
  /** Starts the tfjs that checks and learner code share (default: the Node grader's, cpu). */
  startTf?: () => Promise<Tf>;
  /** Runs once tfjs and the checks are loaded, just before learner code (lock-down, capture). */
  beforeRun?: (tf: Tf) => void;
  /**
   * The console learner code prints to: its methods are replaced by a bounded recorder just
   * before learner code runs, and the lines come back as the result's `output`.
   */
  captureConsole?: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'>;
  /** Kept up to date during the run (see `neverSettled` in grade-submission.ts). */
  progress?: GradeProgress;
}

export function errorResult(request: GradeRequest, message: string): GradeResult {
  return {
    exerciseId: request.exerciseId,
    status: 'error',
    compileErrors: [],
    checks: [],
    durationMs: 0,
    message,
  };
}

export async function gradeExercise(
  request: GradeRequest,
  options: GradeOptions = {},
): Promise<GradeResult> {
  const exercise = findExercise(request.exerciseId);
  if (!exercise) return errorResult(request, `unknown exercise '${request.exerciseId}'`);
  const [checks, tf] = await Promise.all([
    loadChecks(exercise.id),
    (options.startTf ?? graderTf)(),
  ]);
  options.beforeRun?.(tf);
  const capture = options.captureConsole ? createConsoleCapture() : null;
  if (capture && options.captureConsole) {
    capture.install(options.captureConsole);
    if (options.progress) options.progress.output = capture.lines;
  }
  const result = await gradeSubmission({
    request,
    language: exercise.language,
    entry: exercise.entry,
    checks,
    tf,
    seed: options.seed ?? randomSeed(),
    progress: options.progress,
  });
  const typed = withTypeErrors(result, request.typeErrors ?? []);
  return capture ? { ...typed, output: capture.lines() } : typed;
}
