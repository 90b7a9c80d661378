import { z } from 'astro/zod';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createStorageCore,
  MemoryStorage,
  openBrowserStorage,
  resetBrowserStorage,
  storageKey,
  type CorruptEntry,
} from './browser-storage.ts';

afterEach(resetBrowserStorage);

describe('storageKey', () => {
  it('namespaces and versions every key', () => {
    expect(storageKey('settings', 'board.localEcho')).toBe(
      'shufflenet-lab:v1:settings:board.localEcho',
    );
  });
});

describe('openBrowserStorage', () => {
  it('uses localStorage when a write succeeds, and opens it once', () => {
    const local = new MemoryStorage();
    const first = openBrowserStorage(() => local);
    expect(first).toEqual({ storage: local, persistent: true });
    expect(local.length).toBe(0); // the probe is removed
    expect(openBrowserStorage(() => new MemoryStorage())).toBe(first);
  });

  it('falls back to memory when storage throws or is missing', () => {
    const refusing = new MemoryStorage();
    refusing.setItem = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    expect(openBrowserStorage(() => refusing).persistent).toBe(false);
    resetBrowserStorage();
    const none = openBrowserStorage(() => undefined);
    expect(none.persistent).toBe(false);
    expect(none.storage).toBeInstanceOf(MemoryStorage);
  });
});

describe('createStorageCore', () => {
  const schema = z.object({ n: z.number() });

  it('reads valid JSON and sets a bad entry aside with a reason', () => {
    const storage = new MemoryStorage();
    const core = createStorageCore(storage, () => 42);
    const key = storageKey('settings', 'x');
    expect(core.write(key, { n: 1 })).toEqual({ ok: true });
    const corrupt: CorruptEntry[] = [];
    expect(core.read(key, schema, corrupt)).toEqual({ n: 1 });
    storage.setItem(key, '{"n": "one"}');
    expect(core.read(key, schema, corrupt)).toBeNull();
    expect(corrupt).toEqual([{ key, movedTo: `${key}:corrupt:42`, reason: expect.any(String) }]);
    expect(storage.getItem(`${key}:corrupt:42`)).toBe('{"n": "one"}');
    expect(core.keys()).toEqual([]); // set-asides are not ours to read
  });

  it('reports a refused write instead of throwing', () => {
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const result = createStorageCore(storage).write(storageKey('code', 'a:b'), { n: 1 });
    expect(result).toEqual({ ok: false, error: 'full' });
  });
});
