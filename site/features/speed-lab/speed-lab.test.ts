import { describe, expect, it } from 'vitest';
import { labRows } from '../../../runtime/lab/table.ts';
import { chartBars, percentDone, ratioText, relativeToPlain } from './speed-lab.ts';

describe('guideline lab helpers', () => {
  it('turns runs done into a whole, clamped percentage', () => {
    expect(percentDone(0, 0)).toBe(0);
    expect(percentDone(1, 3)).toBe(33);
    expect(percentDone(5, 4)).toBe(100);
  });

  it('draws three bars per case: this device and the paper relative to the baseline', () => {
    const rows = labRows([
      { id: 'G2-g1', guideline: 'G2', label: 'g=1', macs: 1, medianMs: 1, imagesPerS: 1000 },
      { id: 'G2-g8', guideline: 'G2', label: 'g=8', macs: 1, medianMs: 4, imagesPerS: 250 },
    ]);
    const bars = chartBars(rows);
    expect(bars).toHaveLength(6);
    const g8 = bars.filter((b) => b.label === 'g=8');
    expect(g8.map((b) => b.source)).toEqual(['device', 'gpu', 'arm']);
    expect(g8[0]!.relative).toBe(0.25);
    expect(g8[1]!.relative).toBeCloseTo(634 / 2451);
    expect(g8[2]!.relative).toBeCloseTo(27.8 / 40);
  });

  it("gives each way's median as a fraction of the plain path's", () => {
    const way = (w: 'fast' | 'plain', medianMs: number) => ({
      way: w,
      medianMs,
      p90Ms: medianMs + 1,
      scaledDiff: 0,
    });
    const r = {
      key: 'v2-1.0',
      label: 'V2 1.0x',
      size: 224,
      macs: 1,
      ways: [way('fast', 30), way('plain', 40)],
    };
    expect(relativeToPlain(r, r.ways[0]!)).toBe(0.75);
    expect(relativeToPlain(r, r.ways[1]!)).toBe(1);
    expect(() => relativeToPlain({ ...r, ways: [r.ways[0]!] }, r.ways[0]!)).toThrow(
      /V2 1.0x: no plain-path/,
    );
  });

  it('writes ratios with two decimals, small ones with two significant digits', () => {
    expect(ratioText(0.754)).toBe('0.75');
    expect(ratioText(12.3)).toBe('12.30');
    expect(ratioText(0.0123)).toBe('0.012');
    expect(ratioText(0)).toBe('0.00');
  });
});
