/**
 * C arithmetic on constant values, with ARM GCC's results: 32-bit and narrower integers are JS
 * numbers normalized to their type's range, 64-bit integers are BigInts, float is Math.fround.
 * Used for constant folding; compile-values.ts emits the same operations as JavaScript source.
 */
import type { CType } from './types.ts';
import type { BinaryOp } from './ast.ts';

export type Value = number | bigint;

/** Converts `v` (of any arithmetic type) to type `t` as a cast does (C11 6.3.1.3, 6.3.1.4). */
export function convertValue(v: Value, t: CType, fromFloat = false): Value {
  if (t.kind === 'pointer') return Number(BigInt.asUintN(32, toBig(v)));
  if (t.kind === 'float') {
    const n = typeof v === 'bigint' ? Number(v) : v;
    return t.size === 4 ? Math.fround(n) : n;
  }
  if (t.kind !== 'int') return v;
  if (t.name === '_Bool') return (typeof v === 'bigint' ? v !== 0n : v !== 0) ? 1 : 0;
  if (typeof v === 'number' && (fromFloat || !Number.isInteger(v))) {
    // Narrow types convert through a 32-bit VCVT, signed or unsigned as the target.
    v = saturate(v, t.size === 8 ? 64 : 32, t.signed);
  }
  const big = toBig(v);
  if (t.size === 8) return t.signed ? BigInt.asIntN(64, big) : BigInt.asUintN(64, big);
  const bits = t.size * 8;
  return Number(t.signed ? BigInt.asIntN(bits, big) : BigInt.asUintN(bits, big));
}

/** Float to integer as VCVT does it: NaN is 0, out-of-range values saturate (ARM ARM A8.8.306). */
function saturate(x: number, bits: number, signed: boolean): number {
  if (Number.isNaN(x)) return 0;
  const lo = signed ? -(2 ** (bits - 1)) : 0;
  const hi = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  return Math.min(Math.max(Math.trunc(x), lo), hi);
}

function toBig(v: Value): bigint {
  if (typeof v === 'bigint') return v;
  if (!Number.isFinite(v)) return 0n; // out-of-range float to int is undefined; ARM saturates, 0 is fine
  return BigInt(Math.trunc(v));
}

export function isZero(v: Value): boolean {
  return typeof v === 'bigint' ? v === 0n : v === 0;
}

/** Evaluates `a op b` in type `t` (operands already converted); null when not foldable (x / 0). */
function width(t: CType): number {
  return t.kind === 'int' ? t.size * 8 : 32;
}

export function foldBinary(op: BinaryOp, a: Value, b: Value, t: CType): Value | null {
  const cmp = (r: boolean): number => (r ? 1 : 0);
  switch (op) {
    case '==':
      return cmp(a == b);
    case '!=':
      return cmp(a != b);
    case '<':
      return cmp(a < b);
    case '>':
      return cmp(a > b);
    case '<=':
      return cmp(a <= b);
    case '>=':
      return cmp(a >= b);
  }
  if (t.kind === 'float') {
    const x = Number(a);
    const y = Number(b);
    const r =
      op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : NaN;
    return convertValue(r, t);
  }
  const x = toBig(a);
  const y = toBig(b);
  let r: bigint;
  switch (op) {
    case '+':
      r = x + y;
      break;
    case '-':
      r = x - y;
      break;
    case '*':
      r = x * y;
      break;
    case '/':
      if (y === 0n) return null;
      r = x / y;
      break;
    case '%':
      if (y === 0n) return null;
      r = x % y;
      break;
    // GCC folds a count out of range (negative, or at least the width) to 0, or to -1 for a
    // negative value shifted right (measured: `5 << 256` is 0, `-8 >> 256` is -1); run-time
    // shifts follow the ARM register shift instead (shifts.ts).
    case '<<':
      r = y < 0n || y >= BigInt(width(t)) ? 0n : x << y;
      break;
    case '>>':
      r = y < 0n || y >= BigInt(width(t)) ? (x < 0n ? -1n : 0n) : x >> y;
      break;
    case '&':
      r = x & y;
      break;
    case '|':
      r = x | y;
      break;
    case '^':
      r = x ^ y;
      break;
  }
  return convertValue(r, t);
}
