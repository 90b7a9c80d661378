/**
 * The site's one door to localStorage. Every island that keeps something in the browser goes
 * through here, so there is one key layout, one version, and one way of handling a bad entry.
 *
 * Key layout, schema version 1: `shufflenet-lab:v1:<namespace>:<rest>`, where the namespace is
 * one of {@link NAMESPACES}. A later schema gets a new prefix and migrates from this one, so an
 * old browser profile is never read with new rules. (Board files were once kept under
 * `shufflenet-lab:board:<key>`; board-files.ts reads those and moves them under `v1`.)
 *
 * A value that does not parse or validate is moved aside to `<key>:corrupt:<timestamp>` and
 * reported to the caller, so one bad entry neither crashes the page nor gets overwritten.
 *
 * Storage access can throw (private browsing, storage disabled, quota exceeded: see
 * https://developer.mozilla.org/en-US/docs/Web/API/Window/localStorage#exceptions); nothing here
 * lets that escape.
 */
import { z } from 'astro/zod';

/** The subset of the Web Storage API the stores need (localStorage, or a fake in tests). */
export interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const APP_PREFIX = 'shufflenet-lab:';
export const SCHEMA_VERSION = 1;
export const KEY_PREFIX = `${APP_PREFIX}v${SCHEMA_VERSION}:`;
export const CORRUPT_MARK = ':corrupt:';

/** What is kept, each under its own namespace. */
export const NAMESPACES = ['code', 'progress', 'board', 'settings', 'visited'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** The full key for `rest` in a namespace: `shufflenet-lab:v1:<namespace>:<rest>`. */
export function storageKey(namespace: Namespace, rest: string): string {
  return `${KEY_PREFIX}${namespace}:${rest}`;
}

/** An entry that was unreadable and has been moved aside. */
export interface CorruptEntry {
  key: string;
  movedTo: string;
  reason: string;
}

export type WriteResult = { ok: true } | { ok: false; error: string };

/** A short, readable reason for a failed parse, validation or write. */
export function describeIssue(error: unknown): string {
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return `${issue?.message ?? 'invalid data'}${where}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** An in-memory Storage, for tests and for browsers where localStorage is disabled. */
export class MemoryStorage implements StorageLike {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

export interface OpenedStorage {
  storage: StorageLike;
  /** False when localStorage refused and a memory store stands in (lost on reload). */
  persistent: boolean;
}

let opened: OpenedStorage | null = null;

/**
 * localStorage when the browser allows it (a write is tried, as private modes may throw on
 * access or on the first write), else one shared in-memory store. Opened once per page.
 */
export function openBrowserStorage(
  get: () => StorageLike | undefined = () => globalThis.localStorage,
): OpenedStorage {
  if (opened) return opened;
  try {
    const storage = get();
    if (!storage) throw new Error('no localStorage');
    const probe = `${APP_PREFIX}probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    opened = { storage, persistent: true };
  } catch {
    opened = { storage: new MemoryStorage(), persistent: false };
  }
  return opened;
}

/** Forgets the storage {@link openBrowserStorage} chose; for tests. */
export function resetBrowserStorage(): void {
  opened = null;
}

/**
 * Safe, validated access to one storage: what the stores (progress, board files, settings) are
 * built on. `now` stamps quarantined entries.
 */
export function createStorageCore(storage: StorageLike, now: () => number = Date.now) {
  /** Our current-schema keys (optionally only those starting with `prefix`), never set-asides. */
  function keys(prefix = KEY_PREFIX): string[] {
    const out: string[] = [];
    try {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key !== null && key.startsWith(prefix) && !key.includes(CORRUPT_MARK)) out.push(key);
      }
    } catch {
      // Storage gone while listing: what was found so far.
    }
    return out;
  }

  function getRaw(key: string): string | null {
    try {
      return storage.getItem(key);
    } catch {
      return null;
    }
  }

  function write(key: string, value: unknown): WriteResult {
    try {
      storage.setItem(key, JSON.stringify(value));
      return { ok: true };
    } catch (error) {
      // Quota exceeded or storage disabled: the caller shows it and keeps the data in memory.
      return { ok: false, error: describeIssue(error) };
    }
  }

  function remove(key: string): boolean {
    try {
      storage.removeItem(key);
      return true;
    } catch {
      return false;
    }
  }

  /** Moves an unreadable value aside under a unique key and reports it. */
  function quarantine(key: string, raw: string, reason: string, corrupt: CorruptEntry[]) {
    let movedTo = `${key}${CORRUPT_MARK}${now()}`;
    for (let n = 1; getRaw(movedTo) !== null; n++) {
      movedTo = `${key}${CORRUPT_MARK}${now()}-${n}`;
    }
    try {
      storage.setItem(movedTo, raw);
      storage.removeItem(key);
    } catch {
      // Could not copy (storage full): leave the original in place rather than lose it.
      movedTo = key;
    }
    corrupt.push({ key, movedTo, reason });
  }

  /** Reads and validates one key; null when absent or corrupt (then reported in `corrupt`). */
  function read<T>(key: string, schema: z.ZodType<T>, corrupt: CorruptEntry[]): T | null {
    const raw = getRaw(key);
    if (raw === null) return null;
    try {
      return schema.parse(JSON.parse(raw));
    } catch (error) {
      quarantine(key, raw, describeIssue(error), corrupt);
      return null;
    }
  }

  return { storage, keys, getRaw, read, write, remove, quarantine };
}

export type StorageCore = ReturnType<typeof createStorageCore>;
