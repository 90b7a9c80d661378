/**
 * One submission from files to a `GradeResult`: compile, load, run every check. This runs inside
 * the isolating worker (Node worker thread or browser Web Worker); the worker adds the time limit
 * by being terminated, which this code cannot do for itself.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { FirmwareEnv } from '../../board/session.ts';
import { describeThrown } from './describe-thrown.ts';
import { runChecks, safely, type Check } from './engine.ts';
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
  /** Updated as the run goes, so a host can say where a run stalled (see `neverSettled`). */
  progress?: GradeProgress;
  /** The simulated board's build environment, for C submissions. */
  firmware?: FirmwareEnv;
}

/** Where a run is: loading the learner's module, or running the named check. */
export interface GradeProgress {
  phase: 'starting' | 'loading' | 'checking';
  check?: string;
  /** What learner code has printed so far, where the console is captured. */
  output?: () => string[];
}

/**
 * The message for a run whose pending promises did not settle: the worker's event loop ran empty
 * (Node emits 'beforeExit', https://nodejs.org/api/process.html#event-beforeexit) or the time
 * limit came near while the grader still awaited learner code, e.g.
 * `await new Promise(() => {})` at the top of the module. `limitMs` is given in the second case.
 */
export function neverSettled(progress: GradeProgress, limitMs?: number): string {
  const within = limitMs === undefined ? '' : ` within the time limit (${limitMs} ms)`;
  if (progress.phase === 'loading') return `your module's top-level await never settled${within}`;
  if (progress.phase === 'checking') {
    return `your code returned a promise that never settled${within} (in the check '${progress.check}')`;
  }
  return 'the grader stopped before it could load your module';
}

/**
 * When to give up on a pending await: shortly before the runner's time limit, so the worker
 * answers itself. A timer can only fire while the event loop is free, which tells a pending
 * promise (reported as never settled) from a busy loop (which the runner stops as a timeout).
 * `elapsedMs` is how long the worker has existed, as the limit counts from its start.
 */
export function settleDeadlineMs(timeLimitMs: number, elapsedMs: number): number {
  return Math.max(0, timeLimitMs * 0.9 - elapsedMs);
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
  const compiled = await support.compile(input.request.files, input.entry, {
    firmware: input.firmware,
  });
  if (!compiled.ok) {
    return finish({
      ...base,
      status: 'error',
      compileErrors: compiled.errors,
      message: 'your code does not compile; no check ran',
    });
  }
  const progress = input.progress ?? { phase: 'starting' };
  progress.phase = 'loading';
  let learner;
  try {
    learner = await compiled.program.load({ tf: input.tf });
  } catch (error) {
    const where = safely(() => compiled.locate(error) ?? locateInLearnerFiles(error));
    const what = safely(() => isOutOfMemory(error))
      ? `${describeOutOfMemory(error)} while loading`
      : `threw ${describeThrown(error)} while loading`;
    return finish({
      ...base,
      status: 'error',
      message: `your module ${what}${where ? ` (at ${where})` : ''}`,
    });
  }
  progress.phase = 'checking';
  const outcome = await runChecks(input.checks, learner, {
    tf: input.tf,
    seed: input.seed,
    locate: compiled.locate,
    onCheck: (name) => (progress.check = name),
    learnerJs: input.language !== 'c',
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
