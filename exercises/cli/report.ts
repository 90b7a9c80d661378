/**
 * A `GradeResult` as terminal lines: one line per check (✓ or ✗, name, message), expected and
 * actual indented under a failure, compile errors as GCC prints them (`file:line:column: error:`),
 * what the learner's code printed (console.log), then a summary.
 */
import type { GradeResult } from '../grader/types.ts';

export interface Paint {
  ok(text: string): string;
  bad(text: string): string;
  dim(text: string): string;
}

export const plain: Paint = { ok: (t) => t, bad: (t) => t, dim: (t) => t };

export const ansi: Paint = {
  ok: (t) => `\x1b[32m${t}\x1b[39m`,
  bad: (t) => `\x1b[31m${t}\x1b[39m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
};

export function formatResult(result: GradeResult, paint: Paint = plain): string[] {
  const lines: string[] = [];
  for (const e of result.compileErrors) {
    // GCC's shape, `file:line:column: error: message`, so editors and terminals link it.
    lines.push(paint.bad(`${e.file ?? 'file'}:${e.line}:${e.column}: error: ${e.message}`));
  }
  for (const check of result.checks) {
    if (check.status === 'pass') {
      const note = check.message && check.message !== 'correct' ? `: ${check.message}` : '';
      lines.push(`${paint.ok('✓')} ${check.name}${paint.dim(note)}`);
      continue;
    }
    lines.push(`${paint.bad('✗')} ${check.name}: ${check.message}`);
    if (check.expected !== undefined) lines.push(`    expected: ${check.expected}`);
    if (check.actual !== undefined) lines.push(`    actual:   ${check.actual}`);
  }
  const output = result.output ?? [];
  if (output.length > 0) {
    lines.push(
      paint.dim(`console output (${output.length} line${output.length === 1 ? '' : 's'}):`),
    );
    for (const line of output) lines.push(`  | ${line}`);
  }
  const passed = result.checks.filter((c) => c.status === 'pass').length;
  const seconds = (result.durationMs / 1000).toFixed(1);
  switch (result.status) {
    case 'pass':
      lines.push(paint.ok(`passed: all ${passed} checks (${seconds} s)`));
      break;
    case 'fail':
      lines.push(
        paint.bad(`failed: ${passed} of ${result.checks.length} checks passed (${seconds} s)`),
      );
      break;
    case 'timeout':
    case 'error':
      lines.push(paint.bad(`${result.status}: ${result.message ?? 'no result'}`));
      break;
  }
  return lines;
}
