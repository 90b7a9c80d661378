import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArch } from '../arch.ts';
import { costOf } from '../cost.ts';
import { loadFashionMnist } from '../data/idx.ts';
import { decodeSample, SAMPLE_IMAGES_FILE, SAMPLE_LABELS_FILE } from '../data/sample.ts';
import { FASHION_ARCH, PIXELS, WEIGHTS_FILE } from '../train/fashion.ts';
import { compareBuffers } from './compare.ts';
import type { Graph } from './graph.ts';
import { layerMacs, macsByKind } from './macs.ts';
import { fashionGraph, quantizeFashion } from './model.ts';
import type { QModel } from './quantize.ts';
import { bufferNames, quantReport } from './report.ts';

let graph: Graph;
let model: QModel;
let images: Uint8Array[];

beforeAll(() => {
  const weights = readFileSync(join('models', WEIGHTS_FILE));
  graph = fashionGraph(weights);
  // Fewer calibration images than the course model: these tests check bookkeeping, not accuracy.
  model = quantizeFashion(weights, loadFashionMnist('train').images, 50);
  const sample = decodeSample(
    readFileSync(join('models', SAMPLE_IMAGES_FILE)),
    readFileSync(join('models', SAMPLE_LABELS_FILE)),
  );
  images = [0, 1, 2].map((i) => sample.images.pixels.subarray(i * PIXELS, (i + 1) * PIXELS));
}, 120_000);

describe('quantReport', () => {
  it('sums the per-image comparisons: histograms, the largest error, the mean relative RMS', () => {
    const report = quantReport(graph, model, images);
    const runs = images.map((p) => compareBuffers(graph, model, p));
    expect(report.images).toBe(3);
    expect(report.buffers).toHaveLength(model.buffers.length);
    report.buffers.forEach((b, i) => {
      const [h, w, c] = b.shape;
      expect(b.histogram.reduce((s, n) => s + n, 0)).toBe(3 * h * w * c);
      expect(b.maxError).toBe(Math.max(...runs.map((r) => r[i]!.maxError)));
      const mean = runs.reduce((s, r) => s + r[i]!.relativeRmsError, 0) / 3;
      expect(b.relativeRmsError).toBeCloseTo(mean, 12);
      expect(b.zeroPoint).toBe(model.buffers[i]!.zeroPoint);
    });
  });

  it('names buffers after the layers writing them, the input first and the logits last', () => {
    const names = bufferNames(graph);
    expect(names[0]).toBe('input');
    expect(names[graph.output]).toBe('fc');
    expect(names.filter((n) => n.startsWith('buffer '))).toEqual([]);
  });

  it('rejects an empty image list', () => {
    expect(() => quantReport(graph, model, [])).toThrow(/at least one image/);
  });
});

describe('layerMacs', () => {
  it("adds up to the cost model's multiply-adds of the same architecture", () => {
    const layers = layerMacs(model);
    const total = layers.reduce((s, l) => s + l.macs, 0);
    expect(total).toBe(costOf(buildArch(FASHION_ARCH)).totals.macs);
    const byKind = macsByKind(layers);
    expect(byKind.dense + byKind.pointwise + byKind.depthwise + byKind.linear).toBe(total);
    expect(layers.filter((l) => l.kind === 'dense').map((l) => l.name)).toEqual(['conv1.0']);
    expect(layers.at(-1)).toMatchObject({ name: 'fc', kind: 'linear' });
  });
});
