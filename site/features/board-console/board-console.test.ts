import { describe, expect, it } from 'vitest';
import {
  CommandHistory,
  TerminalFeed,
  TRANSCRIPT_LIMIT,
  Transcript,
  echoText,
  fileRole,
  keyBytes,
  loadFiles,
  sameFiles,
  saveFiles,
  sourcesOf,
  withSwitch,
  type FileStore,
} from './board-console.ts';

const bytes = (s: string) => [...s].map((c) => c.charCodeAt(0));

function memoryStore(): FileStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('board console', () => {
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

  it('recalls commands with Up and Down and comes back to the draft', () => {
    const h = new CommandHistory();
    h.push('mrd 0x41200000');
    h.push('state');
    h.push('state');
    h.push('  ');
    expect(h.up('mr')).toBe('state');
    expect(h.up('ignored')).toBe('mrd 0x41200000');
    expect(h.up('ignored')).toBeNull();
    expect(h.down()).toBe('state');
    expect(h.down()).toBe('mr');
    expect(h.down()).toBeNull();
  });

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

  it("keeps the learner's files in storage and goes back to the example", () => {
    const store = memoryStore();
    const example = { 'main.c': 'int main(void) { return 0; }' };
    expect(loadFiles(store, 'k', example)).toEqual({ files: example, saved: false });
    const mine = { 'main.c': 'int main(void) { return 1; }' };
    expect(saveFiles(store, 'k', mine, example)).toBe(true);
    expect(loadFiles(store, 'k', example)).toEqual({ files: mine, saved: true });
    // Saving the example itself forgets the learner's copy.
    saveFiles(store, 'k', example, example);
    expect(store.data.size).toBe(0);
    // Saved files for another set of names, or garbage, give the example.
    store.setItem('shufflenet-lab:board:k', JSON.stringify({ 'other.c': '' }));
    expect(loadFiles(store, 'k', example).saved).toBe(false);
    store.setItem('shufflenet-lab:board:k', '{not json');
    expect(loadFiles(store, 'k', example)).toEqual({ files: example, saved: false });
    expect(loadFiles(null, 'k', example).files).toEqual(example);
    const full: FileStore = {
      ...store,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveFiles(full, 'k', mine, example)).toBe(false);
    expect(sameFiles(mine, { ...mine })).toBe(true);
    expect(sameFiles(mine, example)).toBe(false);
  });

  it('flips one switch bit', () => {
    expect(withSwitch(0, 7, true)).toBe(0x80);
    expect(withSwitch(0xff, 0, false)).toBe(0xfe);
  });
});
