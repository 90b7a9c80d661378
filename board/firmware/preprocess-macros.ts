// Macro definitions (C11 6.10.3): parsing a #define line into a definition, the redefinition
// rule, and the predefined macros of arm-none-eabi-gcc 12 for a Zynq-7000 (Cortex-A9, ARMv7-A,
// hard float), which firmware and the Xilinx BSP headers test.

import { punctuatorOf } from './preprocess-lex.ts';
import type { PpToken } from './preprocess-lex.ts';
import type { IncludeSite } from './diagnostics.ts';

export type HideSet = ReadonlySet<string>;

/**
 * A token moving through macro expansion. Every Tok has all fields, so V8 sees one object
 * shape on the hot path; build them with `tokFrom` and `retok`, never with object spread.
 */
export interface Tok extends PpToken {
  unterminated: '"' | "'" | undefined;
  /** Names of macros whose expansion produced this token (Prosser's hide set): painted blue. */
  hide: HideSet | undefined;
  /** C11 6.10.3.3p2's placemarker, standing for an empty argument next to `##`. */
  placemarker: boolean;
  /** Where a token a macro expansion produced comes from (GCC's virtual location). */
  origin?: MacroLocation;
}

/** A place in a source file: its path, line and 1-based display column. */
export interface SourcePoint {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One macro expansion (GCC's macro map, libcpp line-map.cc): the macro and where its name was. */
export interface MacroExpansion {
  readonly macro: string;
  readonly at: SourcePoint | MacroLocation;
}

/**
 * GCC's virtual location of a token a macro expansion produced (libcpp/include/line-map.h,
 * "macro maps"): the expansion that placed it, where it sits in that macro's definition (the
 * body token, or the parameter an argument replaced), and where it was before (its spelling in
 * the body, or the argument's own location, itself possibly inside another expansion).
 */
export interface MacroLocation {
  readonly expansion: MacroExpansion;
  readonly definition: SourcePoint;
  readonly spelling: SourcePoint | MacroLocation;
}

/** A lexed token entering expansion. */
export function tokFrom(t: PpToken): Tok {
  return {
    kind: t.kind,
    text: t.text,
    line: t.line,
    column: t.column,
    atLineStart: t.atLineStart,
    spaceBefore: t.spaceBefore,
    unterminated: t.unterminated,
    hide: undefined,
    placemarker: false,
  };
}

export interface TokChanges {
  kind?: PpToken['kind'];
  text?: string;
  line?: number;
  column?: number;
  atLineStart?: boolean;
  spaceBefore?: boolean;
  hide?: HideSet | undefined;
  placemarker?: boolean;
  origin?: MacroLocation | undefined;
}

/** A copy of `t` with some fields changed. */
export function retok(t: Tok, c: TokChanges): Tok {
  return {
    kind: c.kind ?? t.kind,
    text: c.text ?? t.text,
    line: c.line ?? t.line,
    column: c.column ?? t.column,
    atLineStart: c.atLineStart ?? t.atLineStart,
    spaceBefore: c.spaceBefore ?? t.spaceBefore,
    unterminated: t.unterminated,
    hide: 'hide' in c ? c.hide : t.hide,
    placemarker: c.placemarker ?? t.placemarker,
    ...('origin' in c
      ? c.origin
        ? { origin: c.origin }
        : {}
      : t.origin
        ? { origin: t.origin }
        : {}),
  };
}

// Hide sets (Prosser's algorithm, as in the C standard's rationale): each token carries the
// names of the macros whose expansion produced it, and is never expanded by those again.

export function intersectHideSets(
  a: HideSet | undefined,
  b: HideSet | undefined,
): HideSet | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a === b) return a;
  const out = new Set<string>();
  for (const name of a) if (b.has(name)) out.add(name);
  return out.size === 0 ? undefined : out;
}

/**
 * Hide sets are immutable and shared; these caches make adding a name or uniting two sets
 * allocate once per distinct result rather than once per token.
 */
