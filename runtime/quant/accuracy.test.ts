import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFashionMnist } from '../data/idx.ts';
import { scorePredictions } from '../train/step.ts';
import { WEIGHTS_FILE } from '../train/fashion.ts';
import { predictInt8 } from './int8-forward.ts';
import { quantizeFashion } from './model.ts';

/**
 * The bar for the int8 model: at most 0.5 points below float (92.68%, runtime/train
 * accuracy.test.ts holds it at >= 92.6%) on all 10,000 test images, so >= 92.18%. Measured: 92.59%.
 * The integer reference runs in plain TypeScript: a few minutes on an idle core.
 * CI (.ci/run) installs dataset-fashion-mnist: the dataset's presence is asserted, not skipped.
 */
describe('the int8 Fashion-MNIST model', () => {
  it('reaches at least 92.18% on the 10,000 test images', () => {
    const model = quantizeFashion(
      readFileSync(join('models', WEIGHTS_FILE)),
      loadFashionMnist('train').images,
    );
    const test = loadFashionMnist('t10k');
    const predicted = predictInt8(model, test.images.pixels, test.labels.length);
    expect(scorePredictions(predicted, test.labels, 10).accuracy).toBeGreaterThanOrEqual(0.9218);
  }, 3_600_000);
});
