/**
 * Macro expansion (C11 6.10.3.1-6.10.3.4) with Prosser's hide-set algorithm: every token carries
 * the names of the macros it came from, and a name in its own hide set is not expanded again
 * (the "painted blue" rule of C11 6.10.3.4p2). In #if lines, `defined` and `__has_include` are
 * evaluated here too, before the expression is (preprocess-expr.ts).
 */
import { lex, punctuatorOf } from './preprocess-lex.ts';
import type { PpToken } from './preprocess-lex.ts';
import { endOf, eofToken, type PreprocessContext, type TokenSource } from './preprocess-context.ts';
import { intersectHideSets, retok } from './preprocess-macros.ts';
import { BRACKET_DEPTH_LIMIT, MACRO_EXPANSION_LIMIT } from './limits.ts';
import type {
  HideSet,
  MacroDefinition,
  MacroExpansion,
  MacroLocation,
  SourcePoint,
  Tok,
} from './preprocess-macros.ts';

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

export interface Expander {
  /** The next token of `src` with every macro expanded. In #if, `defined` is evaluated too. */
  expandNext(src: TokenSource, inCondition: boolean): Tok;
}

export function createExpander(pp: PreprocessContext): Expander {
  const {
    report,
    macros,
    stack,
    read,
    pushBack,
    listSource,
    vfs,
    options,
    entryPath,
    addToHideSet,
    unionHideSets,
    onceFiles,
  } = pp;
  // Bounds on hostile macros (`#define A1 A0 A0` ... doubling forty times): GCC runs until it
  // is out of memory; here the translation unit stops with a fatal error instead.
  let expandedTokens = 0;
  let argumentNesting = 0;
  /** Stops the unit at `t`: nothing is read or expanded after a fatal error. */
  function tooMuch(src: TokenSource, t: Tok, message: string): Tok {
    if (!pp.fatal) report(t, 'fatal error', message);
    pp.fatal = true;
    src.pending.length = 0;
    return eofToken(t.line);
  }
  /** Replacement tokens, counted against the unit's budget before they are read again. */
  function expansion(src: TokenSource, t: Tok, tokens: readonly Tok[]): Tok | null {
    expandedTokens += tokens.length;
    if (expandedTokens > MACRO_EXPANSION_LIMIT)
      return tooMuch(src, t, `macro expansion exceeds ${MACRO_EXPANSION_LIMIT} tokens`);
    pushBack(src, tokens);
    return null;
  }

  /** The next token of `src` with every macro expanded. In #if, `defined` is evaluated too. */
  function expandNext(src: TokenSource, inCondition: boolean): Tok {
    for (;;) {
      if (pp.fatal) return eofToken(0);
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
        const stop = expansion(
          src,
          t,
          substitute(macro, call, addToHideSet(t.hide, macro.name), inCondition),
        );
        if (stop) return stop;
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
      // Each argument is expanded on its own (expandArgument), one level of recursion per
      // invocation nested in an argument: `F(F(F(...)))` is bounded like brackets are.
      if (argumentNesting >= BRACKET_DEPTH_LIMIT)
        return tooMuch(src, t, `bracket nesting level exceeded maximum of ${BRACKET_DEPTH_LIMIT}`);
      argumentNesting++;
      let replacement: Tok[];
      try {
        replacement = substitute(macro, collected, hide, inCondition);
      } finally {
        argumentNesting--;
      }
      const stop = expansion(src, t, replacement);
      if (stop) return stop;
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
        return make('number', String(pp.counter++));
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
    report(pp.lastLexed ?? close, 'error', message);
    report(
      { line: macro.line, column: 0 },
      'note',
      `macro "${macro.name}" defined here`,
      macro.file,
      macro.includedFrom ?? [],
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

  /** Where `t` is as GCC tracks it: its virtual location, or its place in the file being read. */
  function whereIs(t: Tok): SourcePoint | MacroLocation {
    return t.origin ?? { file: stack[stack.length - 1]!.file.path, line: t.line, column: t.column };
  }

  /** Each body token's place in its definition, made once per macro rather than per expansion. */
  const definitionPoints = new WeakMap<MacroDefinition, SourcePoint[]>();
  function definitionPoint(macro: MacroDefinition, i: number): SourcePoint {
    let points = definitionPoints.get(macro);
    if (!points) {
      points = macro.body.map((b) => ({ file: macro.file, line: b.line, column: b.column }));
      definitionPoints.set(macro, points);
    }
    return points[i]!;
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
    // GCC's virtual locations (libcpp macro.cc, -ftrack-macro-expansion=2, the default): a body
    // token is spelled in the definition; an argument's token keeps its own location and sits at
    // its parameter in the definition. Diagnostics inside an expansion are reported from these.
    const expansion: MacroExpansion = { macro: macro.name, at: whereIs(inv) };
    const fromBody = (t: Tok, i: number): Tok => {
      const at = definitionPoint(macro, i);
      return retok(t, { origin: { expansion, definition: at, spelling: at } });
    };
    const fromArgument = (a: Tok, i: number): Tok =>
      a.placemarker
        ? a
        : retok(a, {
            origin: { expansion, definition: definitionPoint(macro, i), spelling: whereIs(a) },
          });
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
        const origin = fromBody(t, i).origin;
        out.push(
          retok(inv, { kind: 'string', text, spaceBefore: t.spaceBefore, hide: undefined, origin }),
        );
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
          else for (const a of vaArgs) out.push(fromArgument(a, i));
          continue;
        }
        const right: Tok[] =
          rightParam >= 0
            ? args[rightParam]!.map((a) => fromArgument(a, i))
            : [fromBody(rightTok, i)];
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
          const chain = macro.includedFrom ?? [];
          report(leftInBody, 'note', `in definition of macro '${macro.name}'`, macro.file, chain);
        } else {
          report(left, 'error', message, macro.file, macro.includedFrom ?? []);
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
        tokens.forEach((a, k) => {
          const placed = fromArgument(a, i);
          out.push(k === 0 ? retok(placed, { spaceBefore: t.spaceBefore }) : placed);
        });
        continue;
      }
      out.push(fromBody(t, i));
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
        ...(t.origin ? { origin: t.origin } : {}),
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

  return { expandNext };
}
