// The #if / #elif constant expression evaluator (C11 6.10.1). By the time it runs, macros are
// expanded and `defined` is resolved; any identifier left is replaced by 0 (C11 6.10.1p4). All
// arithmetic is in intmax_t / uintmax_t, 64 bits for arm-none-eabi-gcc, with the usual
// arithmetic conversions (C11 6.3.1.8): if either operand is unsigned, both are. Messages and
// their columns follow GCC's libcpp (expr.c).

import { punctuatorOf } from './preprocess-lex.ts';
import { BRACKET_DEPTH_LIMIT } from './limits.ts';
import type { PpToken } from './preprocess-lex.ts';

export interface Position {
  line: number;
  column: number;
}

export type ReportFn = (at: Position, severity: 'error' | 'warning', message: string) => void;

/** An intmax_t or uintmax_t value; `value` is always within the range of its type. */
export interface PpValue {
  value: bigint;
  unsigned: boolean;
}

const INTMAX_MAX = (1n << 63n) - 1n;
const UINTMAX_MAX = (1n << 64n) - 1n;

class ExprError extends Error {}

/** Value of an integer constant (C11 6.4.4.1), or an error message. */
export function integerConstantValue(
  text: string,
): { value: PpValue; warning?: string } | { error: string } {
  const lower = text.toLowerCase();
  const hex = lower.startsWith('0x');
  if (text.includes('.') || (hex ? /p/.test(lower) : /^[0-9]+e/.test(lower))) {
    return { error: 'floating constant in preprocessor expression' };
  }
  const match = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)(.*)$/.exec(text);
  if (!match) return { error: `invalid integer constant "${text}"` };
  const digits = match[1]!;
  const suffix = match[2]!;
  // C11 6.4.4.1p1: u, l, ll in either order and case, but never lL or Ll.
  if (!/^(u?(l|L|ll|LL)?|(l|L|ll|LL)u?)$/i.test(suffix) || /lL|Ll/.test(suffix)) {
    return { error: `invalid suffix "${suffix}" on integer constant` };
  }
  const octal = digits.length > 1 && digits.startsWith('0') && /^[0-9]+$/.test(digits);
  if (octal) {
    const bad = /[89]/.exec(digits);
    if (bad) return { error: `invalid digit "${bad[0]}" in octal constant` };
  }
  let value = octal ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  let unsigned = /u/i.test(suffix);
  let warning: string | undefined;
  if (value > UINTMAX_MAX) {
    warning = 'integer constant is too large for its type';
    value = BigInt.asUintN(64, value);
    unsigned = true;
  } else if (value > INTMAX_MAX && !unsigned) {
    // GCC: a decimal constant only becomes unsigned with a warning; hex and octal silently
    // take uintmax_t, as C11 6.4.4.1p5's table allows.
    if (!hex && !octal && !/^0b/i.test(digits)) {
      warning = 'integer constant is so large that it is unsigned';
    }
    unsigned = true;
  }
  return warning === undefined
    ? { value: { value, unsigned } }
    : { value: { value, unsigned }, warning };
}

/** C11 6.4.4.4's simple escape sequences and GCC's \e, by the character after the backslash. */
export const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  n: 10,
  t: 9,
  r: 13,
  a: 7,
  b: 8,
  f: 12,
  v: 11,
  '\\': 92,
  "'": 39,
  '"': 34,
  '?': 63,
  e: 27, // GCC extension
  E: 27,
};

/**
 * Value of a character constant (C11 6.4.4.4) for arm-none-eabi: plain `char` is unsigned
 * (__CHAR_UNSIGNED__), so '\377' is 255; a multi-character constant packs bytes big-end first
 * into an int, as GCC does, with a -Wmultichar warning.
 */
