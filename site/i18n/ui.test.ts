import { describe, expect, it } from 'vitest';
import { en, format, formatCount, translator } from './ui.ts';

describe('ui strings', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('falls back to English for untranslated keys and unknown languages', () => {
    const zh = translator('zh-CN');
    expect(zh('convCost.params')).toBe('参数量');
    expect(zh('convCost.kernel')).toBe(en['convCost.kernel']);
    expect(translator('xx')('convCost.vsDense', { ratio: 4 })).toBe('4× fewer than the dense conv');
  });

  it('groups digits by locale', () => {
    expect(formatCount(1366792, 'en')).toBe('1,366,792');
  });
});
