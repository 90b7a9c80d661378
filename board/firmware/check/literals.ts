/**
 * Literals (C11 6.4.4, 6.4.5): integer, floating and character constants with the types C gives
 * them, and string literals, decoded to the bytes the program's memory holds.
 */
import type { Node } from 'web-tree-sitter';
import type { Expr } from '../ast.ts';
import { SIMPLE_ESCAPES } from '../preprocess-expr.ts';
import { T, type CType } from '../types.ts';
import { constant, type Checker } from './context.ts';
import { unary } from './operators.ts';

/** An integer or floating constant (C11 6.4.4.1, 6.4.4.2), typed by its value and suffix. */
export function number(cx: Checker, node: Node): Expr {
  if (/^[-+]/.test(node.text)) {
    // tree-sitter-c folds a sign into the literal in some positions (`= -3`); C has no such token.
    const body = number(cx, { ...node, text: node.text.slice(1).trim() } as unknown as Node);
    return node.text.startsWith('-') ? unary(cx, node, '-', body) : body;
  }
  const text = node.text.replace(/'/g, '');
  const isHex = /^0x/i.test(text);
  if (
    (!isHex && /[.eE]/.test(text)) ||
    (isHex && /[pP]/.test(text)) ||
    (!isHex && /[fF]$/.test(text) && /[.eE]/.test(text))
  ) {
    const isFloat = /[fF]$/.test(text);
    const body = text.replace(/[fFlL]+$/, '');
    const v = isHex ? hexFloat(body) : parseFloat(body);
    return constant(
      cx,
      node,
      isFloat && !isHex ? decimalToFloat(body, v) : v,
      isFloat ? T.float : T.double,
    );
  }
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)$/.exec(text);
  if (!m) cx.fail(node, `invalid suffix on integer constant '${node.text}'`);
  const digits = m[1]!;
  const suffix = m[2]!.toLowerCase();
  let v: bigint;
  if (/^0[0-7]+$/.test(digits)) v = BigInt('0o' + digits.slice(1));
  else v = BigInt(digits);
  const unsigned = suffix.includes('u');
  const longs = (suffix.match(/l/g) ?? []).length;
  const decimal = /^[1-9]/.test(digits) || digits === '0';
  // C11 6.4.4.1p5: the first type in the list that can represent the value.
  const candidates: CType[] = [];
  if (longs < 2) {
    if (!unsigned && longs === 0) candidates.push(T.int);
    if (unsigned || !decimal) if (longs === 0) candidates.push(T.uint);
    if (!unsigned) candidates.push(T.long);
    if (unsigned || !decimal) candidates.push(T.ulong);
  }
  if (!unsigned) candidates.push(T.llong);
  if (unsigned || !decimal) candidates.push(T.ullong);
  for (const t of candidates) {
    const max =
      t.kind === 'int' ? (t.signed ? 1n << BigInt(t.size * 8 - 1) : 1n << BigInt(t.size * 8)) : 0n;
    if (v < max) return constant(cx, node, t.kind === 'int' && t.size === 8 ? v : Number(v), t);
  }
  cx.warn(node, 'integer constant is too large for its type');
  return constant(cx, node, v, T.ullong);
}

/**
 * A hexadecimal floating constant (C11 6.4.4.2p3): hex digits with an optional point, scaled by
 * 2 to the binary exponent after `p`. `0x1.8p+1` is 3.0. The digits are exact in a BigInt and
 * rounded once (Number() of a BigInt rounds to nearest, ties to even); the scaling by a power of
 * two is exact unless the result is subnormal.
 */
export function hexFloat(text: string): number {
  const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([-+]?\d+)$/.exec(text);
  if (!m) return NaN;
  const whole = m[1] ?? '';
  const frac = m[2] ?? '';
  const digits = (whole + frac).replace(/^0+/, '') || '0';
  const mantissa = BigInt('0x' + digits);
  let exponent = Number(m[3]) - 4 * frac.length;
  if (mantissa === 0n) return 0;
  // Keep at most 64 significant bits (with a sticky bit) so Number() sees a small value.
  let mant = mantissa;
  const excess = mant.toString(2).length - 64;
  if (excess > 0) {
    const sticky = mant & ((1n << BigInt(excess)) - 1n) ? 1n : 0n;
    mant = (mant >> BigInt(excess)) | sticky;
    exponent += excess;
  }
  let v = Number(mant);
  // Scale in steps of at most 2^±1000 (each exact while the result stays normal).
  while (exponent > 1000) {
    v *= 2 ** 1000;
    exponent -= 1000;
  }
  while (exponent < -1000 && Math.abs(v) * 2 ** -1000 >= 2 ** -1022) {
    v *= 2 ** -1000;
    exponent += 1000;
  }
  while (exponent < -1000) {
    v *= 2 ** -1000;
    exponent += 1000;
  }
  return v * 2 ** exponent;
}

/**
 * A decimal constant with an `f` suffix rounded once, to float, as GCC does: rounding the decimal
 * to double first and then to float is wrong when the double lands exactly half-way between two
 * floats. Then the exact decimal value decides the side (compared in BigInt arithmetic).
 */
