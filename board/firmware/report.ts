/**
 * Source locations for the engine's diagnostics and faults. Diagnostics use the preprocessor's
 * shape and GCC formatting (diagnostics.ts), so compiler, preprocessor and linker messages merge
 * into one listing.
 */
import type { Diagnostic, Severity } from './diagnostics.ts';
import { expansionNotes, spellingOf, type ExpansionNote } from './macro-trace.ts';
import { expansionAt, locateOutput, type ColumnEntry } from './preprocess-output.ts';

export type { Diagnostic, Severity };
export { formatDiagnostic, formatDiagnostics, hasErrors } from './diagnostics.ts';

export interface SourceLoc {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Output line i (0-based) of the preprocessor came from `lineMap[i]` (1-based line); with the
 * preprocessor's `columnMap` attached, columns map back through macro expansions too.
 */
export type LineMap = readonly { readonly file: string; readonly line: number }[] & {
  readonly columnMap?: Array<Array<ColumnEntry>>;
};

/** The preprocessor's line and column maps as one LineMap. */
export function withColumns(
  lineMap: readonly { readonly file: string; readonly line: number }[],
  columnMap: Array<Array<ColumnEntry>>,
): LineMap {
  return Object.assign([...lineMap], { columnMap });
}

/** A line map for text that did not go through the preprocessor. */
export function identityLineMap(file: string, text: string): LineMap {
  const lines = text.split('\n').length;
  return Array.from({ length: lines }, (_, i) => ({ file, line: i + 1 }));
}

/** Maps a 0-based tree-sitter row/column to the original file, line and 1-based column. */
export function locate(lineMap: LineMap, row: number, column: number): SourceLoc {
  if (lineMap.columnMap) {
    const lines = lineMap as unknown as { file: string; line: number }[];
    return locateOutput({ lineMap: lines, columnMap: lineMap.columnMap }, row, column);
  }
  const origin = lineMap[row] ??
    lineMap[lineMap.length - 1] ?? { file: '<unknown>', line: row + 1 };
  return { file: origin.file, line: origin.line, column: column + 1 };
}

/**
 * As `locate`, for a diagnostic: at a token a macro expansion produced, GCC reports where the
 * token is spelled and adds notes on the expansions (macro-trace.ts). Runtime locations (faults,
 * call stacks) stay at the use, as GCC's line tables do, so only diagnostics take this path.
 */
export function locateDiagnostic(
  lineMap: LineMap,
  row: number,
  column: number,
): { at: SourceLoc; notes: ExpansionNote[] } {
  const origin = lineMap.columnMap
    ? expansionAt({ columnMap: lineMap.columnMap }, row, column)
    : undefined;
  if (origin === undefined || origin === true)
    return { at: locate(lineMap, row, column), notes: [] };
  const at = spellingOf(origin);
  return {
    at: { file: at.file, line: at.line, column: at.column },
    notes: expansionNotes(origin, at.line),
  };
}
