import { describe, expect, it } from 'vitest';
import { TRAIN_STEPS_HEAD, parseHeadSteps } from './transfer.ts';

describe('parseHeadSteps', () => {
  it('accepts whole numbers in range and rejects the rest', () => {
    expect(parseHeadSteps(' 5 ')).toBe(5);
    expect(parseHeadSteps(String(TRAIN_STEPS_HEAD.max))).toBe(TRAIN_STEPS_HEAD.max);
    expect(parseHeadSteps(String(TRAIN_STEPS_HEAD.max + 1))).toBeNull();
    expect(parseHeadSteps('0')).toBeNull();
    expect(parseHeadSteps('2.5')).toBeNull();
    expect(parseHeadSteps('')).toBeNull();
  });
});
