import { describe, expect, it } from 'vitest';
import {
  grayscaleRgba,
  parseSteps,
  predictionsFromLogits,
  scoreOf,
  splitSample,
} from './fashion-demo.ts';

describe('predictionsFromLogits', () => {
  it('takes the arg-max and its softmax probability per row', () => {
    const rows = predictionsFromLogits([1, 3, 2, 0, -1, 0.5], 3);
    expect(rows.map((r) => r.predicted)).toEqual([1, 2]);
    const softmaxOf = (xs: number[], k: number) =>
      Math.exp(xs[k]!) / xs.reduce((s, x) => s + Math.exp(x), 0);
    expect(rows[0]!.confidence).toBeCloseTo(softmaxOf([1, 3, 2], 1), 12);
    expect(rows[1]!.confidence).toBeCloseTo(softmaxOf([0, -1, 0.5], 2), 12);
  });

  it('stays finite for large logits', () => {
    const [row] = predictionsFromLogits([1000, 999], 2);
    expect(row!.confidence).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });

  it('rejects logits that do not split into rows', () => {
    expect(() => predictionsFromLogits([1, 2, 3], 2)).toThrow(
      '3 logits do not split into rows of 2',
    );
  });
});

describe('scoreOf', () => {
  it('counts correct predictions overall and per class', () => {
    const p = (predicted: number) => ({ predicted, confidence: 1 });
    const score = scoreOf([p(0), p(1), p(1), p(2)], [0, 1, 2, 2]);
    expect(score).toEqual({ correct: 3, total: 4, accuracy: 0.75, perClass: [1, 1, 0.5] });
  });

  it('rejects a length mismatch', () => {
    expect(() => scoreOf([], [1])).toThrow('0 predictions for 1 labels');
  });
});

describe('splitSample', () => {
  it('trains on even images and holds out odd ones', () => {
    const images = Uint8Array.from({ length: 5 * 4 }, (_, i) => Math.floor(i / 4));
    const labels = Uint8Array.from([10, 11, 12, 13, 14]);
    const { train, heldOut } = splitSample(images, labels, 4);
    expect([...train.labels]).toEqual([10, 12, 14]);
    expect([...heldOut.labels]).toEqual([11, 13]);
    expect([...train.images]).toEqual([0, 0, 0, 0, 2, 2, 2, 2, 4, 4, 4, 4]);
    expect([...heldOut.images]).toEqual([1, 1, 1, 1, 3, 3, 3, 3]);
  });

  it('names a size mismatch', () => {
    expect(() => splitSample(new Uint8Array(7), new Uint8Array(2), 4)).toThrow(
      '7 bytes of images for 2 labels of 4 pixels',
    );
  });
});

describe('grayscaleRgba', () => {
  it('copies one image into opaque gray pixels', () => {
    const images = Uint8Array.from([0, 0, 0, 0, 9, 50, 100, 255]);
    expect([...grayscaleRgba(images, 1, 2)]).toEqual([
      9, 9, 9, 255, 50, 50, 50, 255, 100, 100, 100, 255, 255, 255, 255, 255,
    ]);
  });

  it('rejects an index past the end', () => {
    expect(() => grayscaleRgba(new Uint8Array(8), 2, 2)).toThrow('no image 2 in 2 images of 2x2');
  });
});

describe('parseSteps', () => {
  it('accepts whole numbers in range only', () => {
    expect(parseSteps(' 40 ')).toBe(40);
    expect(parseSteps('0')).toBeNull();
    expect(parseSteps('301')).toBeNull();
    expect(parseSteps('2.5')).toBeNull();
    expect(parseSteps('ten')).toBeNull();
  });
});
