/**
 * Small per-browser preferences (`…:v1:settings:<name>` → JSON value), each with its schema and
 * default. A setting that fails its schema is set aside (browser-storage.ts) and the default
 * is used. The board console's terminal settings are here.
 */
import { z } from 'astro/zod';
import {
  createStorageCore,
  storageKey,
  type CorruptEntry,
  type StorageLike,
  type WriteResult,
} from './browser-storage.ts';

/** Every setting: its schema and its default. */
export const SETTINGS = {
  /** What the board terminal sends for Enter (`LineEnding`, features/board-console/terminal-bytes.ts). */
  'board.lineEnding': { schema: z.enum(['cr', 'lf', 'crlf']), fallback: 'cr' },
  /** Whether the board terminal echoes typed characters itself. */
  'board.localEcho': { schema: z.boolean(), fallback: false },
} as const;

export type SettingName = keyof typeof SETTINGS;
export type SettingValue<N extends SettingName> = z.infer<(typeof SETTINGS)[N]['schema']>;

export const settingKey = (name: SettingName) => storageKey('settings', name);

/** `storage` null (no storage at all): defaults are read, writes report failure. */
export function createSettingsStore(storage: StorageLike | null, now: () => number = Date.now) {
  const core = storage ? createStorageCore(storage, now) : null;

  function get<N extends SettingName>(name: N, corrupt: CorruptEntry[] = []): SettingValue<N> {
    const { schema, fallback } = SETTINGS[name];
    const stored = core?.read(
      settingKey(name),
      schema as unknown as z.ZodType<SettingValue<N>>,
      corrupt,
    );
    return stored ?? (fallback as SettingValue<N>);
  }

  function set<N extends SettingName>(name: N, value: SettingValue<N>): WriteResult {
    if (!core) return { ok: false, error: 'no storage' };
    return core.write(settingKey(name), value);
  }

  return { get, set };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
