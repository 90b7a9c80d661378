import { describe, expect, it } from 'vitest';
import { fewestGroupsReached, flowSteps } from './shuffle-flow.ts';

describe('flowSteps', () => {
  it('without a shuffle every output depends on its own input group only', () => {
    const steps = flowSteps(6, 3, false);
    expect(steps.map((s) => s.kind)).toEqual(['input', 'gconv1', 'noShuffle', 'gconv2']);
    expect(steps[3]!.reached).toEqual([[0], [0], [1], [1], [2], [2]]);
    expect(fewestGroupsReached(steps[3]!)).toBe(1);
  });
  it('with a shuffle every output depends on every input group when n >= g', () => {
    const steps = flowSteps(9, 3, true);
    expect(steps[2]!.kind).toBe('shuffle');
    for (const reached of steps[3]!.reached) expect(reached).toEqual([0, 1, 2]);
    // Fewer channels per group than groups: each next group can see only n of the g groups.
    expect(fewestGroupsReached(flowSteps(6, 3, true)[3]!)).toBe(2);
  });
  it('records which positions each step reads', () => {
    const [input, conv, shuffle] = flowSteps(4, 2, true);
    expect(input!.reads.every((r) => r.length === 0)).toBe(true);
    expect(conv!.reads[3]).toEqual([2, 3]);
    // torchvision's shuffle: output j*g + i holds input i*n + j, so position 1 holds channel 2.
    expect(shuffle!.reads.map((r) => r[0])).toEqual([0, 2, 1, 3]);
  });
  it('rejects groups that do not divide the channels', () => {
    expect(() => flowSteps(6, 4, true)).toThrow(/divisor of 6/);
  });
});
