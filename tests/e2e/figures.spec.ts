/**
 * The lessons' figures (site/figures/) and the widgets' visuals: every figure is an image with a
 * name and a description, sits in a labelled scroll region, fits a 360 px phone; the cost
 * explorer's charts load when opened; the shuffle flow steps by keyboard and says what it shows.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { hydratedIsland } from './islands.ts';
import { watchErrors } from './watch-errors.ts';

const FIGURES: Record<string, string[]> = {
  '/shufflenet/group-convolution/': ['conv-types'],
  '/shufflenet/channel-shuffle/': ['channel-shuffle'],
  '/shufflenet/v1-unit/': ['v1-unit-s1', 'v1-unit-s2', 'network-stages'],
  '/shufflenet/v2-architecture/': ['v2-unit-s1', 'v2-unit-s2', 'network-stages'],
};

async function axe(page: Page, selector: string): Promise<void> {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  expect(
    result.violations.map(
      (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target).join(', ')}`,
    ),
  ).toEqual([]);
}

for (const [path, names] of Object.entries(FIGURES)) {
  test(`figures on ${path} have text alternatives and fit a phone`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(path);
    const figures = page.locator('figure.lesson-figure');
    await expect(figures).toHaveCount(names.length);
    for (const [i, name] of names.entries()) {
      const figure = figures.nth(i);
      await expect(figure).toHaveAttribute('data-figure-name', name);
      const img = figure.getByRole('img');
      // The accessible name is the SVG's <title>, the description its <desc>.
      const title = await img.locator('title').textContent();
      expect(title!.length).toBeGreaterThan(10);
      await expect(img).toHaveAccessibleName(title!);
      const desc = await img.locator('desc').textContent();
      await expect(img).toHaveAccessibleDescription(desc!);
      await expect(figure.getByRole('region', { name: `Figure: ${title}` })).toBeVisible();
      await expect(figure.locator('figcaption')).not.toBeEmpty();
      const box = (await figure.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    }
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(360);
    await axe(page, 'figure.lesson-figure');
    expect(errors).toEqual([]);
  });
}

test('the V2 stages figure prints the shapes the runtime computes', async ({ page }) => {
  await page.goto('/shufflenet/v2-architecture/');
  const v2 = page.locator('figure[data-figure-name="network-stages"] [data-net="V2 1×"]');
  // Table 5 of the V2 paper, 1x: 28x28x116, 14x14x232, 7x7x464, conv5 1024.
  await expect(v2.locator('[data-row="Stage2"]')).toHaveAttribute('data-shape', '28×28×116');
  await expect(v2.locator('[data-row="Stage3"]')).toHaveAttribute('data-shape', '14×14×232');
  await expect(v2.locator('[data-row="Stage4"]')).toHaveAttribute('data-shape', '7×7×464');
  await expect(v2.locator('[data-row="Conv5 1×1"]')).toHaveAttribute('data-shape', '7×7×1024');
});

test('the cost explorer draws its charts when the reader opens them', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/shufflenet/group-convolution/');
  const explorer = page.getByRole('region', { name: 'Conv cost explorer' }).first();
  await hydratedIsland(page, 'ConvCostExplorer');
  const button = explorer.getByRole('button', { name: 'Show the charts' });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  // Nothing drawn before the reader asks.
  await expect(explorer.locator('[data-chart] svg')).toHaveCount(0);
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(explorer.getByRole('button', { name: 'Hide the charts' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  const groups = explorer.locator('[data-chart="groups"] svg[role="img"]');
  await expect(groups).toHaveAccessibleName(/^Cost against groups g/);
  await expect(groups).toHaveAccessibleDescription(/parameters and multiply-adds fall/);
  // One line per metric, drawn by Plot.
  await expect(groups.locator('path[d]')).not.toHaveCount(0);
  await expect(explorer.locator('[data-chart] svg[role="img"]')).toHaveCount(2);
  const ratio = explorer.locator('[data-chart="ratio"] svg[role="img"]');
  await expect(ratio).toHaveAccessibleName(/guideline G1/);
  // 240 x 240 at 28 x 28, g up to 240: params fall to 1/240 = 0.42%.
  await expect(explorer.locator('[data-chart="groups"] figcaption')).toContainText('0.42%');
  await axe(page, '.cce-charts');
  expect(errors).toEqual([]);
});

test('the shuffle flow steps by keyboard, with and without the shuffle', async ({ page }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/shufflenet/channel-shuffle/');
  const flow = page.locator('[data-shuffle-flow]');
  await hydratedIsland(page, 'ChannelShuffleView');
  const text = flow.locator('[data-flow-text]');
  await expect(text).toContainText('Input');
  const next = flow.getByRole('button', { name: 'Next step' });
  await next.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  await expect(flow).toHaveAttribute('data-step', '3');
  // c = 6, g = 2 (the viewer's start): n = 3 >= g, so every channel sees both groups.
  await expect(text).toContainText('at least 2 of the 2 input groups');
  await flow.getByRole('checkbox', { name: /Shuffle between/ }).press('Space');
  await expect(text).toContainText('at least 1 of the 2 input groups');
  // Reduced motion: Play shows the last step at once instead of animating.
  await flow.getByRole('button', { name: 'Previous step' }).click();
  await flow.getByRole('button', { name: 'Play' }).click();
  await expect(flow).toHaveAttribute('data-step', '3');
  await expect(flow.getByRole('img')).toHaveAccessibleName(/Information flow/);
  await axe(page, '[data-shuffle-flow]');
  expect(errors).toEqual([]);
});
