// The C preprocessor (translation phase 4, C11 5.1.1.2 and 6.10) for learners' bare-metal
// firmware. It reads from a virtual include tree, expands macros with Prosser's hide-set
// algorithm (the "painted blue" rule of C11 6.10.3.4p2), and writes preprocessed C that keeps
// one output line per source line, so a downstream parser can map any node back to file:line.
// Messages, their wording and their columns follow GCC 12's libcpp.

import type { Diagnostic, IncludeSite } from './diagnostics.ts';
import { evaluateCondition } from './preprocess-expr.ts';
import type { Position } from './preprocess-expr.ts';
import { lex, punctuatorOf } from './preprocess-lex.ts';
import type { PpToken } from './preprocess-lex.ts';
import {
  ARM_NONE_EABI_PREDEFINED,
  BUILTIN_NAMES,
  hideSetAlgebra,
  intersectHideSets,
  macroNameProblem,
  parseDefine,
  VA_ARGS_MISUSE,
  retok,
  sameDefinition,
  tokFrom,
} from './preprocess-macros.ts';
import type { HideSet, MacroDefinition, Tok } from './preprocess-macros.ts';
import { createOutputWriter } from './preprocess-output.ts';
import type { PreprocessedText } from './preprocess-output.ts';
import type { SourceFile, Vfs } from './vfs.ts';

export type { MacroDefinition } from './preprocess-macros.ts';
export { locateOutput } from './preprocess-output.ts';
export type { LineOrigin } from './preprocess-output.ts';

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

/**
 * `text` is the preprocessed C: output line i (0-based) came from `lineMap[i]`; `columnMap`
 * maps each token's output column to its source column (see preprocess-output.ts).
 */
export interface PreprocessResult extends PreprocessedText {
  diagnostics: Diagnostic[];
  /** Every file read through #include, by resolved path, in order of first inclusion. */
  includes: string[];
  /** The macro table at the end of the translation unit. */
  macros: ReadonlyMap<string, MacroDefinition>;
}

/** Where a macro in the final table was defined, for tools and tests. */
export function macroDefinedAt(
  result: PreprocessResult,
  name: string,
): { file: string; line: number; column: number } | undefined {
  const m = result.macros.get(name);
  return m && !m.builtin ? { file: m.file, line: m.line, column: m.column } : undefined;
}

interface Conditional {
  /** The directive that last changed this conditional, for `unterminated #...`. */
  directive: string;
  line: number;
  /** Some group of this conditional has been (or is being) processed. */
  taken: boolean;
  sawElse: boolean;
}

interface OpenFile {
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

/** One macro invocation: its name token, arguments as written and closing parenthesis. */
interface Invocation {
  name: Tok;
  args: Tok[][];
  close: Tok | null;
  /**
   * The variable arguments were left out entirely (`D(fmt)`, or `V()` for `V(...)`): only then
   * does GCC's `, ## __VA_ARGS__` drop the comma; `D(fmt,)` keeps it.
   */
  vaOmitted: boolean;
}

interface TokenSource {
  /** Tokens to read before the source itself, last first. */
  pending: Tok[];
  readRaw(): Tok;
  /** Whether a directive comes next (only a file has directives). */
  directiveNext?(): boolean;
}

const CONDITIONAL_OPENERS = new Set(['if', 'ifdef', 'ifndef']);
const CONDITIONAL_BRANCHES = new Set(['elif', 'elifdef', 'elifndef', 'else']);
const DEFAULT_MAX_INCLUDE_DEPTH = 200;

function eofToken(line: number, column = 1): Tok {
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

/** C11 6.10.3.3p2's placemarker; removed before a replacement list is rescanned. */
const PLACEMARKER: Tok = { ...eofToken(0), kind: 'other', atLineStart: false, placemarker: true };

/** C11 6.10.3.2p2: `"` and `\` in string literals and character constants get a backslash. */
export function stringize(tokens: readonly PpToken[]): string {
  let s = '';
  tokens.forEach((t, i) => {
    if (i > 0 && (t.spaceBefore || t.atLineStart)) s += ' ';
    s += t.kind === 'string' || t.kind === 'char' ? t.text.replace(/[\\"]/g, '\\$&') : t.text;
  });
  return `"${s}"`;
}

function quoteFileName(name: string): string {
  return `"${name.replace(/[\\"]/g, '\\$&')}"`;
}

export function preprocess(
  vfs: Vfs,
  entryPath: string,
  options: PreprocessOptions = {},
): PreprocessResult {
  const diagnostics: Diagnostic[] = [];
  const macros = new Map<string, MacroDefinition>();
  const includes: string[] = [];
  const included = new Set<string>();
  const onceFiles = new Set<string>();
  const stack: OpenFile[] = [];
  const maxDepth = options.maxIncludeDepth ?? DEFAULT_MAX_INCLUDE_DEPTH;
  let fatal = false;
  let counter = 0;
  // The token GCC's lexer read last, where it reports problems found during expansion.
  let lastLexed: Tok | null = null;
  const hideSets = hideSetAlgebra();
  const addToHideSet = hideSets.add;
  const unionHideSets = hideSets.union;

  const output = createOutputWriter();

  function emit(t: Tok): void {
    if (t.unterminated) {
      // As `gcc -c` prints it: the preprocessor warns, then the compiler proper rejects it.
      const message = `missing terminating ${t.unterminated} character`;
      report(t, 'warning', message);
      report(t, 'error', message);
    }
    output.emit(t, t.hide !== undefined);
  }

  // ---- diagnostics ----------------------------------------------------------------------------
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
    const chain = includeChain();
    if (chain.length > 0) d.includedFrom = chain;
    diagnostics.push(d);
  }

  const endOf = (t: PpToken): Position => ({ line: t.line, column: t.column + t.text.length });

  // ---- macro table ---------------------------------------------------------------------------
  function define(tokens: PpToken[], directive: PpToken, file: string): void {
    const parsed = parseDefine(tokens, directive, file);
    if ('problem' in parsed) {
      report(parsed.problem.at, parsed.problem.severity, parsed.problem.message);
      return;
    }
    for (const w of parsed.warnings) report(w.at, w.severity, w.message);
    const macro = parsed.macro;
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
        );
      }
    }
    macros.set(macro.name, macro);
  }

