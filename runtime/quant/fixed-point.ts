/**
 * The integer-only requantization of Jacob et al., "Quantization and Training of Neural Networks
 * for Efficient Integer-Arithmetic-Only Inference", CVPR 2018, section 2.2: a real multiplier
 * M = M0 * 2^-n with M0 in [0.5, 1) is applied to an int32 accumulator as a fixed-point product
 * with the Q31 integer round(M0 * 2^31), then a rounding right shift by n.
 *
 * The two primitives follow gemmlowp `fixedpoint/fixedpoint.h` bit for bit, and their
 * composition follows TensorFlow Lite `kernels/internal/common.h` (`MultiplyByQuantizedMultiplier`):
 * - SaturatingRoundingDoublingHighMul (NEON VQRDMULH): (a * b + nudge) / 2^31 with C's division
 *   truncating toward zero, nudge = 2^30 for a non-negative product and 1 - 2^30 otherwise; the
 *   one overflow, INT32_MIN * INT32_MIN, saturates to INT32_MAX.
 * - RoundingDivideByPOT: an arithmetic right shift rounding to nearest, ties away from zero.
 *
 * JavaScript numbers are doubles, exact only below 2^53, so the 62-bit product is never formed:
 * `srdhm` splits b into 16-bit halves and carries the low 31 bits separately. The tests check it
 * against BigInt arithmetic. The exported C (runtime/export-c) uses int64_t for the same steps.
 */

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
const TWO_31 = 2147483648;
const TWO_30 = 1073741824;

function checkInt32(name: string, v: number): void {
  if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) {
    throw new RangeError(`${name} must be an int32 (an integer in [-2^31, 2^31 - 1]), got ${v}`);
  }
}

/** gemmlowp SaturatingRoundingDoublingHighMul(a, b) for int32 a and b. */
export function srdhm(a: number, b: number): number {
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  // b = bh * 2^16 + bl with bh signed (|bh| <= 2^15) and 0 <= bl < 2^16; both partial
  // products stay below 2^47 in magnitude, so they are exact.
  const bh = b >> 16;
  const bl = b & 0xffff;
  const t1 = a * bh;
  const t2 = a * bl;
  // a*b = t1 * 2^16 + t2 = q1 * 2^31 + (r1 * 2^16 + t2), with t1 = q1 * 2^15 + r1, 0 <= r1 < 2^15.
  const q1 = Math.floor(t1 / 32768);
  const r1 = t1 - q1 * 32768;
  const negative = a !== 0 && b !== 0 && a < 0 !== b < 0;
  const nudge = negative ? 1 - TWO_30 : TWO_30;
  const s = r1 * 65536 + t2 + nudge; // |s| < 2^48: exact
  const sHigh = Math.floor(s / TWO_31);
  const floorQuotient = q1 + sHigh; // floor((a*b + nudge) / 2^31)
  const remainder = s - sHigh * TWO_31; // in [0, 2^31)
  // C truncates toward zero: a negative quotient with a remainder rounds up by one.
  return floorQuotient < 0 && remainder !== 0 ? floorQuotient + 1 : floorQuotient;
}

/** gemmlowp RoundingDivideByPOT(x, exponent): x / 2^exponent rounded, ties away from zero. */
export function roundingDivideByPot(x: number, exponent: number): number {
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 31) {
    throw new RangeError(`exponent must be an integer in [0, 31], got ${exponent}`);
  }
  const mask = exponent === 0 ? 0 : 0xffffffff >>> (32 - exponent);
  const remainder = (x & mask) >>> 0;
  const threshold = (mask >>> 1) + (x < 0 ? 1 : 0);
  // x >> exponent is the arithmetic shift; 31 needs two steps in JS (>> takes the count mod 32).
  const shifted = exponent === 31 ? (x >> 30) >> 1 : x >> exponent;
  return shifted + (remainder > threshold ? 1 : 0);
}

/** A real multiplier as TFLite stores it: M ~= multiplier * 2^(shift - 31). */
export interface QuantizedMultiplier {
  /** Q31 mantissa in [2^30, 2^31), or 0 for M = 0. */
  multiplier: number;
  /** Power-of-two exponent: > 0 shifts left before the product, < 0 rounds right after it. */
  shift: number;
}

/**
 * TFLite `QuantizeMultiplier` (kernels/internal/quantization_util.cc): frexp(M) gives M0 in
 * [0.5, 1) and the exponent; M0 is rounded to Q31, and a mantissa that rounds up to 2^31 is
 * halved with the exponent raised. Shifts are limited to [-31, 30] (what the C can apply).
 */
export function quantizeMultiplier(real: number): QuantizedMultiplier {
  if (!Number.isFinite(real) || real < 0) {
    throw new RangeError(`multiplier must be a finite real >= 0, got ${real}`);
  }
  if (real === 0) return { multiplier: 0, shift: 0 };
  let shift = Math.floor(Math.log2(real)) + 1;
  let m0 = real / 2 ** shift;
  // log2 can be off by one ulp near powers of two: bring m0 into [0.5, 1).
  while (m0 >= 1) {
    m0 /= 2;
    shift++;
  }
  while (m0 < 0.5) {
    m0 *= 2;
    shift--;
  }
  let q = Math.round(m0 * TWO_31);
  if (q === TWO_31) {
    q /= 2;
    shift++;
  }
  if (shift < -31) return { multiplier: 0, shift: 0 }; // below 2^-32: rounds to 0 anyway
  if (shift > 30) throw new RangeError(`multiplier ${real} is too large (2^${shift})`);
  return { multiplier: q, shift };
}

/**
 * TFLite `MultiplyByQuantizedMultiplier(x, multiplier, shift)`: x * M rounded, in integers.
 * A left shift saturates to int32 (TFLite leaves the overflow undefined; here it is defined, and
 * the C does the same).
 */
export function multiplyByQuantizedMultiplier(x: number, m: QuantizedMultiplier): number {
  return requantize(x, m.multiplier, m.shift);
}

/** `multiplyByQuantizedMultiplier` with the multiplier's two fields as numbers (hot loops). */
export function requantize(x: number, multiplier: number, shift: number): number {
  if (shift > 0) {
    let scaled = x * 2 ** shift; // exact: |x| < 2^31, shift <= 30
    if (scaled > INT32_MAX) scaled = INT32_MAX;
    else if (scaled < INT32_MIN) scaled = INT32_MIN;
    return srdhm(scaled, multiplier);
  }
  return roundingDivideByPot(srdhm(x, multiplier), -shift);
}

/** Checks an accumulator before requantizing (the C holds it in an int32_t). */
export function requireInt32(name: string, v: number): number {
  checkInt32(name, v);
  return v;
}
