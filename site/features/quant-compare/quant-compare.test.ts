import { describe, expect, it } from 'vitest';
import type { BufferReport, QuantReport } from '../../../runtime/quant/report.ts';
import report from './quant-report.json';
import { errorSeries, histogramBars, layerOptions, summarize } from './quant-compare.ts';

function buffer(partial: Partial<BufferReport>): BufferReport {
  return {
    name: 'x',
    shape: [1, 1, 4],
    scale: 0.05,
    zeroPoint: -128,
    maxError: 0.0123456,
    relativeRmsError: 0.04321,
    histogram: new Array<number>(256).fill(0),
    ...partial,
  };
}

describe('quant-compare', () => {
  it('trims the histogram to the codes that occur, as signed codes', () => {
    const histogram = new Array<number>(256).fill(0);
    histogram[0] = 2; // q = -128
    histogram[130] = 1; // q = 2
    expect(histogramBars(buffer({ histogram })).at(0)).toEqual({ code: -128, count: 2 });
    const bars = histogramBars(buffer({ histogram }));
    expect(bars).toHaveLength(131);
    expect(bars.at(-1)).toEqual({ code: 2, count: 1 });
    expect(bars.filter((b) => b.count > 0)).toHaveLength(2);
    expect(histogramBars(buffer({}))).toEqual([]);
  });

  it('summarizes the error in percent and the share clamped at 127', () => {
    const histogram = new Array<number>(256).fill(0);
    histogram[255] = 1;
    histogram[128] = 3;
    const s = summarize(buffer({ histogram }));
    expect(s).toMatchObject({ values: 4, relativeRmsPercent: '4.3', maxError: '0.0123' });
    expect(s.atTopPercent).toBe('25.0');
  });

  it('lists every buffer of the committed report, and the error of all but the input', () => {
    const r = report as QuantReport;
    expect(layerOptions(r)[0]!.label).toBe('input (28 × 28 × 1)');
    expect(layerOptions(r)).toHaveLength(r.buffers.length);
    const series = errorSeries(r);
    expect(series).toHaveLength(r.buffers.length - 1);
    expect(series.at(-1)!.name).toBe('fc');
    for (const b of r.buffers)
      expect(summarize(b).values).toBe(r.images * b.shape[0] * b.shape[1] * b.shape[2]);
  });
});
