import { describe, expect, it } from 'vitest';
import {
  createProgressStore,
  KEY_PREFIX,
  MemoryStorage,
  starterHash,
  type StorageLike,
} from './progress-store.ts';

const ID = 'shufflenet/01-group-conv-params';
const STARTER = { 'index.ts': 'export function f() { /* TODO */ }' };
const HASH = starterHash(STARTER);

function setup(start = 1000) {
  const storage = new MemoryStorage();
  let clock = start;
  const store = createProgressStore(storage, () => clock);
  return { storage, store, tick: (ms = 1) => (clock += ms) };
}

function allKeys(storage: StorageLike): string[] {
  return Array.from({ length: storage.length }, (_, i) => storage.key(i)!);
}

describe('starterHash', () => {
  it('is stable, independent of key order, and sees any change', () => {
    expect(starterHash({ a: '1', b: '2' })).toBe(starterHash({ b: '2', a: '1' }));
    expect(starterHash({ a: '1' })).not.toBe(starterHash({ a: '2' }));
    // Names and contents are delimited: moving text across the boundary changes the hash.
    expect(starterHash({ ab: 'c' })).not.toBe(starterHash({ a: 'bc' }));
    expect(HASH).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('progress store', () => {
  it('starts empty and round-trips code through a "reload" (a new store on the same storage)', () => {
    const { storage, store } = setup();
    expect(store.loadExercise(ID, HASH)).toEqual({
      code: null,
      progress: { hintsShown: 0, attempts: 0, failedAttempts: 0, solved: false },
      corrupt: [],
    });
    expect(store.saveCode(ID, HASH, { 'index.ts': 'edited' })).toEqual({ ok: true });
    const reloaded = createProgressStore(storage).loadExercise(ID, HASH);
    expect(reloaded.code).toEqual({
      files: { 'index.ts': 'edited' },
      savedAt: 1000,
      starterHash: HASH,
      starterChanged: false,
    });
  });

  it('keys code by exercise id and starter hash, and flags code saved for an older starter', () => {
    const { storage, store, tick } = setup();
    store.saveCode(ID, 'oldhash1', { 'index.ts': 'v1 work' });
    tick();
    store.saveCode(ID, 'oldhash2', { 'index.ts': 'v2 work' });
    store.saveCode('shufflenet/02-channel-shuffle', HASH, { 'index.ts': 'other exercise' });
    expect(allKeys(storage)).toContain(`${KEY_PREFIX}code:${ID}:oldhash1`);

    const loaded = store.loadExercise(ID, HASH);
    expect(loaded.code?.files).toEqual({ 'index.ts': 'v2 work' });
    expect(loaded.code?.starterChanged).toBe(true);
    expect(loaded.code?.starterHash).toBe('oldhash2');

    // Saving against the new starter does not delete the old code; the new code wins.
    store.saveCode(ID, HASH, { 'index.ts': 'new work' });
    expect(store.loadExercise(ID, HASH).code).toMatchObject({
      files: { 'index.ts': 'new work' },
      starterChanged: false,
    });
    expect(storage.getItem(`${KEY_PREFIX}code:${ID}:oldhash1`)).not.toBeNull();
  });

  it('clearCode forgets every starter version of one exercise only', () => {
    const { store } = setup();
    store.saveCode(ID, 'old', { 'index.ts': 'a' });
    store.saveCode(ID, HASH, { 'index.ts': 'b' });
    store.saveCode('shufflenet/02-channel-shuffle', HASH, { 'index.ts': 'c' });
    store.recordAttempt(ID, 'fail');
    store.clearCode(ID);
    expect(store.loadExercise(ID, HASH).code).toBeNull();
    expect(store.loadExercise(ID, HASH).progress.attempts).toBe(1);
    expect(store.loadExercise('shufflenet/02-channel-shuffle', HASH).code).not.toBeNull();
  });

  it('records attempts, keeps solved once reached, and counts hints', () => {
    const { store, tick } = setup();
    store.recordAttempt(ID, 'fail');
    tick(5);
    store.recordAttempt(ID, 'pass');
    tick(5);
    store.recordAttempt(ID, 'timeout');
    store.recordHintsShown(ID, 2);
    store.recordHintsShown(ID, 1); // never goes back down
    expect(store.loadExercise(ID, HASH).progress).toEqual({
      hintsShown: 2,
      attempts: 3,
      failedAttempts: 2,
      solved: true,
      solvedAt: 1005,
      lastStatus: 'timeout',
    });
  });

  it('moves a corrupt entry aside, reports it, and keeps working', () => {
    const { storage, store } = setup(42);
    const key = `${KEY_PREFIX}code:${ID}:${HASH}`;
    storage.setItem(key, '{"files": {"index.ts": 1');
    storage.setItem(`${KEY_PREFIX}progress:${ID}`, JSON.stringify({ hintsShown: 'two' }));

    const loaded = store.loadExercise(ID, HASH);
    expect(loaded.code).toBeNull();
    expect(loaded.progress.attempts).toBe(0);
    expect(loaded.corrupt.map((c) => c.key).sort()).toEqual(
      [key, `${KEY_PREFIX}progress:${ID}`].sort(),
    );
    expect(loaded.corrupt.find((c) => c.key === key)?.movedTo).toBe(`${key}:corrupt:42`);
    // The raw text is kept for recovery and the original key is free for new saves.
    expect(storage.getItem(`${key}:corrupt:42`)).toBe('{"files": {"index.ts": 1');
    expect(storage.getItem(key)).toBeNull();
    expect(store.saveCode(ID, HASH, { 'index.ts': 'fresh' })).toEqual({ ok: true });
    // Reported once: the next load sees only the fresh entry.
    expect(store.loadExercise(ID, HASH).corrupt).toEqual([]);
  });

  it('does not overwrite an earlier quarantined copy of the same key', () => {
    const { storage, store } = setup(7);
    const key = `${KEY_PREFIX}progress:${ID}`;
    storage.setItem(key, 'first');
    store.loadExercise(ID, HASH);
    storage.setItem(key, 'second');
    const { corrupt } = store.loadExercise(ID, HASH);
    expect(corrupt[0]?.movedTo).toBe(`${key}:corrupt:7-1`);
    expect(storage.getItem(`${key}:corrupt:7`)).toBe('first');
    expect(storage.getItem(`${key}:corrupt:7-1`)).toBe('second');
  });

  it('reports a failed write (storage full) instead of throwing', () => {
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const store = createProgressStore(storage);
    expect(store.saveCode(ID, HASH, { 'index.ts': 'x' })).toEqual({
      ok: false,
      error: 'QuotaExceededError',
    });
  });

  it('ignores keys of other apps and other schema versions', () => {
    const { storage, store } = setup();
    storage.setItem('theme', 'dark');
    storage.setItem(`shufflenet-lab:v0:code:${ID}:${HASH}`, 'old schema');
    expect(store.loadExercise(ID, HASH)).toMatchObject({ code: null, corrupt: [] });
    expect(store.exportAll().data.code).toEqual([]);
  });
});

describe('export and import', () => {
  it('exports everything and imports it into an empty browser', () => {
    const { store } = setup();
    store.saveCode(ID, HASH, { 'index.ts': 'mine' });
    store.recordAttempt(ID, 'pass');
    store.recordHintsShown(ID, 1);
    const json = store.exportJson();
    expect(JSON.parse(json)).toMatchObject({ format: 'shufflenet-lab-progress', version: 1 });

    const other = setup(5000);
    expect(other.store.importJson(json)).toEqual({ ok: true, codeEntries: 1, progressEntries: 1 });
    const loaded = other.store.loadExercise(ID, HASH);
    expect(loaded.code?.files).toEqual({ 'index.ts': 'mine' });
    expect(loaded.progress).toMatchObject({ solved: true, hintsShown: 1, attempts: 1 });
  });

  it('rejects bad files with a clear message and changes nothing', () => {
    const { storage, store } = setup();
    store.saveCode(ID, HASH, { 'index.ts': 'keep me' });
    const before = allKeys(storage).map((k) => [k, storage.getItem(k)]);

    const notJson = store.importJson('{oops');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.error).toMatch(/^not JSON/);

    const wrongFormat = store.importJson(JSON.stringify({ format: 'something-else' }));
    expect(wrongFormat.ok).toBe(false);
    if (!wrongFormat.ok) expect(wrongFormat.error).toMatch(/format/);

    // Valid first entry, invalid second: the first must not be written either.
    const half = {
      format: 'shufflenet-lab-progress',
      version: 1,
      exportedAt: 'now',
      code: [
        { exerciseId: 'a/01-x', starterHash: 'h', files: { 'index.ts': 'x' }, savedAt: 1 },
        { exerciseId: 'a/02-y', starterHash: 'h', files: { 'index.ts': 2 }, savedAt: 1 },
      ],
      progress: {},
    };
    const partial = store.importJson(JSON.stringify(half));
    expect(partial.ok).toBe(false);
    if (!partial.ok) expect(partial.error).toContain('code.1.files');
    expect(allKeys(storage).map((k) => [k, storage.getItem(k)])).toEqual(before);
  });

  it('merges without losing work: newer code wins, progress only moves forward', () => {
    const { store } = setup(2000);
    store.saveCode(ID, HASH, { 'index.ts': 'newer local work' });
    store.recordHintsShown(ID, 3);
    const incoming = {
      format: 'shufflenet-lab-progress',
      version: 1,
      exportedAt: 'then',
      code: [{ exerciseId: ID, starterHash: HASH, files: { 'index.ts': 'older' }, savedAt: 1 }],
      progress: {
        [ID]: { hintsShown: 1, attempts: 4, failedAttempts: 3, solved: true, solvedAt: 9 },
      },
    };
    expect(store.importJson(JSON.stringify(incoming)).ok).toBe(true);
    const loaded = store.loadExercise(ID, HASH);
    expect(loaded.code?.files).toEqual({ 'index.ts': 'newer local work' });
    expect(loaded.progress).toMatchObject({ hintsShown: 3, attempts: 4, solved: true });
  });
});
