/**
 * Learner code and progress in localStorage (or any Storage-like object, so tests use a fake).
 *
 * Built on browser-storage.ts (key layout, versioning, corrupt entries). Two namespaces:
 *
 * - `…:code:<exerciseId>:<starterHash>` → `{ files, savedAt }`. The starter's hash is part of
 *   the key: when an exercise's starter changes, code written against the old starter is still
 *   there and is offered back flagged (`starterChanged`), never silently dropped or mixed up.
 * - `…:progress:<exerciseId>` → hints shown, attempts, solved. Progress outlives starter changes.
 *
 * A value that does not parse or validate is moved aside to `<key>:corrupt:<timestamp>` and
 * reported to the caller, so one bad entry neither crashes the page nor gets overwritten.
 * Nothing here runs learner code: loading only returns text.
 */
import { z } from 'astro/zod';
import {
  createStorageCore,
  describeIssue,
  KEY_PREFIX,
  SCHEMA_VERSION,
  storageKey,
  type CorruptEntry,
  type StorageLike,
  type WriteResult,
} from './browser-storage.ts';

export {
  KEY_PREFIX,
  MemoryStorage,
  SCHEMA_VERSION,
  type CorruptEntry,
  type StorageLike,
  type WriteResult,
} from './browser-storage.ts';

const filesSchema = z.record(z.string(), z.string());

const codeEntrySchema = z.object({
  files: filesSchema,
  /** Milliseconds since the epoch. */
  savedAt: z.number(),
});
export type CodeEntry = z.infer<typeof codeEntrySchema>;

const gradeStatusSchema = z.enum(['pass', 'fail', 'error', 'timeout']);

const progressSchema = z.object({
  hintsShown: z.number().int().min(0),
  attempts: z.number().int().min(0),
  /** Attempts that did not pass; "Show solution" unlocks after the first one. */
  failedAttempts: z.number().int().min(0),
  solved: z.boolean(),
  solvedAt: z.number().optional(),
  lastStatus: gradeStatusSchema.optional(),
});
export type ExerciseProgress = z.infer<typeof progressSchema>;
export type GradeOutcome = z.infer<typeof gradeStatusSchema>;

export const emptyProgress: Readonly<ExerciseProgress> = Object.freeze({
  hintsShown: 0,
  attempts: 0,
  failedAttempts: 0,
  solved: false,
});

/** The export file: every code entry and every progress record, self-describing. */
const exportSchema = z.object({
  format: z.literal('shufflenet-lab-progress'),
  version: z.literal(SCHEMA_VERSION),
  exportedAt: z.string(),
  code: z.array(
    codeEntrySchema.extend({ exerciseId: z.string().min(1), starterHash: z.string().min(1) }),
  ),
  progress: z.record(z.string(), progressSchema),
});
export type ProgressExport = z.infer<typeof exportSchema>;

export interface LoadedCode extends CodeEntry {
  starterHash: string;
  /** The code was saved against a different starter than the current one. */
  starterChanged: boolean;
}

export interface LoadedExercise {
  code: LoadedCode | null;
  progress: ExerciseProgress;
  corrupt: CorruptEntry[];
}

export type ImportResult =
  { ok: true; codeEntries: number; progressEntries: number } | { ok: false; error: string };

/**
 * A short, stable hash of an exercise's starter files (FNV-1a, 32 bit, over names and contents
 * in name order). It only needs to tell starter versions apart, not resist tampering.
 */
export function starterHash(files: Record<string, string>): string {
  let hash = 0x811c9dc5;
  const feed = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  };
  for (const name of Object.keys(files).sort()) {
    feed(name);
    feed('\0');
    feed(files[name]!);
    feed('\0');
  }
  return hash.toString(16).padStart(8, '0');
}

const codeKey = (id: string, hash: string) => storageKey('code', `${id}:${hash}`);
const progressKey = (id: string) => storageKey('progress', id);

