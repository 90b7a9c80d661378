/**
 * `node site/build/quant-report.ts`: writes site/features/quant-compare/quant-report.json, the
 * float-vs-int8 comparison (runtime/quant/report.ts) of the Fashion-MNIST ShuffleNet on the first
 * REPORT_IMAGES images of the committed sample. Calibration takes tens of seconds, too long for
 * every site build and far too long for a browser, so the JSON is committed and
 * quant-report.test.ts holds it equal to a fresh computation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFashionMnist } from '../../runtime/data/idx.ts';
import { decodeSample, SAMPLE_IMAGES_FILE, SAMPLE_LABELS_FILE } from '../../runtime/data/sample.ts';
import { fashionGraph, quantizeFashion } from '../../runtime/quant/model.ts';
import { quantReport, type QuantReport } from '../../runtime/quant/report.ts';
import { PIXELS, WEIGHTS_FILE } from '../../runtime/train/fashion.ts';

export const REPORT_IMAGES = 10;
export const REPORT_FILE = join('site', 'features', 'quant-compare', 'quant-report.json');

/** Four significant digits: the widget shows three, and the file stays small and stable. */
const round = (v: number) => Number(v.toPrecision(4));

export function fashionQuantReport(): QuantReport {
  const weights = readFileSync(join('models', WEIGHTS_FILE));
  const sample = decodeSample(
    readFileSync(join('models', SAMPLE_IMAGES_FILE)),
    readFileSync(join('models', SAMPLE_LABELS_FILE)),
  );
  const model = quantizeFashion(weights, loadFashionMnist('train').images);
  const images = Array.from({ length: REPORT_IMAGES }, (_, i) =>
    sample.images.pixels.subarray(i * PIXELS, (i + 1) * PIXELS),
  );
  const report = quantReport(fashionGraph(weights), model, images);
  return {
    images: report.images,
    buffers: report.buffers.map((b) => ({
      ...b,
      scale: round(b.scale),
      maxError: round(b.maxError),
      relativeRmsError: round(b.relativeRmsError),
    })),
  };
}

export function reportJson(report: QuantReport): string {
  return `${JSON.stringify(report)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(REPORT_FILE, reportJson(fashionQuantReport()));
  console.log(`quant-report: wrote ${REPORT_FILE}`);
}