  function defineFromText(text: string, file: string): void {
    const tokens = lex(`#define ${text}\n`).tokens;
    define(tokens.slice(2, -1), tokens[1]!, file);
  }

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

  // ---- reading tokens, with directives ------------------------------------------------------
  const fileSource: TokenSource = {
    pending: [],
    directiveNext(): boolean {
      const f = stack[stack.length - 1]!;
      const t = f.tokens[f.pos]!;
      return t.atLineStart && punctuatorOf(t) === '#';
    },
    readRaw(): Tok {
      for (;;) {
        const f = stack[stack.length - 1]!;
        const t = f.tokens[f.pos]!;
        if (fatal) return eofToken(t.line);
        if (t.kind === 'eof') return t;
        f.pos++;
        if (t.atLineStart && punctuatorOf(t) === '#') {
          directive(f, t);
          continue;
        }
        // GCC's lexer warns wherever __VA_ARGS__ is spelled outside a variadic macro.
        if (t.kind === 'identifier' && t.text === '__VA_ARGS__')
          report(t, 'warning', VA_ARGS_MISUSE);
        lastLexed = t;
        return t;
      }
    },
  };

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
        if (lexing) lastLexed = t;
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

  // ---- macro expansion (C11 6.10.3.1-6.10.3.4) ----------------------------------------------
  /** The next token of `src` with every macro expanded. In #if, `defined` is evaluated too. */
  function expandNext(src: TokenSource, inCondition: boolean): Tok {
    for (;;) {
      const t = read(src);
      if (t.kind !== 'identifier') return t;
      if (inCondition && t.text === 'defined') return evaluateDefined(src, t);
      if (inCondition && (t.text === '__has_include' || t.text === '__has_include_next')) {
        return evaluateHasInclude(src, t);
      }
      if (!inCondition && t.text === '_Pragma') {
        // C11 6.10.9: _Pragma("...") is a #pragma; pragmas other than once are ignored here.
        if (discardPragmaOperator(src, t)) continue;
        return t;
      }
      const macro = macros.get(t.text);
      if (macro === undefined || (t.hide !== undefined && t.hide.has(t.text))) return t;
      if (macro.builtin) {
        src.pending.push(expandBuiltin(macro, t));
        continue;
      }
      if (macro.params === null) {
        const call: Invocation = { name: t, args: [], close: null, vaOmitted: false };
        pushBack(src, substitute(macro, call, addToHideSet(t.hide, macro.name), inCondition));
        continue;
      }
      // C11 6.10.3p10: a function-like macro name not followed by `(` is not an invocation.
      // GCC does not look for the `(` past a directive: the name stays, the directive runs.
      if (src.pending.length === 0 && src.directiveNext?.()) return t;
      const next = read(src);
      if (punctuatorOf(next) !== '(') {
        src.pending.push(next);
        return t;
      }
      const collected = collectArguments(src, macro, t);
      if (collected === null) return t;
      const hide = addToHideSet(intersectHideSets(t.hide, collected.close!.hide), macro.name);
      pushBack(src, substitute(macro, collected, hide, inCondition));
    }
  }

