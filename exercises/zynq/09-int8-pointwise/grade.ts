/**
 * Checks for `pointwise_int8` against the TypeScript integer reference: the same arithmetic as
 * `runtime/quant/int8-forward.ts`'s pointwise layer (whose C the capstone runs bit-exact on the
 * board), with `runtime/quant/fixed-point.ts` for the requantization. Inputs, weights, biases and
 * scales are random; the multipliers come from `quantizeMultiplier` of random real scales.
 */
import { quantizeMultiplier, requantize } from '../../../runtime/quant/fixed-point.ts';
import {
  casesHarness,
  caseOutputs,
  counted,
  expectRan,
  runOnBoard,
} from '../../grader/board-run.ts';
import { fail, type Check, type LearnerModule } from '../../grader/engine.ts';
import type { Rng } from '../../grader/rng.ts';

export interface PointwiseCase {
  pixels: number;
  inC: number;
  outC: number;
  x: number[];
  weight: number[];
  bias: number[];
  multiplier: number[];
  shift: number[];
  inZero: number;
  outZero: number;
  relu: boolean;
}

/** The reference: y[p][o] = clamp(Z_y + requantize(acc, M[o]), lo, 127), acc in int32. */
export function pointwiseReference(c: PointwiseCase): number[] {
  const y: number[] = [];
  const lo = c.relu ? c.outZero : -128;
  for (let p = 0; p < c.pixels; p++) {
    for (let o = 0; o < c.outC; o++) {
      let acc = c.bias[o]!;
      for (let i = 0; i < c.inC; i++)
        acc += (c.x[p * c.inC + i]! - c.inZero) * c.weight[o * c.inC + i]!;
      const v = c.outZero + requantize(acc, c.multiplier[o]!, c.shift[o]!);
      y.push(Math.min(127, Math.max(lo, v)));
    }
  }
  return y;
}

/** A random layer; `scale` draws each output channel's real multiplier S_x S_w[o] / S_y. */
function randomCase(
  rng: Rng,
  shape: { pixels: number; inC: number; outC: number; relu: boolean },
  scale: () => number,
  weightMax = 127,
): PointwiseCase {
  const { pixels, inC, outC } = shape;
  const multipliers = Array.from({ length: outC }, () => quantizeMultiplier(scale()));
  return {
    ...shape,
    x: Array.from({ length: pixels * inC }, () => rng.int(-128, 127)),
    weight: Array.from({ length: outC * inC }, () => rng.int(-weightMax, weightMax)),
    bias: Array.from({ length: outC }, () => rng.int(-20000, 20000)),
    multiplier: multipliers.map((m) => m.multiplier),
    shift: multipliers.map((m) => m.shift),
    inZero: rng.int(-128, 20),
    outZero: rng.int(-128, 40),
  };
}

const list = (values: readonly number[]) => values.join(', ');

function harnessFor(cases: readonly PointwiseCase[]): Record<string, string> {
  const decls = cases.map(
    (c, n) => `static const int8_t x${n}[] = {${list(c.x)}};
static const int8_t w${n}[] = {${list(c.weight)}};
static const int32_t b${n}[] = {${list(c.bias)}};
static const int32_t m${n}[] = {${list(c.multiplier)}};
static const int32_t s${n}[] = {${list(c.shift)}};
static int8_t y${n}[${c.pixels * c.outC}];`,
  );
  const prelude = `#include <stdint.h>
void pointwise_int8(const int8_t *x, int8_t *y, int32_t pixels, int32_t in_c, int32_t out_c,
                    const int8_t *weight, const int32_t *bias, const int32_t *multiplier,
                    const int32_t *shift, int32_t in_zero, int32_t out_zero, int32_t relu);
${decls.join('\n')}`;
  const calls = cases.map(
    (c, n) =>
      `{ int k; pointwise_int8(x${n}, y${n}, ${c.pixels}, ${c.inC}, ${c.outC}, w${n}, b${n}, m${n}, s${n}, ${c.inZero}, ${c.outZero}, ${c.relu ? 1 : 0}); for (k = 0; k < ${c.pixels * c.outC}; k++) xil_printf("%d ", y${n}[k]); }`,
  );
  return casesHarness(prelude, calls);
}

async function expectLayers(learner: LearnerModule, cases: readonly PointwiseCase[]) {
  const run = await runOnBoard(learner, { harness: harnessFor(cases), ms: 200 });
  expectRan(run, { returned: true });
  const outputs = caseOutputs(run);
  cases.forEach((c, n) => {
    const expected = pointwiseReference(c);
    const actual = (outputs[n] ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
    const what = `pointwise_int8 on ${c.pixels} pixels, ${c.inC} -> ${c.outC} channels${c.relu ? ', ReLU' : ''}`;
    if (actual.length !== expected.length)
      fail(
        `${what}: wrong number of outputs printed`,
        `${expected.length} values`,
        `${actual.length} values`,
      );
    const i = expected.findIndex((v, k) => v !== actual[k]);
    if (i >= 0) {
      const p = Math.floor(i / c.outC);
      fail(
        `${what}: y[pixel ${p}][channel ${i % c.outC}] is wrong`,
        String(expected[i]),
        String(actual[i]),
      );
    }
  });
  return `${counted(cases.length, 'layer')} bit for bit as the TypeScript reference`;
}

export const checks: Check[] = [
  {
    name: 'a layer without ReLU, multipliers below 1 (a right shift)',
    run: (learner, { rng }) =>
      expectLayers(learner, [
        randomCase(rng, { pixels: 6, inC: 16, outC: 8, relu: false }, () =>
          rng.uniform(0.0005, 0.004),
        ),
      ]),
  },
  {
    name: 'a layer with ReLU: the clamp stops at the output zero point',
    run: (learner, { rng }) =>
      expectLayers(learner, [
        randomCase(rng, { pixels: 5, inC: 24, outC: 12, relu: true }, () =>
          rng.uniform(0.0005, 0.004),
        ),
      ]),
  },
  {
    name: 'multipliers of 1 and above (a left shift) and saturated outputs',
    run: (learner, { rng }) =>
      expectLayers(learner, [
        randomCase(rng, { pixels: 4, inC: 3, outC: 6, relu: false }, () => rng.uniform(1, 4), 2),
        randomCase(rng, { pixels: 3, inC: 8, outC: 5, relu: rng.next() < 0.5 }, () =>
          rng.uniform(0.01, 0.5),
        ),
      ]),
  },
];
