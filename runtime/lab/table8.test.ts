import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backends-node.ts';
import { timeModels } from './models.ts';
import { TABLE8, table8Counts, type Table8Row } from './table8.ts';

describe('V2 Table 8 beside the runtime', () => {
  it("counts every ShuffleNet of the table within 2% of the paper's MFLOPs", () => {
    const counts = table8Counts();
    expect(counts).toHaveLength(8);
    for (const c of counts) {
      const row = TABLE8.find((r) => r.id === c.id)!;
      expect(Math.abs(c.macs / 1e6 / row.paper.mflops - 1), c.id).toBeLessThan(0.02);
    }
    // V2 Table 5: 2.3M weights at 1x (the runtime counts BatchNorm and FC bias too).
    const v2 = counts.find((c) => c.id === 'v2-1')!;
    expect(v2.params / 1e6).toBeCloseTo(2.28, 2);
  });

  it('keeps the budgets matched: each group of rows is within 15% of its V2 row', () => {
    for (const budget of [40, 140, 300, 500] as const) {
      const rows = TABLE8.filter((r) => r.budget === budget);
      expect(rows).toHaveLength(3);
      const v2 = rows.find((r) => r.id.startsWith('v2'))!;
      for (const r of rows)
        expect(Math.abs(r.paper.mflops / v2.paper.mflops - 1)).toBeLessThan(0.15);
    }
  });
});

describe('timing whole models', () => {
  beforeAll(() => useBackend('cpu'));

  it('times every buildable row, skips the others, and leaks no tensor', async () => {
    const small = (row: Table8Row): Table8Row => ({
      ...row,
      options: row.options && { ...row.options, inputShape: [64, 64, 3], numClasses: 10 },
    });
    const rows = TABLE8.filter((r) => r.budget === 40).map(small);
    const before = tf.memory().numTensors;
    let last = 0;
    const timings = await timeModels(rows, {
      iterations: 1,
      warmup: 0,
      onProgress: (d, t) => (last = d / t),
    });
    expect(timings.map((t) => t.id)).toEqual(['v2-0.5', 'v1-0.5-g3']);
    expect(last).toBe(1);
    for (const t of timings) expect(t.imagesPerS).toBeCloseTo(1000 / t.medianMs);
    expect(tf.memory().numTensors).toBe(before);
    await expect(timeModels(rows, { iterations: 0 })).rejects.toThrow(/iterations 0/);
  });
});
