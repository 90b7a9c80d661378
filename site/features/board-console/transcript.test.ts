import { describe, expect, it } from 'vitest';
import { TRANSCRIPT_LIMIT, Transcript } from './transcript.ts';

const bytes = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe('transcript', () => {
  it('keeps a readable transcript: line ends, backspace, UTF-8 split across chunks', () => {
    const t = new Transcript();
    t.bytes(bytes('ready\r'));
    t.bytes(bytes('\nab'));
    t.add('c\b');
    t.bytes([0xc3]);
    expect(t.bytes([0xa9, 13, 10])).toBe('ready\nabé\n');
    t.bytes(bytes('one\rtwo\n\x07'));
    expect(t.value).toBe('ready\nabé\none\ntwo\n');
    t.clear();
    expect(t.value).toBe('');
  });

  it('keeps only the end of a long transcript, from a line start', () => {
    const t = new Transcript();
    const line = 'x'.repeat(99) + '\n';
    for (let i = 0; i < 300; i++) t.add(line);
    expect(t.value.length).toBeLessThanOrEqual(TRANSCRIPT_LIMIT);
    expect(t.value.length).toBeGreaterThan(TRANSCRIPT_LIMIT - line.length);
    expect(t.value.startsWith('x')).toBe(true);
  });
});
