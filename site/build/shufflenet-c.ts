/**
 * The exported int8 ShuffleNet C program (runtime/export-c) for the lesson zynq/shufflenet-in-c's
 * board console: the same files `npm run export-c` writes, from the committed float weights, the
 * committed 200-image sample and committed calibration ranges. Calibrating needs the Fashion-MNIST
 * training images and tens of seconds, too much for every site build, so the ranges (one min/max
 * per buffer, a few kilobytes) are committed and shufflenet-c.test.ts holds them equal to a fresh
 * calibration and the program equal to `npm run export-c`'s.
 * `node site/build/shufflenet-c.ts` rewrites the ranges (site/features/shufflenet-board/).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FASHION_MNIST_CLASSES, loadFashionMnist } from '../../runtime/data/idx.ts';
import { decodeSample, SAMPLE_IMAGES_FILE, SAMPLE_LABELS_FILE } from '../../runtime/data/sample.ts';
import { exportC } from '../../runtime/export-c/emit.ts';
import {
  CALIBRATION_IMAGES,
  evenlySpaced,
  fashionGraph,
  scaledImages,
} from '../../runtime/quant/model.ts';
import { calibrate, quantizeGraph } from '../../runtime/quant/quantize.ts';
import { WEIGHTS_FILE } from '../../runtime/train/fashion.ts';
import type { ShufflenetProgram } from '../features/shufflenet-board/shufflenet-run.ts';

export const RANGES_FILE = join('site', 'features', 'shufflenet-board', 'calibration-ranges.json');

/** The translation units of the exported program, in build order. */
export const PROGRAM_SOURCES = ['main.c', 'shufflenet_int8.c', 'samples.c'];

export interface CalibrationRanges {
  /** Training images the ranges were measured on (runtime/quant/model.ts). */
  images: number;
  /** [min, max] of every buffer of the folded graph, in the graph's order. */
  ranges: [number, number][];
}

/** Calibrates afresh on the training images (as quantizeFashion does). Needs the dataset. */
export function freshRanges(): CalibrationRanges {
  const weights = readFileSync(join('models', WEIGHTS_FILE));
  const train = loadFashionMnist('train').images;
  const indices = evenlySpaced(train.count, CALIBRATION_IMAGES);
  return {
    images: CALIBRATION_IMAGES,
    ranges: calibrate(fashionGraph(weights), scaledImages(train, indices)),
  };
}

export function rangesJson(ranges: CalibrationRanges): string {
  return `${JSON.stringify(ranges)}\n`;
}

/** The committed ranges, checked for shape (a damaged file names itself). */
export function committedRanges(text = readFileSync(RANGES_FILE, 'utf8')): CalibrationRanges {
  const parsed = JSON.parse(text) as Partial<CalibrationRanges>;
  const ok =
    Number.isInteger(parsed.images) &&
    Array.isArray(parsed.ranges) &&
    parsed.ranges.every(
      (r) => Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === 'number'),
    );
  if (!ok) {
    throw new Error(
      `${RANGES_FILE}: expected { images: integer, ranges: [min, max][] }; ` +
        'regenerate it with `node site/build/shufflenet-c.ts`',
    );
  }
  return parsed as CalibrationRanges;
}

/** The exported program from the committed weights, sample and ranges. */
export function shufflenetProgram(ranges = committedRanges()): ShufflenetProgram {
  const weights = readFileSync(join('models', WEIGHTS_FILE));
  const sample = decodeSample(
    readFileSync(join('models', SAMPLE_IMAGES_FILE)),
    readFileSync(join('models', SAMPLE_LABELS_FILE)),
  );
  const model = quantizeGraph(fashionGraph(weights), ranges.ranges);
  const { files } = exportC(
    model,
    { count: sample.images.count, pixels: sample.images.pixels, labels: sample.labels },
    { classNames: FASHION_MNIST_CLASSES },
  );
  return { files, sources: PROGRAM_SOURCES, images: sample.images.count };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(RANGES_FILE, rangesJson(freshRanges()));
  console.log(`shufflenet-c: wrote ${RANGES_FILE}`);
}
