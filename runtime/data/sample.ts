/**
 * The committed sample of Fashion-MNIST test images (models/fashion-sample-*.idx): the first
 * `perClass` test images of each class, in test-set order, as uncompressed IDX files (16 + N*784
 * and 8 + N bytes), so the site and fast tests need neither the dataset package nor gunzip.
 * Pure: the caller reads the bytes (fs in Node, fetch in a page).
 */
import { encodeIdx, parseIdxImages, parseIdxLabels, type Dataset } from './idx-format.ts';

export const SAMPLE_IMAGES_FILE = 'fashion-sample-images.idx';
export const SAMPLE_LABELS_FILE = 'fashion-sample-labels.idx';
export const SAMPLE_PER_CLASS = 20;

/** Indices of the first `perClass` images of each class, in dataset order. */
export function balancedSample(labels: Uint8Array, classes: number, perClass: number): number[] {
  const taken = new Array<number>(classes).fill(0);
  const out: number[] = [];
  for (let i = 0; i < labels.length && out.length < classes * perClass; i++) {
    const k = labels[i]!;
    if (taken[k]! < perClass) {
      taken[k]!++;
      out.push(i);
    }
  }
  if (out.length < classes * perClass) {
    throw new Error(`balancedSample: fewer than ${perClass} images of some class`);
  }
  return out;
}

/** The sample's two IDX files for `indices` of `data`. */
export function encodeSample(
  data: Dataset,
  indices: number[],
): { images: Uint8Array; labels: Uint8Array } {
  const { rows, cols, pixels } = data.images;
  const per = rows * cols;
  const selected = new Uint8Array(indices.length * per);
  indices.forEach((i, j) => selected.set(pixels.subarray(i * per, (i + 1) * per), j * per));
  return {
    images: encodeIdx([indices.length, rows, cols], selected),
    labels: encodeIdx(
      [indices.length],
      Uint8Array.from(indices, (i) => data.labels[i]!),
    ),
  };
}

export function decodeSample(images: Uint8Array, labels: Uint8Array): Dataset {
  const parsed = parseIdxImages(images, SAMPLE_IMAGES_FILE);
  const parsedLabels = parseIdxLabels(labels, SAMPLE_LABELS_FILE);
  if (parsed.count !== parsedLabels.length) {
    throw new Error(`sample: ${parsed.count} images but ${parsedLabels.length} labels`);
  }
  return { images: parsed, labels: parsedLabels };
}
