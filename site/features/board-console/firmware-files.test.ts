import { describe, expect, it } from 'vitest';
import { fileRole, sameFiles, sourcesOf } from './firmware-files.ts';

describe('firmware files', () => {
  it('builds every .c file, in name order', () => {
    expect(sourcesOf({ 'util.c': '', 'main.c': '', 'util.h': '' })).toEqual({
      files: { 'util.c': '', 'main.c': '', 'util.h': '' },
      sources: ['main.c', 'util.c'],
    });
  });

  it("builds CPU1's .c files as a second program, and tells whose each file is", () => {
    const files = { 'cpu0.c': '', 'shared.h': '', 'cpu1.c': '', 'util.c': '' };
    expect(sourcesOf(files, ['cpu1.c'])).toEqual({
      files,
      sources: ['cpu0.c', 'util.c'],
      cpu1Sources: ['cpu1.c'],
    });
    // A CPU1 name without a file builds nothing for CPU1.
    expect(sourcesOf({ 'main.c': '' }, ['cpu1.c'])).toEqual({
      files: { 'main.c': '' },
      sources: ['main.c'],
    });
    expect(fileRole('cpu0.c', ['cpu1.c'])).toBe('cpu0');
    expect(fileRole('cpu1.c', ['cpu1.c'])).toBe('cpu1');
    expect(fileRole('shared.h', ['cpu1.c'])).toBe('header');
    expect(fileRole('cpu1.h', ['cpu1.h'])).toBe('header');
  });

  it('compares names and contents', () => {
    const mine = { 'main.c': 'int main(void) { return 1; }' };
    expect(sameFiles(mine, { ...mine })).toBe(true);
    expect(sameFiles(mine, { 'main.c': '' })).toBe(false);
    expect(sameFiles(mine, { ...mine, 'x.h': '' })).toBe(false);
  });
});