  function expandBuiltin(macro: MacroDefinition, at: Tok): Tok {
    const f = stack[stack.length - 1]!;
    const make = (kind: PpToken['kind'], text: string): Tok => ({
      kind,
      text,
      line: at.line,
      column: at.column,
      atLineStart: false,
      spaceBefore: at.spaceBefore,
      unterminated: undefined,
      hide: addToHideSet(at.hide, macro.name),
      placemarker: false,
    });
    switch (macro.builtin) {
      case '__LINE__':
        return make('number', String(at.line + f.lineDelta));
      case '__FILE__':
        return make('string', quoteFileName(f.presumedName));
      case '__BASE_FILE__':
        return make('string', quoteFileName(entryPath));
      case '__DATE__':
        return make('string', `"${options.date ?? 'Jan  1 2025'}"`);
      case '__TIME__':
        return make('string', `"${options.time ?? '00:00:00'}"`);
      case '__COUNTER__':
        return make('number', String(counter++));
      default:
        return make('number', String(stack.length - 1));
    }
  }

  /**
   * Reads the arguments of an invocation whose `(` has been read (C11 6.10.3p11): commas inside
   * nested parentheses do not separate, and the variadic parameter takes the remaining commas.
   */
  function collectArguments(
    src: TokenSource,
    macro: MacroDefinition,
    nameTok: Tok,
  ): Invocation | null {
    const params = macro.params!;
    const args: Tok[][] = [[]];
    let depth = 0;
    for (;;) {
      const t = read(src);
      if (t.kind === 'eof') {
        report(t, 'error', `unterminated argument list invoking macro "${macro.name}"`);
        src.pending.push(t);
        return null;
      }
      const p = punctuatorOf(t);
      if (p === '(') depth++;
      else if (p === ')') {
        if (depth === 0) {
          if (!checkArgumentCount(macro, args, t)) return null;
          let vaOmitted = params.length === 1 && macro.variadic && args[0]!.length === 0;
          if (macro.variadic && args.length === params.length - 1) {
            args.push([]);
            vaOmitted = true;
          }
          return { name: nameTok, args, close: t, vaOmitted };
        }
        depth--;
      } else if (p === ',' && depth === 0 && !(macro.variadic && args.length === params.length)) {
        args.push([]);
        continue;
      }
      // A newline inside an invocation is white space (C11 6.10.3p10).
      args[args.length - 1]!.push(
        t.atLineStart && !t.spaceBefore ? retok(t, { spaceBefore: true }) : t,
      );
    }
  }

  function checkArgumentCount(macro: MacroDefinition, args: Tok[][], close: Tok): boolean {
    const expected = macro.params!.length;
    let given = args.length;
    // `m()` passes one empty argument, which is no argument at all for `#define m()`.
    if (expected === 0 && given === 1 && args[0]!.length === 0) given = 0;
    const minimum = macro.variadic ? expected - 1 : expected;
    let message = '';
    if (given < minimum) {
      message = `macro "${macro.name}" requires ${expected} arguments, but only ${given} given`;
    } else if (!macro.variadic && given > expected) {
      message = `macro "${macro.name}" passed ${given} arguments, but takes just ${expected}`;
    }
    if (message === '') return true;
    // GCC reports at its lexer's position: the `)` itself, or for an invocation found while
    // expanding an argument, the last token read from the file.
    report(lastLexed ?? close, 'error', message);
    report(
      { line: macro.line, column: 0 },
      'note',
      `macro "${macro.name}" defined here`,
      macro.file,
    );
    return false;
  }

  /** C11 6.10.3.4p1 applies to each argument alone first: "as if it formed the rest of the file". */
  function expandArgument(tokens: readonly Tok[], inCondition: boolean): Tok[] {
    const last = tokens[tokens.length - 1];
    const src = listSource(tokens, last ? endOf(last) : { line: 0, column: 0 }, false);
    const out: Tok[] = [];
    for (let t = expandNext(src, inCondition); t.kind !== 'eof'; t = expandNext(src, inCondition))
      out.push(t);
    return out;
  }

