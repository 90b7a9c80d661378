// The preprocessor's output: preprocessed C that keeps exactly one output line per source line
// of every file read, so that a parser of the output (tree-sitter) can map any node back to its
// file and line. Headers' lines appear in place of their #include; a macro expansion is written
// on the line of the macro's name. GCC's -E writes linemarkers instead, which a C parser would
// not accept.

import { wouldPaste } from './preprocess-lex.ts';
import type { PpToken } from './preprocess-lex.ts';
import type { MacroLocation } from './preprocess-macros.ts';

/** Where an output line came from. */
export interface LineOrigin {
  file: string;
  line: number;
}

/**
 * One token's place: output column, source column, and for a token a macro expansion made, its
 * virtual location (`true` where it has none: `__LINE__` and the other builtins).
 */
export type ColumnEntry = [number, number] | [number, number, MacroLocation | true];

export interface PreprocessedText {
  text: string;
  lineMap: LineOrigin[];
  /**
   * Per output line: [output column, source column] (both 1-based) of each token, in order, and
   * for a token that came out of a macro expansion its origin (ColumnEntry).
   */
  columnMap: Array<Array<ColumnEntry>>;
}

export interface OutputWriter {
  /** Starts the lines of a file being read (the main file, or a header at its #include). */
  beginFile(path: string): void;
  /** Writes the file's remaining lines and goes back to the includer after its #include. */
  endFile(lineCount: number): void;
  /** Writes (empty) lines of the current file up to and including `line`. */
  padTo(line: number): void;
  /**
   * Writes a token on the output line of its source line. A token from an expansion carries the
   * line and column of the macro name that produced it, and `expansion` is its origin.
   */
  emit(token: PpToken, expansion: MacroLocation | boolean): void;
  finish(): PreprocessedText;
}

export function createOutputWriter(): OutputWriter {
  const lines: string[] = [];
  const lineMap: LineOrigin[] = [];
  const columnMap: Array<Array<ColumnEntry>> = [];
  const includers: LineOrigin[] = [];
  let file = '';
  let line = 0;
  let last: PpToken | null = null;
  // Until a macro expansion on a line, tokens sit at their source columns.
  let inSync = true;

  function padTo(target: number): void {
    while (line < target) {
      line++;
      lines.push('');
      lineMap.push({ file, line });
      columnMap.push([]);
      last = null;
      inSync = true;
    }
  }

  function advanceTo(target: number): void {
    const previous = lineMap[lineMap.length - 1];
    if (previous && previous.file === file && previous.line >= target) return;
    // A token on the line of an #include (a spliced directive) goes on a fresh line after the
    // header's lines rather than onto the header's last line.
    if (previous && previous.file !== file && line >= target) line = target - 1;
    padTo(target);
  }

  return {
    beginFile(path) {
      includers.push({ file, line });
      file = path;
      line = 0;
    },
    endFile(lineCount) {
      padTo(lineCount);
      const includer = includers.pop()!;
      file = includer.file;
      line = includer.line;
    },
    padTo,
    emit(t, expansion) {
      advanceTo(t.line);
      const i = lines.length - 1;
      const current = lines[i]!;
      let sep = last !== null && (t.spaceBefore || wouldPaste(last, t)) ? ' ' : '';
      // Pad to the source column while the line is in sync, so columns map back unchanged;
      // after an expansion, space tokens as GCC's -E does (columnMap still maps each one).
      const target = t.column - 1;
      if (inSync && current.length + sep.length < target) sep = ' '.repeat(target - current.length);
      if (expansion !== false) inSync = false;
      const at = current.length + sep.length + 1;
      columnMap[i]!.push(expansion === false ? [at, t.column] : [at, t.column, expansion]);
      lines[i] = current + sep + t.text;
      last = t;
    },
    finish() {
      return { text: lines.length > 0 ? `${lines.join('\n')}\n` : '', lineMap, columnMap };
    },
  };
}

/**
 * Maps a 0-based row and column of the preprocessed text (tree-sitter's points) back to the
 * source file, line and 1-based column. The start of every token maps exactly (a token from a
 * macro expansion to the macro's name, where GCC also reports); columns inside or after a token
 * count on from its start.
 */
export function locateOutput(
  output: Pick<PreprocessedText, 'lineMap' | 'columnMap'>,
  row: number,
  column: number,
): { file: string; line: number; column: number } {
  const origin = output.lineMap[row] ?? output.lineMap[output.lineMap.length - 1];
  if (!origin) return { file: '<unknown>', line: row + 1, column: column + 1 };
  const outColumn = column + 1;
  // Binary search for the last token starting at or before the column: a weights table on one
  // line has hundreds of thousands of tokens, and every node of it is located.
  const tokens = output.columnMap[row] ?? [];
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]![0] <= outColumn) lo = mid + 1;
    else hi = mid;
  }
  const at = tokens[lo - 1];
  const sourceColumn = at ? at[1] + (outColumn - at[0]) : outColumn;
  return { file: origin.file, line: origin.line, column: sourceColumn };
}

/** Whether the token starting at output `row`, `column` (0-based) came from a macro expansion. */
export function fromExpansion(
  output: Pick<PreprocessedText, 'columnMap'>,
  row: number,
  column: number,
): boolean {
  return expansionAt(output, row, column) !== undefined;
}

/**
 * The origin of the token starting at output `row`, `column` (0-based): `true` for a token from
 * an expansion without a tracked origin, undefined for a token read from the file.
 */
export function expansionAt(
  output: Pick<PreprocessedText, 'columnMap'>,
  row: number,
  column: number,
): MacroLocation | true | undefined {
  const entry = (output.columnMap[row] ?? []).find((e) => e[0] === column + 1);
  return entry?.[2];
}
