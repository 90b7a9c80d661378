/**
 * Grades a request for a catalogued exercise: looks it up in the manifest, loads its checks and
 * the grader's tfjs, then runs `gradeSubmission`. This is the entry point of both worker kinds
 * (`node-worker.ts`; the site's browser worker), and it uses no Node or DOM API.
 */
import { loadChecks } from '../graders.ts';
import { findExercise } from '../manifest.ts';
import { gradeSubmission } from './grade-submission.ts';
import { randomSeed } from './rng.ts';
import { graderTf } from './tfjs.ts';
import type { GradeRequest, GradeResult } from './types.ts';

export interface GradeOptions {
  /** Seed of the randomized inputs; a fresh one per run when absent. */
  seed?: number;
}

export async function gradeExercise(
  request: GradeRequest,
  options: GradeOptions = {},
): Promise<GradeResult> {
  const exercise = findExercise(request.exerciseId);
  if (!exercise) {
    return {
      exerciseId: request.exerciseId,
      status: 'error',
      compileErrors: [],
      checks: [],
      durationMs: 0,
      message: `unknown exercise '${request.exerciseId}'`,
    };
  }
  const [checks, tf] = await Promise.all([loadChecks(exercise.id), graderTf()]);
  return gradeSubmission({
    request,
    language: exercise.language,
    entry: exercise.entry,
    checks,
    tf,
    seed: options.seed ?? randomSeed(),
  });
}
