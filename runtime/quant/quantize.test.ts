import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backends-node.ts';
import { loadFashionMnist } from '../data/idx.ts';
import { decodeSample, SAMPLE_IMAGES_FILE, SAMPLE_LABELS_FILE } from '../data/sample.ts';
import { createShuffleNet } from '../model.ts';
import { FASHION_ARCH, PIXELS, WEIGHTS_FILE } from '../train/fashion.ts';
import { compareBuffers } from './compare.ts';
import { runFloat } from './float-forward.ts';
import type { Graph } from './graph.ts';
import { argmax, runInt8 } from './int8-forward.ts';
import { evenlySpaced, fashionGraph, scaledImages } from './model.ts';
import {
  activationParams,
  calibrate,
  quantizeGraph,
  quantizeWeights,
  type QModel,
} from './quantize.ts';

const weights = readFileSync(join('models', WEIGHTS_FILE));
const sample = decodeSample(
  readFileSync(join('models', SAMPLE_IMAGES_FILE)),
  readFileSync(join('models', SAMPLE_LABELS_FILE)),
);
const pixelsOf = (i: number) => sample.images.pixels.subarray(i * PIXELS, (i + 1) * PIXELS);
const scaled = (i: number) => Float64Array.from(pixelsOf(i), (p) => p / 255);

describe('activationParams and quantizeWeights', () => {
  it('maps a range onto [-128, 127] with real 0 an exact integer', () => {
    for (const [lo, hi] of [
      [0, 6],
      [-1, 3],
      [-2.5, 0.7],
      [0.2, 5], // widened to include 0
    ] as const) {
      const { scale, zeroPoint } = activationParams(lo, hi);
      expect(Number.isInteger(zeroPoint)).toBe(true);
      expect(zeroPoint).toBeGreaterThanOrEqual(-128);
      expect(zeroPoint).toBeLessThanOrEqual(127);
      // The ends of the range land within half a step of -128 and 127.
      expect(Math.abs(Math.min(lo, 0) / scale + zeroPoint - -128)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(hi / scale + zeroPoint - 127)).toBeLessThanOrEqual(0.5 + 1e-9);
    }
    expect(activationParams(0, 6).zeroPoint).toBe(-128); // a ReLU output uses all 256 levels
    expect(() => activationParams(1, 0)).toThrow(/empty range \[1, 0\]/);
  });

  it('quantizes each output channel symmetrically with its own scale', () => {
    // No value sits on a rounding tie (x.5), where float division decides the direction.
    const w = new Float32Array([0.4, -1, 0.25, 0.0012, -0.002, 0.0005]);
    const { q, scale } = quantizeWeights(w, 2);
    expect(scale[0]).toBe(1 / 127);
    expect(scale[1]).toBe(Math.fround(0.002) / 127); // max |w| of the float32 row, over 127
    expect(Array.from(q)).toEqual([51, -127, 32, 76, -127, 32]);
    for (let i = 0; i < w.length; i++) {
      expect(Math.abs(q[i]! * scale[Math.floor(i / 3)]! - w[i]!)).toBeLessThanOrEqual(
        scale[Math.floor(i / 3)]! / 2,
      );
    }
  });
});

describe('the folded graph in float', () => {
  beforeAll(() => useBackend('cpu'));

  it('gives the tfjs executor logits (BatchNorm folded, shuffle folded into the writes)', () => {
    const graph = fashionGraph(weights);
    const net = createShuffleNet({ ...FASHION_ARCH, weights });
    const before = tf.memory().numTensors;
    for (const i of [0, 57, 133]) {
      const x = tf.tensor4d(Float32Array.from(scaled(i)), [1, 28, 28, 1]);
      const logits = net.predict(x);
      const expected = logits.dataSync();
      tf.dispose([x, logits]);
      const got = runFloat(graph, scaled(i))[graph.output]!;
      for (let c = 0; c < 10; c++) expect(got[c]).toBeCloseTo(expected[c]!, 3);
    }
    expect(tf.memory().numTensors).toBe(before); // no tensor left behind
    net.dispose();
  });

  it('refuses layouts it does not handle, naming them', async () => {
    const { buildArch } = await import('../arch.ts');
    const { buildGraph } = await import('./graph.ts');
    const arch = buildArch({ version: 'v1', groups: 3, width: 0.5 });
    expect(() => buildGraph(arch, new Map())).toThrow(/ShuffleNet v1 in the 'paper' layout/);
  });
});

describe('the int8 model against the float graph', () => {
  let graph: Graph;
  let model: QModel;
  beforeAll(() => {
    graph = fashionGraph(weights);
    // 64 calibration images keep the test fast; eval --int8 and the export use 500.
    const train = loadFashionMnist('train');
    const ranges = calibrate(
      graph,
      scaledImages(train.images, evenlySpaced(train.images.count, 64)),
    );
    model = quantizeGraph(graph, ranges);
  }, 300_000);

  it('stays within a few quantization steps of float, layer by layer', () => {
    const layers = compareBuffers(graph, model, pixelsOf(3));
    expect(layers.length).toBe(model.buffers.length);
    for (const layer of layers) {
      const size = layer.shape[0] * layer.shape[1] * layer.shape[2];
      expect(layer.histogram.reduce((a, b) => a + b, 0)).toBe(size);
      if (layer.buffer === 0)
        expect(layer.maxError).toBeLessThan(1e-12); // the input is exact
      // The stem sees only weight rounding (<= scale_w / 2 per tap) and one requantization
      // (<= scale / 2): within 2 steps. Deeper buffers accumulate the errors of every layer
      // before them, and an image outside the calibration set may clip, so they are held to a
      // relative error: the RMS error under 25% of the RMS value.
      else if (layer.buffer === 1) expect(layer.maxError).toBeLessThanOrEqual(2 * layer.scale);
      else expect(layer.relativeRmsError).toBeLessThan(0.25);
    }
    // A ReLU output never goes below its zero point: no code under Z is used.
    const stem = layers[1]!;
    expect(stem.histogram.slice(0, stem.zeroPoint + 128).every((n) => n === 0)).toBe(true);
  });

  it('classifies the 200-image sample as float does (>= 97% agreement, >= 90% accuracy)', () => {
    let agree = 0;
    let correct = 0;
    for (let i = 0; i < sample.images.count; i++) {
      const q = argmax(runInt8(model, pixelsOf(i))[model.output]!);
      if (q === argmax(runFloat(graph, scaled(i))[graph.output]!)) agree++;
      if (q === sample.labels[i]) correct++;
    }
    expect(agree / sample.images.count).toBeGreaterThanOrEqual(0.97);
    expect(correct / sample.images.count).toBeGreaterThanOrEqual(0.9);
  }, 300_000);

  it('checks accumulators and image sizes', () => {
    expect(() => runInt8(model, new Uint8Array(10))).toThrow(/10 pixels, the model expects 784/);
  });
});
