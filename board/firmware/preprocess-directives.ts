/**
 * Directives (C11 6.10): the dispatch on a `#` line, the conditional-inclusion family and the
 * skipping of groups (6.10.1), #include and the files it opens (6.10.2), #undef, #line (6.10.4),
 * #error, #warning and #pragma once. #define itself is the context's (preprocess-context.ts);
 * lines that need macro expansion (#if, a computed #include, #line) use the expander.
 */
import type { IncludeSite } from './diagnostics.ts';
import { evaluateCondition } from './preprocess-expr.ts';
import type { Position } from './preprocess-expr.ts';
import { lex, punctuatorOf } from './preprocess-lex.ts';
import type { PpToken } from './preprocess-lex.ts';
import { endOf, type OpenFile, type PreprocessContext } from './preprocess-context.ts';
import type { Expander } from './preprocess-expand.ts';
import { macroNameProblem, tokFrom } from './preprocess-macros.ts';
import type { Tok } from './preprocess-macros.ts';
import type { SourceFile } from './vfs.ts';

const CONDITIONAL_OPENERS = new Set(['if', 'ifdef', 'ifndef']);
const CONDITIONAL_BRANCHES = new Set(['elif', 'elifdef', 'elifndef', 'else']);

export interface Directives {
  /** Runs the directive whose `#` was just read; `f.pos` is past it and ends past its line. */
  directive(f: OpenFile, hash: PpToken): void;
  /** Pushes a file on the include stack (the main file without `site`). */
  openFile(file: SourceFile, site?: IncludeSite): void;
  closeFile(): void;
}

export function createDirectives(pp: PreprocessContext, { expandNext }: Expander): Directives {
  const {
    report,
    macros,
    stack,
    listSource,
    vfs,
    onceFiles,
    diagnostics,
    define,
    output,
    included,
    includes,
    maxDepth,
  } = pp;
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
      pp.fatal = true;
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

  return { directive, openFile, closeFile };
}