export function decimalToFloat(text: string, d: number): number {
  const f = Math.fround(d);
  if (f === d || !Number.isFinite(f)) return f;
  const other = f > d ? nextFloatDown(f) : nextFloatUp(f);
  if ((f + other) / 2 !== d) return f; // not a tie: rounding the double is rounding the decimal
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text);
  if (!m) return f;
  const digits = BigInt((m[1] ?? '') + (m[2] ?? '') || '0');
  const exp10 = Number(m[3] ?? 0) - (m[2] ?? '').length;
  // d = mant * 2^exp2 exactly.
  const [mant, exp2] = exactBinary(d);
  // Compare digits * 10^exp10 with mant * 2^exp2, both scaled to integers.
  let left = digits * 10n ** BigInt(Math.max(0, exp10));
  let right = mant * 2n ** BigInt(Math.max(0, exp2));
  if (exp10 < 0) right *= 10n ** BigInt(-exp10);
  if (exp2 < 0) left *= 2n ** BigInt(-exp2);
  if (left === right) return f; // a true tie: fround's ties-to-even is C's
  // The text has no sign (a minus is an operator), so d > 0: above the tie rounds up.
  return left > right ? Math.max(f, other) : Math.min(f, other);
}

function exactBinary(d: number): [bigint, number] {
  let e = 0;
  let x = Math.abs(d);
  while (!Number.isInteger(x)) {
    x *= 2;
    e--;
  }
  return [BigInt(x), e];
}

function nextFloatUp(f: number): number {
  const b = new Float32Array([f]);
  const u = new Uint32Array(b.buffer);
  u[0] = f >= 0 ? u[0]! + 1 : u[0]! - 1;
  return b[0]!;
}

function nextFloatDown(f: number): number {
  return -nextFloatUp(-f);
}

/** A character constant (C11 6.4.4.4): an int. */
export function charLiteral(cx: Checker, node: Node): Expr {
  const bytes = decodeEscapes(node.text.slice(1, -1));
  // GCC ARM: plain char is unsigned, so '\xff' is 255; multi-char constants are big-endian packed.
  let v = 0;
  for (const b of bytes) v = ((v << 8) | b) >>> 0;
  if (bytes.length > 1) cx.warn(node, 'multi-character character constant [-Wmultichar]');
  return constant(cx, node, v | 0, T.int);
}

/** The bytes of a string literal node (possibly parenthesized), else null. */
export function stringBytes(node: Node): Uint8Array | null {
  if (node.type === 'parenthesized_expression') return stringBytes(node.namedChild(0)!);
  if (node.type === 'string_literal') return stringLiteralBytes([node]);
  if (node.type === 'concatenated_string')
    return stringLiteralBytes(node.namedChildren.filter((c): c is Node => !!c));
  return null;
}

/** A string literal expression: the bytes go to the unit's string table (C11 6.4.5p6). */
export function stringLiteral(cx: Checker, node: Node): Expr {
  const bytes = stringBytes(node)!;
  cx.strings.push(bytes);
  return {
    k: 'str',
    type: { kind: 'array', of: T.char, length: bytes.length },
    loc: cx.loc(node),
    id: cx.strings.length - 1,
  };
}

/** The characters between a string literal's quotes, escapes not yet decoded. */
export function stringContent(node: Node): string {
  if (node.type === 'concatenated_string')
    return node.namedChildren.map((c) => (c ? stringContent(c) : '')).join('');
  return node.text.replace(/^[LuU8]*"/, '').replace(/"$/, '');
}

/** Bytes of one or more adjacent string literals (C11 5.1.1.2 phase 6), NUL-terminated. */
function stringLiteralBytes(nodes: Node[]): Uint8Array {
  const bytes: number[] = [];
  // One by one, not push(...): a spread of a megabyte literal overflows the JavaScript stack.
  for (const n of nodes)
    if (n.type === 'string_literal') for (const b of decodeEscapes(stringContent(n))) bytes.push(b);
  bytes.push(0);
  return Uint8Array.from(bytes);
}

/** C escape sequences (C11 6.4.4.4) to bytes; other characters as UTF-8. */
export function decodeEscapes(s: string): number[] {
  const out: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== '\\') {
      out.push(...enc.encode(ch));
      continue;
    }
    const n = s[++i] ?? '';
    if (n === 'x') {
      let j = i + 1;
      while (j < s.length && /[0-9a-fA-F]/.test(s[j]!)) j++;
      out.push(parseInt(s.slice(i + 1, j), 16) & 0xff);
      i = j - 1;
    } else if (/[0-7]/.test(n)) {
      let j = i;
      while (j < s.length && j < i + 3 && /[0-7]/.test(s[j]!)) j++;
      out.push(parseInt(s.slice(i, j), 8) & 0xff);
      i = j - 1;
    } else out.push(SIMPLE_ESCAPES[n] ?? n.charCodeAt(0));
  }
  return out;
}