export function hideSetAlgebra(): {
  add(set: HideSet | undefined, name: string): HideSet;
  union(a: HideSet | undefined, b: HideSet): HideSet;
} {
  const singletons = new Map<string, HideSet>();
  const added = new WeakMap<HideSet, Map<string, HideSet>>();
  const united = new WeakMap<HideSet, WeakMap<HideSet, HideSet>>();
  function add(set: HideSet | undefined, name: string): HideSet {
    if (set === undefined) {
      let single = singletons.get(name);
      if (!single) singletons.set(name, (single = new Set([name])));
      return single;
    }
    if (set.has(name)) return set;
    let byName = added.get(set);
    if (!byName) added.set(set, (byName = new Map()));
    let result = byName.get(name);
    if (!result) {
      const next = new Set(set);
      next.add(name);
      byName.set(name, (result = next));
    }
    return result;
  }
  function union(a: HideSet | undefined, b: HideSet): HideSet {
    if (a === undefined || a === b) return b;
    let byOther = united.get(a);
    if (!byOther) united.set(a, (byOther = new WeakMap()));
    let result = byOther.get(b);
    if (!result) {
      result = b;
      for (const name of a) result = add(result, name);
      byOther.set(b, result);
    }
    return result;
  }
  return { add, union };
}

export type BuiltinName =
  | '__FILE__'
  | '__LINE__'
  | '__DATE__'
  | '__TIME__'
  | '__COUNTER__'
  | '__INCLUDE_LEVEL__'
  | '__BASE_FILE__';

export interface MacroDefinition {
  name: string;
  /** Parameter names, `__VA_ARGS__` last for `...`; null for an object-like macro. */
  params: string[] | null;
  /** The last parameter takes the variable arguments (`...` or GNU `name...`). */
  variadic: boolean;
  body: Tok[];
  /** For each body token, the index of the parameter it names, or -1. */
  bodyParams: number[];
  file: string;
  line: number;
  column: number;
  /** Expanded by the preprocessor itself (C11 6.10.8), not from a body. */
  builtin?: BuiltinName;
  /** The include chain of a macro defined in a header, for notes that point at it. */
  includedFrom?: IncludeSite[];
}

export const BUILTIN_NAMES: readonly BuiltinName[] = [
  '__FILE__',
  '__LINE__',
  '__DATE__',
  '__TIME__',
  '__COUNTER__',
  '__INCLUDE_LEVEL__',
  '__BASE_FILE__',
];

