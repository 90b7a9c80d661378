/**
 * The grader's contract, shared by the Node runner (worker thread), the browser runner (module
 * Web Worker), the terminal workflow and the site's editor. Plain data only: results cross
 * worker boundaries with structured clone.
 */

/** How one check ended. 'error' means the learner's code threw or misbehaved, not a wrong value. */
export type CheckStatus = 'pass' | 'fail' | 'error';

export interface CheckResult {
  /** What the check verifies, phrased for the learner ("shuffles 6 channels in 2 groups"). */
  name: string;
  status: CheckStatus;
  /** Why it failed, or a short confirmation when it passed. */
  message: string;
  /** The expected value, rendered as text for display (absent when not meaningful). */
  expected?: string;
  /** What the learner's code produced, rendered as text. */
  actual?: string;
}

/** A syntax or compile error in the learner's code, before any check runs. */
export interface CompileError {
  message: string;
  /** 1-based line in the learner's file. */
  line: number;
  /** 1-based column. */
  column: number;
  file?: string;
}

/**
 * The overall outcome: 'pass' when every check passed; 'fail' when at least one check failed;
 * 'error' for compile errors or a crash outside the checks; 'timeout' when the time limit hit.
 */
export type GradeStatus = 'pass' | 'fail' | 'error' | 'timeout';

export interface GradeResult {
  exerciseId: string;
  status: GradeStatus;
  compileErrors: CompileError[];
  /** Every check, in order: all failing checks are reported, not only the first. */
  checks: CheckResult[];
  /** Wall time of the run in milliseconds, including start-up of the worker. */
  durationMs: number;
  /** A message for 'error' and 'timeout' outcomes that is not tied to one check. */
  message?: string;
  /**
   * What the learner's code printed with `console.log` and friends, bounded (console-capture.ts);
   * absent where no output was captured (a run that never reached the learner's code).
   */
  output?: string[];
}

/** What a runner needs to grade one submission. */
export interface GradeRequest {
  exerciseId: string;
  /** The learner's files, by name relative to the exercise's start/ folder. */
  files: Record<string, string>;
  /** Hard limit for the whole run; the worker is terminated when it passes. */
  timeLimitMs: number;
  /**
   * Type errors found before the run by the caller's TypeScript service (the site's editor);
   * they fail the run like the Node runner's own type check (type-errors.ts).
   */
  typeErrors?: CompileError[];
}

/** A runner grades a request in isolation from the caller (a worker per run). */
export interface GradeRunner {
  grade(request: GradeRequest): Promise<GradeResult>;
}
