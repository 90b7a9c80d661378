import { describe, expect, it } from 'vitest';
import { MemoryStorage, type CorruptEntry } from './browser-storage.ts';
import { createSettingsStore, settingKey } from './settings.ts';

describe('settings', () => {
  it('gives defaults, then what was set', () => {
    const storage = new MemoryStorage();
    const settings = createSettingsStore(storage);
    expect(settings.get('board.lineEnding')).toBe('cr');
    expect(settings.get('board.localEcho')).toBe(false);
    expect(settings.set('board.lineEnding', 'crlf')).toEqual({ ok: true });
    expect(settings.set('board.localEcho', true)).toEqual({ ok: true });
    expect(createSettingsStore(storage).get('board.lineEnding')).toBe('crlf');
    expect(createSettingsStore(storage).get('board.localEcho')).toBe(true);
    expect(storage.getItem('shufflenet-lab:v1:settings:board.lineEnding')).toBe('"crlf"');
  });

  it('sets an invalid value aside and falls back to the default', () => {
    const storage = new MemoryStorage();
    storage.setItem(settingKey('board.lineEnding'), '"newline"');
    const corrupt: CorruptEntry[] = [];
    expect(createSettingsStore(storage, () => 1).get('board.lineEnding', corrupt)).toBe('cr');
    expect(corrupt[0]?.movedTo).toBe(`${settingKey('board.lineEnding')}:corrupt:1`);
  });

  it('without storage: defaults, and writes fail', () => {
    const settings = createSettingsStore(null);
    expect(settings.get('board.localEcho')).toBe(false);
    expect(settings.set('board.localEcho', true).ok).toBe(false);
  });
});
