/** A real multiplier M as a Q31 mantissa and a power of two: M ~= multiplier * 2^(shift - 31). */
export interface QuantizedMultiplier {
  multiplier: number;
  shift: number;
}

const TWO_31 = 2 ** 31;

/**
 * TFLite's QuantizeMultiplier: `multiplier` in [2^30, 2^31) (or 0 when real is 0) and the shift,
 * so that real = multiplier / 2^31 * 2^shift as closely as 31 bits allow.
 */
export function quantizeMultiplier(real: number): QuantizedMultiplier {
  if (real === 0) return { multiplier: 0, shift: 0 };
  // frexp: real = m0 * 2^shift with m0 in [0.5, 1). The loops correct log2's last-ulp errors.
  let shift = Math.floor(Math.log2(real)) + 1;
  let m0 = real / 2 ** shift;
  while (m0 >= 1) {
    m0 /= 2;
    shift++;
  }
  while (m0 < 0.5) {
    m0 *= 2;
    shift--;
  }
  let multiplier = Math.round(m0 * TWO_31);
  // m0 just below 1 rounds up to 2^31, which does not fit an int32: halve it, raise the shift.
  if (multiplier === TWO_31) {
    multiplier /= 2;
    shift++;
  }
  return { multiplier, shift };
}
