import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs'; // registers the gradients, as the page must (tfjs-core has none)
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backends-node.ts';
import { mulberry32 } from '../random.ts';
import { fitHead, type HeadProgress } from './head.ts';

beforeAll(async () => {
  await useBackend('cpu');
});

/** `perClass` examples per class of `dim`-dimensional features around distinct class centres. */
function clusters(classes: number, perClass: number, dim: number, seed: number) {
  const random = mulberry32(seed);
  const features = new Float32Array(classes * perClass * dim);
  const labels: number[] = [];
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i++) {
      const row = labels.length;
      labels.push(c);
      for (let d = 0; d < dim; d++) {
        // Centre: 3 on feature c, 0 elsewhere, plus noise; a large offset on every feature
        // checks that the standardisation copes with features far from zero.
        const centre = d === c ? 3 : 0;
        features[row * dim + d] = 100 + centre + (random() - 0.5);
      }
    }
  }
  return { features, labels };
}

describe('fitHead', () => {
  it('learns separable classes and predicts held-out examples', async () => {
    const train = clusters(3, 5, 8, 1);
    const test = clusters(3, 4, 8, 2);
    const progress: HeadProgress[] = [];
    const head = await fitHead({
      ...train,
      dim: 8,
      classes: 3,
      steps: 30,
      onProgress: (p) => progress.push(p),
    });
    try {
      expect(progress).toHaveLength(30);
      expect(progress[0]!.loss).toBeCloseTo(Math.log(3), 5); // zero weights: uniform softmax
      expect(progress.at(-1)!.loss).toBeLessThan(progress[0]!.loss / 4);
      const probs = head.predict(test.features);
      expect(probs).toHaveLength(12 * 3);
      test.labels.forEach((label, i) => {
        const row = Array.from(probs.subarray(i * 3, i * 3 + 3));
        expect(row.indexOf(Math.max(...row))).toBe(label);
        expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      });
    } finally {
      head.dispose();
    }
  });

  it('leaves no tensors behind after a fit, predictions and dispose', async () => {
    const before = tf.memory().numTensors;
    const head = await fitHead({ ...clusters(2, 3, 4, 3), dim: 4, classes: 2, steps: 5 });
    head.predict(new Float32Array(4));
    expect(tf.memory().numTensors).toBeGreaterThan(before); // the head holds its parameters
    head.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => head.predict(new Float32Array(4))).toThrow(/disposed/);
  });

  it('stops with an AbortError when cancelled and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const seen: number[] = [];
    const fit = fitHead({
      ...clusters(2, 3, 4, 4),
      dim: 4,
      classes: 2,
      steps: 1000,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.step);
        if (p.step === 3) controller.abort();
      },
    });
    await expect(fit).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([1, 2, 3]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names what is wrong with bad input', async () => {
    const ok = { features: new Float32Array(8), labels: [0, 1], dim: 4, classes: 2, steps: 1 };
    await expect(fitHead({ ...ok, features: new Float32Array(7) })).rejects.toThrow(
      /7 feature values for 2 examples of 4/,
    );
    await expect(fitHead({ ...ok, labels: [0, 2] })).rejects.toThrow(/label 2 of example 1/);
    await expect(fitHead({ ...ok, classes: 1 })).rejects.toThrow(/1 classes/);
    await expect(fitHead({ ...ok, steps: 0 })).rejects.toThrow(/0 steps/);
  });
});
