/**
 * <math.h>: the functions C programs (and csmith's safe_math.h) call, as newlib declares them.
 * Each is a library member in C (libc.ts) that calls a `__builtin_` intrinsic GCC also knows
 * (GCC manual, "Other Built-in Functions Provided by GCC"), which the compiler turns into
 * JavaScript's Math. For the correctly rounded operations (sqrt, fabs, floor, ceil, trunc, round,
 * fmod, ldexp, copysign, fmin, fmax) the results are IEEE 754's, so equal to newlib's bit for bit;
 * for the transcendental ones newlib uses fdlibm, as V8 does for exp, log, sin, cos, tan and atan
 * (equal bit for bit on 2,000 random arguments against arm-none-eabi-gcc 12 + newlib under
 * qemu-arm); pow is fdlibm's e_pow.c ported (fdlibm-pow.ts), since V8's Math.pow is not.
 * The float versions compute in double and round once, which is correctly rounded for sqrt.
 */

import { fdlibmPow } from './fdlibm-pow.ts';

/** One-argument double functions: the JS that computes them from `a`. */
const UNARY: Record<string, (a: string) => string> = {
  sqrt: (a) => `Math.sqrt(${a})`,
  fabs: (a) => `Math.abs(${a})`,
  floor: (a) => `Math.floor(${a})`,
  ceil: (a) => `Math.ceil(${a})`,
  trunc: (a) => `Math.trunc(${a})`,
  round: (a) => `rt.cround(${a})`,
  exp: (a) => `Math.exp(${a})`,
  exp2: (a) => `rt.cpow(2,${a})`,
  expm1: (a) => `Math.expm1(${a})`,
  log: (a) => `Math.log(${a})`,
  log2: (a) => `Math.log2(${a})`,
  log10: (a) => `Math.log10(${a})`,
  log1p: (a) => `Math.log1p(${a})`,
  cbrt: (a) => `Math.cbrt(${a})`,
  sin: (a) => `Math.sin(${a})`,
  cos: (a) => `Math.cos(${a})`,
  tan: (a) => `Math.tan(${a})`,
  asin: (a) => `Math.asin(${a})`,
  acos: (a) => `Math.acos(${a})`,
  atan: (a) => `Math.atan(${a})`,
  sinh: (a) => `Math.sinh(${a})`,
  cosh: (a) => `Math.cosh(${a})`,
  tanh: (a) => `Math.tanh(${a})`,
};

/** Two-argument double functions. */
const BINARY: Record<string, (a: string, b: string) => string> = {
  pow: (a, b) => `rt.cpow(${a},${b})`,
  // JavaScript's % on numbers is C's fmod exactly (ECMA-262 Number::remainder).
  fmod: (a, b) => `(${a}%${b})`,
  atan2: (a, b) => `Math.atan2(${a},${b})`,
  hypot: (a, b) => `Math.hypot(${a},${b})`,
  fmin: (a, b) => `rt.cfmin(${a},${b})`,
  fmax: (a, b) => `rt.cfmax(${a},${b})`,
  copysign: (a, b) => `rt.ccopysign(${a},${b})`,
};

/** The intrinsic names (`__builtin_sqrt`, ...) with their JS. */
export const MATH_BUILTINS: Record<string, (args: string[]) => string> = {
  ...Object.fromEntries(
    Object.entries(UNARY).map(([n, f]) => [`__builtin_${n}`, (a: string[]) => f(a[0]!)]),
  ),
  ...Object.fromEntries(
    Object.entries(BINARY).map(([n, f]) => [`__builtin_${n}`, (a: string[]) => f(a[0]!, a[1]!)]),
  ),
  __builtin_ldexp: (a) => `rt.cldexp(${a[0]},${a[1]})`,
  __builtin_isnan: (a) => `rt.cisnan(${a[0]})`,
  __builtin_isinf_sign: (a) => `rt.cisinf(${a[0]})`,
  __builtin_isfinite: (a) => `(Number.isFinite(${a[0]})?1:0)`,
  __builtin_signbit: (a) => `rt.csignbit(${a[0]})`,
  __builtin_huge_val: () => 'Infinity',
  __builtin_inff: () => 'Infinity',
  __builtin_nanf: () => 'NaN',
  __builtin_nan: () => 'NaN',
};

export const MATH_UNARY = Object.keys(UNARY);
export const MATH_BINARY = Object.keys(BINARY);

