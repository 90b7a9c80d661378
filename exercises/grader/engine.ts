/**
 * The grader engine: runs every check of an exercise against the learner's loaded module and
 * collects one `CheckResult` per check. Environment-neutral (no Node or DOM APIs): the Node
 * worker thread, the browser's module Web Worker and the in-process test harness all call it.
 *
 * Every check runs even after one fails, because learners fix several mistakes per attempt when
 * they see them all (freeCodeCamp's first-failure-only display is a known complaint).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { CheckFailure } from './assert.ts';
import { describeThrown } from './describe-thrown.ts';
import { describeOutOfMemory, isOutOfMemory } from './memory-budget.ts';
import { guardModule } from './plain-data.ts';
import { deriveSeed, createRng, type Rng } from './rng.ts';
import type { CheckResult, CheckStatus, GradeStatus } from './types.ts';

export {
  CheckFailure,
  exportedFunction,
  expectClose,
  expectEqual,
  expectShape,
  expectTensor,
  expectTensorClose,
  fail,
  type Tolerance,
} from './assert.ts';
export { createRng, type Rng } from './rng.ts';

/** The learner's module: its exports by name. */
export type LearnerModule = Readonly<Record<string, unknown>>;

/** What a check gets besides the learner's module. */
export interface CheckContext {
  /** The tfjs instance the learner's `import * as tf from '@tensorflow/tfjs-core'` resolves to. */
  tf: typeof tfc;
  /** Seeded per check: the same run seed gives the same inputs. */
  rng: Rng;
}

/**
 * One check of an exercise. It passes when `run` returns (optionally a short confirmation),
 * fails when it throws a `CheckFailure` (the `expect*` helpers), and errors on any other throw,
 * which is how the learner's own exceptions surface.
 */
export interface Check {
  /** What the check verifies, phrased for the learner; static, so a site can list checks. */
  name: string;
  run(learner: LearnerModule, ctx: CheckContext): void | string | Promise<void | string>;
}

export interface RunChecksOptions {
  tf: typeof tfc;
  /** The run's seed; each check derives its own from it. */
  seed: number;
  /** Maps an error's stack to a place in the learner's files, e.g. "channel-shuffle.ts:7:11". */
  locate?: (error: unknown) => string | null;
  /** Called with each check's name just before it runs. */
  onCheck?: (name: string) => void;
}

export interface ChecksOutcome {
  status: Extract<GradeStatus, 'pass' | 'fail'>;
  checks: CheckResult[];
  /** The first check's message that ran out of memory (see memory-budget.ts), if any did. */
  outOfMemory?: string;
}

/** `read()`, or undefined when it throws: thrown values are learner code and may misbehave. */
export function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

async function runOne(
  check: Check,
  learner: LearnerModule,
  ctx: CheckContext,
  locate: RunChecksOptions['locate'],
): Promise<CheckResult & { outOfMemory?: boolean }> {
  const { tf } = ctx;
  // A scope per check frees every tensor the check or the learner's code made and did not keep,
  // so one leaky submission cannot starve the checks after it.
  tf.engine().startScope();
  try {
    const confirmation = await check.run(learner, ctx);
    return { name: check.name, status: 'pass', message: confirmation || 'correct' };
  } catch (error) {
    if (error instanceof CheckFailure) {
      const result: CheckResult = { name: check.name, status: 'fail', message: error.message };
      if (error.expected !== undefined) result.expected = error.expected;
      if (error.actual !== undefined) result.actual = error.actual;
      return result;
    }
    const where = safely(() => locate?.(error)) ?? null;
    const status: CheckStatus = 'error';
    const ranOut = safely(() => isOutOfMemory(error)) ?? false;
    const what = ranOut ? describeOutOfMemory(error) : `threw ${describeThrown(error)}`;
    const message = `your code ${what}${where ? ` (at ${where})` : ''}`;
    return { name: check.name, status, message, outOfMemory: ranOut };
  } finally {
    tf.engine().endScope();
  }
}

/**
 * Runs all checks in order and returns every result; 'pass' only when all of them passed. Checks
 * see the learner's module through `guardModule` (plain-data.ts): copies in, plain copies out.
 */
export async function runChecks(
  checks: readonly Check[],
  module: LearnerModule,
  options: RunChecksOptions,
): Promise<ChecksOutcome> {
  const learner = guardModule(module, options.tf);
  const results: CheckResult[] = [];
  let outOfMemory: string | undefined;
  for (const [index, check] of checks.entries()) {
    const ctx: CheckContext = { tf: options.tf, rng: createRng(deriveSeed(options.seed, index)) };
    options.onCheck?.(check.name);
    const { outOfMemory: ranOut, ...result } = await runOne(check, learner, ctx, options.locate);
    if (ranOut) outOfMemory ??= result.message;
    results.push(result);
  }
  const status = results.every((r) => r.status === 'pass') ? 'pass' : 'fail';
  return { status, checks: results, ...(outOfMemory !== undefined && { outOfMemory }) };
}
