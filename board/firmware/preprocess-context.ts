/**
 * The preprocessor's shared state for one translation unit: the macro table, the stack of open
 * files with their conditionals, the diagnostics, and the token sources that expansion reads
 * from. preprocess.ts drives it; preprocess-expand.ts (macro expansion) and
 * preprocess-directives.ts (directives, conditionals, includes) work on it.
 */
import type { Diagnostic, IncludeSite } from './diagnostics.ts';
import type { Position } from './preprocess-expr.ts';
import { lex } from './preprocess-lex.ts';
import type { PpToken } from './preprocess-lex.ts';
import {
  ARM_NONE_EABI_PREDEFINED,
  BUILTIN_NAMES,
  hideSetAlgebra,
  parseDefine,
  sameDefinition,
} from './preprocess-macros.ts';
import type { HideSet, MacroDefinition, Tok } from './preprocess-macros.ts';
import { createOutputWriter, type OutputWriter } from './preprocess-output.ts';
import type { SourceFile, Vfs } from './vfs.ts';

export interface PreprocessOptions {
  /** `-D`: key `NAME` or `NAME(params)`, value the replacement list (GCC's `-DNAME` is '1'). */
  defines?: Record<string, string>;
  /** `-U`: names removed after the predefined and command-line macros. */
  undefines?: string[];
  /** Define arm-none-eabi-gcc's predefined macros (default true). */
  predefined?: boolean;
  /** `__DATE__`, fixed so output is reproducible (GCC's shape: "Mmm dd yyyy"). */
  date?: string;
  /** `__TIME__`, fixed so output is reproducible. */
  time?: string;
  /** GCC's -fmax-include-depth, 200 by default. */
  maxIncludeDepth?: number;
}

export interface Conditional {
  /** The directive that last changed this conditional, for `unterminated #...`. */
  directive: string;
  line: number;
  /** Some group of this conditional has been (or is being) processed. */
  taken: boolean;
  sawElse: boolean;
}

export interface OpenFile {
  file: SourceFile;
  tokens: Tok[];
  pos: number;
  lineCount: number;
  lineEnds: number[];
  conditionals: Conditional[];
  /** The #include that opened this file; absent for the main file. */
  site?: IncludeSite;
  /** After `#line`: added to physical line numbers for __LINE__ and diagnostics. */
  lineDelta: number;
  presumedName: string;
}

export interface TokenSource {
  /** Tokens to read before the source itself, last first. */
  pending: Tok[];
  readRaw(): Tok;
  /** Whether a directive comes next (only a file has directives). */
  directiveNext?(): boolean;
}

const DEFAULT_MAX_INCLUDE_DEPTH = 200;

export function eofToken(line: number, column = 1): Tok {
  return {
    kind: 'eof',
    text: '',
    line,
    column,
    atLineStart: true,
    spaceBefore: false,
    unterminated: undefined,
    hide: undefined,
    placemarker: false,
  };
}

export const endOf = (t: PpToken): Position => ({ line: t.line, column: t.column + t.text.length });

export interface PreprocessContext {
  readonly vfs: Vfs;
  readonly entryPath: string;
  readonly options: PreprocessOptions;
  readonly diagnostics: Diagnostic[];
  readonly macros: Map<string, MacroDefinition>;
  /** Every file read through #include, by resolved path, in order of first inclusion. */
  readonly includes: string[];
  readonly included: Set<string>;
  /** Files marked `#pragma once`. */
  readonly onceFiles: Set<string>;
  /** The open files, the main file first. */
  readonly stack: OpenFile[];
  readonly maxDepth: number;
  /** A fatal error (a missing header) stops the translation unit. */
  fatal: boolean;
  /** `__COUNTER__`'s next value. */
  counter: number;
  /** The token GCC's lexer read last, where it reports problems found during expansion. */
  lastLexed: Tok | null;
  readonly output: OutputWriter;
  addToHideSet(set: HideSet | undefined, name: string): HideSet;
  unionHideSets(a: HideSet | undefined, b: HideSet): HideSet;
  /** Reports at `at` in the current file (or `file`), with the chain of #includes that led there. */
  /**
   * A diagnostic at `at` in the file being read, or in `file` (a macro's definition), whose
   * include chain is then `includedFrom` (the chain when the macro was defined).
   */
  report(
    at: Position,
    severity: Diagnostic['severity'],
    message: string,
    file?: string,
    includedFrom?: IncludeSite[],
  ): void;
  /** `#define` from a directive's tokens (C11 6.10.3p2: a redefinition must be identical). */
  define(tokens: PpToken[], directive: PpToken, file: string): void;
  listSource(tokens: readonly Tok[], end: Position, lexing: boolean): TokenSource;
  read(src: TokenSource): Tok;
  pushBack(src: TokenSource, tokens: readonly Tok[]): void;
}

