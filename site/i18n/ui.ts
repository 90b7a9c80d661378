/**
 * UI strings of the interactive islands: every string a reader sees, keyed by id, in en.ts, and
 * its translations (zh-cn.ts), so a translation is one more table. `translator` picks a table;
 * `format` fills `{name}` placeholders.
 */
import { en, type UiKey, type UiStrings } from './en.ts';
import { zhCN } from './zh-cn.ts';

export { en, zhCN };
export type { UiKey, UiStrings };

const tables: Record<string, Partial<UiStrings>> = { en, 'zh-CN': zhCN };

/** A translator for one language, falling back to English for missing strings. */
export function translator(lang: string) {
  const table = tables[lang] ?? {};
  return (key: UiKey, values: Record<string, string | number> = {}): string =>
    format(table[key] ?? en[key], values);
}

export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** Numbers as readers expect them: 1,234,567 in English, with the language's separators. */
export function formatCount(value: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(value);
}
