/**
 * Writes the committed test-image sample (runtime/data/sample.ts) into models/:
 * `node runtime/data/make-sample.ts [outDir]`. Needs the dataset package installed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FASHION_MNIST_CLASSES, loadFashionMnist } from './idx.ts';
import {
  SAMPLE_IMAGES_FILE,
  SAMPLE_LABELS_FILE,
  SAMPLE_PER_CLASS,
  balancedSample,
  encodeSample,
} from './sample.ts';

const out = process.argv[2] ?? 'models';
const test = loadFashionMnist('t10k');
const indices = balancedSample(test.labels, FASHION_MNIST_CLASSES.length, SAMPLE_PER_CLASS);
const { images, labels } = encodeSample(test, indices);
writeFileSync(join(out, SAMPLE_IMAGES_FILE), images);
writeFileSync(join(out, SAMPLE_LABELS_FILE), labels);
console.log(
  `wrote ${indices.length} test images (${images.length + labels.length} bytes) to ${out}`,
);
