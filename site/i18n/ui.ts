/**
 * UI strings of the interactive islands. Every string a reader sees lives here, keyed by id,
 * so a translation is one more table. `format` fills `{name}` placeholders.
 */
export const en = {
  'convCost.title': 'Conv cost explorer',
  'convCost.inChannels': 'Input channels c₁',
  'convCost.outChannels': 'Output channels c₂',
  'convCost.kernel': 'Kernel size k',
  'convCost.size': 'Feature map h = w',
  'convCost.groups': 'Groups g',
  'convCost.groupsHint': 'Only values that divide both c₁ and c₂: {values}',
  'convCost.params': 'Parameters',
  'convCost.macs': 'Multiply-adds',
  'convCost.memory': 'Memory access cost',
  'convCost.vsDense': '{ratio}× fewer than the dense conv',
  'convCost.depthwise': 'g = c₁ = c₂: this is a depthwise convolution.',
  'convCost.elements': '{value} elements',
} as const;

export type UiKey = keyof typeof en;
export type UiStrings = Record<UiKey, string>;

export const zhCN: Partial<UiStrings> = {
  'convCost.params': '参数量',
  'convCost.macs': '乘加次数',
  'convCost.memory': '内存访问量',
};

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