  /** C11 6.10.3.3: `##` joins two tokens into one, which must be a valid token. */
  /** C11 6.10.3.3: `##` joins two tokens into one; null when that is not one valid token. */
  function paste(left: Tok, right: Tok): Tok | null {
    if (left.placemarker) return right;
    if (right.placemarker) return left;
    const text = left.text + right.text;
    const lexed = lex(text);
    const valid =
      lexed.tokens.length === 2 && lexed.problems.length === 0 && !lexed.tokens[0]!.unterminated;
    if (!valid) return null;
    const kind = lexed.tokens[0]!.kind;
    return retok(left, { kind, text, hide: intersectHideSets(left.hide, right.hide) });
  }

  /**
   * Builds a replacement list with its arguments substituted (C11 6.10.3.1-6.10.3.3): `#` and
   * `##` operands use the argument as written, other parameters the fully expanded argument.
   * Every result token is placed at the invocation and painted with `hide`.
   */
  function substitute(
    macro: MacroDefinition,
    call: Invocation,
    hide: HideSet,
    inCondition: boolean,
  ): Tok[] {
    const { args, name: inv } = call;
    const body = macro.body;
    const out: Tok[] = [];
    const expanded: Array<Tok[] | undefined> = [];
    const expandedArg = (k: number): Tok[] =>
      (expanded[k] ??= expandArgument(args[k]!, inCondition));
    const vaIndex = macro.variadic ? macro.params!.length - 1 : -1;
    const vaArgs = vaIndex >= 0 ? args[vaIndex]! : [];
    let vaOptClose = -1;
    for (let i = 0; i < body.length; i++) {
      const t = body[i]!;
      const param = macro.bodyParams[i]!;
      const p = punctuatorOf(t);
      if (i === vaOptClose) {
        vaOptClose = -1;
        continue;
      }
      if (macro.params && p === '#' && i + 1 < body.length) {
        // C11 6.10.3.2: `# param` becomes a string literal of the argument's spelling.
        const raw = args[macro.bodyParams[i + 1]!] ?? [];
        let text = stringize(raw);
        // GCC: a string ending in a lone backslash would escape its closing quote.
        if (/(^|[^\\])(\\\\)*\\"$/.test(text)) {
          report(call.close ?? inv, 'warning', "invalid string literal, ignoring final '\\'");
          text = `${text.slice(0, -2)}"`;
        }
        out.push(retok(inv, { kind: 'string', text, spaceBefore: t.spaceBefore, hide: undefined }));
        i++;
        continue;
      }
      if (p === '##') {
        const leftInBody = body[i - 1]!;
        const rightTok = body[i + 1]!;
        const rightParam = macro.bodyParams[i + 1]!;
        i++;
        // GNU extension: `, ## __VA_ARGS__` drops the comma when the variable arguments are left
        // out, and otherwise leaves comma and arguments unpasted (GCC manual, "Variadic Macros").
        if (
          rightParam === vaIndex &&
          rightParam >= 0 &&
          punctuatorOf(out[out.length - 1] ?? inv) === ',' &&
          out.length > 0
        ) {
          if (call.vaOmitted) out.pop();
          else out.push(...vaArgs);
          continue;
        }
        const right: Tok[] = rightParam >= 0 ? args[rightParam]!.slice() : [rightTok];
        if (right.length === 0) right.push(PLACEMARKER);
        const left = out.pop() ?? PLACEMARKER;
        const pasted = paste(left, right[0]!);
        if (pasted) {
          out.push(pasted, ...right.slice(1));
          continue;
        }
        // GCC points at the left operand where it is spelled, then at the other end of the
        // macro: the definition for an argument, the invocation for the replacement list. Both
        // tokens stay, unpasted.
        const message = `pasting "${left.text}" and "${right[0]!.text}" does not give a valid preprocessing token`;
        if (macro.bodyParams[i - 2]! >= 0) {
          report(left, 'error', message);
          report(leftInBody, 'note', `in definition of macro '${macro.name}'`, macro.file);
        } else {
          report(left, 'error', message, macro.file);
          report(inv, 'note', `in expansion of macro '${macro.name}'`);
        }
        out.push(left, retok(right[0]!, { spaceBefore: false }), ...right.slice(1));
        continue;
      }
      if (t.text === '__VA_OPT__' && macro.variadic && punctuatorOf(body[i + 1] ?? t) === '(') {
        // C23 6.10.4.1 (a GCC extension before C23): the group appears only when there are
        // variable arguments.
        let depth = 0;
        let close = i + 1;
        for (; close < body.length; close++) {
          const q = punctuatorOf(body[close]!);
          if (q === '(') depth++;
          else if (q === ')' && --depth === 0) break;
        }
        // GCC 12 follows C23: the test is whether __VA_ARGS__ expands to no tokens at all.
        if (expandedArg(vaIndex).length === 0) {
          out.push(PLACEMARKER);
          i = close;
        } else {
          vaOptClose = close;
          i++;
        }
        continue;
      }
      if (param >= 0) {
        const nextIsPaste = punctuatorOf(body[i + 1] ?? t) === '##' && i + 1 < body.length;
        let tokens: Tok[];
        if (nextIsPaste) {
          tokens = args[param]!.length === 0 ? [PLACEMARKER] : args[param]!;
        } else {
          tokens = expandedArg(param);
        }
        tokens.forEach((a, k) => out.push(k === 0 ? retok(a, { spaceBefore: t.spaceBefore }) : a));
        continue;
      }
      out.push(t);
    }
    const result: Tok[] = [];
    for (const t of out) {
      if (t.placemarker) continue;
      result.push({
        kind: t.kind,
        text: t.text,
        line: inv.line,
        column: inv.column,
        atLineStart: false,
        spaceBefore: result.length === 0 ? inv.spaceBefore : t.spaceBefore,
        unterminated: t.unterminated,
        hide: unionHideSets(t.hide, hide),
        placemarker: false,
      });
    }
    return result;
  }

