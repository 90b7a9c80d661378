import { describe, expect, it } from 'vitest';
import { buildArch } from './arch.ts';
import type { ArchOptions } from './arch.ts';
import { costOf, formatCostTable, millions } from './cost.ts';
import type { CostReport, CostRow } from './cost.ts';

function report(options: ArchOptions): CostReport {
  return costOf(buildArch(options));
}

function row(rows: CostRow[], name: string, kind: CostRow['kind'] = 'conv'): CostRow {
  const found = rows.find((r) => r.name === name && r.kind === kind);
  if (!found) throw new Error(`no ${kind} row named ${name}`);
  return found;
}

describe('costOf totals at 224x224x3, 1000 classes', () => {
  // [TV] num_params from torchvision's weight metadata; MMACs from the reference's analytic count.
  it.each([
    [0.5, 1366792, '40.5'],
    [1, 2278604, '144.9'],
    [1.5, 3503624, '295.8'],
    [2, 7393996, '583.3'],
  ])('V2 torchvision %sx: %i params, %s MMACs', (width, params, mmacs) => {
    const { totals } = report({ version: 'v2', width });
    expect(totals.params).toBe(params);
    expect(millions(totals.macs)).toBe(mmacs);
  });

  // [MG] layout reproduces [V2] Table 5's 41 / 146 / 299 / 591 MFLOPs.
  it.each([
    [0.5, 1365792, '40.5'],
    [1, 2278760, '145.8'],
    [1.5, 3506720, '299.0'],
    [2, 7402600, '590.8'],
  ])('V2 paper layout %sx: %i params, %s MMACs', (width, params, mmacs) => {
    const { totals } = report({ version: 'v2', width, layout: 'paper' });
    expect(totals.params).toBe(params);
    expect(millions(totals.macs)).toBe(mmacs);
  });

  // [V1] Table 1 gives 143M / 140M / 137M / 133M / 137M; the exact count differs by rounding.
  it.each([
    [1, 1530936, '143.1'],
    [2, 1732848, '140.8'],
    [3, 1864728, '137.5'],
    [4, 1967344, '134.3'],
    [8, 2433768, '138.4'],
  ])('V1 1x g=%i: %i params, %s MMACs', (groups, params, mmacs) => {
    const { totals } = report({ version: 'v1', groups });
    expect(totals.params).toBe(params);
    expect(millions(totals.macs)).toBe(mmacs);
  });

  it('totals are the sums of the rows', () => {
    const { rows, totals } = report({ version: 'v1', groups: 8 });
    const sum = (key: 'params' | 'macs' | 'memoryAccess'): number =>
      rows.reduce((total, r) => total + r[key], 0);
    expect(totals).toEqual({
      params: sum('params'),
      macs: sum('macs'),
      memoryAccess: sum('memoryAccess'),
    });
  });
});

describe('costOf rows for V2 1x', () => {
  const { rows } = report({ version: 'v2', width: 1 });

  it('starts with the 3x3 stride-2 stem conv: 24 * 3 * 3 * 3 weights', () => {
    expect(rows[0]).toMatchObject({ name: 'conv1.0', kind: 'conv', outputShape: [112, 112, 24] });
    expect(rows[0]!.params).toBe(648);
    expect(rows[0]!.macs).toBe(648 * 112 * 112);
  });

  it('follows Table 5 output sizes through maxpool, the stages, conv5 and the classifier', () => {
    expect(row(rows, 'maxpool', 'maxpool').outputShape).toEqual([56, 56, 24]);
    expect(row(rows, 'stage2.0', 'shuffle').outputShape).toEqual([28, 28, 116]);
    expect(row(rows, 'stage3.7', 'shuffle').outputShape).toEqual([14, 14, 232]);
    expect(row(rows, 'stage4.3', 'shuffle').outputShape).toEqual([7, 7, 464]);
    expect(row(rows, 'conv5.0').outputShape).toEqual([7, 7, 1024]);
    expect(row(rows, 'globalpool', 'globalAvgPool').outputShape).toEqual([1, 1, 1024]);
    expect(row(rows, 'fc', 'linear')).toMatchObject({
      outputShape: [1, 1, 1000],
      params: 1024 * 1000 + 1000,
      macs: 1024 * 1000,
    });
  });

  it("counts a 1x1 conv's memory access as [V2]'s hw(c1 + c2) + c1c2", () => {
    // Stride-2 unit of stage 2: 1x1 conv 24 -> 58 on the 56x56 max-pool output.
    const first = row(rows, 'stage2.0.branch2.0');
    expect(first.outputShape).toEqual([56, 56, 58]);
    expect(first.memoryAccess).toBe(56 * 56 * (24 + 58) + 24 * 58);
    // A stride-1 unit's last 1x1 conv is balanced (c1 = c2 = 58), the case of [V2] G1.
    const balanced = row(rows, 'stage2.1.branch2.5');
    expect(balanced.memoryAccess).toBe(28 * 28 * (58 + 58) + 58 * 58);
    expect(balanced.macs).toBe(28 * 28 * 58 * 58);
  });

  it('counts a depthwise conv as k*k weights per channel', () => {
    const dw = row(rows, 'stage2.1.branch2.3');
    expect(dw).toMatchObject({ outputShape: [28, 28, 58], params: 58 * 9, macs: 58 * 9 * 28 * 28 });
  });

  it('gives data movement no params or multiply-adds, only inputs + outputs of memory access', () => {
    const hwc = 28 * 28 * 116;
    expect(row(rows, 'stage2.1', 'split')).toMatchObject({
      outputShape: [28, 28, 58],
      params: 0,
      macs: 0,
      memoryAccess: 2 * hwc,
    });
    expect(row(rows, 'stage2.1', 'concat')).toMatchObject({ macs: 0, memoryAccess: 2 * hwc });
    expect(row(rows, 'stage2.1', 'shuffle')).toMatchObject({ macs: 0, memoryAccess: 2 * hwc });
    expect(row(rows, 'stage2.1.branch2.2', 'relu')).toMatchObject({
      macs: 0,
      memoryAccess: 2 * 28 * 28 * 58,
    });
  });

  it('counts BN as 2 params per channel and no multiply-adds', () => {
    expect(row(rows, 'conv1.1', 'bn')).toMatchObject({ params: 48, macs: 0 });
  });
});

