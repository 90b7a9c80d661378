import { expect, test } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';
import { mkdirSync } from 'node:fs';

const LESSON = '/shufflenet/group-convolution/';
// test-results/ is wiped on every run, so review screenshots go to shots/.
mkdirSync('shots', { recursive: true });

test('the lesson renders math, highlighted code and navigation', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(LESSON);
  await expect(page.getByRole('heading', { level: 1, name: 'Group convolution' })).toBeVisible();
  // KaTeX output: display formulas with MathML for screen readers.
  await expect(page.locator('.katex-display').first()).toBeVisible();
  expect(await page.locator('.katex-display').count()).toBeGreaterThanOrEqual(4);
  await expect(page.locator('.katex-display .katex-mathml').first()).toContainText('params');
  // Shiki via expressive-code: tokens carry inline colours.
  const code = page.locator('.expressive-code pre').first();
  await expect(code).toContainText('groupConv1x1');
  expect(await code.locator('span[style*="--0"]').count()).toBeGreaterThan(5);
  // Starlight chrome: sidebar link to this page, table of contents.
  await expect(page.locator('nav.sidebar a[aria-current="page"]')).toHaveText(/Group convolution/);
  // C is highlighted too (the Zynq track's language).
  const cCode = page.locator('.expressive-code pre[data-language="c"]').first();
  await expect(cCode).toContainText('group_conv1x1');
  expect(await cCode.locator('span[style*="--0"]').count()).toBeGreaterThan(5);
  // Previous/next links follow the course order.
  await expect(page.locator('.pagination-links a[rel="next"]')).toContainText('Channel shuffle');
  await expect(
    page.locator('starlight-toc a[href="#depthwise-convolution-the-extreme-case"]').first(),
  ).toBeAttached();
  await page.screenshot({ path: 'shots/lesson.png', fullPage: true });
  await page.locator('.cce').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: 'shots/lesson-explorer.png' });
  expect(errors).toEqual([]);
});

test('the conv cost explorer recomputes as the sliders move', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(LESSON);
  const island = page.locator('astro-island[component-url*="ConvCostExplorer"]');
  await island.scrollIntoViewIfNeeded();
  // Islands are server-rendered first; wait for hydration before interacting
  // (docs/toolchain-notes.md#island-hydration).
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  const explorer = page.getByRole('region', { name: 'Conv cost explorer' });
  const params = explorer.locator('[data-metric="convCost.params"] .cce-value');
  const macs = explorer.locator('[data-metric="convCost.macs"] .cce-value');
  // Defaults: 240 -> 240, 1x1, 28x28, g = 1.
  await expect(params).toHaveText('57,600');
  await expect(macs).toHaveText((57600 * 28 * 28).toLocaleString('en'));

  // Keyboard only: the group slider steps through divisors of 240 (1, 2, 3, 4, ...).
  const groups = explorer.getByRole('slider', { name: 'Groups g' });
  await groups.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(groups).toHaveAttribute('aria-valuetext', '3');
  await expect(params).toHaveText('19,200');
  await expect(explorer).toContainText('3.00× fewer than the dense conv');

  // The kernel slider: 3x3 multiplies the parameters by 9.
  const kernel = explorer.getByRole('slider', { name: 'Kernel size k' });
  await kernel.focus();
  await page.keyboard.press('ArrowRight');
  await expect(params).toHaveText('172,800');

  // Depthwise: the last group choice for 240 -> 240 is g = 240.
  await groups.focus();
  await page.keyboard.press('End');
  await expect(groups).toHaveAttribute('aria-valuetext', '240');
  await expect(params).toHaveText((240 * 9).toLocaleString('en'));
  await expect(explorer).toContainText('depthwise convolution');
  await explorer.screenshot({ path: 'shots/conv-cost-explorer.png' });
  expect(errors).toEqual([]);
});

test('search finds the lesson', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Search' }).fill('depthwise');
  const hit = dialog.locator('a[href*="/shufflenet/group-convolution/"]').first();
  await expect(hit).toBeVisible({ timeout: 15_000 });
  await hit.click();
  await expect(page).toHaveURL(/\/shufflenet\/group-convolution\//);
  expect(errors).toEqual([]);
});

test('the home page lists the lesson and the theme can switch', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Group convolution' }).first()).toBeVisible();
  const theme = page.locator('starlight-theme-select select').first();
  await theme.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await theme.selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: 'shots/home.png' });
  expect(errors).toEqual([]);
});

test('an unknown page gets the 404 page', async ({ page }) => {
  const response = await page.goto('/no-such-lesson/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('404');
});
