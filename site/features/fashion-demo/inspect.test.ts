import { describe, expect, it } from 'vitest';
import {
  featureMapGrid,
  packExamples,
  readyToFit,
  softmax,
  strongestChannels,
  topK,
} from './inspect.ts';

describe('softmax and topK', () => {
  it('gives probabilities that sum to 1 even for huge logits', () => {
    const p = softmax([1000, 1000 + Math.log(3)]);
    expect(p[0]).toBeCloseTo(0.25, 10);
    expect(p[1]).toBeCloseTo(0.75, 10);
  });

  it('ranks the k most probable classes', () => {
    expect(topK([0.1, 0.4, 0.05, 0.4, 0.05], 3)).toEqual([
      { index: 1, probability: 0.4 },
      { index: 3, probability: 0.4 },
      { index: 0, probability: 0.1 },
    ]);
    expect(() => topK([1], 0)).toThrow(/whole k >= 1, got 0/);
  });
});

describe('featureMapGrid', () => {
  it('tiles channels with a gap and scales each channel to its own range', () => {
    // 2x2 maps, 3 channels; channel-last values: channel 0 = 0..3, channel 1 = 10 * that,
    // channel 2 constant.
    const values: number[] = [];
    for (let p = 0; p < 4; p++) values.push(p, 10 * p, 5);
    const grid = featureMapGrid([2, 2, 3], values, 3, 2);
    expect([grid.width, grid.height, grid.columns]).toEqual([5, 5, 2]);
    expect(grid.channels).toEqual([0, 1, 2]);
    const grey = (x: number, y: number) => grid.rgba[(y * grid.width + x) * 4]!;
    // Channel 0 tile at (0, 0): 0, 85, 170, 255; channel 1 (x offset 3) scales the same way.
    expect([grey(0, 0), grey(1, 0), grey(0, 1), grey(1, 1)]).toEqual([0, 85, 170, 255]);
    expect([grey(3, 0), grey(4, 0), grey(3, 1), grey(4, 1)]).toEqual([0, 85, 170, 255]);
    expect(grey(2, 0)).toBe(0); // the gap
    expect(grey(0, 3)).toBe(0); // channel 2, constant: black
    expect(grid.rgba[3]).toBe(255);
  });

  it('shows at most maxChannels and names a bad shape', () => {
    expect(featureMapGrid([1, 1, 10], new Array(10).fill(1), 4, 8).channels).toEqual([0, 1, 2, 3]);
    expect(() => featureMapGrid([4], [1, 2, 3, 4], 4, 2)).toThrow(/\[h, w, c\] shape, got \[4\]/);
    expect(() => featureMapGrid([2, 2, 1], [1], 1, 1)).toThrow(/1 values for maps of shape/);
  });
});

describe('strongestChannels and readyToFit', () => {
  it('orders channels by mean activation', () => {
    const ranked = strongestChannels([1, 2, 3], [1, 5, 0, 1, 7, 2], 2);
    expect(ranked).toEqual([
      { channel: 1, mean: 6 },
      { channel: 0, mean: 1 },
    ]);
  });

  it('needs two classes with at least two examples each', () => {
    expect(readyToFit([5, 5, 5])).toBe(true);
    expect(readyToFit([5, 1, 5])).toBe(false);
    expect(readyToFit([5])).toBe(false);
  });
});

describe('packExamples', () => {
  it('concatenates the examples class by class with their labels', () => {
    const a = Uint8Array.of(1, 2);
    const b = Uint8Array.of(3, 4);
    const c = Uint8Array.of(5, 6);
    const packed = packExamples([[a, b], [], [c]], 2);
    expect(Array.from(packed.images)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(packed.labels)).toEqual([0, 0, 2]);
    expect(() => packExamples([[Uint8Array.of(1)]], 2)).toThrow(/class 0 has 1 pixels, not 2/);
  });
});