export function charConstantValue(
  text: string,
): { value: PpValue; warning?: string } | { error: string } {
  const quote = text.indexOf("'");
  const prefix = text.slice(0, quote);
  const body = text.slice(quote + 1, -1);
  const wide = prefix !== '';
  const units: number[] = [];
  let warning: string | undefined;
  for (let i = 0; i < body.length;) {
    const c = body[i]!;
    if (c !== '\\') {
      const code = body.codePointAt(i)!;
      i += code > 0xffff ? 2 : 1;
      if (wide || code < 0x80) units.push(code);
      else units.push(...new TextEncoder().encode(String.fromCodePoint(code)));
      continue;
    }
    const e = body[i + 1] ?? '';
    if (e in SIMPLE_ESCAPES) {
      units.push(SIMPLE_ESCAPES[e]!);
      i += 2;
    } else if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      let v = parseInt(m, 8);
      if (!wide && v > 0xff) {
        warning = 'octal escape sequence out of range';
        v &= 0xff;
      }
      units.push(v);
      i += 1 + m.length;
    } else if (e === 'x') {
      const m = /^[0-9a-fA-F]*/.exec(body.slice(i + 2))![0];
      let v = m === '' ? 0 : parseInt(m, 16);
      if (!wide && v > 0xff) {
        warning = 'hex escape sequence out of range';
        v &= 0xff;
      }
      units.push(v);
      i += 2 + m.length;
    } else if (e === 'u' || e === 'U') {
      const len = e === 'u' ? 4 : 8;
      units.push(parseInt(body.slice(i + 2, i + 2 + len), 16) || 0);
      i += 2 + len;
    } else {
      warning = `unknown escape sequence: '\\${e}'`;
      units.push(e.charCodeAt(0) || 0);
      i += 2;
    }
  }
  if (units.length === 0) return { error: 'empty character constant' };
  if (wide) {
    // wchar_t is unsigned int on arm-none-eabi; char16_t and char32_t are unsigned too.
    const mask = prefix === 'u' ? 0xffff : 0xffffffff;
    if (units.length > 1) warning = 'character constant too long for its type';
    return {
      value: { value: BigInt(units[units.length - 1]! & mask), unsigned: false },
      warning,
    } as {
      value: PpValue;
      warning?: string;
    };
  }
  if (units.length === 1) {
    const value: PpValue = { value: BigInt(units[0]! & 0xff), unsigned: false };
    return warning === undefined ? { value } : { value, warning };
  }
  let packed = 0n;
  for (const u of units.slice(-4)) packed = (packed << 8n) | BigInt(u & 0xff);
  return {
    value: { value: BigInt.asIntN(32, packed), unsigned: false },
    warning:
      units.length > 4
        ? 'character constant too long for its type'
        : 'multi-character character constant [-Wmultichar]',
  };
}

const BINARY_PRECEDENCE: Record<string, number> = {
  '*': 10,
  '/': 10,
  '%': 10,
  '+': 9,
  '-': 9,
  '<<': 8,
  '>>': 8,
  '<': 7,
  '>': 7,
  '<=': 7,
  '>=': 7,
  '==': 6,
  '!=': 6,
  '&': 5,
  '^': 4,
  '|': 3,
  '&&': 2,
  '||': 1,
};

function fit(value: bigint, unsigned: boolean): PpValue {
  return { value: unsigned ? BigInt.asUintN(64, value) : BigInt.asIntN(64, value), unsigned };
}

/**
 * Evaluates the expression of a #if or #elif. `end` is the position just past the directive's
 * last token, where GCC points for errors found at the end of the line. Returns null after an
 * error; GCC then treats the condition as false.
 */
