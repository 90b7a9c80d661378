/**
 * C values as JavaScript values: the representation each C type compiles to, the code that
 * normalizes, converts and combines them, and literals. Everything here is pure string-building
 * on already-typed operands; which conversions happen is the checker's decision (ast.ts makes
 * them explicit `cast` nodes), this module only spells them in JS.
 */
import type { CType } from './types.ts';

/** The representation of a C value in JavaScript. */
export type Rep =
  | 'i32'
  | 'u32'
  | 'i16'
  | 'u16'
  | 'i8'
  | 'u8'
  | 'bool'
  | 'i64'
  | 'u64'
  | 'f32'
  | 'f64'
  | 'rec'
  | 'void';

export function rep(t: CType): Rep {
  switch (t.kind) {
    case 'int':
      if (t.name === '_Bool') return 'bool';
      if (t.size === 8) return t.signed ? 'i64' : 'u64';
      if (t.size === 4) return t.signed ? 'i32' : 'u32';
      if (t.size === 2) return t.signed ? 'i16' : 'u16';
      return t.signed ? 'i8' : 'u8';
    case 'float':
      return t.size === 4 ? 'f32' : 'f64';
    case 'pointer':
    case 'function':
      return 'u32';
    case 'record':
    case 'array':
      return 'rec';
    case 'void':
      return 'void';
  }
}

export const is64 = (r: Rep): boolean => r === 'i64' || r === 'u64';
export const isFloatRep = (r: Rep): boolean => r === 'f32' || r === 'f64';

export function norm(r: Rep, s: string): string {
  switch (r) {
    case 'i32':
      return `((${s})|0)`;
    case 'u32':
      return `((${s})>>>0)`;
    case 'i16':
      return `((${s})<<16>>16)`;
    case 'u16':
      return `((${s})&65535)`;
    case 'i8':
      return `((${s})<<24>>24)`;
    case 'u8':
      return `((${s})&255)`;
    case 'bool':
      return `((${s})!==0?1:0)`;
    case 'i64':
      return `BigInt.asIntN(64,${s})`;
    case 'u64':
      return `BigInt.asUintN(64,${s})`;
    case 'f32':
      return `Math.fround(${s})`;
    default:
      return s;
  }
}

export function literal(v: number | bigint, r: Rep): string {
  if (is64(r)) {
    const b = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
    return b < 0n ? `(${b}n)` : `${b}n`;
  }
  const n = Number(v);
  if (Number.isNaN(n)) return 'NaN';
  if (Object.is(n, -0)) return '(-0)';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '(-Infinity)';
  return n < 0 ? `(${n})` : String(n);
}

/** C conversion of JS value `s` from type `from` to type `to` (C11 6.3; float to int saturates as VCVT does). */
export function convert(s: string, from: CType, to: CType): string {
  const f = rep(from);
  const t = rep(to);
  if (t === 'void' || t === 'rec' || f === t) return s;
  if (t === 'bool') return is64(f) ? `((${s})!==0n?1:0)` : `((${s})!==0?1:0)`;
  if (is64(t)) {
    if (is64(f)) return norm(t, s);
    if (isFloatRep(f)) return `rt.f2l(${s},${t === 'i64'})`;
    return t === 'u64' && (f === 'i32' || f === 'i16' || f === 'i8')
      ? `BigInt.asUintN(64,BigInt(${s}))`
      : `BigInt(${s})`;
  }
  if (isFloatRep(t)) {
    const n = is64(f) ? `Number(${s})` : s;
    return t === 'f32' ? `Math.fround(${n})` : n;
  }
  // t is a 32-bit-or-narrower integer
  if (is64(f))
    return t === 'u32'
      ? `Number(BigInt.asUintN(32,${s}))`
      : norm(t, `Number(BigInt.asIntN(32,${s}))`);
  if (isFloatRep(f)) {
    const unsigned = t === 'u32' || t === 'u16' || t === 'u8';
    const whole = unsigned ? `rt.f2u(${s})` : `rt.f2i(${s})`;
    return t === 'u32' || t === 'i32' ? whole : norm(t, whole);
  }
  // integer to integer, both in 32-bit JS numbers
  const widening: Record<string, Rep[]> = {
    i32: ['i16', 'i8', 'u16', 'u8', 'bool'],
    u32: ['u16', 'u8', 'bool'],
    i16: ['i8', 'u8', 'bool'],
    u16: ['u8', 'bool'],
    i8: ['bool'],
    u8: ['bool'],
  };
  if (widening[t]?.includes(f)) return s;
  return norm(t, s);
}

export const CMP: Record<string, string> = {
  '==': '===',
  '!=': '!==',
  '<': '<',
  '>': '>',
  '<=': '<=',
  '>=': '>=',
};

/** `l op r` in representation r (operands already converted); comparisons yield a JS boolean. */
export function binop(op: string, r: Rep, l: string, rr: string): string {
  if (CMP[op]) return `(${l}${CMP[op]}${rr})`;
  if (is64(r)) {
    if (op === '/') return `rt.ldiv(${l},${rr},${r === 'i64'})`;
    if (op === '%') return `rt.lrem(${l},${rr},${r === 'i64'})`;
    // Counts out of 0-63 follow the ARM code GCC emits (shifts.ts).
    if (op === '<<') return `rt.shl64(${l},${rr},${r === 'i64'})`;
    if (op === '>>') return `rt.shr64(${l},${rr},${r === 'i64'})`;
    return norm(r, `(${l}${op}${rr})`);
  }
  if (isFloatRep(r)) return r === 'f32' ? `Math.fround(${l}${op}${rr})` : `(${l}${op}${rr})`;
  const unsigned = r === 'u32';
  // A constant non-zero divisor needs no zero check: divide inline.
  const constDivisor = /^\(?-?\d+\)?$/.test(rr) && Number(rr.replace(/[()]/g, '')) !== 0;
  if (constDivisor && (op === '/' || op === '%')) {
    return unsigned ? `((${l}${op}${rr})>>>0)` : `((${l}${op}${rr})|0)`;
  }
  switch (op) {
    case '+':
    case '-':
      return unsigned ? `((${l}${op}${rr})>>>0)` : `((${l}${op}${rr})|0)`;
    case '*':
      return unsigned ? `(Math.imul(${l},${rr})>>>0)` : `Math.imul(${l},${rr})`;
    case '/':
      return unsigned ? `rt.udiv(${l},${rr})` : `rt.idiv(${l},${rr})`;
    case '%':
      return unsigned ? `rt.urem(${l},${rr})` : `rt.irem(${l},${rr})`;
    case '<<':
    case '>>': {
      // A constant count of 0-31 is JavaScript's shift; any other count follows the ARM register
      // shift GCC emits (shifts.ts): JavaScript would take it modulo 32.
      const k = /^\d+$/.test(rr) ? Number(rr) : -1;
      if (k >= 0 && k < 32) {
        if (op === '<<') return unsigned ? `((${l}<<${rr})>>>0)` : `(${l}<<${rr})`;
        return unsigned ? `(${l}>>>${rr})` : `(${l}>>${rr})`;
      }
      if (op === '<<') return unsigned ? `rt.shl32(${l},${rr})` : `(rt.shl32(${l},${rr})|0)`;
      return unsigned ? `rt.shr32u(${l},${rr})` : `rt.shr32s(${l},${rr})`;
    }
    default:
      return unsigned ? `((${l}${op}${rr})>>>0)` : `(${l}${op}${rr})`;
  }
}

/** AAPCS 5.5: argument words in order, 8-byte types 8-aligned, each rounded up to 4 bytes. */
