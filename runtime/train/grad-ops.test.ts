import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs'; // registers the gradient functions (bare tfjs-core has none)
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backends-node.ts';
import { depthwiseConv, trainableConv } from './grad-ops.ts';

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

type Shape4 = [number, number, number, number];
interface Case {
  name: string;
  x: Shape4;
  /** Grouped HWIO. */
  w: Shape4;
  groups: number;
  stride: number;
  pad: number;
}

const CASES: Case[] = [
  { name: '1x1 dense', x: [3, 5, 5, 6], w: [1, 1, 6, 4], groups: 1, stride: 1, pad: 0 },
  {
    name: '3x3 dense stem, stride 1',
    x: [2, 7, 7, 1],
    w: [3, 3, 1, 5],
    groups: 1,
    stride: 1,
    pad: 1,
  },
  {
    name: '3x3 dense, stride 2, odd size',
    x: [2, 7, 7, 3],
    w: [3, 3, 3, 4],
    groups: 1,
    stride: 2,
    pad: 1,
  },
  {
    name: '3x3 depthwise, stride 1',
    x: [2, 6, 6, 5],
    w: [3, 3, 1, 5],
    groups: 5,
    stride: 1,
    pad: 1,
  },
  {
    name: '3x3 depthwise, stride 2, even',
    x: [2, 8, 8, 4],
    w: [3, 3, 1, 4],
    groups: 4,
    stride: 2,
    pad: 1,
  },
  {
    name: '3x3 depthwise, stride 2, odd',
    x: [3, 7, 7, 3],
    w: [3, 3, 1, 3],
    groups: 3,
    stride: 2,
    pad: 1,
  },
  { name: '1x1 group conv (V1)', x: [2, 4, 4, 6], w: [1, 1, 2, 9], groups: 3, stride: 1, pad: 0 },
];

interface Grads {
  y: Float32Array;
  dx: Float32Array;
  dw: Float32Array;
}

/** Gradients of sum(y * r) for a fixed random r, so every output position matters differently. */
function gradsOf(c: Case, conv: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D): Grads {
  return tf.tidy(() => {
    const x = tf.tensor4d(
      values(
        c.x.reduce((a, b) => a * b),
        1,
      ),
      c.x,
    );
    const w = tf.tensor4d(
      values(
        c.w.reduce((a, b) => a * b),
        2,
      ),
      c.w,
    );
    const y = conv(x, w);
    const r = tf.tensor(values(y.size, 3), y.shape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D), r)),
    )([x, w]);
    return {
      y: y.dataSync() as Float32Array,
      dx: dx!.dataSync() as Float32Array,
      dw: dw!.dataSync() as Float32Array,
    };
  });
}

/** The reference: tfjs's own conv2d / depthwiseConv2d gradients on the cpu backend. */
function reference(c: Case): (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D {
  return (x, w) => {
    const [k, , , cout] = w.shape;
    if (c.groups === 1) return tf.conv2d(x, w, c.stride, c.pad);
    if (c.groups === c.x[3]) {
      return tf.depthwiseConv2d(x, tf.reshape(w, [k, k, cout, 1]), c.stride, c.pad);
    }
    const xs = tf.split(x, c.groups, 3);
    const ws = tf.split(w, c.groups, 3);
    return tf.concat(
      xs.map((p, g) => tf.conv2d(p as tf.Tensor4D, ws[g] as tf.Tensor4D, c.stride, c.pad)),
      3,
    );
  };
}

/** Largest absolute difference relative to the largest reference magnitude. */
function relativeError(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return diff / scale;
}

const TOLERANCE = 1e-4;

describe('convolution gradients built from wasm kernels', () => {
  afterAll(() => useBackend('cpu'));

  for (const c of CASES) {
    it(`${c.name}: forward and gradients match the cpu backend's own`, async () => {
      await useBackend('cpu');
      const expected = gradsOf(c, reference(c));
      const onCpu = gradsOf(c, (x, w) => trainableConv(x, w, c.groups, c.stride, c.pad));
      await useBackend('wasm');
      const onWasm = gradsOf(c, (x, w) => trainableConv(x, w, c.groups, c.stride, c.pad));
      for (const got of [onCpu, onWasm]) {
        expect(relativeError(got.y, expected.y)).toBeLessThan(TOLERANCE);
        expect(relativeError(got.dx, expected.dx)).toBeLessThan(TOLERANCE);
        expect(relativeError(got.dw, expected.dw)).toBeLessThan(TOLERANCE);
      }
    });
  }

  it('catches a wrong gradient (the comparison can fail)', async () => {
    await useBackend('cpu');
    const c = CASES[3]!;
    const expected = gradsOf(c, reference(c));
    // Same forward, filter transposed spatially: dW comes out mirrored.
    const wrong = gradsOf(c, (x, w) =>
      tf.reverse(depthwiseConv(tf.reverse(x, [1, 2]), w, 1, 1), [1, 2]),
    );
    expect(relativeError(wrong.dw, expected.dw)).toBeGreaterThan(TOLERANCE);
  });

  it('ReLU differentiates on wasm as a mask', async () => {
    await useBackend('wasm');
    const [dx] = tf.grads((a: tf.Tensor) => tf.sum(tf.mul(tf.relu(a), 3)))([
      tf.tensor1d([-2, -0.5, 0.5, 2]),
    ]);
    expect([...dx!.dataSync()]).toEqual([0, 0, 3, 3]);
  });

  it('wasm really lacks the backprop kernels these ops replace', () => {
    for (const kernel of [
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
    ]) {
      expect(tf.getKernel(kernel, 'wasm'), kernel).toBeUndefined();
    }
  });
});
