/** A real multiplier M as a Q31 mantissa and a power of two: M ~= multiplier * 2^(shift - 31). */
export interface QuantizedMultiplier {
  multiplier: number;
  shift: number;
}

/**
 * TFLite's QuantizeMultiplier: `multiplier` in [2^30, 2^31) (or 0 when real is 0) and the shift,
 * so that real = multiplier / 2^31 * 2^shift as closely as 31 bits allow.
 */
export function quantizeMultiplier(real: number): QuantizedMultiplier {
  // TODO: write real as m0 * 2^shift with m0 in [0.5, 1), then round m0 to Q31.
  return { multiplier: Math.round(real * 2 ** 31), shift: 0 };
}
