/**
 * Functions the compiler knows by name: the engine's intrinsics (reached from the board's BSP
 * headers and from `asm` statements), and the C library functions GCC treats as built-ins
 * (GCC manual, "Other Built-in Functions Provided by GCC"), with the header that declares each.
 */
import { MATH_BINARY, MATH_UNARY } from '../cmath.ts';
import { T, pointerTo, type CType } from '../types.ts';

/** Intrinsics the engine implements; the board's BSP headers and `__asm__` statements reach them. */
export const INTRINSICS: Record<string, { ret: CType; params: CType[] }> = {
  __host_putchar: { ret: T.int, params: [T.int] },
  __host_exit: { ret: T.void, params: [T.int] },
  __wfi: { ret: T.void, params: [] },
  __wfe: { ret: T.void, params: [] },
  __sev: { ret: T.void, params: [] },
  __dmb: { ret: T.void, params: [] },
  __dsb: { ret: T.void, params: [] },
  __isb: { ret: T.void, params: [] },
  __nop: { ret: T.void, params: [] },
  __get_cpsr: { ret: T.uint, params: [] },
  __set_cpsr: { ret: T.void, params: [T.uint] },
  __cpu_id: { ret: T.uint, params: [] },
  __builtin_va_start: { ret: T.void, params: [pointerTo(pointerTo(T.char))] },
  __builtin_va_end: { ret: T.void, params: [pointerTo(pointerTo(T.char))] },
  __builtin_va_arg_ptr: {
    ret: pointerTo(T.void),
    params: [pointerTo(pointerTo(T.char)), T.uint, T.uint],
  },
  // <math.h>'s built-ins (cmath.ts): the library's math functions call them.
  ...Object.fromEntries(
    MATH_UNARY.map((n) => [`__builtin_${n}`, { ret: T.double, params: [T.double] }]),
  ),
  ...Object.fromEntries(
    MATH_BINARY.map((n) => [`__builtin_${n}`, { ret: T.double, params: [T.double, T.double] }]),
  ),
  __builtin_ldexp: { ret: T.double, params: [T.double, T.int] },
  __builtin_isnan: { ret: T.int, params: [T.double] },
  __builtin_isinf_sign: { ret: T.int, params: [T.double] },
  __builtin_isfinite: { ret: T.int, params: [T.double] },
  __builtin_signbit: { ret: T.int, params: [T.double] },
  __builtin_huge_val: { ret: T.double, params: [] },
  __builtin_inff: { ret: T.float, params: [] },
  __builtin_nanf: { ret: T.float, params: [pointerTo({ ...T.char, isConst: true })] },
  __builtin_nan: { ret: T.double, params: [pointerTo({ ...T.char, isConst: true })] },
};

/** C library functions GCC treats as built-ins, with the header that declares each. */
export const BUILTIN_HEADERS: Record<string, string> = {
  printf: 'stdio.h',
  sprintf: 'stdio.h',
  snprintf: 'stdio.h',
  puts: 'stdio.h',
  putchar: 'stdio.h',
  memcpy: 'string.h',
  memmove: 'string.h',
  memset: 'string.h',
  memcmp: 'string.h',
  strlen: 'string.h',
  strcmp: 'string.h',
  strncmp: 'string.h',
  strcpy: 'string.h',
  strncpy: 'string.h',
  strcat: 'string.h',
  strchr: 'string.h',
  malloc: 'stdlib.h',
  calloc: 'stdlib.h',
  free: 'stdlib.h',
  abs: 'stdlib.h',
  exit: 'stdlib.h',
  abort: 'stdlib.h',
};

/**
 * Built-ins whose GCC prototype returns int and takes fixed arguments, so the implicit
 * `int name()` of C90 is compatible with them: GCC adds no -Wbuiltin-declaration-mismatch.
 */
export const COMPATIBLE_WITH_IMPLICIT_INT = new Set([
  'puts',
  'putchar',
  'memcmp',
  'strcmp',
  'strncmp',
  'abs',
]);
