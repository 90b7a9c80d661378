/**
 * One submission from files to a `GradeResult`: compile, load, run every check. This runs inside
 * the isolating worker (Node worker thread or browser Web Worker); the worker adds the time limit
 * by being terminated, which this code cannot do for itself.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { runChecks, type Check } from './engine.ts';
import { languageSupport } from './compilers.ts';
import type { Language } from './language.ts';
import { describeOutOfMemory, isOutOfMemory } from './memory-budget.ts';
import { locateInLearnerFiles } from './module-loader.ts';
import type { GradeRequest, GradeResult } from './types.ts';

export interface SubmissionInput {
  request: GradeRequest;
  /** From the manifest: how to compile, and which file is the module the checks import. */
  language: Language;
  entry: string;
  checks: readonly Check[];
  tf: typeof tfc;
  seed: number;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Stack frames V8 keeps per error (default 10). An error raised inside a tfjs op (a shape
 * mismatch, the memory budget refusing a kernel's output) sits 15 to 25 frames below the
 * learner's call, which would then be missing from the stack and from the reported location.
 */
const STACK_FRAMES = 64;

export async function gradeSubmission(input: SubmissionInput): Promise<GradeResult> {
  const started = Date.now();
  if ('stackTraceLimit' in Error && Error.stackTraceLimit < STACK_FRAMES) {
    Error.stackTraceLimit = STACK_FRAMES;
  }
  const base = { exerciseId: input.request.exerciseId, compileErrors: [], checks: [] };
  const finish = (result: Omit<GradeResult, 'durationMs'>): GradeResult => ({
    ...result,
    durationMs: Date.now() - started,
  });

  const support = languageSupport(input.language);
  if (!support) {
    return finish({
      ...base,
      status: 'error',
      message: `exercises in '${input.language}' cannot be graded here yet`,
    });
  }
  const compiled = await support.compile(input.request.files, input.entry);
  if (!compiled.ok) {
    return finish({
      ...base,
      status: 'error',
      compileErrors: compiled.errors,
      message: 'your code does not compile; no check ran',
    });
  }
  let learner;
  try {
    learner = await compiled.program.load({ tf: input.tf });
  } catch (error) {
    const where = compiled.locate(error) ?? locateInLearnerFiles(error);
    const what = isOutOfMemory(error)
      ? `${describeOutOfMemory(error)} while loading`
      : `threw while loading: ${describe(error)}`;
    return finish({
      ...base,
      status: 'error',
      message: `your module ${what}${where ? ` (at ${where})` : ''}`,
    });
  }
  const outcome = await runChecks(input.checks, learner, {
    tf: input.tf,
    seed: input.seed,
    locate: compiled.locate,
  });
  if (outcome.outOfMemory !== undefined) {
    // Not an ordinary failed check: the run hit the memory budget, and the checks after it may
    // have failed only for lack of memory. Say so first.
    return finish({
      ...base,
      status: 'error',
      checks: outcome.checks,
      message: `the program ran out of memory: ${outcome.outOfMemory.replace(/^your code ran out of memory: /, '')}`,
    });
  }
  return finish({ ...base, status: outcome.status, checks: outcome.checks });
}
