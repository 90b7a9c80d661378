import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SPLIT,
  MAX_SPLIT,
  MIN_SPLIT,
  clampSplit,
  splitAfterKey,
  splitAtPointer,
} from './split.ts';

describe('the exercise splitter', () => {
  it('steps with the arrows and stops at the limits', () => {
    expect(splitAfterKey(50, 'ArrowRight')).toBe(55);
    expect(splitAfterKey(50, 'ArrowLeft')).toBe(45);
    expect(splitAfterKey(MAX_SPLIT, 'ArrowRight')).toBe(MAX_SPLIT);
    expect(splitAfterKey(MIN_SPLIT + 2, 'ArrowLeft')).toBe(MIN_SPLIT);
  });
  it('jumps with Home and End and ignores other keys', () => {
    expect(splitAfterKey(50, 'Home')).toBe(MIN_SPLIT);
    expect(splitAfterKey(50, 'End')).toBe(MAX_SPLIT);
    expect(splitAfterKey(50, 'a')).toBeNull();
  });
  it('follows the pointer within the box, clamped', () => {
    expect(splitAtPointer(600, 100, 1000)).toBe(50);
    expect(splitAtPointer(0, 100, 1000)).toBe(MIN_SPLIT);
    expect(splitAtPointer(5000, 100, 1000)).toBe(MAX_SPLIT);
    expect(splitAtPointer(10, 0, 0)).toBe(DEFAULT_SPLIT);
  });
  it('falls back to the default for a stored value that is not a number', () => {
    expect(clampSplit(Number('x'))).toBe(DEFAULT_SPLIT);
  });
});