export interface DefineProblem {
  at: PpToken;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * Parses the tokens of a #define after the directive name (C11 6.10.3p3-p10). A macro is
 * function-like only when `(` follows its name with no white space between them.
 */
export function parseDefine(
  tokens: readonly PpToken[],
  directive: PpToken,
  file: string,
): { macro: MacroDefinition; warnings: DefineProblem[] } | { problem: DefineProblem } {
  const nameTok = tokens[0];
  // GCC only pedwarns about __VA_ARGS__ outside a variadic macro, and goes on.
  const warnings: DefineProblem[] = [];
  const vaArgsMisuse = (at: PpToken) =>
    warnings.push({ at, message: VA_ARGS_MISUSE, severity: 'warning' });
  const endOf = (t: PpToken): PpToken => ({ ...t, column: t.column + t.text.length });
  if (!nameTok) {
    return {
      problem: {
        at: endOf(directive),
        message: 'no macro name given in #define directive',
        severity: 'error',
      },
    };
  }
  const nameProblem = macroNameProblem(nameTok);
  if (nameProblem) return { problem: { at: nameTok, message: nameProblem, severity: 'error' } };
  if (nameTok.text === '__VA_ARGS__') vaArgsMisuse(nameTok);
  let i = 1;
  let params: string[] | null = null;
  let variadic = false;
  const open = tokens[1];
  if (open && punctuatorOf(open) === '(' && !open.spaceBefore) {
    params = [];
    i = 2;
    const fail = (at: PpToken | undefined, message: string) => ({
      problem: { at: at ?? endOf(tokens[tokens.length - 1]!), message, severity: 'error' as const },
    });
    if (punctuatorOf(tokens[i] ?? open) === ')' && tokens[i]) {
      i++;
    } else {
      for (;;) {
        const p = tokens[i];
        if (!p) return fail(undefined, 'expected parameter name before end of line');
        if (punctuatorOf(p) === '...') {
          params.push('__VA_ARGS__');
          variadic = true;
          i++;
          const close = tokens[i];
          if (!close || punctuatorOf(close) !== ')')
            return fail(close, 'expected \')\' after "..."');
          i++;
          break;
        }
        if (p.kind !== 'identifier') return fail(p, `expected parameter name, found "${p.text}"`);
        if (p.text === '__VA_ARGS__') vaArgsMisuse(p);
        if (params.includes(p.text)) return fail(p, `duplicate macro parameter "${p.text}"`);
        params.push(p.text);
        i++;
        const sep = tokens[i];
        if (!sep) return fail(undefined, "expected ')' before end of line");
        const s = punctuatorOf(sep);
        // GNU named variadic parameter: `#define eprintf(format, args...)`.
        if (s === '...') {
          variadic = true;
          i++;
          const close = tokens[i];
          if (!close || punctuatorOf(close) !== ')')
            return fail(close, 'expected \')\' after "..."');
          i++;
          break;
        }
        i++;
        if (s === ')') break;
        if (s !== ',') return fail(sep, `expected ',' or ')', found "${sep.text}"`);
      }
    }
  }
  const body: Tok[] = tokens
    .slice(i)
    .map((t, k) => retok(tokFrom(t), { atLineStart: false, spaceBefore: k > 0 && t.spaceBefore }));
  // GCC reports problems in the replacement list at the token before it: the name or the `)`.
  const anchor = tokens[i - 1]!;
  const bodyParams = body.map((t) =>
    params && t.kind === 'identifier' ? params.indexOf(t.text) : -1,
  );
  for (let k = 0; k < body.length; k++) {
    const p = punctuatorOf(body[k]!);
    // C11 6.10.3.3p1: ## may not be first or last in a replacement list.
    if (p === '##' && (k === 0 || k === body.length - 1)) {
      return {
        problem: {
          at: anchor,
          message: "'##' cannot appear at either end of a macro expansion",
          severity: 'error',
        },
      };
    }
    // C11 6.10.3.2p1: in a function-like macro, # must be followed by a parameter.
    if (params && p === '#' && (k === body.length - 1 || bodyParams[k + 1]! < 0)) {
      const vaOpt = body[k + 1]?.text === '__VA_OPT__' && variadic;
      if (!vaOpt) {
        return {
          problem: {
            at: anchor,
            message: "'#' is not followed by a macro parameter",
            severity: 'error',
          },
        };
      }
    }
  }
  if (!variadic) body.filter((t) => t.text === '__VA_ARGS__').forEach(vaArgsMisuse);
  return {
    macro: {
      name: nameTok.text,
      params,
      variadic,
      body,
      bodyParams,
      file,
      line: nameTok.line,
      column: nameTok.column,
    },
    warnings,
  };
}

/** GCC's complaint about a token used as a macro name in #define, #undef, #ifdef, or ''. */
export function macroNameProblem(t: PpToken): string {
  if (t.kind !== 'identifier') return 'macro names must be identifiers';
  if (t.text === 'defined') return '"defined" cannot be used as a macro name';
  return '';
}

/** GCC's pedantic warning for __VA_ARGS__ anywhere but a variadic macro's replacement list. */
export const VA_ARGS_MISUSE =
  '__VA_ARGS__ can only appear in the expansion of a C99 variadic macro';

/**
 * C11 6.10.3p2: a redefinition is allowed only if the two replacement lists are identical,
 * white-space separation included (its amount is irrelevant), with the same parameters.
 */
export function sameDefinition(a: MacroDefinition, b: MacroDefinition): boolean {
  if (a.builtin || b.builtin) return false;
  if ((a.params === null) !== (b.params === null)) return false;
  if (a.params && b.params && a.params.join(',') !== b.params.join(',')) return false;
  if (a.variadic !== b.variadic || a.body.length !== b.body.length) return false;
  return a.body.every((t, k) => {
    const u = b.body[k]!;
    return t.text === u.text && (k === 0 || t.spaceBefore === u.spaceBefore);
  });
}

/**
 * What `arm-none-eabi-gcc -mcpu=cortex-a9 -mfpu=vfpv3 -mfloat-abi=hard -E -dM` predefines that
 * firmware and BSP headers commonly test (GCC 12.2.1, Arm GNU Toolchain 12.2.Rel1).
 */
export const ARM_NONE_EABI_PREDEFINED: ReadonlyArray<readonly [string, string]> = [
  ['__STDC__', '1'],
  ['__STDC_VERSION__', '201710L'],
  ['__STDC_HOSTED__', '1'],
  ['__GNUC__', '12'],
  ['__GNUC_MINOR__', '2'],
  ['__GNUC_PATCHLEVEL__', '1'],
  ['__VERSION__', '"12.2.1 20221205"'],
  ['__ELF__', '1'],
  ['__arm__', '1'],
  ['__ARMEL__', '1'],
  ['__ARM_EABI__', '1'],
  ['__APCS_32__', '1'],
  ['__ARM_32BIT_STATE', '1'],
  ['__ARM_ARCH', '7'],
  ['__ARM_ARCH_7A__', '1'],
  ['__ARM_ARCH_PROFILE', '65'],
  ['__ARM_ARCH_ISA_ARM', '1'],
  ['__ARM_ARCH_ISA_THUMB', '2'],
  ['__ARM_PCS_VFP', '1'],
  ['__ARM_FP', '12'],
  ['__VFP_FP__', '1'],
  ['__CHAR_UNSIGNED__', '1'],
  ['__CHAR_BIT__', '8'],
  ['__SIZEOF_SHORT__', '2'],
  ['__SIZEOF_INT__', '4'],
  ['__SIZEOF_LONG__', '4'],
  ['__SIZEOF_LONG_LONG__', '8'],
  ['__SIZEOF_POINTER__', '4'],
  ['__SIZEOF_FLOAT__', '4'],
  ['__SIZEOF_DOUBLE__', '8'],
  ['__SIZEOF_LONG_DOUBLE__', '8'],
  ['__SIZEOF_SIZE_T__', '4'],
  ['__SIZEOF_WCHAR_T__', '4'],
  ['__SIZEOF_PTRDIFF_T__', '4'],
  ['__SCHAR_MAX__', '0x7f'],
  ['__SHRT_MAX__', '0x7fff'],
  ['__INT_MAX__', '0x7fffffff'],
  ['__LONG_MAX__', '0x7fffffffL'],
  ['__LONG_LONG_MAX__', '0x7fffffffffffffffLL'],
  ['__SIZE_MAX__', '0xffffffffU'],
  ['__SIZE_TYPE__', 'unsigned int'],
  ['__PTRDIFF_TYPE__', 'int'],
  ['__WCHAR_TYPE__', 'unsigned int'],
  ['__INT8_TYPE__', 'signed char'],
  ['__INT16_TYPE__', 'short int'],
  ['__INT32_TYPE__', 'long int'],
  ['__INT64_TYPE__', 'long long int'],
  ['__UINT8_TYPE__', 'unsigned char'],
  ['__UINT16_TYPE__', 'short unsigned int'],
  ['__UINT32_TYPE__', 'long unsigned int'],
  ['__UINT64_TYPE__', 'long long unsigned int'],
  ['__INTPTR_TYPE__', 'int'],
  ['__UINTPTR_TYPE__', 'unsigned int'],
  ['__ORDER_LITTLE_ENDIAN__', '1234'],
  ['__ORDER_BIG_ENDIAN__', '4321'],
  ['__ORDER_PDP_ENDIAN__', '3412'],
  ['__BYTE_ORDER__', '__ORDER_LITTLE_ENDIAN__'],
  ['__FLOAT_WORD_ORDER__', '__ORDER_LITTLE_ENDIAN__'],
];