export function createProgressStore(storage: StorageLike, now: () => number = Date.now) {
  const { keys, read, write, remove } = createStorageCore(storage, now);

  function readProgress(id: string, corrupt: CorruptEntry[]): ExerciseProgress {
    return read(progressKey(id), progressSchema, corrupt) ?? { ...emptyProgress };
  }

  /**
   * Everything the editor needs on page load: the code for this starter if any, otherwise the
   * newest code saved against an older starter (flagged), the progress, and corrupt entries.
   */
  function loadExercise(id: string, hash: string): LoadedExercise {
    const corrupt: CorruptEntry[] = [];
    const progress = readProgress(id, corrupt);
    const current = read(codeKey(id, hash), codeEntrySchema, corrupt);
    if (current)
      return { code: { ...current, starterHash: hash, starterChanged: false }, progress, corrupt };
    let newest: LoadedCode | null = null;
    const prefix = storageKey('code', `${id}:`);
    for (const key of keys()) {
      if (!key.startsWith(prefix)) continue;
      const otherHash = key.slice(prefix.length);
      if (otherHash.includes(':')) continue; // a longer exercise id that shares this prefix
      const entry = read(key, codeEntrySchema, corrupt);
      if (entry && (!newest || entry.savedAt > newest.savedAt)) {
        newest = { ...entry, starterHash: otherHash, starterChanged: true };
      }
    }
    return { code: newest, progress, corrupt };
  }

  function saveCode(id: string, hash: string, files: Record<string, string>): WriteResult {
    return write(codeKey(id, hash), { files, savedAt: now() } satisfies CodeEntry);
  }

  /** Forgets the learner's code for every starter version (reset to starter, confirmed). */
  function clearCode(id: string): void {
    const prefix = storageKey('code', `${id}:`);
    for (const key of keys()) {
      if (key.startsWith(prefix) && !key.slice(prefix.length).includes(':')) remove(key);
    }
  }

  function updateProgress(
    id: string,
    change: (progress: ExerciseProgress) => ExerciseProgress,
  ): { progress: ExerciseProgress; write: WriteResult; corrupt: CorruptEntry[] } {
    const corrupt: CorruptEntry[] = [];
    const progress = change(readProgress(id, corrupt));
    return { progress, write: write(progressKey(id), progress), corrupt };
  }

  /** Counts one graded run; solved stays true once reached. */
  function recordAttempt(id: string, status: GradeOutcome) {
    return updateProgress(id, (p) => ({
      ...p,
      attempts: p.attempts + 1,
      failedAttempts: p.failedAttempts + (status === 'pass' ? 0 : 1),
      solved: p.solved || status === 'pass',
      solvedAt: p.solvedAt ?? (status === 'pass' ? now() : undefined),
      lastStatus: status,
    }));
  }

  function recordHintsShown(id: string, count: number) {
    return updateProgress(id, (p) => ({ ...p, hintsShown: Math.max(p.hintsShown, count) }));
  }

  /** All valid entries; corrupt ones are quarantined and listed, not exported. */
  function exportAll(): { data: ProgressExport; corrupt: CorruptEntry[] } {
    const corrupt: CorruptEntry[] = [];
    const data: ProgressExport = {
      format: 'shufflenet-lab-progress',
      version: SCHEMA_VERSION,
      exportedAt: new Date(now()).toISOString(),
      code: [],
      progress: {},
    };
    for (const key of keys()) {
      const rest = key.slice(KEY_PREFIX.length);
      if (rest.startsWith('code:')) {
        const idAndHash = rest.slice('code:'.length);
        const split = idAndHash.lastIndexOf(':');
        const entry = read(key, codeEntrySchema, corrupt);
        if (entry && split > 0) {
          data.code.push({
            exerciseId: idAndHash.slice(0, split),
            starterHash: idAndHash.slice(split + 1),
            ...entry,
          });
        }
      } else if (rest.startsWith('progress:')) {
        const entry = read(key, progressSchema, corrupt);
        if (entry) data.progress[rest.slice('progress:'.length)] = entry;
      }
    }
    return { data, corrupt };
  }

  /**
   * Merges an export into this store. The whole file is validated before anything is written,
   * so a bad file changes nothing. Merging never loses work: for code the newer save wins, for
   * progress the furthest state wins (solved, most hints, most attempts).
   */
  function importJson(text: string): ImportResult {
    let data: ProgressExport;
    try {
      data = exportSchema.parse(JSON.parse(text));
    } catch (error) {
      const reason =
        error instanceof SyntaxError ? `not JSON (${error.message})` : describeIssue(error);
      return { ok: false, error: reason };
    }
    const corrupt: CorruptEntry[] = [];
    for (const entry of data.code) {
      const key = codeKey(entry.exerciseId, entry.starterHash);
      const existing = read(key, codeEntrySchema, corrupt);
      if (!existing || existing.savedAt < entry.savedAt) {
        const result = write(key, { files: entry.files, savedAt: entry.savedAt });
        if (!result.ok) return result;
      }
    }
    for (const [id, incoming] of Object.entries(data.progress)) {
      const mine = readProgress(id, corrupt);
      const merged: ExerciseProgress = {
        hintsShown: Math.max(mine.hintsShown, incoming.hintsShown),
        attempts: Math.max(mine.attempts, incoming.attempts),
        failedAttempts: Math.max(mine.failedAttempts, incoming.failedAttempts),
        solved: mine.solved || incoming.solved,
        solvedAt: mine.solvedAt ?? incoming.solvedAt,
        lastStatus: mine.lastStatus ?? incoming.lastStatus,
      };
      const result = write(progressKey(id), merged);
      if (!result.ok) return result;
    }
    return {
      ok: true,
      codeEntries: data.code.length,
      progressEntries: Object.keys(data.progress).length,
    };
  }

  return {
    loadExercise,
    saveCode,
    clearCode,
    updateProgress,
    recordAttempt,
    recordHintsShown,
    exportAll,
    exportJson: () => JSON.stringify(exportAll().data, null, 2),
    importJson,
  };
}

export type ProgressStore = ReturnType<typeof createProgressStore>;
