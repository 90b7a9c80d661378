import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every page of the built site, as paths under dist/. */
function htmlFiles(dir = 'dist'): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => join(dir, f));
}

/** Whether a site path (as in href="/a/b/") is a file or a page of the build. */
function resolves(path: string): boolean {
  const clean = decodeURI(path.split('#')[0]!.split('?')[0]!);
  return [clean, join(clean, 'index.html'), `${clean}.html`].some((p) =>
    existsSync(join('dist', p)),
  );
}

test('every internal link of the built site resolves', () => {
  const broken: string[] = [];
  const pages = htmlFiles();
  expect(pages.length).toBeGreaterThan(3);
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    for (const [, href] of html.matchAll(/\shref="(\/[^"]*)"/g)) {
      if (!resolves(href!)) broken.push(`${page}: ${href}`);
    }
  }
  expect(broken).toEqual([]);
});
