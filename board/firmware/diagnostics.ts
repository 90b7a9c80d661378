// Diagnostics in the exact text shape GCC and GNU ld print them, so that what a learner sees in
// the browser matches what the Xilinx toolchain (arm-none-eabi-gcc, GNU ld) prints on a real
// machine. GCC's shape is `file:line:column: severity: message` (GCC manual, "Diagnostic Message
// Formatting Options"); with LANG=C it quotes with ASCII apostrophes, which is what we reproduce.

export type Severity = 'error' | 'warning' | 'fatal error' | 'note';

/** Where a file was included from: `In file included from main.c:3:`. */
export interface IncludeSite {
  file: string;
  line: number;
}

export interface Diagnostic {
  file: string;
  /** 1-based; 0 prints the file alone (`cc1: ...` style messages). */
  line: number;
  /** 1-based display column (tabs to multiples of 8, as GCC 11+); 0 prints `file:line:` only. */
  column: number;
  severity: Severity;
  message: string;
  /** The include chain, innermost includer first, printed as GCC's `In file included from`. */
  includedFrom?: IncludeSite[];
  /** The function the diagnostic is in, printed as GCC's `main.c: In function 'main':`. */
  inFunction?: string;
}

/** GCC prints this after a fatal error and stops. */
export const COMPILATION_TERMINATED = 'compilation terminated.';

/** `main.c:12:5`, `main.c:12` (no column), `main.c` (no line). */
export function formatLocation(file: string, line: number, column: number): string {
  if (line <= 0) return file;
  return column > 0 ? `${file}:${line}:${column}` : `${file}:${line}`;
}

/** One diagnostic line: `main.c:12:5: error: 'x' undeclared (first use in this function)`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${formatLocation(d.file, d.line, d.column)}: ${d.severity}: ${d.message}`;
}

/**
 * GCC's include chain header: the innermost includer on the first line, outer ones aligned under
 * it, the last one ending in a colon:
 *   In file included from h1.h:2,
 *                    from main.c:1:
 */
export function formatIncludeChain(chain: readonly IncludeSite[]): string {
  return chain
    .map((site, i) => {
      const lead = i === 0 ? 'In file included from ' : '                 from ';
      const end = i === chain.length - 1 ? ':' : ',';
      return `${lead}${site.file}:${site.line}${end}`;
    })
    .join('\n');
}

/** GCC's function context line, printed when the function around the diagnostics changes. */
export function formatFunctionContext(file: string, functionName: string | undefined): string {
  return functionName === undefined
    ? `${file}: At top level:`
    : `${file}: In function '${functionName}':`;
}

function chainKey(d: Diagnostic): string {
  return [d.file, ...(d.includedFrom ?? []).map((s) => `${s.file}:${s.line}`)].join('|');
}

/**
 * The part of an include chain GCC 11+ still prints: each #include site is shown once per
 * compilation, and a chain stops at the first site already shown (diagnostic.c, includes_seen).
 * A site is identified by its whole path from the main file, as GCC's by its source location.
 */
function unseenIncludeChain(chain: readonly IncludeSite[], seen: Set<string>): IncludeSite[] {
  const shown: IncludeSite[] = [];
  for (let k = 0; k < chain.length; k++) {
    const key = chain
      .slice(k)
      .map((s) => `${s.file}:${s.line}`)
      .join('<');
    if (seen.has(key)) break;
    seen.add(key);
    shown.push(chain[k]!);
  }
  return shown;
}

/**
 * A whole diagnostics listing as GCC prints it: include chains when the file changes (each
 * #include site once), function context lines when the function changes, and
 * `compilation terminated.` after a fatal error, after which GCC prints nothing more.
 */
