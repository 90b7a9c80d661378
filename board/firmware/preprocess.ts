// The C preprocessor (translation phase 4, C11 5.1.1.2 and 6.10) for learners' bare-metal
// firmware. It reads from a virtual include tree, expands macros with Prosser's hide-set
// algorithm (the "painted blue" rule of C11 6.10.3.4p2), and writes preprocessed C that keeps
// one output line per source line, so a downstream parser can map any node back to file:line.
// Messages, their wording and their columns follow GCC 12's libcpp.
//
// preprocess-context.ts holds the state of a translation unit, preprocess-expand.ts expands
// macros and preprocess-directives.ts runs directives; this module reads the main file through
// them and collects the result.

import type { Diagnostic } from './diagnostics.ts';
import {
  createContext,
  eofToken,
  type PreprocessOptions,
  type TokenSource,
} from './preprocess-context.ts';
import { createDirectives } from './preprocess-directives.ts';
import { createExpander } from './preprocess-expand.ts';
import { punctuatorOf } from './preprocess-lex.ts';
import { VA_ARGS_MISUSE } from './preprocess-macros.ts';
import type { MacroDefinition, Tok } from './preprocess-macros.ts';
import type { PreprocessedText } from './preprocess-output.ts';
import type { Vfs } from './vfs.ts';

export type { PreprocessOptions } from './preprocess-context.ts';
export { stringize } from './preprocess-expand.ts';
export type { MacroDefinition } from './preprocess-macros.ts';
export { locateOutput } from './preprocess-output.ts';
export type { LineOrigin } from './preprocess-output.ts';

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

export function preprocess(
  vfs: Vfs,
  entryPath: string,
  options: PreprocessOptions = {},
): PreprocessResult {
  const pp = createContext(vfs, entryPath, options);
  const { report, stack, output } = pp;
  const expander = createExpander(pp);
  const { expandNext } = expander;
  const { directive, openFile, closeFile } = createDirectives(pp, expander);

  function emit(t: Tok): void {
    if (t.unterminated) {
      // As `gcc -c` prints it: the preprocessor warns, then the compiler proper rejects it.
      const message = `missing terminating ${t.unterminated} character`;
      report(t, 'warning', message);
      report(t, 'error', message);
    }
    output.emit(t, t.hide === undefined ? false : (t.origin ?? true));
  }

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
        if (pp.fatal) return eofToken(t.line);
        if (t.kind === 'eof') return t;
        f.pos++;
        if (t.atLineStart && punctuatorOf(t) === '#') {
          directive(f, t);
          continue;
        }
        // GCC's lexer warns wherever __VA_ARGS__ is spelled outside a variadic macro.
        if (t.kind === 'identifier' && t.text === '__VA_ARGS__')
          report(t, 'warning', VA_ARGS_MISUSE);
        pp.lastLexed = t;
        return t;
      }
    },
  };

  // ---- the translation unit -------------------------------------------------------------------
  const entry = vfs.read(entryPath);
  if (!entry) {
    pp.diagnostics.push({
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
      if (pp.fatal) break;
      if (t.kind === 'eof') {
        closeFile();
        continue;
      }
      emit(t);
    }
  }
  return {
    ...output.finish(),
    diagnostics: pp.diagnostics,
    includes: pp.includes,
    macros: pp.macros,
  };
}
