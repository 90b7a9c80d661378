import { describe, expect, it } from 'vitest';
import { costByGroups, macByRatio, macLowerBound, RATIOS } from './cost-curves.ts';

describe('costByGroups', () => {
  const shape = { inChannels: 240, outChannels: 240, kernel: 1, size: 28 };
  const points = costByGroups(shape);
  const at = (g: number, metric: string) => points.find((p) => p.g === g && p.metric === metric)!;

  it('has every metric for every g that divides both channel counts', () => {
    expect(new Set(points.map((p) => p.g)).size).toBe(20); // the divisors of 240
    expect(points.length).toBe(60);
  });
  it('cuts params and multiply-adds by g but memory access by less', () => {
    expect(at(1, 'params').value).toBe(240 * 240);
    expect(at(8, 'params').relative).toBeCloseTo(1 / 8);
    expect(at(8, 'macs').value).toBe((28 * 28 * 240 * 240) / 8);
    // MAC keeps the feature maps: 2 * 28 * 28 * 240 elements that no g removes.
    const maps = 2 * 28 * 28 * 240;
    expect(at(8, 'memoryAccess').value).toBe(maps + (240 * 240) / 8);
    expect(at(8, 'memoryAccess').relative).toBeGreaterThan(1 / 8);
  });
});

describe('macByRatio (ShuffleNet V2 guideline G1)', () => {
  it('holds the multiply-adds fixed and is smallest at 1:1, where it meets Eq. 1', () => {
    const points = macByRatio(128 * 128, 56);
    expect(points.map((p) => p.ratio)).toEqual(RATIOS);
    for (const p of points) expect(p.macs).toBeCloseTo(56 * 56 * 128 * 128, 3);
    const best = points.reduce((a, b) => (b.memoryAccess < a.memoryAccess ? b : a));
    expect(best.label).toBe('1:1');
    expect(best.memoryAccess).toBeCloseTo(macLowerBound(128 * 128, 56), 3);
    for (const p of points) expect(p.memoryAccess).toBeGreaterThanOrEqual(best.memoryAccess);
    expect(points[0]!.label).toBe('1:12');
    expect(points[6]!.label).toBe('12:1');
  });
  it('rejects a non-positive budget', () => {
    expect(() => macByRatio(0, 56)).toThrow(/must be positive/);
  });
});
