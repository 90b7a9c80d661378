import { describe, expect, it } from 'vitest';
import { showsTail } from './follow-tail.ts';

describe('showsTail', () => {
  it('is true for a log that does not scroll, or scrolled to its end', () => {
    expect(showsTail({ scrollTop: 0, clientHeight: 100, scrollHeight: 100 })).toBe(true);
    expect(showsTail({ scrollTop: 400, clientHeight: 100, scrollHeight: 500 })).toBe(true);
    expect(showsTail({ scrollTop: 397.5, clientHeight: 100, scrollHeight: 500 })).toBe(true);
  });

  it('is false for a log scrolled up from its end', () => {
    expect(showsTail({ scrollTop: 0, clientHeight: 100, scrollHeight: 500 })).toBe(false);
    expect(showsTail({ scrollTop: 380, clientHeight: 100, scrollHeight: 500 })).toBe(false);
  });
});