export function evaluateCondition(
  tokens: readonly PpToken[],
  end: Position,
  report: ReportFn,
  directive = 'if',
): boolean | null {
  let pos = 0;
  // Counts enclosing operands that are not evaluated (the right of a false `&&`, the untaken arm
  // of `?:`): division by zero and overflow there are not diagnosed (C11 6.10.1p4 via 6.6p3).
  let unevaluated = 0;

  const at = (t: PpToken | undefined): Position => (t ? { line: t.line, column: t.column } : end);
  const op = (t: PpToken | undefined): string => (t ? punctuatorOf(t) : '');

  function fail(where: Position, message: string): never {
    report(where, 'error', message);
    throw new ExprError(message);
  }

  function overflow(): void {
    if (unevaluated === 0)
      report(at(tokens[pos]), 'warning', 'integer overflow in preprocessor expression');
  }

  function signedResult(exact: bigint): PpValue {
    if (exact > INTMAX_MAX || exact < -INTMAX_MAX - 1n) overflow();
    return fit(exact, false);
  }

  // Parentheses and unary operators recurse once per level: bounded like brackets in C code.
  let nesting = 0;
  function primary(): PpValue {
    if (nesting >= BRACKET_DEPTH_LIMIT)
      fail(at(tokens[pos]), `bracket nesting level exceeded maximum of ${BRACKET_DEPTH_LIMIT}`);
    nesting++;
    try {
      return operand();
    } finally {
      nesting--;
    }
  }

  function operand(): PpValue {
    const t = tokens[pos];
    if (!t) fail(end, `#${directive} with no expression`);
    pos++;
    switch (t.kind) {
      case 'number': {
        const r = integerConstantValue(t.text);
        if ('error' in r) fail(at(t), r.error);
        if (r.warning) report(at(t), 'warning', r.warning);
        return r.value;
      }
      case 'char': {
        const r = charConstantValue(t.text);
        if ('error' in r) fail(at(t), r.error);
        if (r.warning) report(at(t), 'warning', r.warning);
        return r.value;
      }
      case 'identifier':
        // C11 6.10.1p4: identifiers left after macro expansion are replaced by 0.
        return { value: 0n, unsigned: false };
      case 'punctuator':
        break;
      default:
        fail(at(t), `token "${t.text}" is not valid in preprocessor expressions`);
    }
    const p = punctuatorOf(t);
    if (p === '(') {
      if (op(tokens[pos]) === ')') fail(at(tokens[pos]), "missing expression between '(' and ')'");
      const inner = comma();
      if (op(tokens[pos]) !== ')') fail(at(t), "missing ')' in expression");
      pos++;
      return inner;
    }
    if (p === '+' || p === '-' || p === '~' || p === '!') {
      if (pos >= tokens.length || isClosing(tokens[pos])) {
        fail(at(tokens[pos]), `operator '${p}' has no right operand`);
      }
      const v = primary();
      if (p === '+') return v;
      if (p === '!') return { value: v.value === 0n ? 1n : 0n, unsigned: false };
      if (p === '~') return fit(~v.value, v.unsigned);
      return v.unsigned ? fit(-v.value, true) : signedResult(-v.value);
    }
    if (p in BINARY_PRECEDENCE || p === '?' || p === ':' || p === ',') {
      fail(at(t), `operator '${p}' has no left operand`);
    }
    if (p === ')') fail(at(t), "missing '(' in expression");
    fail(at(t), `token "${t.text}" is not valid in preprocessor expressions`);
  }

  function isClosing(t: PpToken | undefined): boolean {
    const p = op(t);
    return (
      p === ')' ||
      p === ':' ||
      p === ',' ||
      p === '?' ||
      (p in BINARY_PRECEDENCE && p !== '+' && p !== '-')
    );
  }

  function apply(p: string, a: PpValue, b: PpValue, opToken: PpToken): PpValue {
    if (p === '&&' || p === '||')
      throw new Error('short-circuit operators are handled by binary()');
    if (p === '<<' || p === '>>') return shift(p, a, b);
    const unsigned = a.unsigned || b.unsigned;
    const x = unsigned ? BigInt.asUintN(64, a.value) : a.value;
    const y = unsigned ? BigInt.asUintN(64, b.value) : b.value;
    const truth = (c: boolean): PpValue => ({ value: c ? 1n : 0n, unsigned: false });
    switch (p) {
      case '*':
        return unsigned ? fit(x * y, true) : signedResult(x * y);
      case '/':
      case '%':
        if (y === 0n) {
          if (unevaluated > 0) return { value: 0n, unsigned };
          fail(at(opToken), 'division by zero in #if');
        }
        // BigInt division truncates toward zero and % takes the dividend's sign (C11 6.5.5p6).
        if (p === '/') return unsigned ? fit(x / y, true) : signedResult(x / y);
        return fit(x % y, unsigned);
      case '+':
        return unsigned ? fit(x + y, true) : signedResult(x + y);
      case '-':
        return unsigned ? fit(x - y, true) : signedResult(x - y);
      case '<':
        return truth(x < y);
      case '>':
        return truth(x > y);
      case '<=':
        return truth(x <= y);
      case '>=':
        return truth(x >= y);
      case '==':
        return truth(x === y);
      case '!=':
        return truth(x !== y);
      case '&':
        return fit(x & y, unsigned);
      case '^':
        return fit(x ^ y, unsigned);
      case '|':
        return fit(x | y, unsigned);
    }
    throw new Error(`unknown operator ${p}`);
  }

  // Shifts take the left operand's type (C11 6.5.7p3). Like GCC, a negative count shifts the
  // other way and a count of 64 or more empties the value (or leaves the sign for >> of a
  // negative number) instead of being undefined.
  function shift(p: string, a: PpValue, b: PpValue): PpValue {
    let count = b.unsigned ? BigInt.asUintN(64, b.value) : b.value;
    let left = p === '<<';
    if (!b.unsigned && count < 0n) {
      left = !left;
      count = -count;
    }
    if (count > 64n) count = 64n;
    if (!left) return fit(a.value >> count, a.unsigned);
    if (a.unsigned) return fit(a.value << count, true);
    return signedResult(a.value << count);
  }

  function binary(minPrecedence: number): PpValue {
    let left = primary();
    for (;;) {
      const t = tokens[pos];
      const p = op(t);
      const precedence = BINARY_PRECEDENCE[p];
      if (t === undefined) return left;
      if (precedence === undefined) {
        if (p === ')' || p === ':' || p === ',' || p === '?') return left;
        fail(at(t), `missing binary operator before token "${t.text}"`);
      }
      if (precedence < minPrecedence) return left;
      pos++;
      // GCC points at what follows the operator: the end of the line when nothing does.
      if (pos >= tokens.length || isClosing(tokens[pos])) {
        fail(at(tokens[pos]), `operator '${p}' has no right operand`);
      }
      if (p === '&&' || p === '||') {
        const decided = p === '&&' ? left.value === 0n : left.value !== 0n;
        if (decided) unevaluated++;
        const right = binary(precedence + 1);
        if (decided) unevaluated--;
        const truth =
          p === '&&'
            ? left.value !== 0n && right.value !== 0n
            : left.value !== 0n || right.value !== 0n;
        left = { value: truth ? 1n : 0n, unsigned: false };
        continue;
      }
      const right = binary(precedence + 1);
      left = apply(p, left, right, t);
    }
  }

  function conditional(): PpValue {
    const cond = binary(1);
    const t = tokens[pos];
    if (op(t) !== '?') return cond;
    pos++;
    const taken = cond.value !== 0n;
    if (!taken) unevaluated++;
    const whenTrue = comma();
    if (!taken) unevaluated--;
    if (op(tokens[pos]) !== ':') fail(at(tokens[pos]), "'?' without following ':'");
    pos++;
    if (taken) unevaluated++;
    const whenFalse = conditional();
    if (taken) unevaluated--;
    const unsigned = whenTrue.unsigned || whenFalse.unsigned;
    return fit(taken ? whenTrue.value : whenFalse.value, unsigned);
  }

  // GCC accepts the comma operator in #if (pedantically: only where unevaluated).
  function comma(): PpValue {
    let v = conditional();
    while (op(tokens[pos]) === ',') {
      pos++;
      v = conditional();
    }
    return v;
  }

  try {
    if (tokens.length === 0) fail(end, `#${directive} with no expression`);
    const result = comma();
    const rest = tokens[pos];
    if (rest) {
      const p = op(rest);
      // GCC's exact text has two spaces here, a quirk of its format string.
      if (p === ':') fail(at(rest), " ':' without preceding '?'");
      if (p === ')') fail(at(rest), "missing '(' in expression");
      fail(at(rest), `missing binary operator before token "${rest.text}"`);
    }
    return result.value !== 0n;
  } catch (e) {
    if (e instanceof ExprError) return null;
    if (e instanceof RangeError) {
      // A last resort (`1?1?1?...` nests without brackets): an error, never a stack trace.
      report(end, 'error', `#${directive} expression too deeply nested`);
      return null;
    }
    throw e;
  }
}
