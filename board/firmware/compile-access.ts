/**
 * Reading and writing C objects: where an lvalue lives (a JS local, memory, or a bit-field within
 * a memory word) and the code that loads or stores it through the Memory fast path (memory.ts).
 */
import { rep } from './compile-values.ts';
import { sizeOf, type CType, type Field } from './types.ts';

/** Where an object lives: a JS local (`vN`), an address expression, or a bit-field at an address. */
export type Lvalue =
  | { kind: 'reg'; name: string }
  | { kind: 'mem'; addr: string }
  | { kind: 'bit'; addr: string; field: Field };

/** Code loading the value of type `t` from lv; a bit-field is sign- or zero-extended from its width. */
export function loadCode(lv: Lvalue, t: CType): string {
  if (lv.kind === 'reg') return lv.name;
  if (lv.kind === 'bit') {
    const f = lv.field;
    const size = sizeOf(f.type);
    const word =
      size === 4 ? `(r32(${lv.addr})>>>0)` : size === 2 ? `r16(${lv.addr})` : `r8(${lv.addr})`;
    const signed = f.type.kind === 'int' && f.type.signed;
    const w = f.bitWidth!;
    const shifted = `(${word}>>>${f.bitOffset})`;
    return signed
      ? `((${shifted}<<${32 - w})>>${32 - w})`
      : w === 32
        ? `(${shifted}>>>0)`
        : `(${shifted}&${2 ** w - 1})`;
  }
  const a = lv.addr;
  switch (rep(t)) {
    case 'i32':
      return `r32(${a})`;
    case 'u32':
      return `(r32(${a})>>>0)`;
    case 'i16':
      return `r16s(${a})`;
    case 'u16':
      return `r16(${a})`;
    case 'i8':
      return `r8s(${a})`;
    case 'u8':
    case 'bool':
      return `r8(${a})`;
    case 'i64':
      return `r64s(${a})`;
    case 'u64':
      return `r64(${a})`;
    case 'f32':
      return `rf32(${a})`;
    case 'f64':
      return `rf64(${a})`;
    default:
      return a;
  }
}

/**
 * The value a bit-field holds after `v` is stored in it (C11 6.5.16p3: an assignment's value is
 * the left operand's after the store): `v` cut to the field's width, sign-extended when signed.
 * `s.f4 = 100` for `signed f4 : 7` is -28.
 */
export function bitFieldValue(f: Field, v: string): string {
  const w = f.bitWidth!;
  if (w >= 32) return v;
  const signed = f.type.kind === 'int' && f.type.signed;
  return signed ? `((${v}<<${32 - w})>>${32 - w})` : `((${v})&${2 ** w - 1})`;
}

/** Code storing JS value `v` (already of type t) into lv; an expression without a useful value. */
export function storeCode(lv: Lvalue, t: CType, v: string): string {
  if (lv.kind === 'reg') return `${lv.name}=${v}`;
  if (lv.kind === 'bit') {
    const f = lv.field;
    const size = sizeOf(f.type);
    const mask = ((2 ** f.bitWidth! - 1) * 2 ** f.bitOffset!) >>> 0;
    const rd = size === 4 ? 'r32' : size === 2 ? 'r16' : 'r8';
    const wr = size === 4 ? 'w32' : size === 2 ? 'w16' : 'w8';
    return `${wr}(${lv.addr},(${rd}(${lv.addr})&${~mask})|((${v}<<${f.bitOffset})&${mask | 0}))`;
  }
  const a = lv.addr;
  switch (rep(t)) {
    case 'i32':
    case 'u32':
      return `w32(${a},${v})`;
    case 'i16':
    case 'u16':
      return `w16(${a},${v})`;
    case 'i8':
    case 'u8':
    case 'bool':
      return `w8(${a},${v})`;
    case 'i64':
    case 'u64':
      return `w64(${a},${v})`;
    case 'f32':
      return `wf32(${a},${v})`;
    case 'f64':
      return `wf64(${a},${v})`;
    case 'rec':
      return `M.copy(${a},${v},${sizeOf(t)})`;
    default:
      return v;
  }
}
