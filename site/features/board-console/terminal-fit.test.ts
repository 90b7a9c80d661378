import { describe, expect, it } from 'vitest';
import { MAX_COLUMNS, MIN_COLUMNS, fitColumns } from './terminal-fit.ts';

describe('fitColumns', () => {
  it('fits whole cells into the box', () => {
    expect(fitColumns(300, 7.8)).toBe(38);
  });
  it('keeps a serial console’s 80 columns on wide screens', () => {
    expect(fitColumns(2000, 7.8)).toBe(MAX_COLUMNS);
  });
  it('keeps a minimum on tiny boxes', () => {
    expect(fitColumns(50, 7.8)).toBe(MIN_COLUMNS);
  });
  it('keeps 80 while the box is not laid out (hidden: zero width)', () => {
    expect(fitColumns(0, 7.8)).toBe(MAX_COLUMNS);
    expect(fitColumns(300, 0)).toBe(MAX_COLUMNS);
  });
});