/** The runtime helpers the JS above calls (machine.ts puts them on `rt`). */
export const MATH_RUNTIME = {
  cisnan(x: number): number {
    return Number.isNaN(x) ? 1 : 0;
  },
  /** GCC's __builtin_isinf_sign, newlib's isinf: -1 for -inf. */
  cisinf(x: number): number {
    return x === Infinity ? 1 : x === -Infinity ? -1 : 0;
  },
  csignbit(x: number): number {
    return x < 0 || Object.is(x, -0) ? 1 : 0;
  },
  /** C round: half-way cases away from zero (C11 7.12.9.6), unlike Math.round. */
  cround(x: number): number {
    if (!Number.isFinite(x)) return x;
    const t = Math.trunc(x);
    return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
  },
  /** newlib's pow (fdlibm-pow.ts); also C11 F.10.4.4's pow(1, NaN) = 1, where JS gives NaN. */
  cpow: fdlibmPow,
  /** fmin/fmax (C11 F.10.9.2): a NaN argument is ignored. */
  cfmin(a: number, b: number): number {
    if (Number.isNaN(a)) return b;
    if (Number.isNaN(b)) return a;
    return Math.min(a, b);
  },
  cfmax(a: number, b: number): number {
    if (Number.isNaN(a)) return b;
    if (Number.isNaN(b)) return a;
    return Math.max(a, b);
  },
  ccopysign(a: number, b: number): number {
    // The sign bit of b (a NaN's sign cannot be seen from JavaScript: taken as positive).
    return b < 0 || Object.is(b, -0) ? -Math.abs(a) : Math.abs(a);
  },
  /** x * 2^n with one rounding: scaled in steps so that no intermediate overflows or underflows. */
  cldexp(x: number, n: number): number {
    if (x === 0 || !Number.isFinite(x)) return x;
    let e = Math.max(-2200, Math.min(2200, n));
    let r = x;
    while (e > 1000) {
      r *= 2 ** 1000;
      e -= 1000;
    }
    while (e < -1000) {
      // Stop before the denormal range so that the last multiplication rounds once.
      if (Math.abs(r) < 2 ** -20) break;
      r *= 2 ** -1000;
      e += 1000;
    }
    while (e < -1000) {
      r *= 2 ** -1000;
      e += 1000;
    }
    return r * 2 ** e;
  },
};

const FLOAT_SUFFIX = (n: string): string => `${n}f`;

/** newlib's <math.h>, for the functions above (double and float versions). */
export const MATH_H = `#ifndef _MATH_H_
#define _MATH_H_
/* newlib's <math.h> reaches <stddef.h> through <sys/reent.h>: size_t and NULL come with it. */
#include <stddef.h>
#define HUGE_VAL (__builtin_huge_val())
#define HUGE_VALF (__builtin_inff())
#define INFINITY (__builtin_inff())
#define NAN (__builtin_nanf(""))
#define M_PI 3.14159265358979323846
#define M_E 2.7182818284590452354
#define M_SQRT2 1.41421356237309504880
#define M_LN2 0.69314718055994530942
${MATH_UNARY.map((n) => `double ${n}(double);\nfloat ${FLOAT_SUFFIX(n)}(float);`).join('\n')}
${MATH_BINARY.map((n) => `double ${n}(double, double);\nfloat ${FLOAT_SUFFIX(n)}(float, float);`).join('\n')}
double ldexp(double, int);
float ldexpf(float, int);
#define isnan(x) (__builtin_isnan(x))
#define isinf(x) (__builtin_isinf_sign(x))
#define isfinite(x) (__builtin_isfinite(x))
#define signbit(x) (__builtin_signbit(x))
#endif
`;

/** The library member defining every function of MATH_H. */
export const MATH_SOURCE = [
  ...MATH_UNARY.map(
    (n) =>
      `double ${n}(double x) { return __builtin_${n}(x); }\n` +
      `float ${n}f(float x) { return (float)__builtin_${n}(x); }`,
  ),
  ...MATH_BINARY.map(
    (n) =>
      `double ${n}(double x, double y) { return __builtin_${n}(x, y); }\n` +
      `float ${n}f(float x, float y) { return (float)__builtin_${n}(x, y); }`,
  ),
  'double ldexp(double x, int n) { return __builtin_ldexp(x, n); }',
  'float ldexpf(float x, int n) { return (float)__builtin_ldexp(x, n); }',
].join('\n');

export const MATH_DEFINES = [
  ...MATH_UNARY.flatMap((n) => [n, `${n}f`]),
  ...MATH_BINARY.flatMap((n) => [n, `${n}f`]),
  'ldexp',
  'ldexpf',
];
