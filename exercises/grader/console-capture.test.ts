import { describe, expect, it } from 'vitest';
import { createConsoleCapture, formatArg } from './console-capture.ts';

function fakeConsole() {
  const noop = (..._args: unknown[]) => {};
  return { log: noop, info: noop, warn: noop, error: noop, debug: noop };
}

describe('formatArg', () => {
  it('prints strings raw, objects as JSON, and uses a custom toString', () => {
    expect(formatArg('a b')).toBe('a b');
    expect(formatArg(3)).toBe('3');
    expect(formatArg(undefined)).toBe('undefined');
    expect(formatArg({ shape: [1, 2] })).toBe('{"shape":[1,2]}');
    expect(formatArg({ toString: () => 'Tensor [1, 2]' })).toBe('Tensor [1, 2]');
    expect(formatArg(new RangeError('too big'))).toBe('RangeError: too big');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatArg(cyclic)).toBe('[object Object]');
  });
});

describe('createConsoleCapture', () => {
  it('records every method, marking warnings and errors', () => {
    const target = fakeConsole();
    const capture = createConsoleCapture();
    capture.install(target);
    target.log('x =', 4);
    target.warn('careful');
    target.error(new Error('boom'));
    expect(capture.lines()).toEqual(['x = 4', 'warn: careful', 'error: Error: boom']);
  });

  it('stops at the line and character limits and says how much it dropped', () => {
    const target = fakeConsole();
    const capture = createConsoleCapture({ maxLines: 2, maxChars: 1000 });
    capture.install(target);
    for (let i = 0; i < 5; i++) target.log(i);
    expect(capture.lines()).toEqual([
      '0',
      '1',
      '… output truncated: 3 more lines not shown (the limit is 2 lines or 1 kB)',
    ]);

    const short = createConsoleCapture({ maxLines: 10, maxChars: 5 });
    const other = fakeConsole();
    short.install(other);
    other.log('abcdefgh');
    other.log('more');
    expect(short.lines()).toEqual([
      'abcde',
      '… output truncated: 1 more line not shown (the limit is 10 lines or 0 kB)',
    ]);
  });

  it('keeps 200 lines by default and survives a toString that throws', () => {
    const target = fakeConsole();
    const capture = createConsoleCapture();
    capture.install(target);
    for (let i = 0; i < 250; i++) target.log(i);
    target.log({
      toString() {
        throw new Error('no');
      },
    });
    const lines = capture.lines();
    expect(lines).toHaveLength(201);
    expect(lines[200]).toBe(
      '… output truncated: 51 more lines not shown (the limit is 200 lines or 20 kB)',
    );
    expect(
      formatArg({
        toString: () => {
          throw new Error('no');
        },
      }),
    ).toBe('[object (its toString() threw)]');
  });
});
