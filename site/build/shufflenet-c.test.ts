/**
 * The lesson console's program is `npm run export-c`'s: the committed calibration ranges equal a
 * fresh calibration, and the C built from them equals the export from a fresh quantization. Needs
 * the Fashion-MNIST training images (as quant-report.test.ts): asserted, not skipped. A change to
 * the quantization, the weights or the exporter fails here until the ranges are regenerated
 * (`node site/build/shufflenet-c.ts`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASSES, loadFashionMnist } from '../../runtime/data/idx.ts';
import { decodeSample, SAMPLE_IMAGES_FILE, SAMPLE_LABELS_FILE } from '../../runtime/data/sample.ts';
import { exportC } from '../../runtime/export-c/emit.ts';
import { quantizeFashion } from '../../runtime/quant/model.ts';
import { WEIGHTS_FILE } from '../../runtime/train/fashion.ts';
import {
  committedRanges,
  freshRanges,
  PROGRAM_SOURCES,
  rangesJson,
  shufflenetProgram,
} from './shufflenet-c.ts';

describe('the lesson console program', () => {
  it('has committed calibration ranges equal to a fresh calibration', () => {
    // Compared as values: Prettier formats the committed file, the generator writes one line.
    expect(committedRanges()).toEqual(JSON.parse(rangesJson(freshRanges())));
  }, 180_000);

  it('is the C that npm run export-c writes', () => {
    const sample = decodeSample(
      readFileSync(join('models', SAMPLE_IMAGES_FILE)),
      readFileSync(join('models', SAMPLE_LABELS_FILE)),
    );
    const model = quantizeFashion(
      readFileSync(join('models', WEIGHTS_FILE)),
      loadFashionMnist('train').images,
    );
    const expected = exportC(
      model,
      { count: sample.images.count, pixels: sample.images.pixels, labels: sample.labels },
      { classNames: FASHION_MNIST_CLASSES },
    );
    const program = shufflenetProgram();
    expect(program.files).toEqual(expected.files);
    expect(program.images).toBe(200);
    expect(program.sources).toEqual(PROGRAM_SOURCES);
    for (const s of program.sources) expect(Object.keys(program.files)).toContain(s);
  }, 180_000);

  it('refuses a damaged ranges file, naming it and the fix', () => {
    expect(() => committedRanges('{"images":500,"ranges":[[0]]}')).toThrow(
      /calibration-ranges\.json: expected \{ images: integer, ranges: \[min, max\]\[\] \}.*node site\/build\/shufflenet-c\.ts/,
    );
    expect(() => committedRanges('{"ranges":[]}')).toThrow(/expected/);
  });
});
