/**
 * A text store in the OS temporary directory, one file per key, for results that are slow to
 * compute and depend only on their inputs (the compiled BSP, a submission's type errors): the
 * caller puts a hash of every input in the key, so a stale entry is never found. Node only.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TextStore {
  /** The text kept under `key`, or null when there is none (or it cannot be read). */
  read(key: string): string | null;
  /** Keeps `text` under `key`; a store that cannot be written only costs a recomputation. */
  write(key: string, text: string): void;
}

/** Files named `<prefix>-<key>.json` in `dir` (default: shufflenet-lab in the OS temp dir). */
export function tempStore(prefix: string, dir = join(tmpdir(), 'shufflenet-lab')): TextStore {
  const path = (key: string) => join(dir, `${prefix}-${key}.json`);
  return {
    read: (key) => {
      try {
        return readFileSync(path(key), 'utf8');
      } catch {
        return null;
      }
    },
    write: (key, text) => {
      try {
        mkdirSync(dir, { recursive: true });
        // Written aside and renamed, so a concurrent run never reads half a file.
        const aside = `${path(key)}.${process.pid}`;
        writeFileSync(aside, text);
        renameSync(aside, path(key));
      } catch {
        // A read-only or full temp dir: the next run recomputes.
      }
    },
  };
}