describe('costOf rows for V1', () => {
  it('adds the shortcut in stride-1 units and concatenates the avg-pooled input in stride-2 ones', () => {
    const { rows } = report({ version: 'v1', groups: 3 });
    expect(row(rows, 'features.0', 'avgpool').outputShape).toEqual([28, 28, 24]);
    expect(row(rows, 'features.0.branch_main_2.0').outputShape).toEqual([28, 28, 240 - 24]);
    expect(row(rows, 'features.0', 'concat').outputShape).toEqual([28, 28, 240]);
    const add = row(rows, 'features.1', 'add');
    expect(add.outputShape).toEqual([28, 28, 240]);
    expect(add.memoryAccess).toBe(3 * 28 * 28 * 240);
  });

  it('divides a group conv by g: params = outC * (inC / g)', () => {
    const { rows } = report({ version: 'v1', groups: 3 });
    // Stage 2's first pointwise conv is dense ([V1] Table 1 note); the next unit's is grouped.
    expect(row(rows, 'features.0.branch_main_1.0').params).toBe(60 * 24);
    expect(row(rows, 'features.1.branch_main_1.0').params).toBe(60 * (240 / 3));
  });
});

describe('costOf for a 28x28x1 input with 10 classes', () => {
  const { rows } = report({
    version: 'v2',
    width: 0.5,
    inputShape: [28, 28, 1],
    numClasses: 10,
    stem: { convStride: 1, maxPool: false },
  });

  it('keeps 28x28 through the stem, halves at each stage and ends in 10 logits', () => {
    expect(rows.some((r) => r.kind === 'maxpool')).toBe(false);
    const chain = rows
      .filter((r) => ['conv1.0', 'stage2.0', 'stage3.0', 'stage4.0', 'conv5.0'].includes(r.name))
      .filter((r) => r.kind === 'conv' || r.kind === 'concat')
      .map((r) => r.outputShape);
    expect(chain).toEqual([
      [28, 28, 24],
      [14, 14, 48],
      [7, 7, 96],
      [4, 4, 192],
      [4, 4, 1024],
    ]);
    expect(rows.at(-2)).toMatchObject({ kind: 'globalAvgPool', outputShape: [1, 1, 1024] });
    expect(rows.at(-1)).toMatchObject({ kind: 'linear', outputShape: [1, 1, 10] });
  });
});

describe('costOf rejects inconsistent descriptions', () => {
  it('names the layer whose input channels do not match', () => {
    const arch = buildArch({ version: 'v2' });
    const stem = arch.ops[0];
    if (stem?.op !== 'conv') throw new Error('V2 starts with a conv');
    stem.inC = 4;
    expect(() => costOf(arch)).toThrow(/conv1\.0 expects 4 input channels but gets 224x224x3/);
  });
});

describe('formatCostTable', () => {
  const text = formatCostTable(report({ version: 'v2', width: 1 }));
  const lines = text.split('\n');

  it('ends with a totals line holding the exact params and MMACs to one decimal', () => {
    expect(lines.at(-1)).toMatch(/^total\s+params=2278604\s+MMACs=144\.9\s+memoryAccess=\d+/);
  });

  it('prints one aligned line per row between a header and the totals', () => {
    const { rows } = report({ version: 'v2', width: 1 });
    expect(lines).toHaveLength(rows.length + 4);
    expect(lines[0]).toMatch(/^layer\s+op\s+output\s+params\s+mult-adds\s+mem access$/);
    expect(lines[2]).toMatch(/^conv1\.0\s+conv\s+112x112x24\s+648\s+8128512\s+\d+$/);
    // Right-aligned numbers: every row ends at the same column as the header.
    const bodyWidths = new Set(lines.slice(2, -2).map((line) => line.length));
    expect([...bodyWidths]).toEqual([lines[0]!.length]);
  });
});

describe('V1 narrow widths (paper layout)', () => {
  it('narrows the stem so 0.5x g=3 lands near the paper’s 38 MFLOPs', () => {
    const report = costOf(buildArch({ version: 'v1', groups: 3, width: 0.5 }));
    expect(report.rows[0]!.outputShape).toEqual([112, 112, 12]);
    expect(millions(report.totals.macs)).toBe('37.6');
  });
});
