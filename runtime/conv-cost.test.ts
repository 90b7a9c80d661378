import { describe, expect, it } from 'vitest';
import { convCost, convShapeError, validGroups } from './conv-cost.ts';

describe('convCost', () => {
  it('counts a dense 3x3 conv', () => {
    // ShuffleNet V2 conv1: 3 -> 24, 3x3, stride 2 on 224x224 gives 112x112.
    const c = convCost({
      inChannels: 3,
      outChannels: 24,
      kernel: 3,
      groups: 1,
      size: 224,
      stride: 2,
    });
    expect(c.outSize).toBe(112);
    expect(c.params).toBe(24 * 3 * 9);
    expect(c.macs).toBe(648 * 112 * 112);
  });

  it("matches the V2 paper's 1x1 group-conv formula hw(c1 + c2) + c1*c2/g", () => {
    const [h, c1, c2, g] = [56, 128, 128, 4];
    const c = convCost({ inChannels: c1, outChannels: c2, kernel: 1, groups: g, size: h });
    expect(c.memoryAccess).toBe(h * h * (c1 + c2) + (c1 * c2) / g);
    expect(c.macs).toBe((h * h * c1 * c2) / g);
  });

  it('makes a depthwise conv cost 1/c of a dense one', () => {
    const dense = convCost({ inChannels: 64, outChannels: 64, kernel: 3, groups: 1, size: 28 });
    const dw = convCost({ inChannels: 64, outChannels: 64, kernel: 3, groups: 64, size: 28 });
    expect(dense.params / dw.params).toBe(64);
    expect(dw.params).toBe(64 * 9);
  });

  it('reaches equality in Eq. 1 when c1 = c2 (guideline G1)', () => {
    // For fixed FLOPs B = hw*c1*c2, MAC >= 2*sqrt(hw*B) + B/(hw), with equality at c1 = c2.
    const hw = 56 * 56;
    const balanced = convCost({
      inChannels: 128,
      outChannels: 128,
      kernel: 1,
      groups: 1,
      size: 56,
    });
    const skewed = convCost({ inChannels: 64, outChannels: 256, kernel: 1, groups: 1, size: 56 });
    expect(balanced.macs).toBe(skewed.macs);
    const bound = 2 * Math.sqrt(hw * balanced.macs) + balanced.macs / hw;
    expect(balanced.memoryAccess).toBeCloseTo(bound, 6);
    expect(skewed.memoryAccess).toBeGreaterThan(bound);
  });
});

describe('convShapeError', () => {
  it('names groups that do not divide the channels', () => {
    const shape = { inChannels: 24, outChannels: 30, kernel: 1, groups: 4, size: 8 };
    expect(convShapeError(shape)).toBe('groups (4) must divide the output channels (30)');
    expect(() => convCost(shape)).toThrow('groups (4) must divide the output channels (30)');
  });

  it('rejects non-integers and zero', () => {
    expect(convShapeError({ inChannels: 0, outChannels: 8, kernel: 1, groups: 1, size: 8 })).toBe(
      'input channels must be a positive integer, got 0',
    );
    expect(
      convShapeError({ inChannels: 8, outChannels: 8, kernel: 1.5, groups: 1, size: 8 }),
    ).toMatch(/kernel size/);
  });
});

describe('validGroups', () => {
  it('lists the common divisors', () => {
    expect(validGroups(24, 36)).toEqual([1, 2, 3, 4, 6, 12]);
    expect(validGroups(7, 5)).toEqual([1]);
  });
});
