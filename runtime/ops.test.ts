import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useBackend } from './backends-node.ts';
import * as oracle from './oracle/index.ts';
import {
  avgPool2d,
  batchNorm,
  blockDiagonalFilter,
  channelShuffle,
  conv2d,
  convBnRelu,
  foldBatchNorm,
  globalAvgPool,
  linear,
  maxPool2d,
  splitEvenOdd,
  type BatchNormParams,
  type GroupConvMethod,
} from './ops.ts';
import { oihwToHwio, type TensorData } from './weights.ts';

/** Deterministic values in [-1, 1) (a tiny LCG), so failures reproduce. */
function values(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

function data(shape: number[], seed: number): TensorData {
  return {
    shape,
    data: values(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ),
  };
}

function t4(d: TensorData): tf.Tensor4D {
  return tf.tensor4d(d.data, d.shape as [number, number, number, number]);
}

/** tfjs filter (grouped HWIO) from a PyTorch OIHW weight. */
function filterOf(oihw: TensorData): tf.Tensor4D {
  return t4(oihwToHwio(oihw));
}

function expectClose(actual: tf.Tensor, expected: TensorData, tol = 1e-5): void {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.dataSync();
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - expected.data[i]!));
  expect(worst).toBeLessThanOrEqual(tol);
}

/** Runs fn, disposes what it returns, and checks that no tensor was left behind. */
function expectNoLeak(fn: () => tf.Tensor | tf.Tensor[]): void {
  const before = tf.memory().numTensors;
  tf.dispose(fn());
  expect(tf.memory().numTensors).toBe(before);
}

function bnData(c: number, seed: number) {
  const v = values(4 * c, seed);
  return {
    weight: v.slice(0, c).map((x) => 1 + 0.5 * x),
    bias: v.slice(c, 2 * c).map((x) => 0.3 * x),
    runningMean: v.slice(2 * c, 3 * c).map((x) => 0.3 * x),
    // Small variances make PyTorch's eps 1e-5 and tfjs's default 1e-3 clearly different.
    runningVar: v.slice(3 * c).map((x) => 1e-4 + 0.01 * (x + 1)),
  };
}

function bnTensors(bn: ReturnType<typeof bnData>): BatchNormParams {
  return {
    weight: tf.tensor1d(bn.weight),
    bias: tf.tensor1d(bn.bias),
    runningMean: tf.tensor1d(bn.runningMean),
    runningVar: tf.tensor1d(bn.runningVar),
  };
}

const METHODS: GroupConvMethod[] = ['split', 'blockDiagonal'];

