import { describe, expect, it } from 'vitest';
import { TerminalFeed, echoText, keyBytes } from './terminal-bytes.ts';

const bytes = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe('terminal bytes', () => {
  it('sends Enter as the chosen line ending and other keys as UTF-8', () => {
    expect(keyBytes('ab\r', 'cr')).toEqual([97, 98, 13]);
    expect(keyBytes('ab\r', 'lf')).toEqual([97, 98, 10]);
    expect(keyBytes('\r', 'crlf')).toEqual([13, 10]);
    expect(keyBytes('é', 'cr')).toEqual([0xc3, 0xa9]);
    expect(keyBytes('\x7f', 'cr')).toEqual([0x7f]);
  });

  it('echoes typed text locally as a terminal would show it', () => {
    expect(echoText('hi\r')).toBe('hi\r\n');
    expect(echoText('a\x7f')).toBe('a\b \b');
    expect(echoText('\x1b[A')).toBe('[A');
  });

  it('passes received bytes unchanged, or with a CR before each lone LF when asked', () => {
    const faithful = new TerminalFeed();
    expect([...faithful.feed(bytes('a\nb\r\n'))]).toEqual(bytes('a\nb\r\n'));
    const friendly = new TerminalFeed(true);
    expect([...friendly.feed(bytes('a\nb\r\n'))]).toEqual(bytes('a\r\nb\r\n'));
    // A CR at the end of one chunk still pairs with the LF starting the next.
    expect([...friendly.feed(bytes('c\r'))]).toEqual(bytes('c\r'));
    expect([...friendly.feed(bytes('\nd'))]).toEqual(bytes('\nd'));
  });
});
