import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs'; // registers the gradients, as the page must (tfjs-core has none)
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backends-node.ts';
import { decodeSample, SAMPLE_IMAGES_FILE, SAMPLE_LABELS_FILE } from '../data/sample.ts';
import { createShuffleNet } from '../model.ts';
import { createBrowserTrainer, type TrainProgress } from './browser-trainer.ts';
import { FASHION_ARCH } from './fashion.ts';

const sample = decodeSample(
  readFileSync(join('models', SAMPLE_IMAGES_FILE)),
  readFileSync(join('models', SAMPLE_LABELS_FILE)),
);
/** The first 8 sample images: a small subset, as a lesson would pick. */
const images = sample.images.pixels.subarray(0, 8 * 784);
const labels = sample.labels.subarray(0, 8);

describe('in-browser trainer', () => {
  beforeAll(() => useBackend('wasm'));

  it('trains N steps with progress callbacks, yielding to the event loop between steps', async () => {
    const trainer = createBrowserTrainer({ seed: 3 });
    const progress: TrainProgress[] = [];
    let ticks = 0;
    // A timer that re-arms itself: it can only fire if the trainer yields macrotasks.
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      ticks++;
      timer = setTimeout(tick, 0);
    };
    timer = setTimeout(tick, 0);
    const last = await trainer.train({
      images,
      labels,
      steps: 3,
      batchSize: 4,
      lr: 0.05,
      onProgress: (p) => progress.push(p),
    });
    clearTimeout(timer!);
    expect(progress.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(last).toEqual(progress[2]);
    expect(progress.every((p) => Number.isFinite(p.loss) && p.steps === 3)).toBe(true);
    expect(ticks).toBeGreaterThanOrEqual(2);
    // The result loads in the inference executor and agrees with the trainer's evaluation.
    const net = createShuffleNet({ ...FASHION_ARCH, weights: trainer.saveWeights() });
    const x = tf.div(tf.tensor4d(images, [8, 28, 28, 1], 'float32'), 255) as tf.Tensor4D;
    const predicted = tf.argMax(net.predict(x), 1).dataSync();
    const agree = [...predicted].filter((p, i) => p === labels[i]).length / 8;
    expect(trainer.evaluate(images, labels)).toBe(agree);
    net.dispose();
    trainer.dispose();
  });

  it('stops at an abort, rejecting with the reason and keeping the steps taken', async () => {
    const trainer = createBrowserTrainer({ seed: 3 });
    const before = trainer.saveWeights();
    const controller = new AbortController();
    const steps: number[] = [];
    await expect(
      trainer.train({
        images,
        labels,
        steps: 50,
        batchSize: 4,
        signal: controller.signal,
        onProgress: (p) => {
          steps.push(p.step);
          if (p.step === 2) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(steps).toEqual([1, 2]);
    expect(Buffer.compare(before, trainer.saveWeights())).not.toBe(0);
    // An already aborted signal takes no step.
    const done = new AbortController();
    done.abort();
    const none: number[] = [];
    await expect(
      trainer.train({
        images,
        labels,
        steps: 5,
        signal: done.signal,
        onProgress: (p) => none.push(p.step),
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(none).toEqual([]);
    trainer.dispose();
  });

  it('fine-tunes from given weights and rejects wrong inputs', async () => {
    const base = createBrowserTrainer({ seed: 5 });
    const weights = base.saveWeights();
    const tuned = createBrowserTrainer({ weights });
    expect(Buffer.compare(tuned.saveWeights(), weights)).toBe(0);
    await expect(tuned.train({ images, labels: labels.subarray(0, 3), steps: 1 })).rejects.toThrow(
      /6272 bytes of images for 3 labels/,
    );
    base.dispose();
    tuned.dispose();
  });
});
