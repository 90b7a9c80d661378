import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs'; // registers the gradient functions (bare tfjs-core has none)
import { afterAll, describe, expect, it } from 'vitest';
import { buildArch, type ArchOptions } from '../arch.ts';
import { useBackend } from '../backends-node.ts';
import { createShuffleNet } from '../model.ts';
import { BN_EPSILON } from '../ops.ts';
import { batchNormTraining } from './grad-ops.ts';
import { BN_MOMENTUM, createTrainable, initialWeights } from './trainable.ts';

function values(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

const FASHION: ArchOptions = {
  version: 'v2',
  width: 0.5,
  inputShape: [28, 28, 1],
  numClasses: 10,
  stem: { convStride: 1, maxPool: false },
};

describe('training-mode BatchNorm', () => {
  afterAll(() => useBackend('cpu'));

  it('matches PyTorch semantics and differentiating tf.moments step by step', async () => {
    await useBackend('cpu');
    const x = tf.tensor4d(values(2 * 3 * 3 * 4, 5), [2, 3, 3, 4]);
    const gamma = tf.tensor1d([0.5, 1, 1.5, 2]);
    const beta = tf.tensor1d([0.1, -0.2, 0.3, 0]);
    const r = tf.tensor(values(x.size, 6), x.shape);
    const reference = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const { mean, variance } = tf.moments(a, [0, 1, 2]);
      return tf.add(tf.mul(tf.div(tf.sub(a, mean), tf.sqrt(tf.add(variance, BN_EPSILON))), g), b);
    };
    let stats: { mean: number[]; variance: number[]; count: number } | null = null;
    const ours = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      batchNormTraining(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, BN_EPSILON, (s) => {
        stats = {
          mean: [...s.mean.dataSync()],
          variance: [...s.variance.dataSync()],
          count: s.count,
        };
      });
    const loss = (f: typeof reference) => (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(f(a, g, b), r));
    const expected = tf.grads(loss(reference))([x, gamma, beta]);
    const got = tf.grads(loss(ours))([x, gamma, beta]);
    for (let i = 0; i < 3; i++) {
      expect(maxAbsDiff(got[i]!.dataSync(), expected[i]!.dataSync())).toBeLessThan(1e-5);
    }
    expect(
      maxAbsDiff(ours(x, gamma, beta).dataSync(), reference(x, gamma, beta).dataSync()),
    ).toBeLessThan(1e-5);
    // Channel 0's biased statistics over the 18 values N*H*W.
    const c0 = [...x.dataSync()].filter((_, i) => i % 4 === 0);
    const mean = c0.reduce((a, b) => a + b) / 18;
    expect(stats!.count).toBe(18);
    expect(stats!.mean[0]).toBeCloseTo(mean, 5);
    expect(stats!.variance[0]).toBeCloseTo(c0.reduce((a, v) => a + (v - mean) ** 2, 0) / 18, 5);
  });

  it('updates running statistics with momentum 0.1 and the unbiased variance', async () => {
    await useBackend('cpu');
    const arch = buildArch({ ...FASHION });
    const model = createTrainable(arch, initialWeights(arch, 3));
    const x = tf.tensor4d(values(4 * 28 * 28, 9), [4, 28, 28, 1]);
    // conv1.0 then conv1.1: the first BN sees the stem conv's output, which we recompute.
    const filter = model.trainable.get('conv1.0.weight')!;
    const y = tf.conv2d(x, filter as tf.Tensor4D, 1, 1);
    const { mean, variance } = tf.moments(y, [0, 1, 2]);
    const n = 4 * 28 * 28;
    tf.dispose(model.forward(x, true));
    const runningMean = model.buffers.get('conv1.1.running_mean')!.dataSync();
    const runningVar = model.buffers.get('conv1.1.running_var')!.dataSync();
    const m = mean.dataSync();
    const v = variance.dataSync();
    for (let c = 0; c < 24; c++) {
      expect(runningMean[c]).toBeCloseTo(BN_MOMENTUM * m[c]!, 5);
      expect(runningVar[c]).toBeCloseTo(1 - BN_MOMENTUM + (BN_MOMENTUM * v[c]! * n) / (n - 1), 5);
    }
    model.dispose();
  });
});

describe('trainable ShuffleNet', () => {
  afterAll(() => useBackend('cpu'));

  for (const [label, options] of [
    ['V2 0.5x for Fashion-MNIST', FASHION],
    ['V1 g3 0.5x (group convolutions)', { ...FASHION, version: 'v1', groups: 3 }],
  ] as [string, ArchOptions][]) {
    it(`${label}: evaluation equals createShuffleNet with the exported weights`, async () => {
      await useBackend('wasm');
      const arch = buildArch(options);
      const model = createTrainable(arch, initialWeights(arch, 4));
      const x = tf.tensor4d(values(3 * 28 * 28, 10), [3, 28, 28, 1]);
      // A few training forwards move the running statistics away from (0, 1).
      for (let i = 0; i < 3; i++) tf.dispose(model.forward(x, true));
      const ours = model.forward(x, false);
      const inference = createShuffleNet({ ...options, weights: model.saveWeights() });
      const theirs = inference.predict(x);
      expect(maxAbsDiff(ours.dataSync(), theirs.dataSync())).toBeLessThan(1e-4);
      // Training mode normalises by the batch: different logits.
      expect(maxAbsDiff(model.forward(x, true).dataSync(), theirs.dataSync())).toBeGreaterThan(
        1e-3,
      );
      inference.dispose();
      model.dispose();
    });
  }

  it('loads exported weights back exactly and leaks no tensors per step', async () => {
    await useBackend('wasm');
    const arch = buildArch(FASHION);
    const a = createTrainable(arch, initialWeights(arch, 1));
    const b = createTrainable(arch, initialWeights(arch, 2));
    b.loadWeights(a.exportWeights());
    for (const [name, t] of a.exportWeights()) {
      expect(maxAbsDiff(b.exportWeights().get(name)!.data, t.data), name).toBe(0);
    }
    const x = tf.tensor4d(values(2 * 28 * 28, 11), [2, 28, 28, 1]);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () => tf.sum(b.forward(x, true)) as tf.Scalar,
      [...b.trainable.values()],
    );
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    a.dispose();
    b.dispose();
  });
});
