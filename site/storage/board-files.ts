/**
 * The board console's saved files, one entry per example (`…:v1:board:<key>` → `{ name: text }`),
 * read and written by its hook (site/features/board-console/use-board-console.ts).
 *
 * Files saved before this module, under `shufflenet-lab:board:<key>`, are still read and are
 * moved to the versioned key on first load, so no learner's code is lost. An entry that is not
 * JSON or not a set of files is set aside (browser-storage.ts) and reported; saved files whose
 * names no longer match the example's are left alone and the example is shown.
 */
import { z } from 'astro/zod';
import {
  APP_PREFIX,
  createStorageCore,
  storageKey,
  type CorruptEntry,
  type StorageLike,
} from './browser-storage.ts';

/** Where the board console kept files before the versioned layout. */
export const LEGACY_BOARD_PREFIX = `${APP_PREFIX}board:`;

const filesSchema = z.record(z.string(), z.string());
export type BoardFiles = Record<string, string>;

export interface LoadedBoardFiles {
  files: BoardFiles;
  /** The files are the learner's, not the example's. */
  saved: boolean;
  corrupt: CorruptEntry[];
}

export const boardFilesKey = (key: string) => storageKey('board', key);

function sameNames(a: Readonly<BoardFiles>, b: Readonly<BoardFiles>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

function sameFiles(a: Readonly<BoardFiles>, b: Readonly<BoardFiles>): boolean {
  return sameNames(a, b) && Object.keys(a).every((k) => a[k] === b[k]);
}

/** `storage` null (no storage at all): loads give the example, saves report false. */
export function createBoardFileStore(storage: StorageLike | null, now: () => number = Date.now) {
  const core = storage ? createStorageCore(storage, now) : null;

  /** Moves files kept under the legacy key to the versioned one (valid or not). */
  function migrate(key: string): void {
    if (!core) return;
    const legacy = LEGACY_BOARD_PREFIX + key;
    const raw = core.getRaw(legacy);
    if (raw === null || core.getRaw(boardFilesKey(key)) !== null) return;
    try {
      core.storage.setItem(boardFilesKey(key), raw);
      core.storage.removeItem(legacy);
    } catch {
      // Storage full: the legacy entry stays where it is and is migrated next time.
    }
  }

  /** The learner's files for `key` if they match the example's file names, else the example. */
  function load(key: string, example: Readonly<BoardFiles>): LoadedBoardFiles {
    const corrupt: CorruptEntry[] = [];
    if (core) {
      migrate(key);
      const files =
        core.read(boardFilesKey(key), filesSchema, corrupt) ??
        core.read(LEGACY_BOARD_PREFIX + key, filesSchema, corrupt);
      if (files && sameNames(files, example)) return { files, saved: true, corrupt };
    }
    return { files: { ...example }, saved: false, corrupt };
  }

  /** Saves the files, or forgets them when they equal the example; false if storage refused. */
  function save(key: string, files: Readonly<BoardFiles>, example: Readonly<BoardFiles>): boolean {
    if (!core) return false;
    if (sameFiles(files, example)) {
      const removed = core.remove(boardFilesKey(key));
      return core.remove(LEGACY_BOARD_PREFIX + key) && removed;
    }
    const written = core.write(boardFilesKey(key), files).ok;
    if (written) core.remove(LEGACY_BOARD_PREFIX + key);
    return written;
  }

  return { load, save };
}

export type BoardFileStore = ReturnType<typeof createBoardFileStore>;
