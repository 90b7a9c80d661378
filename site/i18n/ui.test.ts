import { describe, expect, it } from 'vitest';
import { en, format, formatCount, translator, zhCN, type UiKey } from './ui.ts';

/** The `{name}` placeholders of a template, sorted, each once. */
const placeholders = (template: string) =>
  [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('ui strings', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('translates, and falls back to English for unknown languages', () => {
    const zh = translator('zh-CN');
    expect(zh('convCost.params')).toBe('参数量');
    expect(translator('xx')('convCost.vsDense', { ratio: 4 })).toBe('4× fewer than the dense conv');
  });

  it('groups digits by locale', () => {
    expect(formatCount(1366792, 'en')).toBe('1,366,792');
  });

  it('translates every key into Simplified Chinese', () => {
    const missing = (Object.keys(en) as UiKey[]).filter((key) => zhCN[key] === undefined);
    expect(missing).toEqual([]);
  });

  it('keeps exactly the placeholders of the English string in every translation', () => {
    const differing = (Object.entries(zhCN) as [UiKey, string][])
      .filter(([key, zh]) => placeholders(zh).join() !== placeholders(en[key]).join())
      .map(([key, zh]) => ({ key, en: en[key], zh }));
    expect(differing).toEqual([]);
  });

  it('finds the placeholders the check compares', () => {
    expect(placeholders('{b} of {a}, {b}')).toEqual(['a', 'b']);
    expect(placeholders('no placeholders')).toEqual([]);
  });

  it('leaves no string in English: only names, units and symbols go without Chinese', () => {
    // Identifiers (xsdb, main.c, UART, LD0), units (ms, %) and symbols stay as they are.
    const withoutChinese = (Object.entries(zhCN) as [UiKey, string][])
      .filter(([, zh]) => !/[\u4e00-\u9fff]/.test(zh))
      .map(([key]) => key)
      .sort();
    expect(withoutChinese).toEqual(
      [
        'shuffleView.order',
        'board.file.cpu0',
        'board.leds',
        'board.led',
        'board.switch',
        'board.xsdb.stateCpu',
        'guidelineLab.col.ms',
        'quantCompare.percent',
        'convCost.byRatioAxisX',
        'runtimeDemo.layout.torchvision',
        'firmware.leds',
        'firmware.led',
        'board.lineEnding.cr',
        'board.lineEnding.lf',
        'board.lineEnding.crlf',
        'board.tab.xsdb',
        'board.port.uart',
        'board.port.jtag',
        'board.doneLed',
        'snBoard.progressValue',
        'board.stdout',
        'board.stdoutBsp',
        'board.stdout.jtag',
        'board.stdout.uart0',
        'board.stdout.uart1',
        'board.tab.jtag',
      ].sort(),
    );
  });
});
