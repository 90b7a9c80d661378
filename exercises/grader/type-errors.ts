/**
 * Type errors as part of a grade. The grader runs learner TypeScript after stripping its types
 * (compile-ts.ts), so a type error does not stop the checks; it makes the run fail, as `tsc`
 * would, with each error's place: one failed check that counts them, and the errors themselves in
 * `compileErrors` (the results panel links each to its line). Environment-neutral: the Node runner
 * computes the errors with the TypeScript compiler (type-check.ts), the site with the editor's
 * TypeScript worker.
 */
import type { CheckResult, CompileError, GradeResult } from './types.ts';

export const TYPE_CHECK_NAME = 'the code type-checks (TypeScript, strict)';

function where(e: CompileError): string {
  return `${e.file ? `${e.file}:` : ''}${e.line}:${e.column}`;
}

/** `result` with `errors` added as a failed check; unchanged when there are none. */
export function withTypeErrors(result: GradeResult, errors: readonly CompileError[]): GradeResult {
  // Syntax errors already stopped the run and are listed; TypeScript would repeat them.
  if (errors.length === 0 || result.compileErrors.length > 0) return result;
  const first = errors[0]!;
  const count = errors.length === 1 ? '1 type error' : `${errors.length} type errors`;
  const check: CheckResult = {
    name: TYPE_CHECK_NAME,
    status: 'fail',
    message: `${count} (listed with their places), the first at ${where(first)}`,
  };
  return {
    ...result,
    status: result.status === 'pass' ? 'fail' : result.status,
    compileErrors: [...errors],
    checks: [check, ...result.checks],
  };
}
