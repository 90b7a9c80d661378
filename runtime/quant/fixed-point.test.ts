import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random.ts';
import {
  INT32_MAX,
  INT32_MIN,
  multiplyByQuantizedMultiplier,
  quantizeMultiplier,
  roundingDivideByPot,
  srdhm,
} from './fixed-point.ts';

// Exact references in BigInt, written from gemmlowp's definitions (fixedpoint.h), not from the
// code under test: C division truncates toward zero, which BigInt division also does.
function srdhmExact(a: number, b: number): number {
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  const ab = BigInt(a) * BigInt(b);
  const nudge = ab >= 0n ? 1n << 30n : 1n - (1n << 30n);
  return Number((ab + nudge) / (1n << 31n));
}

/** x / 2^e rounded to nearest, ties away from zero, as an exact rational. */
function divideByPotExact(x: number, e: number): number {
  const d = 1n << BigInt(e);
  const big = BigInt(x);
  const magnitude = big < 0n ? -big : big;
  const rounded = (2n * magnitude + d) / (2n * d); // floor(|x|/d + 1/2)
  return Number(big < 0n ? -rounded : rounded);
}

const EDGES = [INT32_MIN, INT32_MIN + 1, -1073741824, -65537, -65536, -3, -2, -1, 0, 1, 2, 3];
EDGES.push(65535, 65536, 1073741824, INT32_MAX - 1, INT32_MAX);

function randomInt32(rand: () => number): number {
  const bits = Math.floor(rand() * 32); // magnitudes of every size, not only large ones
  return Math.floor((rand() * 2 - 1) * 2 ** bits);
}

describe('srdhm (SaturatingRoundingDoublingHighMul)', () => {
  it('equals the BigInt definition on edge cases', () => {
    for (const a of EDGES)
      for (const b of EDGES) expect(srdhm(a, b), `${a} * ${b}`).toBe(srdhmExact(a, b));
  });

  it('equals the BigInt definition on 200,000 random pairs', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 200_000; i++) {
      const a = randomInt32(rand);
      const b = randomInt32(rand);
      if (srdhm(a, b) !== srdhmExact(a, b))
        expect(srdhm(a, b), `${a} * ${b}`).toBe(srdhmExact(a, b));
    }
  });

  it('saturates only INT32_MIN * INT32_MIN and rounds ties up (toward +infinity)', () => {
    expect(srdhm(INT32_MIN, INT32_MIN)).toBe(INT32_MAX);
    // 1 * 2^30 / 2^31 = 0.5 rounds to 1; -0.5 and -1.5 round up to 0 and -1 (the nudge
    // 1 - 2^30 with truncation), unlike RoundingDivideByPOT's ties away from zero.
    expect(srdhm(1, 1 << 30)).toBe(1);
    expect(srdhm(-1, 1 << 30)).toBe(0);
    expect(srdhm(-3, 1 << 30)).toBe(-1);
  });
});

describe('roundingDivideByPot', () => {
  it('rounds to nearest with ties away from zero, for every exponent', () => {
    const rand = mulberry32(11);
    for (let e = 0; e <= 31; e++) {
      for (const x of EDGES)
        expect(roundingDivideByPot(x, e), `${x} >> ${e}`).toBe(divideByPotExact(x, e));
      for (let i = 0; i < 2000; i++) {
        const x = randomInt32(rand);
        if (roundingDivideByPot(x, e) !== divideByPotExact(x, e)) {
          expect(roundingDivideByPot(x, e), `${x} >> ${e}`).toBe(divideByPotExact(x, e));
        }
      }
    }
    expect(roundingDivideByPot(-6, 2)).toBe(-2); // -1.5 -> -2
    expect(roundingDivideByPot(6, 2)).toBe(2); // 1.5 -> 2
    expect(roundingDivideByPot(-5, 2)).toBe(-1); // -1.25 -> -1
  });

  it('refuses exponents outside [0, 31]', () => {
    expect(() => roundingDivideByPot(1, 32)).toThrow(/exponent must be an integer in \[0, 31\]/);
    expect(() => roundingDivideByPot(1, -1)).toThrow(/got -1/);
  });
});

describe('quantizeMultiplier and multiplyByQuantizedMultiplier', () => {
  it('represents M as a Q31 mantissa in [2^30, 2^31) and a shift', () => {
    const rand = mulberry32(3);
    for (let i = 0; i < 1000; i++) {
      const real = 2 ** (rand() * 40 - 30);
      const { multiplier, shift } = quantizeMultiplier(real);
      expect(multiplier).toBeGreaterThanOrEqual(2 ** 30);
      expect(multiplier).toBeLessThan(2 ** 31);
      // The mantissa is round(M0 * 2^31): within half a unit of the real value.
      expect(Math.abs(multiplier * 2 ** (shift - 31) - real)).toBeLessThanOrEqual(
        2 ** (shift - 32),
      );
    }
    expect(quantizeMultiplier(0)).toEqual({ multiplier: 0, shift: 0 });
    expect(quantizeMultiplier(0.5)).toEqual({ multiplier: 2 ** 30, shift: 0 });
    // 1 - 2^-40 rounds up to 2^31: halved, exponent raised.
    expect(quantizeMultiplier(1 - 2 ** -40)).toEqual({ multiplier: 2 ** 30, shift: 1 });
    expect(() => quantizeMultiplier(-1)).toThrow(/finite real >= 0, got -1/);
    expect(() => quantizeMultiplier(2 ** 31)).toThrow(/too large/);
  });

  it('equals the exact rational x * multiplier * 2^(shift-31), rounded twice as in TFLite', () => {
    const rand = mulberry32(5);
    for (let i = 0; i < 20_000; i++) {
      const m = quantizeMultiplier(2 ** (rand() * 20 - 18));
      const x = Math.floor((rand() * 2 - 1) * 2 ** 24);
      const left = Math.max(m.shift, 0);
      const scaled = Math.min(Math.max(x * 2 ** left, INT32_MIN), INT32_MAX);
      const expected = divideByPotExact(srdhmExact(scaled, m.multiplier), Math.max(-m.shift, 0));
      expect(multiplyByQuantizedMultiplier(x, m)).toBe(expected);
      // And it is within one unit of the real product.
      const real = x * m.multiplier * 2 ** (m.shift - 31);
      expect(Math.abs(multiplyByQuantizedMultiplier(x, m) - real)).toBeLessThanOrEqual(1);
    }
  });
});
