/**
 * The float-vs-int8 comparison (`compare.ts`) of several images summed into one small,
 * JSON-ready report per buffer, named after the layer that writes it: what the capstone lesson's
 * per-layer widget shows without running quantization in the browser.
 */
import { compareBuffers } from './compare.ts';
import type { Graph } from './graph.ts';
import type { QModel } from './quantize.ts';

export interface BufferReport {
  /** The writing layer's parameter name (`conv1.0`, `stage2.1.branch2.5`, ...), or `input`. */
  name: string;
  shape: [number, number, number];
  scale: number;
  zeroPoint: number;
  /** Largest |S (q - Z) - float| over the buffer and the images. */
  maxError: number;
  /** Mean over the images of the relative RMS error. */
  relativeRmsError: number;
  /** Count of each int8 code over the images, index q + 128. */
  histogram: number[];
}

export interface QuantReport {
  images: number;
  buffers: BufferReport[];
}

/** Names buffer i after the last layer writing it (copies and pools keep their target's name). */
export function bufferNames(graph: Graph): string[] {
  const names = graph.buffers.map((_, i) => (i === 0 ? 'input' : `buffer ${i}`));
  for (const layer of graph.layers) {
    if (layer.kind === 'conv' || layer.kind === 'linear') names[layer.output] = layer.name;
    else if (layer.kind === 'globalAvgPool') names[layer.output] = 'global average pool';
  }
  return names;
}

/** Compares `graph` (float) with `model` (int8) on `images` (raw pixels each) and sums up. */
export function quantReport(
  graph: Graph,
  model: QModel,
  images: readonly ArrayLike<number>[],
): QuantReport {
  if (images.length === 0) throw new Error('quantReport: expected at least one image, got none');
  const names = bufferNames(graph);
  const runs = images.map((pixels) => compareBuffers(graph, model, pixels));
  const buffers = runs[0]!.map((first, b) => {
    const histogram = new Array<number>(256).fill(0);
    let maxError = 0;
    let rms = 0;
    for (const run of runs) {
      const c = run[b]!;
      maxError = Math.max(maxError, c.maxError);
      rms += c.relativeRmsError;
      c.histogram.forEach((n, q) => (histogram[q]! += n));
    }
    return {
      name: names[b]!,
      shape: first.shape,
      scale: first.scale,
      zeroPoint: first.zeroPoint,
      maxError,
      relativeRmsError: rms / runs.length,
      histogram,
    };
  });
  return { images: images.length, buffers };
}
