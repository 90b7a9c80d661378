/**
 * Every page of the built site at a desktop and a phone width: an axe-core scan with zero
 * violations of any impact, no sideways scrolling, and a full-page screenshot kept for a reviewer
 * (shots/pages/, and attached to the test in Playwright's report).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { sitePaths } from './site-pages.ts';
import { watchErrors } from './watch-errors.ts';

/** Each width in one of the two themes, so both themes are scanned (colour contrast above all). */
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800, colorScheme: 'dark' },
  { name: 'phone', width: 360, height: 800, colorScheme: 'light' },
] as const;

const pages = sitePaths(readdirSync('dist', { recursive: true, encoding: 'utf8' }));

/** Scrolls through the page so that every `client:visible` island hydrates, then back up. */
async function hydrateAll(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const step = await page.evaluate(() => window.innerHeight);
  for (let y = 0; y < height; y += step) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(50);
  }
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** The page is no wider than the window; a failure names elements that stick out. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const view = document.documentElement.clientWidth;
    // Sticking out, and not inside a box that scrolls or clips: what widens the page.
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > view + 1)
      .filter((el) => {
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
          if (getComputedStyle(up).overflowX !== 'visible') return false;
        }
        return true;
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    return { page: document.documentElement.scrollWidth, view, culprits };
  });
  expect(overflow.page, `page is wider than the window: ${overflow.culprits}`).toBeLessThanOrEqual(
    overflow.view,
  );
}

test('the site has pages to check', () => {
  expect(pages).toContain('/');
  expect(pages).toContain('/shufflenet/v2-architecture/');
  expect(pages.length).toBeGreaterThan(20);
});

for (const size of WIDTHS) {
  test.describe(`at ${size.width}x${size.height}, ${size.colorScheme} theme`, () => {
    test.use({
      viewport: { width: size.width, height: size.height },
      colorScheme: size.colorScheme,
    });
    for (const path of pages) {
      test(`${path}: no axe violations, no sideways scroll`, async ({ page }, testInfo) => {
        test.setTimeout(90_000);
        const errors = watchErrors(page);
        await page.goto(path);
        await hydrateAll(page);

        await expectNoSidewaysScroll(page);

        const scan = new AxeBuilder({ page });
        const { violations } = await scan.analyze();
        const found = violations.map(
          (v) =>
            `${v.id} (${v.impact}): ${v.nodes
              .slice(0, 4)
              .map((n) => n.target.join(' '))
              .join(' | ')}`,
        );

        // Kept for review in shots/pages/ (test-results/ is wiped on every run) and attached to
        // the test's report entry.
        const shot = `shots/pages/${size.name}${path.replace(/\/$/, '').replaceAll('/', '_') || '_home'}.png`;
        await page.screenshot({ path: shot, fullPage: true });
        await testInfo.attach(`${size.name} ${path}`, { path: shot, contentType: 'image/png' });
        expect(found).toEqual([]);
        // 404.html is served with status 404 by design.
        expect(errors.filter((e) => !e.startsWith('404 ') || !path.includes('404'))).toEqual([]);
      });
    }
  });
}

// The phone the issue was seen on (390x844): no sideways scrolling there either.
test.describe('at 390x844', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  for (const path of pages) {
    test(`${path}: no sideways scroll`, async ({ page }) => {
      await page.goto(path);
      await hydrateAll(page);
      await expectNoSidewaysScroll(page);
    });
  }
});
