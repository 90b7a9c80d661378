import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backends-node.ts';
import { buildCase } from './build.ts';
import {
  blockParams,
  caseMacs,
  GUIDELINES,
  labCases,
  labConfig,
  seriesWidth,
  type LabCase,
} from './cases.ts';
import { parseLabArgs } from './cli.ts';
import { PAPER_SPEEDS } from './paper.ts';
import { median, runLab } from './run.ts';
import { formatLabTable, labRows } from './table.ts';

const SMALL = { size: 6, blocks: 2 };

describe('lab cases', () => {
  for (const widths of ['arm', 'gpu'] as const) {
    it(`holds FLOPs nearly fixed within each guideline (${widths} widths)`, () => {
      const cases = labCases({ widths });
      for (const g of GUIDELINES) {
        const macs = cases.filter((c) => c.guideline === g).map((c) => caseMacs(c));
        expect(macs.length).toBeGreaterThanOrEqual(4);
        // The paper's own widths differ by up to 5% (Table 1, 1:12: 9 x 108 vs 32 x 32).
        for (const m of macs) expect(Math.abs(m / macs[0]! - 1)).toBeLessThan(0.06);
      }
    });
  }

  it('uses the paper widths and the 56x56, 10-block set-up by default', () => {
    expect(labConfig()).toEqual({ widths: 'arm', size: 56, blocks: 10 });
    const gpu = labCases({ widths: 'gpu' });
    const g1 = gpu.find((c) => c.id === 'G1-1:6')!;
    expect(g1.block.convs.map((c) => [c.inC, c.outC])).toEqual([
      [52, 312],
      [312, 52],
    ]);
    // G1 1:1 at GPU widths: 10 blocks x 2 convs x 56^2 x 128^2 multiply-adds.
    expect(caseMacs(gpu[0]!)).toBe(10 * 2 * 56 * 56 * 128 * 128);
    expect(gpu.find((c) => c.id === 'G2-g8')!.block.convs[0]).toMatchObject({
      inC: 360,
      outC: 360,
      groups: 8,
    });
  });

  it('keeps every block at its input width and every group count dividing the channels', () => {
    for (const c of labCases()) {
      const convs = c.block.convs;
      if (c.block.kind === 'parallel') {
        expect(convs.every((cv) => cv.inC === c.channels)).toBe(true);
        expect(convs.reduce((s, cv) => s + cv.outC, 0)).toBe(c.channels);
      } else {
        expect(convs[0]!.inC).toBe(c.channels);
        expect(convs.at(-1)!.outC).toBe(c.channels);
        for (let i = 1; i < convs.length; i++) expect(convs[i]!.inC).toBe(convs[i - 1]!.outC);
      }
      for (const cv of convs) {
        expect(cv.inC % cv.groups).toBe(0);
        expect(cv.outC % cv.groups).toBe(0);
      }
    }
  });

  it('G4 variants differ only in ReLU and shortcut, not in weights', () => {
    const g4 = labCases().filter((c) => c.guideline === 'G4');
    expect(new Set(g4.map((c) => blockParams(c.block))).size).toBe(1);
    const kinds = g4.map((c) =>
      c.block.kind === 'series' ? [c.block.shortcut, c.block.reluAfter] : null,
    );
    expect(kinds).toEqual([
      [true, true],
      [false, true],
      [true, false],
      [false, false],
    ]);
  });

  it('solves the series width so that k fragments match one c -> c convolution', () => {
    expect(seriesWidth(64, 2)).toBe(32);
    const m = seriesWidth(128, 4);
    expect(Math.abs((2 * 128 * m + 2 * m * m) / (128 * 128) - 1)).toBeLessThan(0.01);
  });

  it('has a paper speed for every case', () => {
    for (const c of labCases()) expect(PAPER_SPEEDS[c.id], c.id).toBeDefined();
  });

  it('rejects a bad configuration with the expected range', () => {
    expect(() => labConfig({ size: 0 })).toThrow(/size 0; expected an integer from 1 to 512/);
    expect(() => labConfig({ widths: 'tpu' as 'arm' })).toThrow(/expected 'arm' or 'gpu'/);
  });
});

