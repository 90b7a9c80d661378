import { describe, expect, it } from 'vitest';
import { maxAbsDiff, median, randomImage, topK } from './runtime-demo.ts';

describe('runtime demo arithmetic', () => {
  it('measures the largest difference and refuses mismatched lengths', () => {
    expect(maxAbsDiff([1, 2, 3], [1, 2.5, 2])).toBe(1);
    expect(() => maxAbsDiff([1], [1, 2])).toThrow('cannot compare 1 values with 2');
  });

  it('ranks the largest values first, ties by index', () => {
    expect(topK([0.1, 3, -2, 3, 1], 3)).toEqual([1, 3, 4]);
  });

  it('takes medians of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it('draws the same image for the same seed and another for another seed', () => {
    const a = randomImage(64, 7);
    expect(randomImage(64, 7)).toEqual(a);
    expect(randomImage(64, 8)).not.toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(1);
  });
});
