/**
 * Text helpers of the exercise UI: README preparation for embedding, inline code in hints, and
 * the one-line outcome of a run (shown and announced to screen readers). Pure, so tested.
 */
import type { GradeResult } from '../../../exercises/grader/types.ts';
import type { UiKey } from '../../i18n/ui.ts';

/**
 * Splits a README into its `# Title` line and the rest. The site shows the manifest's title in
 * its own heading, so the README's would be a second top-level heading inside a lesson.
 */
export function splitTitle(markdown: string): { title: string | null; body: string } {
  const match = /^\s*#\s+(.+?)\s*(?:\r?\n|$)/.exec(markdown);
  if (!match) return { title: null, body: markdown };
  return { title: match[1]!, body: markdown.slice(match[0].length).replace(/^\s*\n/, '') };
}

/**
 * Pushes every ATX heading down `levels` levels (capped at h6), outside fenced code, so a
 * README's `##` sections sit under the exercise's own heading in a lesson.
 */
export function demoteHeadings(markdown: string, levels: number): string {
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const fenceMatch = /^\s*(```+|~~~+)/.exec(line);
      if (fenceMatch) {
        const marker = fenceMatch[1]!;
        if (fence === null) fence = marker[0]!;
        else if (marker[0] === fence) fence = null;
        return line;
      }
      if (fence !== null) return line;
      return line.replace(/^(#{1,6})(?=\s)/, (hashes) =>
        '#'.repeat(Math.min(6, hashes.length + levels)),
      );
    })
    .join('\n');
}

/** `a \`b\` c` → text and code pieces, for hints written with Markdown backticks. */
export function inlineCodePieces(text: string): { code: boolean; text: string }[] {
  return text
    .split(/(`[^`]+`)/)
    .filter((piece) => piece !== '')
    .map((piece) =>
      piece.length > 2 && piece.startsWith('`') && piece.endsWith('`')
        ? { code: true, text: piece.slice(1, -1) }
        : { code: false, text: piece },
    );
}

/** The outcome line of a run, as a UI string key and its values. */
export function outcomeSummary(
  result: GradeResult,
  timeLimitMs: number,
): { key: UiKey; values: Record<string, string | number> } {
  const total = result.checks.length;
  switch (result.status) {
    case 'pass':
      return { key: 'exercise.status.pass', values: { total } };
    case 'fail':
      return {
        key: 'exercise.status.fail',
        values: { failed: result.checks.filter((c) => c.status !== 'pass').length, total },
      };
    case 'timeout':
      return { key: 'exercise.status.timeout', values: { seconds: timeLimitMs / 1000 } };
    case 'error':
      return { key: 'exercise.status.error', values: {} };
  }
}

/** The character offset of a 1-based line and column in `text`, clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  const row = Math.min(Math.max(line, 1), lines.length) - 1;
  let offset = 0;
  for (let i = 0; i < row; i++) offset += lines[i]!.length + 1;
  return offset + Math.min(Math.max(column, 1) - 1, lines[row]!.length);
}

/** Compile errors that belong in the edited file's markers (errors without a file count too). */
export function errorsForFile<T extends { file?: string }>(
  errors: readonly T[],
  file: string,
): T[] {
  return errors.filter((e) => e.file === undefined || e.file === file);
}
