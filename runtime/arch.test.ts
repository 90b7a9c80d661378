import { describe, expect, it } from 'vitest';
import { buildArch } from './arch.ts';
import type { Arch, ArchOptions, ConvOp, Layout, Op, UnitOp, Version } from './arch.ts';

function units(arch: Arch): UnitOp[] {
  return arch.ops.filter((op): op is UnitOp => op.op === 'unit');
}

function convs(ops: readonly Op[]): ConvOp[] {
  return ops.flatMap((op): ConvOp[] => {
    if (op.op === 'conv') return [op];
    if (op.op === 'unit') return convs([...op.branches.flat(), ...op.after]);
    return [];
  });
}

function conv(arch: Arch, name: string): ConvOp {
  const found = convs(arch.ops).find((op) => op.name === name);
  if (!found) throw new Error(`no conv named ${name}`);
  return found;
}

describe('buildArch rejects bad options with the expected values in the message', () => {
  it.each<[string, ArchOptions, RegExp]>([
    ['V1 width', { version: 'v1', width: 0.75 }, /V1 width 0\.75 .*one of 0\.25, 0\.5, 1, 1\.5, 2/],
    ['V2 width', { version: 'v2', width: 0.25 }, /V2 width 0\.25 .*one of 0\.5, 1, 1\.5, 2/],
    ['V1 groups', { version: 'v1', groups: 5 }, /V1 groups 5 .*one of 1, 2, 3, 4, 8/],
    ['megvii groups', { version: 'v1', groups: 2, layout: 'megvii' }, /megvii groups 2 .*3 or 8/],
    [
      'megvii width',
      { version: 'v1', groups: 3, width: 0.25, layout: 'megvii' },
      /megvii width 0\.25 .*one of 0\.5, 1, 1\.5, 2/,
    ],
    [
      'V2 layout',
      { version: 'v2', layout: 'megvii' },
      /V2 layout "megvii" .*'torchvision' or 'paper'/,
    ],
    [
      'V1 layout',
      { version: 'v1', layout: 'torchvision' },
      /V1 layout "torchvision" .*'paper' or 'megvii'/,
    ],
    ['version', { version: 'v3' as Version }, /version "v3" .*'v1' or 'v2'/],
    ['layout typo', { version: 'v2', layout: 'tv' as Layout }, /V2 layout "tv" .*'torchvision'/],
  ])('%s', (_label, options, message) => {
    expect(() => buildArch(options)).toThrow(message);
  });

  it.each<[string, [number, number, number]]>([
    ['input height', [0, 224, 3]],
    ['input width', [224, -1, 3]],
    ['input channels', [224, 224, 0]],
    ['input height', [22.5, 224, 3]],
  ])('non-positive or fractional %s', (label, inputShape) => {
    expect(() => buildArch({ version: 'v2', inputShape })).toThrow(
      new RegExp(`${label} .* expected a positive integer`),
    );
  });

  it.each([0, -3, 2.5])('numClasses %s', (numClasses) => {
    expect(() => buildArch({ version: 'v1', numClasses })).toThrow(
      /numClasses .* expected a positive integer/,
    );
  });
});

describe('V1 megvii channel table', () => {
  it('g=3 1x has stage outputs 240 / 480 / 960 ([MG] network.py)', () => {
    const arch = buildArch({ version: 'v1', groups: 3, width: 1, layout: 'megvii' });
    const all = units(arch);
    expect(all).toHaveLength(16);
    // Units 0, 4 and 12 open stages 2, 3 and 4 (repeats 4, 8, 4).
    expect([all[0]!.outC, all[4]!.outC, all[12]!.outC]).toEqual([240, 480, 960]);
    expect(all[15]!.outC).toBe(960);
  });

  it('g=8 0.5x has a 16-channel conv1, not 24 scaled by the width', () => {
    const arch = buildArch({ version: 'v1', groups: 8, width: 0.5, layout: 'megvii' });
    expect(conv(arch, 'first_conv.0').outC).toBe(16);
    expect(units(arch)[0]!.outC).toBe(192);
  });
});

describe('V1 grouping rule', () => {
  it.each<[Layout, number]>([
    ['paper', 3],
    ['paper', 8],
    ['megvii', 3],
    ['megvii', 8],
  ])(
    '%s g=%i: only stage 2 first pointwise conv is dense ([V1] Table 1 note)',
    (layout, groups) => {
      const arch = buildArch({ version: 'v1', groups, layout });
      expect(conv(arch, 'features.0.branch_main_1.0').groups).toBe(1);
      expect(conv(arch, 'features.0.branch_main_2.0').groups).toBe(groups);
      expect(conv(arch, 'features.1.branch_main_1.0').groups).toBe(groups);
      // Stage 3 opens with a grouped conv: the exception is for stage 2's 24 input channels only.
      expect(conv(arch, 'features.4.branch_main_1.0').groups).toBe(groups);
    },
  );
});
