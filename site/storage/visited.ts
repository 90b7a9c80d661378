/**
 * Which lessons this browser has opened (`…:v1:visited:<lessonId>` → `{ visitedAt }`), for the
 * course map on the home page. Opening a lesson again keeps the first visit's time. A value that
 * fails its schema is set aside (browser-storage.ts) and the lesson counts as not visited.
 */
import { z } from 'astro/zod';
import {
  createStorageCore,
  storageKey,
  type CorruptEntry,
  type StorageLike,
  type WriteResult,
} from './browser-storage.ts';

const visitSchema = z.object({
  /** Milliseconds since the epoch of the first visit. */
  visitedAt: z.number(),
});

export const visitKey = (lessonId: string) => storageKey('visited', lessonId);

export function createVisitStore(storage: StorageLike, now: () => number = Date.now) {
  const core = createStorageCore(storage, now);

  /** Records a visit; a lesson id looks like `shufflenet/group-convolution`. */
  function markVisited(lessonId: string, corrupt: CorruptEntry[] = []): WriteResult {
    if (!/^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(lessonId)) {
      return { ok: false, error: `lesson id "${lessonId}" is not of the form track/lesson-slug` };
    }
    if (core.read(visitKey(lessonId), visitSchema, corrupt)) return { ok: true };
    return core.write(visitKey(lessonId), { visitedAt: now() });
  }

  /** The ids of every visited lesson. */
  function visited(corrupt: CorruptEntry[] = []): Set<string> {
    const prefix = visitKey('');
    const ids = new Set<string>();
    for (const key of core.keys(prefix)) {
      if (core.read(key, visitSchema, corrupt)) ids.add(key.slice(prefix.length));
    }
    return ids;
  }

  return { markVisited, visited };
}

export type VisitStore = ReturnType<typeof createVisitStore>;
