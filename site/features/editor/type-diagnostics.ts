/**
 * The editor's TypeScript diagnostics as the grader's `CompileError`s. The site reuses what
 * Monaco's TypeScript worker computes for the learner's file anyway (its
 * `getSyntacticDiagnostics` / `getSemanticDiagnostics`, the language service calls of the
 * TypeScript compiler API: https://github.com/microsoft/TypeScript/wiki/Using-the-Language-Service-API)
 * and sends them with the submission, so that a type error fails the run as it does in
 * `learn check`, without a second copy of the compiler in the grade worker. Pure, so it is
 * tested in Node.
 */
import type { CompileError } from '../../../exercises/grader/types.ts';

/** The parts of a TypeScript diagnostic this reads (Monaco's worker sends plain JSON). */
export interface DiagnosticLike {
  /** 0 warning, 1 error, 2 suggestion, 3 message. */
  category: number;
  code: number;
  start: number | undefined;
  messageText: string | MessageChainLike;
}

export interface MessageChainLike {
  messageText: string;
  next?: MessageChainLike[];
}

/** A message chain as TypeScript's `flattenDiagnosticMessageText` writes it: indented lines. */
export function flattenMessage(text: string | MessageChainLike, indent = 0): string {
  if (typeof text === 'string') return text;
  const lines = [`${'  '.repeat(indent)}${text.messageText}`];
  for (const next of text.next ?? []) lines.push(flattenMessage(next, indent + 1));
  return lines.join('\n');
}

/** 1-based line and column of an offset in `source`. */
function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** The errors among `diagnostics` of `file` (whose text is `source`), in the grader's shape. */
export function typeErrorsOf(
  diagnostics: readonly DiagnosticLike[],
  source: string,
  file: string,
): CompileError[] {
  return diagnostics
    .filter((d) => d.category === 1)
    .map((d) => ({
      file,
      ...position(source, d.start ?? 0),
      message: `${flattenMessage(d.messageText)} (TS${d.code})`,
    }));
}
