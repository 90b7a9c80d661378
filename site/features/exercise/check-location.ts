/**
 * Where in the learner's file a failing check points, so the results can link to the line:
 * the grader's own location when the code threw ("... (at channel-shuffle.ts:7:11)",
 * exercises/grader/engine.ts), else the declaration of the function the check called
 * ("groupConvParams(3, 6, 1, 1)" in its message points at `function groupConvParams`).
 */
import type { CheckResult } from '../../../exercises/grader/types.ts';

export interface CodeLocation {
  line: number;
  column: number;
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The 1-based line and column where `name` is declared in `code`, or null. */
export function declarationOf(code: string, name: string): CodeLocation | null {
  const id = escapeRe(name);
  const declaration = new RegExp(
    `^(.*?\\b(?:function\\s*\\*?\\s*|(?:const|let|var)\\s+))(${id})\\b`,
  );
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = declaration.exec(lines[i]!);
    if (match) return { line: i + 1, column: match[1]!.length + 1 };
  }
  return null;
}

/** The place a check that did not pass points to in `file` (whose text is `code`), or null. */
export function checkLocation(check: CheckResult, file: string, code: string): CodeLocation | null {
  if (check.status === 'pass') return null;
  const text = [check.message, check.actual ?? ''].join('\n');
  const at = new RegExp(`\\b${escapeRe(file)}:(\\d+):(\\d+)`).exec(text);
  if (at) return { line: Number(at[1]), column: Number(at[2]) };
  // Calls named in the message, in order: the first one declared in the file wins.
  for (const call of text.matchAll(/\b([A-Za-z_$][\w$]*)\s*\(/g)) {
    const found = declarationOf(code, call[1]!);
    if (found) return found;
  }
  return null;
}