/** The state at the start of a translation unit: built-in, predefined and `-D` macros defined. */
export function createContext(
  vfs: Vfs,
  entryPath: string,
  options: PreprocessOptions,
): PreprocessContext {
  const diagnostics: Diagnostic[] = [];
  const macros = new Map<string, MacroDefinition>();
  const stack: OpenFile[] = [];
  const hideSets = hideSetAlgebra();

  function includeChain(): IncludeSite[] {
    const chain: IncludeSite[] = [];
    for (let k = stack.length - 1; k > 0; k--) chain.push(stack[k]!.site!);
    return chain;
  }

  function report(
    at: Position,
    severity: Diagnostic['severity'],
    message: string,
    file?: string,
    includedFrom?: IncludeSite[],
  ): void {
    const top = stack[stack.length - 1];
    // After #line, GCC reports the presumed file and line (C11 6.10.4); the line map does not
    // change, since it maps to where the text really is.
    const here = file === undefined && top !== undefined;
    const d: Diagnostic = {
      file: file ?? top?.presumedName ?? entryPath,
      line: here && at.line > 0 ? at.line + top.lineDelta : at.line,
      column: at.column,
      severity,
      message,
    };
    const chain = file === undefined ? includeChain() : (includedFrom ?? includeChain());
    if (chain.length > 0) d.includedFrom = chain;
    diagnostics.push(d);
  }

  // ---- macro table ---------------------------------------------------------------------------
  function define(tokens: PpToken[], directive: PpToken, file: string): void {
    const parsed = parseDefine(tokens, directive, file);
    if ('problem' in parsed) {
      report(parsed.problem.at, parsed.problem.severity, parsed.problem.message);
      return;
    }
    for (const w of parsed.warnings) report(w.at, w.severity, w.message);
    const macro = parsed.macro;
    const chain = includeChain();
    if (chain.length > 0) macro.includedFrom = chain;
    const previous = macros.get(macro.name);
    if (previous && !sameDefinition(previous, macro)) {
      if (previous.builtin) {
        report(
          { line: macro.line, column: 0 },
          'warning',
          `"${macro.name}" redefined [-Wbuiltin-macro-redefined]`,
        );
      } else {
        // GCC 12 prints both of these with a line but no column.
        report({ line: macro.line, column: 0 }, 'warning', `"${macro.name}" redefined`);
        report(
          { line: previous.line, column: 0 },
          'note',
          'this is the location of the previous definition',
          previous.file,
          previous.includedFrom ?? [],
        );
      }
    }
    macros.set(macro.name, macro);
  }

  function defineFromText(text: string, file: string): void {
    const tokens = lex(`#define ${text}\n`).tokens;
    define(tokens.slice(2, -1), tokens[1]!, file);
  }

  /**
   * Reads a list of tokens, then an end-of-file token at `end`. A directive's own tokens are
   * read as GCC's lexer reads them (`lexing` true): see `lastLexed`.
   */
  function listSource(tokens: readonly Tok[], end: Position, lexing: boolean): TokenSource {
    const eof = eofToken(end.line, end.column);
    let next = 0;
    return {
      pending: [],
      readRaw: () => {
        const t = next < tokens.length ? tokens[next++]! : eof;
        if (lexing) pp.lastLexed = t;
        return t;
      },
    };
  }

  function read(src: TokenSource): Tok {
    return src.pending.length > 0 ? src.pending.pop()! : src.readRaw();
  }

  function pushBack(src: TokenSource, tokens: readonly Tok[]): void {
    for (let k = tokens.length - 1; k >= 0; k--) src.pending.push(tokens[k]!);
  }

  const pp: PreprocessContext = {
    vfs,
    entryPath,
    options,
    diagnostics,
    macros,
    includes: [],
    included: new Set(),
    onceFiles: new Set(),
    stack,
    maxDepth: options.maxIncludeDepth ?? DEFAULT_MAX_INCLUDE_DEPTH,
    fatal: false,
    counter: 0,
    lastLexed: null,
    output: createOutputWriter(),
    addToHideSet: hideSets.add,
    unionHideSets: hideSets.union,
    report,
    define,
    listSource,
    read,
    pushBack,
  };

  for (const name of BUILTIN_NAMES) {
    macros.set(name, {
      name,
      params: null,
      variadic: false,
      body: [],
      bodyParams: [],
      file: '<built-in>',
      line: 0,
      column: 0,
      builtin: name,
    });
  }
  if (options.predefined !== false) {
    for (const [name, value] of ARM_NONE_EABI_PREDEFINED)
      defineFromText(`${name} ${value}`, '<built-in>');
  }
  for (const [name, value] of Object.entries(options.defines ?? {})) {
    defineFromText(`${name} ${value}`, '<command-line>');
  }
  for (const name of options.undefines ?? []) macros.delete(name);
  return pp;
}