describe('lab on tfjs', () => {
  beforeAll(() => useBackend('cpu'));

  const check = (c: LabCase) => {
    const before = tf.memory().numTensors;
    const built = buildCase(c, SMALL);
    expect(built.input.shape).toEqual([1, 6, 6, c.channels]);
    const y = built.forward(built.input);
    expect(y.shape).toEqual([1, 6, 6, c.channels]);
    const values = y.dataSync();
    expect(values.every(Number.isFinite)).toBe(true);
    y.dispose();
    built.dispose();
    expect(tf.memory().numTensors).toBe(before);
  };
  for (const c of labCases()) it(`${c.id} keeps its shape and leaks no tensor`, () => check(c));

  it('a shortcut or ReLU changes the output (the variants really differ)', () => {
    const [a, b] = labCases().filter((c) => c.guideline === 'G4');
    const ba = buildCase(a!, SMALL);
    const bb = buildCase(b!, SMALL);
    const diff = tf.tidy(
      () => tf.max(tf.abs(tf.sub(ba.forward(ba.input), bb.forward(bb.input)))).dataSync()[0]!,
    );
    ba.dispose();
    bb.dispose();
    expect(diff).toBeGreaterThan(1e-3);
  });

  it('runLab times every case, reports progress, leaks nothing, and stops on abort', async () => {
    const cases = labCases().filter((c) => c.guideline === 'G2');
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const results = await runLab(cases, {
      ...SMALL,
      iterations: 2,
      warmup: 1,
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(results.map((r) => r.id)).toEqual(cases.map((c) => c.id));
    expect(progress.at(-1)).toBe(1);
    expect(progress).toHaveLength(cases.length * 3);
    for (const r of results) {
      expect(r.medianMs).toBeGreaterThan(0);
      expect(r.imagesPerS).toBeCloseTo(1000 / r.medianMs);
      expect(r.macs).toBe(
        caseMacs(
          cases.find((c) => c.id === r.id)!,
          SMALL,
        ),
      );
    }
    expect(tf.memory().numTensors).toBe(before);

    const controller = new AbortController();
    const run = runLab(cases, {
      ...SMALL,
      iterations: 2,
      signal: controller.signal,
      onProgress: (done) => done === 2 && controller.abort(),
    });
    await expect(run).rejects.toThrow(/cancelled/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects zero iterations', async () => {
    await expect(runLab(labCases().slice(0, 1), { iterations: 0 })).rejects.toThrow(
      /iterations 0; expected an integer from 1/,
    );
  });
});

describe('lab table and arguments', () => {
  it('relates each speed to its guideline baseline, measured and in the paper', () => {
    const mk = (id: string, guideline: 'G1' | 'G2', ms: number) => ({
      id,
      guideline,
      label: id,
      macs: 1,
      medianMs: ms,
      imagesPerS: 1000 / ms,
    });
    const rows = labRows([mk('G1-1:1', 'G1', 2), mk('G1-1:12', 'G1', 4), mk('G2-g1', 'G2', 1)]);
    expect(rows.map((r) => r.relative)).toEqual([1, 0.5, 1]);
    expect(rows[1]!.paperGpuRelative).toBeCloseTo(748 / 1480);
    expect(rows[1]!.paperArmRelative).toBeCloseTo(57.6 / 76.2);
    expect(formatLabTable(rows).split('\n')).toHaveLength(4);
  });

  it('parses the command line and names what a bad argument should be', () => {
    expect(
      parseLabArgs(['--iterations', '3', '--backend', 'cpu', '--only', 'G1,G4']),
    ).toMatchObject({ iterations: 3, backend: 'cpu', only: ['G1', 'G4'] });
    expect(() => parseLabArgs(['--backend', 'webgl'])).toThrow(/expected cpu or wasm/);
    expect(parseLabArgs(['--models', '--iterations', '2'])).toMatchObject({
      models: true,
      iterations: 2,
    });
    expect(() => parseLabArgs(['--only', 'G5'])).toThrow(/G1, G2, G3, G4/);
    expect(() => parseLabArgs(['--iterations', 'x'])).toThrow(/non-negative integer/);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});
