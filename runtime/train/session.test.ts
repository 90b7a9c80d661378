import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs'; // registers the gradient functions (bare tfjs-core has none)
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArch } from '../arch.ts';
import { useBackend } from '../backends-node.ts';
import { augmentedBatch, FASHION_ARCH, NO_AUGMENTATION, PIXELS } from './fashion.ts';
import { mulberry32 } from '../random.ts';
import { readWeights } from '../weights.ts';
import { parseSafetensors } from '../safetensors.ts';
import { checkpointWeights } from './checkpoint.ts';
import {
  DEFAULT_CONFIG,
  checkpointPath,
  keptCheckpointPath,
  runSession,
  type LabelledImages,
  type TrainConfig,
} from './session.ts';
import { cosineLr, createSgd } from './sgd.ts';
import { initialWeights } from './trainable.ts';

/** Synthetic 28x28 images: class k is a bright horizontal bar at row 2k + 4. */
function bars(count = 8): LabelledImages {
  const pixels = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % 10;
    labels[i] = k;
    for (let x = 3; x < 25; x++) pixels[i * PIXELS + (2 * k + 4) * 28 + x] = 200 + (i % 7);
  }
  return { pixels, labels, count };
}

/** 8 images in batches of 4: 2 steps per epoch. */
const TINY: TrainConfig = { ...DEFAULT_CONFIG, epochs: 2, batchSize: 4, warmupSteps: 1, seed: 7 };

function weightsOf(result: ReturnType<typeof runSession>): Map<string, Float32Array> {
  const out = new Map([...result.model.exportWeights()].map(([n, t]) => [n, t.data]));
  result.dispose();
  return out;
}

/** A checkpoint's tensors and step (not its wall time). */
function checkpointContents(path: string): { step: number; tensors: [string, number[]][] } {
  const { tensors, metadata } = parseSafetensors(readFileSync(path));
  return {
    step: (JSON.parse(metadata.state!) as { step: number }).step,
    tensors: [...tensors].map(([name, t]) => [name, [...t.shape, ...t.data]]),
  };
}

function sameWeights(a: Map<string, Float32Array>, b: Map<string, Float32Array>): boolean {
  return [...a].every(([name, data]) => data.every((v, i) => v === b.get(name)![i]));
}

describe('training session', () => {
  beforeAll(() => useBackend('wasm'));

  it('is reproducible: the same seed gives the same weights, another seed others', () => {
    const run = (config: TrainConfig, steps: number) =>
      weightsOf(runSession({ config, train: bars(), stopAfterSteps: steps }));
    const first = run(TINY, 2);
    expect(sameWeights(first, run(TINY, 2))).toBe(true);
    expect(sameWeights(first, run({ ...TINY, seed: 8 }, 1))).toBe(false);
  });

  it('resumes from a checkpoint exactly where an uninterrupted run would be', () => {
    const dir = mkdtempSync(join(tmpdir(), 'train-ckpt-'));
    const straight = weightsOf(runSession({ config: TINY, train: bars(), stopAfterSteps: 3 }));
    // Epoch 1 (steps 0-1) ends with a checkpoint; a new process picks up at step 2: a new
    // epoch order, momentum and BN statistics restored.
    const epochs: number[] = [];
    const interrupted = runSession({
      config: TINY,
      train: bars(),
      checkpointDir: dir,
      stopAfterSteps: 2,
      onEpoch: (e) => epochs.push(e.epoch),
    });
    expect(interrupted.finished).toBe(false);
    expect(epochs).toEqual([1]);
    interrupted.dispose();
    const resumed = runSession({
      config: TINY,
      train: bars(),
      checkpointDir: dir,
      resume: true,
      stopAfterSteps: 3,
    });
    expect(resumed.steps).toBe(3);
    expect(resumed.history.map((e) => e.epoch)).toEqual([1]);
    expect(sameWeights(straight, weightsOf(resumed))).toBe(true);
    expect(() =>
      runSession({ config: { ...TINY, lr: 0.2 }, train: bars(), checkpointDir: dir, resume: true }),
    ).toThrow(/resume with the same options/);
  });

  it('exports a checkpoint as the weights the run held at that step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'train-export-'));
    const run = runSession({ config: TINY, train: bars(), checkpointDir: dir, stopAfterSteps: 2 });
    const held = new Map([...run.model.exportWeights()].map(([n, t]) => [n, t.data]));
    run.dispose();
    const arch = buildArch(FASHION_ARCH);
    const exported = readWeights(arch, checkpointWeights(checkpointPath(dir), arch));
    expect(exported.size).toBe(held.size);
    expect(sameWeights(held, new Map([...exported].map(([n, t]) => [n, t.data])))).toBe(true);
    // Another run's weights differ, so the comparison can fail.
    expect(
      sameWeights(held, weightsOf(runSession({ config: TINY, train: bars(), stopAfterSteps: 1 }))),
    ).toBe(false);
  });

  it('keeps every checkpoint as step-NNNNNN, each what latest was at that step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'train-keep-'));
    // 8 images in batches of 4, 2 epochs: checkpoints at steps 2 (epoch end) and 3 (every 3)
    // and 4 (the end); nothing at step 1.
    const run = runSession({
      config: TINY,
      train: bars(),
      checkpointDir: dir,
      checkpointEvery: 3,
      keepCheckpoints: true,
    });
    run.dispose();
    const kept = readdirSync(dir).filter((f) => f.startsWith('step-'));
    expect(kept.sort()).toEqual([2, 3, 4].map((s) => basename(keptCheckpointPath(dir, s))));
    expect(kept).toContain('step-000003.safetensors');
    expect(readFileSync(keptCheckpointPath(dir, 4))).toEqual(readFileSync(checkpointPath(dir)));
    // A run that stops at step 2 or 3 leaves as latest what was kept for that step (the same
    // tensors and step; the recorded wall time differs between runs).
    for (const step of [2, 3]) {
      const other = mkdtempSync(join(tmpdir(), 'train-keep-'));
      runSession({
        config: TINY,
        train: bars(),
        checkpointDir: other,
        checkpointEvery: 3,
        stopAfterSteps: step,
      }).dispose();
      expect(readdirSync(other)).toEqual(['latest.safetensors']);
      expect(checkpointContents(keptCheckpointPath(dir, step))).toEqual(
        checkpointContents(checkpointPath(other)),
      );
    }
    expect(checkpointContents(keptCheckpointPath(dir, 2))).not.toEqual(
      checkpointContents(keptCheckpointPath(dir, 3)),
    );
  });

  it('starts from given weights (fine-tuning) only when the config names them', () => {
    const arch = buildArch(FASHION_ARCH);
    const initial = initialWeights(arch, 99);
    const config = { ...TINY, initFrom: 'seed-99.safetensors' };
    const result = runSession({ config, initial, train: bars(), stopAfterSteps: 0 });
    const start = new Map([...initial].map(([n, t]) => [n, t.data]));
    expect(sameWeights(start, weightsOf(result))).toBe(true);
    expect(() => runSession({ config: TINY, initial, train: bars() })).toThrow(/initFrom/);
  });

  it('evaluates each epoch and the final weights with the inference executor', () => {
    const result = runSession({
      config: { ...TINY, augmentation: NO_AUGMENTATION },
      train: bars(),
      test: bars(4),
    });
    expect(result.finished).toBe(true);
    expect(result.history.map((e) => e.epoch)).toEqual([1, 2]);
    expect(result.evaluation!.count).toBe(4);
    expect(result.evaluation!.accuracy).toBe(result.history[1]!.testAccuracy);
    expect(result.evaluation!.confusion.flat().reduce((a, b) => a + b)).toBe(4);
    result.dispose();
  });
});

