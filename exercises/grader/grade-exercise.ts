/**
 * Grades a request for a catalogued exercise: looks it up in the manifest, loads its checks and
 * the grader's tfjs, installs the memory budget, then runs `gradeSubmission`. This is the one
 * grading entry point of both worker kinds (`node-worker.ts`; the site's `grade.worker.ts`),
 * which differ only in the options they pass; it uses no Node or DOM API.
 */
import type { Tf } from '../../runtime/tf-start.ts';
import { loadChecks } from '../graders.ts';
import { findExercise } from '../manifest.ts';
import { gradeSubmission } from './grade-submission.ts';
import { installMemoryBudget } from './memory-budget.ts';
import { randomSeed } from './rng.ts';
import { graderTf } from './tfjs.ts';
import type { GradeRequest, GradeResult } from './types.ts';

export interface GradeOptions {
  /** Seed of the randomized inputs; a fresh one per run when absent. */
  seed?: number;
  /** Starts the tfjs that checks and learner code share (default: the Node grader's, cpu). */
  startTf?: () => Promise<Tf>;
  /**
   * The worker's global scope, to install the memory budget on before learner code runs
   * (memory-budget.ts). Absent in tests that grade inside the test process.
   */
  budgetScope?: typeof globalThis;
  /** Runs once tfjs and the checks are loaded, just before learner code (lock-down, capture). */
  beforeRun?: (tf: Tf) => void;
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
  if (options.budgetScope) installMemoryBudget(options.budgetScope, tf);
  options.beforeRun?.(tf);
  return gradeSubmission({
    request,
    language: exercise.language,
    entry: exercise.entry,
    checks,
    tf,
    seed: options.seed ?? randomSeed(),
  });
}
