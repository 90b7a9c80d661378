/**
 * Checks for `quantizeMultiplier` against the runtime's (`runtime/quant/fixed-point.ts`, TFLite
 * `QuantizeMultiplier` in kernels/internal/quantization_util.cc), on the multipliers an int8
 * network uses (S_in S_w / S_out, mostly below 1), above 1, and at the edges: powers of two and
 * mantissas that round up to 2^31. The last check requantizes accumulators with the learner's
 * pair and the runtime's `multiplyByQuantizedMultiplier`.
 */
import {
  multiplyByQuantizedMultiplier,
  quantizeMultiplier,
  type QuantizedMultiplier,
} from '../../../runtime/quant/fixed-point.ts';
import { exportedFunction, fail, type Check, type LearnerModule } from '../../grader/engine.ts';

type Quantize = (real: number) => QuantizedMultiplier;

function call(learner: LearnerModule, real: number): QuantizedMultiplier {
  const result = exportedFunction<Quantize>(learner, 'quantizeMultiplier')(real);
  if (typeof result !== 'object' || result === null) {
    fail(
      `quantizeMultiplier(${real}) should return { multiplier, shift }`,
      '{ multiplier, shift }',
      String(result),
    );
  }
  return result;
}

const show = (m: QuantizedMultiplier) => `{ multiplier: ${m.multiplier}, shift: ${m.shift} }`;

function expectSame(learner: LearnerModule, reals: readonly number[]): string {
  for (const real of reals) {
    const actual = call(learner, real);
    const expected = quantizeMultiplier(real);
    if (actual.multiplier !== expected.multiplier || actual.shift !== expected.shift) {
      fail(`quantizeMultiplier(${real}) is wrong`, show(expected), show(actual));
    }
  }
  return `${reals.length} multipliers as TFLite computes them`;
}

export const checks: Check[] = [
  {
    name: 'multipliers below 1 (S_in * S_w / S_out of an int8 layer)',
    run: (learner, { rng }) =>
      expectSame(learner, [
        0.5,
        0.25,
        ...Array.from({ length: 20 }, () => 10 ** rng.uniform(-6, 0)),
      ]),
  },
  {
    name: 'multipliers of 1 and above (a left shift)',
    run: (learner, { rng }) =>
      expectSame(learner, [1, 2, ...Array.from({ length: 10 }, () => rng.uniform(1, 1000))]),
  },
  {
    name: 'zero, and mantissas that round up to 2^31',
    run: (learner, { rng }) =>
      expectSame(learner, [
        0,
        1 - 2 ** -40,
        (1 - 2 ** -35) * 2 ** -rng.int(1, 20),
        (1 - 2 ** -33) * 2 ** rng.int(0, 10),
      ]),
  },
  {
    name: 'requantizes int32 accumulators like the real multiplier',
    run(learner, { rng }) {
      for (let n = 0; n < 50; n++) {
        const real = 10 ** rng.uniform(-5, -1);
        const acc = rng.int(-2_000_000, 2_000_000);
        const expected = multiplyByQuantizedMultiplier(acc, quantizeMultiplier(real));
        const actual = multiplyByQuantizedMultiplier(acc, call(learner, real));
        if (actual !== expected) {
          fail(
            `requantizing ${acc} by ${real} with your multiplier and shift`,
            String(expected),
            String(actual),
          );
        }
      }
      return '50 accumulators requantized as with the runtime';
    },
  },
];
