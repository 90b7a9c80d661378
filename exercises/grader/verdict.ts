/**
 * The rule both runners apply to what a grading worker answers (node-runner.ts, and the page's
 * site/features/exercise/browser-runner.ts): it must not depend on Node or the DOM.
 */
import type { GradeRequest, GradeResult } from './types.ts';

const CHECK_STATUSES = new Set(['pass', 'fail', 'error']);

/**
 * The worker's message as a result the CLI may trust: only the first message counts (the
 * listener is `once`), it must be well formed, and 'pass' needs at least one check, every one
 * of them passed. Learner code cannot post at all (it runs in a ses Compartment without
 * `process`, `worker_threads` or the browser worker's `self`, ses-realm.ts); this is the parent's
 * second line. Shared by the Node runner and the page's browser runner.
 */
export function verdictOf(request: GradeRequest, message: unknown): GradeResult {
  const broken = (why: string): GradeResult => ({
    exerciseId: request.exerciseId,
    status: 'error',
    compileErrors: [],
    checks: [],
    durationMs: 0,
    message: `the grading worker sent a malformed result (${why})`,
  });
  if (typeof message !== 'object' || message === null) return broken('not an object');
  const result = message as GradeResult;
  if (result.exerciseId !== request.exerciseId) return broken('another exercise');
  if (!Array.isArray(result.checks)) return broken('no checks list');
  const wellFormed = result.checks.every(
    (c) =>
      typeof c === 'object' &&
      c !== null &&
      typeof c.name === 'string' &&
      CHECK_STATUSES.has(c.status),
  );
  if (!wellFormed) return broken('a malformed check');
  if (result.status !== 'pass') return result;
  if (result.checks.length === 0) {
    return { ...result, status: 'fail', message: 'no check ran, so the run cannot pass' };
  }
  if (result.checks.some((c) => c.status !== 'pass')) {
    return { ...result, status: 'fail', message: 'not every check passed' };
  }
  return result;
}