  /** C11 6.10.1p1: `defined X` and `defined ( X )`, read without expanding X. */
  function evaluateDefined(src: TokenSource, at: Tok): Tok {
    let t = read(src);
    const parenthesized = punctuatorOf(t) === '(';
    if (parenthesized) t = read(src);
    const result = (value: boolean): Tok => retok(at, { kind: 'number', text: value ? '1' : '0' });
    if (t.kind !== 'identifier') {
      report(t, 'error', 'operator "defined" requires an identifier');
      if (t.kind !== 'eof') src.pending.push(t);
      return retok(at, { kind: 'other' });
    }
    if (parenthesized) {
      const close = read(src);
      if (punctuatorOf(close) !== ')') {
        report(close, 'error', 'missing \')\' after "defined"');
        src.pending.push(close);
        return retok(at, { kind: 'other' });
      }
    }
    return result(
      macros.has(t.text) || t.text === '__has_include' || t.text === '__has_include_next',
    );
  }

  /** GCC's __has_include("x.h") / __has_include(<x.h>) (C23 6.10.1). */
  function evaluateHasInclude(src: TokenSource, at: Tok): Tok {
    const failed: Tok = retok(at, { kind: 'other' });
    const open = read(src);
    if (punctuatorOf(open) !== '(') {
      report(open, 'error', `missing '(' before "${at.text}" operand`);
      src.pending.push(open);
      return failed;
    }
    const name = read(src);
    let found = false;
    const f = stack[stack.length - 1]!;
    if (name.kind === 'string') {
      found = vfs.resolveQuoted(name.text.slice(1, -1), f.file.path) !== undefined;
    } else if (punctuatorOf(name) === '<') {
      let spelled = '';
      for (let t = read(src); punctuatorOf(t) !== '>'; t = read(src)) {
        if (t.kind === 'eof') {
          report(t, 'error', `missing terminating > character`);
          return failed;
        }
        spelled += t.text;
      }
      found = vfs.resolveAngled(spelled) !== undefined;
    } else {
      report(name, 'error', `operator "${at.text}" requires a header-name`);
      return failed;
    }
    const close = read(src);
    if (punctuatorOf(close) !== ')') {
      report(close, 'error', `missing ')' after "${at.text}" operand`);
      src.pending.push(close);
    }
    return retok(at, { kind: 'number', text: found ? '1' : '0' });
  }