export function formatDiagnostics(list: readonly Diagnostic[]): string {
  const lines: string[] = [];
  const seenIncludes = new Set<string>();
  let lastChain = '';
  let lastFunction: string | undefined;
  let lastFunctionFile: string | undefined;
  for (const [i, d] of list.entries()) {
    const key = chainKey(d);
    if (key !== lastChain && d.includedFrom && d.includedFrom.length > 0) {
      const shown = unseenIncludeChain(d.includedFrom, seenIncludes);
      if (shown.length > 0) lines.push(formatIncludeChain(shown));
    }
    lastChain = key;
    if (d.severity !== 'note') {
      const file = contextFile(list, i);
      const functionChanged = d.inFunction !== lastFunction || file !== lastFunctionFile;
      // GCC prints "At top level:" only when leaving a function, never before the first message.
      if (functionChanged && (d.inFunction !== undefined || lastFunction !== undefined)) {
        lines.push(formatFunctionContext(file, d.inFunction));
      }
      lastFunction = d.inFunction;
      lastFunctionFile = file;
    }
    lines.push(formatDiagnostic(d));
    if (d.severity === 'fatal error') {
      lines.push(COMPILATION_TERMINATED);
      break;
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * The file GCC names in the function context line: for a diagnostic inside a macro expansion, the
 * file of the outermost expansion (the last of its "in expansion/definition of macro" notes), where
 * the function is, not the header the macro was written in (GCC 12 prints `main.c: In function
 * 'main':` before `myled.h:15:3: warning: ...`).
 */
function contextFile(list: readonly Diagnostic[], index: number): string {
  let file = list[index]!.file;
  for (let j = index + 1; j < list.length; j++) {
    const note = list[j]!;
    if (note.severity !== 'note' || !/^in (expansion|definition) of macro /.test(note.message))
      break;
    file = note.file;
  }
  return file;
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error' || d.severity === 'fatal error');
}

export function hasFatalError(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'fatal error');
}

/**
 * GCC 11+ reports display columns: a tab advances to the next multiple of 8
 * (-fdiagnostics-column-unit=display, -ftabstop=8). `index` is a 0-based offset into `lineText`.
 */
export function displayColumn(lineText: string, index: number, tabStop = 8): number {
  let column = 0;
  for (let i = 0; i < index && i < lineText.length; i++) {
    column = lineText[i] === '\t' ? (Math.floor(column / tabStop) + 1) * tabStop : column + 1;
  }
  return column + 1;
}

/** A source line as GCC shows it under a diagnostic: tabs expanded to multiples of 8. */
export function expandTabs(lineText: string, tabStop = 8): string {
  let out = '';
  for (const c of lineText) out += c === '\t' ? ' '.repeat(tabStop - (out.length % tabStop)) : c;
  return out;
}

/**
 * GCC's source quote under a diagnostic (-fdiagnostics-show-caret, on by default): the line
 * with a right-aligned line number in a gutter at least 5 wide, then a caret at the display
 * column with `~` under the rest of the token. A column of 0 leaves the caret line empty.
 *     3 | #include "xil_printf.h"
 *       |          ^~~~~~~~~~~~~~
 */
export function formatSourceQuote(
  lineText: string,
  line: number,
  column: number,
  length = 1,
): string[] {
  const width = Math.max(5, String(line).length);
  const gutter = `${' '.repeat(width)} | `;
  const caret =
    column > 0 ? `${' '.repeat(column - 1)}^${'~'.repeat(Math.max(0, length - 1))}` : '';
  return [`${String(line).padStart(width)} | ${expandTabs(lineText)}`, `${gutter}${caret}`];
}

// ---------------------------------------------------------------------------------------------
// GNU ld. Its messages come from ldmisc.c's %P (program name), %B (input object) and %H (source
// location, printing `obj: in function `f':` once per function) conversions; a link failure
// ends with collect2's summary line.

/** How the toolchain names its linker in messages; Xilinx's names its own install path. */
export const DEFAULT_LD = '/usr/bin/ld';

/** collect2's closing line after any ld error. */
export const LD_EXIT_STATUS = 'collect2: error: ld returned 1 exit status';

/** A place in an object file, as ld's %H prints it. */
export interface LinkSite {
  /** The object file, e.g. `main.o`. */
  object: string;
  /** The source file named by the object's symbol table (`main.c`); absent for no debug data. */
  source?: string;
  /** The source line from DWARF line info (-g); when present ld prints `src:line`. */
  line?: number;
  /** The section holding the reference, `.text` or `.data`. */
  section: string;
  /** The byte offset into that section. */
  offset: number;
  /** The function containing the site; absent for data. */
  function?: string;
}

/** ld's `(.text+0x14)`: offsets in lower-case hex. */
export function formatSectionOffset(section: string, offset: number): string {
  return `(${section}+0x${offset.toString(16)})`;
}

/** `main.c:(.text+0x14)` or, with line info, `main.c:12`; `n.o:(.data+0x0)` without a source. */
export function formatLinkSite(site: LinkSite, withObject = false): string {
  if (site.source === undefined)
    return `${site.object}:${formatSectionOffset(site.section, site.offset)}`;
  const where =
    site.line !== undefined
      ? `${site.source}:${site.line}`
      : `${site.source}:${formatSectionOffset(site.section, site.offset)}`;
  return withObject ? `${site.object}:${where}` : where;
}

/** `/usr/bin/ld: main.o: in function `main':` */
export function formatInFunction(object: string, functionName: string, ld = DEFAULT_LD): string {
  return `${ld}: ${object}: in function \`${functionName}':`;
}

export interface UndefinedReference {
  site: LinkSite;
  symbol: string;
}

/**
 * Undefined references as ld prints them. The `in function` header appears once per function;
 * the first reference under it has no `ld:` prefix (it continues the header's message), later
 * ones in the same function repeat the prefix, exactly as ld 2.40 does.
 */
export function formatUndefinedReferences(
  refs: readonly UndefinedReference[],
  ld = DEFAULT_LD,
): string[] {
  const lines: string[] = [];
  let lastHeader: string | undefined;
  for (const { site, symbol } of refs) {
    const message = `undefined reference to \`${symbol}'`;
    if (site.function === undefined || site.source === undefined) {
      lines.push(`${ld}: ${formatLinkSite(site)}: ${message}`);
      lastHeader = undefined;
      continue;
    }
    const header = `${site.object}\0${site.function}`;
    if (header !== lastHeader) {
      lines.push(formatInFunction(site.object, site.function, ld));
      lines.push(`${formatLinkSite(site)}: ${message}`);
      lastHeader = header;
    } else {
      lines.push(`${ld}: ${formatLinkSite(site)}: ${message}`);
    }
  }
  return lines;
}

/**
 * `multiple definition of `name'; first defined here`, as ld prints it: for a function the
 * second definition gets an `in function` header and the first definition names its object and
 * source (`q.o:q.c:(.text+0x0)`); for data both sites are `obj:(.data+0x0)`.
 */
export function formatMultipleDefinition(
  symbol: string,
  second: LinkSite,
  first: LinkSite,
  ld = DEFAULT_LD,
): string[] {
  const tail = `multiple definition of \`${symbol}'; ${formatLinkSite(first, true)}: first defined here`;
  if (second.function !== undefined && second.source !== undefined) {
    return [
      formatInFunction(second.object, second.function, ld),
      `${formatLinkSite(second)}: ${tail}`,
    ];
  }
  return [`${ld}: ${formatLinkSite(second)}: ${tail}`];
}