describe.each(NODE_BACKENDS)('ops on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('channelShuffle is torchvision order: output j*g+i = input i*(C/g)+j', () => {
    const c = 12;
    const g = 3;
    const x = tf.tensor4d(
      Float32Array.from({ length: 2 * c }, (_, i) => i % c),
      [1, 1, 2, c],
    );
    const y = channelShuffle(x, g).dataSync();
    for (let i = 0; i < g; i++) {
      for (let j = 0; j < c / g; j++) expect(y[j * g + i]).toBe(i * (c / g) + j);
    }
    expect(Array.from(y.slice(c))).toEqual(Array.from(y.slice(0, c))); // every pixel the same
    const d = data([2, 3, 2, 12], 7);
    for (const groups of [2, 3, 4]) {
      expectClose(channelShuffle(t4(d), groups), oracle.channelShuffle(d, groups), 0);
    }
    expectNoLeak(() => channelShuffle(x, g));
    expect(() => channelShuffle(x, 5)).toThrow(/groups 5 must be a positive divisor of 12/);
    x.dispose();
  });

  it('splitEvenOdd gives the even channels first, as megvii', () => {
    const d = data([2, 2, 3, 8], 11);
    const [even, odd] = splitEvenOdd(t4(d));
    const [oEven, oOdd] = oracle.splitEvenOdd(d);
    expectClose(even, oEven, 0);
    expectClose(odd, oOdd, 0);
    const x = t4(d);
    expectNoLeak(() => splitEvenOdd(x));
    x.dispose();
  });

  it('blockDiagonalFilter is zero outside the diagonal blocks', () => {
    const f = tf.ones([1, 1, 2, 6]) as tf.Tensor4D; // 3 groups: 2 inputs -> 2 outputs each
    const dense = blockDiagonalFilter(f, 3);
    expect(dense.shape).toEqual([1, 1, 6, 6]);
    const v = dense.dataSync();
    for (let i = 0; i < 6; i++) {
      for (let o = 0; o < 6; o++) {
        expect(v[i * 6 + o]).toBe(Math.floor(i / 2) === Math.floor(o / 2) ? 1 : 0);
      }
    }
    tf.dispose([f, dense]);
  });

  describe.each([
    // [label, input NHWC, weight OIHW, stride, pad, groups]
    ['1x1 g=3', [2, 5, 5, 12], [6, 4, 1, 1], 1, 0, 3],
    ['1x1 g=4', [1, 4, 3, 8], [16, 2, 1, 1], 1, 0, 4],
    ['3x3 g=2 stride 2 pad 1', [2, 7, 6, 6], [4, 3, 3, 3], 2, 1, 2],
  ] as const)('group conv %s', (_label, xShape, wShape, stride, pad, groups) => {
    const xd = data([...xShape], 1);
    const wd = data([...wShape], 2);
    const expected = oracle.conv2d(xd, wd, { stride, pad, groups });

    it.each(METHODS)('%s equals the oracle', (method) => {
      const x = t4(xd);
      const f = filterOf(wd);
      expectClose(conv2d(x, f, { stride, pad, groups, method }), expected, 1e-5);
      expectNoLeak(() => conv2d(x, f, { stride, pad, groups, method }));
      tf.dispose([x, f]);
    });

    it('both constructions agree, with bias and ReLU', () => {
      const x = t4(xd);
      const f = filterOf(wd);
      const bias = tf.tensor1d(values(wShape[0], 3));
      const [a, b] = METHODS.map((method) =>
        conv2d(x, f, { stride, pad, groups, method, bias, relu: true }),
      );
      expectClose(a!, { shape: b!.shape, data: b!.dataSync() as Float32Array }, 1e-6);
      expect(a!.dataSync().some((v) => v === 0)).toBe(true); // the ReLU did clip something
      tf.dispose([x, f, bias, a!, b!]);
    });
  });

  it('dense and depthwise convs equal the oracle (stride 2, pad 1)', () => {
    const xd = data([2, 6, 7, 4], 5);
    for (const [wShape, groups] of [
      [[5, 4, 3, 3], 1],
      [[4, 1, 3, 3], 4],
      [[8, 1, 3, 3], 4], // depthwise with channel multiplier 2
    ] as const) {
      const wd = data([...wShape], 6);
      const x = t4(xd);
      const f = filterOf(wd);
      expectClose(
        conv2d(x, f, { stride: 2, pad: 1, groups }),
        oracle.conv2d(xd, wd, { stride: 2, pad: 1, groups }),
        1e-5,
      );
      expectNoLeak(() => conv2d(x, f, { stride: 2, pad: 1, groups }));
      tf.dispose([x, f]);
    }
  });

  it('pads symmetrically like PyTorch where TF "same" would not', () => {
    // 3x3 stride 2 on 6x6: PyTorch padding=1 pads (1, 1); TF 'same' pads (0, 1) and shifts windows.
    const xd = data([1, 6, 6, 2], 8);
    const wd = data([3, 2, 3, 3], 9);
    const x = t4(xd);
    const f = filterOf(wd);
    const ours = conv2d(x, f, { stride: 2, pad: 1 });
    const expected = oracle.conv2d(xd, wd, { stride: 2, pad: 1, groups: 1 });
    expectClose(ours, expected, 1e-5);
    const same = tf.conv2d(x, f, 2, 'same');
    expect(same.shape).toEqual(ours.shape);
    const diff = tf.max(tf.abs(tf.sub(same, ours))).dataSync()[0]!;
    expect(diff).toBeGreaterThan(0.1);
    tf.dispose([x, f, ours, same]);
  });

  it('avgPool2d counts the padding (count_include_pad=True): border = sum / 9', () => {
    const xd = data([1, 5, 5, 3], 10);
    const x = t4(xd);
    const y = avgPool2d(x, 3, 2, 1);
    expect(y.shape).toEqual([1, 3, 3, 3]);
    const v = y.dataSync();
    for (let c = 0; c < 3; c++) {
      // The top-left window covers rows/cols -1..1: only the 2x2 corner is real input.
      let sum = 0;
      for (const [r, col] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ]) {
        sum += xd.data[(r! * 5 + col!) * 3 + c]!;
      }
      expect(v[c]).toBeCloseTo(sum / 9, 6);
    }
    expectClose(y, oracle.avgPool2d(xd, 3, 2, 1), 1e-6);
    expectNoLeak(() => avgPool2d(x, 3, 2, 1));
    tf.dispose([x, y]);
  });

  it('maxPool2d never picks the padding, even for negative inputs', () => {
    const xd = data([2, 6, 5, 2], 12);
    xd.data.forEach((v, i) => (xd.data[i] = -2 + 0.5 * v)); // all negative: zero pad would win
    const x = t4(xd);
    const y = maxPool2d(x, 3, 2, 1);
    expectClose(y, oracle.maxPool2d(xd, 3, 2, 1), 0);
    expect(Math.max(...y.dataSync())).toBeLessThan(0);
    expectNoLeak(() => maxPool2d(x, 3, 2, 1));
    tf.dispose([x, y]);
  });

  it('batchNorm uses PyTorch epsilon 1e-5', () => {
    const xd = data([1, 2, 3, 4], 13);
    const bn = bnData(4, 14);
    const params = bnTensors(bn);
    const x = t4(xd);
    expectClose(batchNorm(x, params), oracle.batchNorm(xd, bn), 1e-3);
    // With tfjs's default eps 1e-3 the result is far off, so the check above can fail.
    const tfDefault = tf.batchNorm(
      x,
      params.runningMean,
      params.runningVar,
      params.bias,
      params.weight,
    );
    const ref = oracle.batchNorm(xd, bn);
    const off = Math.max(...tfDefault.dataSync().map((v, i) => Math.abs(v - ref.data[i]!)));
    expect(off).toBeGreaterThan(0.1);
    expectNoLeak(() => batchNorm(x, params));
    tf.dispose([x, tfDefault, ...Object.values(params)]);
  });

  it.each([
    ['dense 3x3', [6, 4, 3, 3], 1, 2],
    ['group 1x1 g=2', [6, 2, 1, 1], 2, 1],
    ['depthwise 3x3', [4, 1, 3, 3], 4, 2],
  ] as const)(
    'folding BN into a %s conv equals conv -> BN -> ReLU',
    (_l, wShape, groups, stride) => {
      const xd = data([2, 5, 5, 4], 15);
      const wd = data([...wShape], 16);
      const bn = bnTensors(bnData(wShape[0], 17));
      const x = t4(xd);
      const f = filterOf(wd);
      const ref = convBnRelu(x, f, bn, { stride, pad: (wShape[2] - 1) / 2, groups, relu: true });
      // The unfolded path itself against the oracle: conv -> BN(eps 1e-5) -> ReLU.
      const o = oracle.relu(
        oracle.batchNorm(
          oracle.conv2d(xd, wd, { stride, pad: (wShape[2] - 1) / 2, groups }),
          bnData(wShape[0], 17),
        ),
      );
      expectClose(ref, o, 1e-3);
      const folded = foldBatchNorm(f, bn);
      for (const method of METHODS) {
        const y = conv2d(x, folded.filter, {
          stride,
          pad: (wShape[2] - 1) / 2,
          groups,
          method,
          bias: folded.bias,
          relu: true,
        });
        // BN divides by sqrt(var + eps) with var down to 1e-4, so values reach ~100: relative 1e-5.
        const scale = Math.max(1, ...ref.dataSync().map(Math.abs));
        expectClose(y, { shape: ref.shape, data: ref.dataSync() as Float32Array }, 1e-5 * scale);
        y.dispose();
      }
      expectNoLeak(() => Object.values(foldBatchNorm(f, bn)));
      tf.dispose([x, f, ref, folded.filter, folded.bias, ...Object.values(bn)]);
    },
  );

  it('globalAvgPool and linear match the oracle', () => {
    const xd = data([2, 3, 4, 5], 18);
    const wd = data([3, 5], 19);
    const bias = values(3, 20);
    const x = t4(xd);
    const pooled = globalAvgPool(x);
    const expectedPool = oracle.globalAvgPool(xd);
    expectClose(pooled, expectedPool, 1e-6);
    // tfjs wants [in, out]; PyTorch stores [out, in].
    const w = tf.transpose(tf.tensor2d(wd.data, [3, 5])) as tf.Tensor2D;
    const b = tf.tensor1d(bias);
    expectClose(linear(pooled, w, b), oracle.linear(expectedPool, wd, bias), 1e-6);
    expectNoLeak(() => linear(pooled, w, b));
    expectNoLeak(() => globalAvgPool(x));
    tf.dispose([x, pooled, w, b]);
  });
});