  function discardPragmaOperator(src: TokenSource, at: Tok): boolean {
    const open = read(src);
    if (punctuatorOf(open) !== '(') {
      src.pending.push(open);
      report(at, 'error', '_Pragma takes a parenthesized string literal');
      return false;
    }
    const text = read(src);
    const close = read(src);
    if (text.kind !== 'string' || punctuatorOf(close) !== ')') {
      report(at, 'error', '_Pragma takes a parenthesized string literal');
      return true;
    }
    const body = text.text.slice(text.text.indexOf('"') + 1, -1).replace(/\\(["\\])/g, '$1');
    if (body.trim() === 'once') onceFiles.add(stack[stack.length - 1]!.file.path);
    return true;
  }

  // ---- directives (C11 6.10) ----------------------------------------------------------------
  function directive(f: OpenFile, _hash: PpToken): void {
    let end = f.pos;
    while (!f.tokens[end]!.atLineStart) end++;
    const line = f.tokens.slice(f.pos, end);
    f.pos = end;
    const nameTok = line[0];
    // C11 6.10.7: a lone `#` is the null directive.
    if (nameTok === undefined) return;
    const rest = line.slice(1);
    const last = line[line.length - 1]!;
    const lineEnd: Position = {
      line: last.line,
      column: f.lineEnds[last.line] ?? endOf(last).column,
    };
    if (nameTok.kind === 'number') {
      // GCC's linemarker `# 33 "file"`, the form it writes itself in -E output.
      lineDirective(f, nameTok, line, lineEnd);
      return;
    }
    switch (nameTok.kind === 'identifier' ? nameTok.text : '') {
      case 'define':
        define(rest, nameTok, f.file.path);
        return;
      case 'undef':
        undefine(nameTok, rest);
        return;
      case 'include':
      case 'include_next':
      case 'import':
        include(f, nameTok, rest);
        return;
      case 'if':
        openConditional(f, nameTok, evaluate(rest, lineEnd, 'if') === true);
        return;
      case 'ifdef':
      case 'ifndef': {
        const defined = macroTest(nameTok, rest);
        openConditional(
          f,
          nameTok,
          defined === null ? false : defined === (nameTok.text === 'ifdef'),
        );
        return;
      }
      case 'elif':
      case 'elifdef':
      case 'elifndef':
        elif(f, nameTok, rest, lineEnd);
        return;
      case 'else':
        elseDirective(f, nameTok, rest);
        return;
      case 'endif': {
        if (f.conditionals.length === 0) {
          report(nameTok, 'error', '#endif without #if');
          return;
        }
        extraTokens(rest, 'endif');
        f.conditionals.pop();
        return;
      }
      case 'error':
        // GCC prints the directive's tokens with each run of white space made one space.
        report(nameTok, 'error', `#error ${spell(rest)}`);
        return;
      case 'warning':
        report(nameTok, 'warning', `#warning ${spell(rest)} [-Wcpp]`);
        return;
      case 'pragma':
        if (rest.length === 1 && rest[0]!.text === 'once') {
          if (stack.length === 1) report(nameTok, 'warning', '#pragma once in main file');
          onceFiles.add(f.file.path);
        }
        return;
      case 'line':
        lineDirective(f, nameTok, rest, lineEnd);
        return;
      case 'ident':
      case 'sccs':
        return;
      default:
        report(nameTok, 'error', `invalid preprocessing directive #${nameTok.text}`);
    }
  }

  function spell(tokens: readonly PpToken[]): string {
    return tokens.map((t, i) => (i > 0 && t.spaceBefore ? ' ' : '') + t.text).join('');
  }

  function extraTokens(rest: readonly PpToken[], name: string): void {
    if (rest.length === 0) return;
    const flag = name === 'else' || name === 'endif' ? ' [-Wendif-labels]' : '';
    report(rest[0]!, 'warning', `extra tokens at end of #${name} directive${flag}`);
  }

  function undefine(nameTok: PpToken, rest: Tok[]): void {
    const target = rest[0];
    if (!target) {
      report(endOf(nameTok), 'error', 'no macro name given in #undef directive');
      return;
    }
    const problem = macroNameProblem(target);
    if (problem) {
      report(target, 'error', problem);
      return;
    }
    extraTokens(rest.slice(1), 'undef');
    const macro = macros.get(target.text);
    if (macro?.builtin) report(target, 'warning', `undefining "${target.text}"`);
    macros.delete(target.text);
  }

  /** #ifdef / #ifndef / #elifdef / #elifndef: whether the name is defined, or null on error. */
  function macroTest(nameTok: PpToken, rest: Tok[]): boolean | null {
    const target = rest[0];
    if (!target) {
      report(endOf(nameTok), 'error', `no macro name given in #${nameTok.text} directive`);
      return null;
    }
    const problem = macroNameProblem(target);
    if (problem) {
      report(target, 'error', problem);
      return null;
    }
    extraTokens(rest.slice(1), nameTok.text);
    return macros.has(target.text) || target.text === '__has_include';
  }

  /** Expands a #if line and evaluates it; null after an error (the group is then skipped). */
  function evaluate(rest: Tok[], lineEnd: Position, directive: string): boolean | null {
    if (rest.length === 0) {
      report(lineEnd, 'error', `#${directive} with no expression`);
      return null;
    }
    for (const t of rest) {
      if (t.unterminated) report(t, 'warning', `missing terminating ${t.unterminated} character`);
    }
    const errorsBefore = diagnostics.length;
    const src = listSource(rest, lineEnd, true);
    const tokens: Tok[] = [];
    for (let t = expandNext(src, true); t.kind !== 'eof'; t = expandNext(src, true)) tokens.push(t);
    if (diagnostics.slice(errorsBefore).some((d) => d.severity === 'error')) return null;
    return evaluateCondition(
      tokens,
      lineEnd,
      (at, severity, message) => report(at, severity, message),
      directive,
    );
  }

  function openConditional(f: OpenFile, nameTok: PpToken, taken: boolean): void {
    f.conditionals.push({ directive: nameTok.text, line: nameTok.line, taken, sawElse: false });
    if (!taken) skipGroup(f);
  }

  function elif(f: OpenFile, nameTok: PpToken, rest: Tok[], lineEnd: Position): void {
    const c = f.conditionals[f.conditionals.length - 1];
    if (!c) {
      report(nameTok, 'error', `#${nameTok.text} without #if`);
      return;
    }
    if (c.sawElse) {
      report(nameTok, 'error', `#${nameTok.text} after #else`);
      report({ line: c.line, column: 0 }, 'error', 'the conditional began here');
    }
    c.directive = nameTok.text;
    // C11 6.10.1p6: once a group has been taken, later #elif expressions are not evaluated.
    if (c.taken || c.sawElse) {
      skipGroup(f);
      return;
    }
    const taken =
      nameTok.text === 'elif'
        ? evaluate(rest, lineEnd, 'elif') === true
        : macroTest(nameTok, rest) === (nameTok.text === 'elifdef');
    c.taken = taken;
    if (!taken) skipGroup(f);
  }

  function elseDirective(f: OpenFile, nameTok: PpToken, rest: Tok[]): void {
    const c = f.conditionals[f.conditionals.length - 1];
    if (!c) {
      report(nameTok, 'error', '#else without #if');
      return;
    }
    if (c.sawElse) {
      report(nameTok, 'error', '#else after #else');
      report({ line: c.line, column: 0 }, 'error', 'the conditional began here');
    }
    extraTokens(rest, 'else');
    c.directive = 'else';
    const take = !c.taken && !c.sawElse;
    c.sawElse = true;
    c.taken = true;
    if (!take) skipGroup(f);
  }

  /**
   * Skips a group whose condition is false, up to the #elif, #else or #endif that ends it. Only
   * the nesting of conditional directives is tracked: no other directive in a skipped group is
   * evaluated (C11 6.10.1p6), so `#error` and bad expressions there are ignored.
   */
  function skipGroup(f: OpenFile): void {
    let depth = 0;
    const tokens = f.tokens;
    for (let k = f.pos; ; k++) {
      const t = tokens[k]!;
      if (t.kind === 'eof') {
        f.pos = k;
        return;
      }
      // GCC still lexes skipped lines, and warns about a lone quote there too.
      if (t.unterminated) report(t, 'warning', `missing terminating ${t.unterminated} character`);
      if (!t.atLineStart || punctuatorOf(t) !== '#') continue;
      const name = tokens[k + 1]!;
      if (name.atLineStart || name.kind !== 'identifier') continue;
      if (CONDITIONAL_OPENERS.has(name.text)) depth++;
      else if (name.text === 'endif') {
        if (depth === 0) {
          f.pos = k;
          return;
        }
        depth--;
      } else if (depth === 0 && CONDITIONAL_BRANCHES.has(name.text)) {
        f.pos = k;
        return;
      }
    }
  }

  function lineDirective(f: OpenFile, nameTok: PpToken, rest: Tok[], lineEnd: Position): void {
    const src = listSource(rest, lineEnd, true);
    const tokens: Tok[] = [];
    for (let t = expandNext(src, false); t.kind !== 'eof'; t = expandNext(src, false))
      tokens.push(t);
    const number = tokens[0];
    if (!number || number.kind !== 'number' || !/^[0-9]+$/.test(number.text)) {
      report(
        number ?? lineEnd,
        'error',
        `"${number?.text ?? ''}" after #line is not a positive integer`,
      );
      return;
    }
    // C11 6.10.4p3: the next source line gets this number.
    f.lineDelta = Number(number.text) - (nameTok.line + 1);
    const name = tokens[1];
    if (name?.kind === 'string')
      f.presumedName = name.text.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }

  function include(f: OpenFile, nameTok: PpToken, rest: Tok[]): void {
    let target: PpToken | undefined = rest[0];
    let name = '';
    let angled = false;
    let extra: PpToken | undefined = rest[1];
    if (target?.kind === 'header' || (target?.kind === 'string' && target.text.startsWith('"'))) {
      name = target.text.slice(1, -1);
      angled = target.kind === 'header';
    } else if (target) {
      // C11 6.10.2p4: a computed include is macro-expanded, then must be one of the two forms.
      const src = listSource(rest, endOf(rest[rest.length - 1]!), true);
      const tokens: Tok[] = [];
      for (let t = expandNext(src, false); t.kind !== 'eof'; t = expandNext(src, false))
        tokens.push(t);
      const first = tokens[0];
      extra = undefined;
      if (first?.kind === 'string' && first.text.startsWith('"')) {
        name = first.text.slice(1, -1);
        extra = tokens[1];
      } else if (first && punctuatorOf(first) === '<') {
        const close = tokens.findIndex((t) => punctuatorOf(t) === '>');
        if (close > 0) {
          name = spell(tokens.slice(1, close));
          angled = true;
          extra = tokens[close + 1];
        }
      }
      if (name === '' && !(first?.kind === 'string')) target = undefined;
    }
    if (!target) {
      report(
        rest[0] ?? endOf(nameTok),
        'error',
        `#${nameTok.text} expects "FILENAME" or <FILENAME>`,
      );
      return;
    }
    if (extra) report(extra, 'warning', `extra tokens at end of #${nameTok.text} directive`);
    if (name === '') {
      report(target, 'error', `empty filename in #${nameTok.text}`);
      return;
    }
    if (stack.length >= maxDepth) {
      report(
        endOf(target),
        'error',
        `#include nested depth ${stack.length} exceeds maximum of ${maxDepth} (use -fmax-include-depth=DEPTH to increase the maximum)`,
      );
      return;
    }
    const file = angled ? vfs.resolveAngled(name) : vfs.resolveQuoted(name, f.file.path);
    if (!file) {
      // GCC: a missing header is fatal, pointing at the header name, and nothing follows.
      report(target, 'fatal error', `${name}: No such file or directory`);
      fatal = true;
      return;
    }
    if (onceFiles.has(file.path)) return;
    output.padTo(nameTok.line);
    openFile(file, { file: f.file.path, line: nameTok.line });
  }

  function openFile(file: SourceFile, site?: IncludeSite): void {
    const lexed = lex(file.text);
    const f: OpenFile = {
      file,
      tokens: lexed.tokens.map(tokFrom),
      pos: 0,
      lineCount: lexed.lineCount,
      lineEnds: lexed.lineEnds,
      conditionals: [],
      lineDelta: 0,
      presumedName: file.path,
    };
    if (site) f.site = site;
    stack.push(f);
    if (site && !included.has(file.path)) {
      included.add(file.path);
      includes.push(file.path);
    }
    output.beginFile(file.path);
    for (const p of lexed.problems) report(p, 'error', p.message);
  }

  /** At the end of a file: report open conditionals (innermost first, as GCC) and resume. */
  function closeFile(): void {
    const f = stack[stack.length - 1]!;
    for (let k = f.conditionals.length - 1; k >= 0; k--) {
      const c = f.conditionals[k]!;
      report({ line: c.line, column: 0 }, 'error', `unterminated #${c.directive}`);
    }
    output.endFile(f.lineCount);
    stack.pop();
  }

  // ---- the translation unit -------------------------------------------------------------------
  const entry = vfs.read(entryPath);
  if (!entry) {
    diagnostics.push({
      file: 'cc1',
      line: 0,
      column: 0,
      severity: 'fatal error',
      message: `${entryPath}: No such file or directory`,
    });
  } else {
    openFile(entry);
    while (stack.length > 0) {
      const t = expandNext(fileSource, false);
      if (fatal) break;
      if (t.kind === 'eof') {
        closeFile();
        continue;
      }
      emit(t);
    }
  }
  return {
    ...output.finish(),
    diagnostics,
    includes,
    macros,
  };
}
