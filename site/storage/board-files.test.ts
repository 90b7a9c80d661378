import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './browser-storage.ts';
import { boardFilesKey, createBoardFileStore, LEGACY_BOARD_PREFIX } from './board-files.ts';

const example = { 'main.c': 'int main(void) { return 0; }\n' };
const mine = { 'main.c': 'int main(void) { return 1; }\n' };

describe('board files', () => {
  it('saves, loads, and forgets files equal to the example', () => {
    const storage = new MemoryStorage();
    const store = createBoardFileStore(storage);
    expect(store.load('k', example)).toEqual({ files: example, saved: false, corrupt: [] });
    expect(store.save('k', mine, example)).toBe(true);
    expect(storage.getItem(boardFilesKey('k'))).toBe(JSON.stringify(mine));
    expect(store.load('k', example)).toEqual({ files: mine, saved: true, corrupt: [] });
    expect(store.save('k', example, example)).toBe(true);
    expect(storage.length).toBe(0);
  });

  it('moves files saved under the old unversioned key to the versioned one', () => {
    const storage = new MemoryStorage();
    storage.setItem(`${LEGACY_BOARD_PREFIX}k`, JSON.stringify(mine));
    const loaded = createBoardFileStore(storage).load('k', example);
    expect(loaded).toEqual({ files: mine, saved: true, corrupt: [] });
    expect(storage.getItem(`${LEGACY_BOARD_PREFIX}k`)).toBeNull();
    expect(storage.getItem(boardFilesKey('k'))).toBe(JSON.stringify(mine));
  });

  it('sets an unreadable entry aside and shows the example', () => {
    const storage = new MemoryStorage();
    storage.setItem(boardFilesKey('k'), '{"main.c": ');
    const loaded = createBoardFileStore(storage, () => 7).load('k', example);
    expect(loaded.files).toEqual(example);
    expect(loaded.corrupt.map((c) => c.movedTo)).toEqual([`${boardFilesKey('k')}:corrupt:7`]);
  });

  it('keeps files whose names no longer match, but shows the example', () => {
    const storage = new MemoryStorage();
    storage.setItem(boardFilesKey('k'), JSON.stringify({ 'old.c': 'x' }));
    expect(createBoardFileStore(storage).load('k', example).saved).toBe(false);
    expect(storage.getItem(boardFilesKey('k'))).not.toBeNull();
  });

  it('works without storage, and reports a refused save', () => {
    expect(createBoardFileStore(null).load('k', example).files).toEqual(example);
    expect(createBoardFileStore(null).save('k', mine, example)).toBe(false);
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(createBoardFileStore(full).save('k', mine, example)).toBe(false);
  });
});
