/**
 * The quantized Fashion-MNIST model from its committed float weights: build the folded graph,
 * calibrate on training images, quantize. Pure (the caller reads the files), deterministic.
 */
import { buildArch } from '../arch.ts';
import type { IdxImages } from '../data/idx-format.ts';
import { FASHION_ARCH } from '../train/fashion.ts';
import { readWeights } from '../weights.ts';
import { buildGraph, type Graph } from './graph.ts';
import { calibrate, quantizeGraph, type QModel } from './quantize.ts';

/** Calibration images: this many training images, evenly spaced over the training set. */
export const CALIBRATION_IMAGES = 500;

/** The folded float graph of the Fashion-MNIST ShuffleNet with `weights` (safetensors). */
export function fashionGraph(weights: Uint8Array): Graph {
  const arch = buildArch(FASHION_ARCH);
  return buildGraph(arch, readWeights(arch, weights));
}

/** Images `indices` of `images`, each scaled to [0, 1] as the float model expects. */
export function* scaledImages(
  images: IdxImages,
  indices: Iterable<number>,
): Generator<Float64Array> {
  const per = images.rows * images.cols;
  for (const i of indices) {
    const out = new Float64Array(per);
    for (let j = 0; j < per; j++) out[j] = images.pixels[i * per + j]! / 255;
    yield out;
  }
}

/** `count` indices spread evenly over [0, total). */
export function evenlySpaced(total: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 1 || count > total) {
    throw new Error(`calibration image count must be an integer in [1, ${total}], got ${count}`);
  }
  return Array.from({ length: count }, (_, i) => Math.floor((i * total) / count));
}

/** Quantizes the model with `weights`, calibrated on `count` images of `train`. */
export function quantizeFashion(
  weights: Uint8Array,
  train: IdxImages,
  count = CALIBRATION_IMAGES,
): QModel {
  const graph = fashionGraph(weights);
  const ranges = calibrate(graph, scaledImages(train, evenlySpaced(train.count, count)));
  return quantizeGraph(graph, ranges);
}