describe('SGD with PyTorch semantics', () => {
  it('applies weight decay, momentum and Nesterov like torch.optim.SGD', async () => {
    await useBackend('cpu');
    const w = tf.variable(tf.tensor2d([[1, -2]]));
    const bias = tf.variable(tf.tensor1d([3]));
    const params = new Map<string, tf.Variable>([
      ['w', w],
      ['b', bias],
    ]);
    const sgd = createSgd(params, { momentum: 0.9, nesterov: true, weightDecay: 0.1 });
    const grads = new Map<string, tf.Tensor>([
      ['w', tf.tensor2d([[0.5, 0.5]])],
      ['b', tf.tensor1d([1])],
    ]);
    // torch: g = grad + wd*w; buf = g (first step: 0.9*0 + g); step = g + 0.9*buf = 1.9 g.
    sgd.apply(grads, 0.1);
    const g0 = [0.5 + 0.1 * 1, 0.5 + 0.1 * -2];
    const w1 = [1 - 0.1 * 1.9 * g0[0]!, -2 - 0.1 * 1.9 * g0[1]!];
    expect([...w.dataSync()].map((v, i) => v - w1[i]!).every((d) => Math.abs(d) < 1e-6)).toBe(true);
    expect(bias.dataSync()[0]).toBeCloseTo(3 - 0.1 * 1.9 * 1, 6); // biases are not decayed
    // Second step: buf = 0.9 * buf + g, step = g + 0.9 * buf.
    sgd.apply(grads, 0.1);
    const g1 = 0.5 + 0.1 * w1[0]!;
    const buf = 0.9 * g0[0]! + g1;
    expect(w.dataSync()[0]).toBeCloseTo(w1[0]! - 0.1 * (g1 + 0.9 * buf), 6);
    sgd.dispose();
  });

  it('warms up linearly, then anneals to zero along a cosine', () => {
    expect(cosineLr(0.1, 0, 100, 10)).toBeCloseTo(0.01);
    expect(cosineLr(0.1, 9, 100, 10)).toBeCloseTo(0.1);
    expect(cosineLr(0.1, 10, 100, 10)).toBeCloseTo(0.1);
    expect(cosineLr(0.1, 55, 100, 10)).toBeCloseTo(0.05);
    expect(cosineLr(0.1, 100, 100, 10)).toBeCloseTo(0);
  });
});

describe('augmentation', () => {
  const image = new Uint8Array(PIXELS).map((_, i) => i % 251);

  it('without augmentation copies and scales to [0, 1]', () => {
    const out = augmentedBatch(image, [0], NO_AUGMENTATION, mulberry32(1));
    expect(out[100]).toBeCloseTo(image[100]! / 255);
    expect(out.every((v, i) => v === Math.fround(image[i]! / 255))).toBe(true);
  });

  it('shifts by up to the crop padding, fills with zeros and mirrors', () => {
    // rand() sequence chosen by hand: dy = +2 (0.99), dx = -2 (0), flip (0.1).
    const draws = [0.99, 0, 0.1];
    const out = augmentedBatch(image, [0], { cropPad: 2, flip: true }, () => draws.shift()!);
    // Output (y, x) reads source (y + 2, (27 - x) - 2).
    expect(out[5 * 28 + 10]).toBeCloseTo(image[7 * 28 + 15]! / 255);
    expect(out[26 * 28 + 10]).toBe(0); // row 28 of the source is padding
    expect(out[3 * 28 + 0]).toBeCloseTo(image[5 * 28 + 25]! / 255); // mirrored: column 25
    expect(out[3 * 28 + 26]).toBe(0); // source column 27 - 26 - 2 = -1 is padding
  });
});
