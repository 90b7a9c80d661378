/**
 * Every word a reader sees comes from ui.ts, so that a translation covers the whole interface:
 * this scans the islands' JSX (site/features, site/ui) for text written in place, as text
 * between tags, as a string in braces, or as a string value of an attribute a reader sees or
 * hears (aria-label, title, alt, placeholder, ...).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Attributes whose value is shown or read aloud. */
const WORDED = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'alt',
  'placeholder',
  'label',
  'legend',
  'caption',
]);

/**
 * Text that is the same in every language: the silkscreen of the simulated board (PWR, DONE,
 * LD0-LD7 drawn as LD + index, ZYNQ-7000), the xsdb prompt, and the unit ms.
 */
const NOT_WORDS = new Set(['ZYNQ-7000', 'PWR', 'DONE', 'LD', 'xsdb%', 'ms']);

/** Words: two letters or more in a row (a lone x in 0.5× or a symbol is no word). */
const hasWords = (text: string) => /\p{L}{2,}/u.test(text) && !NOT_WORDS.has(text.trim());

function hardCodedStrings(file: string, source: string): string[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push(`${file}:${tree.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) at(node, JSON.stringify(node.text.trim()));
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      ts.isJsxElement(node.parent) &&
      ts.isStringLiteralLike(node.expression) &&
      hasWords(node.expression.text)
    ) {
      at(node, JSON.stringify(node.expression.text));
    }
    if (ts.isJsxAttribute(node) && node.initializer && WORDED.has(node.name.getText())) {
      const value = ts.isJsxExpression(node.initializer)
        ? node.initializer.expression
        : node.initializer;
      if (value && ts.isStringLiteralLike(value) && hasWords(value.text)) {
        at(node, `${node.name.getText()}=${JSON.stringify(value.text)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

describe('UI strings in components', () => {
  it('finds text, strings in braces and worded attributes, not code or symbols', () => {
    const source = `
      const a = <p class="x" data-testid="y">Hello there</p>;
      const b = <button aria-label="Close it" title={'Close now'} type="button">×</button>;
      const c = <span>{'Wrong here'}{' '}{t('ok.key')}{label}</span>;
      const d = <img alt={t('alt.key')} />;
      const e = <td>{ms} ms</td>;
      const f = 'a string outside JSX is not UI';`;
    expect(hardCodedStrings('x.tsx', source)).toEqual([
      'x.tsx:2 "Hello there"',
      'x.tsx:3 aria-label="Close it"',
      'x.tsx:3 title="Close now"',
      'x.tsx:4 "Wrong here"',
    ]);
  });

  it('has none in the islands: every reader-facing string is in site/i18n/ui.ts', () => {
    const files = [...tsxFiles('site/features'), ...tsxFiles('site/ui')];
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) => hardCodedStrings(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
