/**
 * Issue #14's fixes outside the exercise, editor and board widgets: widgets isolated from the
 * content styles, phones, one rule for g in both explorers, search, the home page's course map.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { manifest } from '../../exercises/manifest.ts';
import { watchErrors } from './watch-errors.ts';

/** Lessons of a track: the course map lists every MDX file of its folder. */
const lessonsIn = (track: string) =>
  readdirSync(`site/lessons/${track}`).filter((name) => name.endsWith('.mdx')).length;

/** Waits until the island that renders `component` has hydrated (Astro drops its `ssr`). */
async function hydrated(page: Page, component: string): Promise<void> {
  const island = page.locator(`astro-island[component-url*="${component}"]`).first();
  await island.scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
}

/** Moves a focused range slider with the arrow keys until its value text is `target`. */
async function stepTo(page: Page, slider: Locator, target: string, key = 'ArrowRight') {
  await slider.focus();
  for (let step = 0; step < 80; step++) {
    if ((await slider.getAttribute('aria-valuetext')) === target) return;
    await page.keyboard.press(key);
  }
  throw new Error(`slider never reached ${target}`);
}

/** The top edges of `locator`'s elements, relative to the first one's, in CSS pixels. */
async function relativeTops(locator: Locator): Promise<number[]> {
  const tops = await locator.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
  return tops.map((top) => Math.round(top - tops[0]!));
}

test.describe('widgets keep their own layout inside lesson content', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the channel shuffle viewer draws every group block of a row on one line', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto('/shufflenet/channel-shuffle/');
    await hydrated(page, 'ChannelShuffleView');
    for (const row of ['before', 'after', 'inverse']) {
      // Default c = 6, g = 2: two blocks of three boxes, side by side.
      const blocks = page.locator(`.csv [data-row="${row}"] [aria-hidden="true"] > div`);
      await expect(blocks).toHaveCount(2);
      expect(await relativeTops(blocks), `blocks of the ${row} row`).toEqual([0, 0]);
    }
    expect(errors).toEqual([]);
  });

  test("the Fashion demo's Stop button sits level with the Train button", async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/shufflenet/fashion-mnist/');
    await hydrated(page, 'FashionDemo');
    // The trained-model demo; the drawing and transfer demos on the same page have rows of their own.
    const demo = page.getByRole('region', { name: 'Fashion-MNIST with a trained ShuffleNet' });
    const row = demo.locator('.fd-train > *');
    expect(await row.count()).toBe(4); // label, steps field, Train, Stop training
    const train = demo.getByRole('button', { name: 'Train', exact: true });
    const stop = demo.getByRole('button', { name: 'Stop training' });
    const [trainBox, stopBox] = [await train.boundingBox(), await stop.boundingBox()];
    expect(Math.round(stopBox!.y - trainBox!.y)).toBe(0);
    expect(stopBox!.x).toBeGreaterThan(trainBox!.x + trainBox!.width);
    expect(errors).toEqual([]);
  });
});

for (const width of [360, 390]) {
  test.describe(`a phone ${width} px wide`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('the runtime demo fits the page (its Input select shrinks)', async ({ page }) => {
      await page.goto('/shufflenet/v2-architecture/');
      await hydrated(page, 'RuntimeDemo');
      const sizes = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
        selectRight: Math.max(
          ...[...document.querySelectorAll('.rd select')].map(
            (s) => s.getBoundingClientRect().right,
          ),
        ),
      }));
      expect(sizes.page).toBeLessThanOrEqual(sizes.view);
      expect(sizes.selectRight).toBeLessThanOrEqual(sizes.view);
    });

    test('formulas in tables keep each symbol with its exponent on one line', async ({ page }) => {
      await page.goto('/shufflenet/v1-unit/');
      // Every KaTeX atom (`.base`: a run KaTeX never breaks) in a table: its glyphs share a line.
      const broken = await page.locator('table .katex-html .base').evaluateAll((bases) =>
        bases
          .filter((base) => {
            const range = document.createRange();
            range.selectNodeContents(base);
            const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
            const lowestTop = Math.max(...rects.map((r) => r.top));
            const highestBottom = Math.min(...rects.map((r) => r.bottom));
            return lowestTop >= highestBottom; // two glyphs with no vertical overlap: a line break
          })
          .map((base) => base.textContent),
      );
      expect(await page.locator('table .katex-html .base').count()).toBeGreaterThan(10);
      expect(broken).toEqual([]);
    });
  });
}

test.describe('one rule for g when the channels change', () => {
  test('the cost explorer keeps the reader’s g, shows the largest valid g below it, and says so', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto('/shufflenet/group-convolution/');
    await hydrated(page, 'ConvCostExplorer');
    const explorer = page.getByRole('region', { name: 'Conv cost explorer' });
    const c1 = explorer.getByRole('slider', { name: 'Input channels c₁' });
    const groups = explorer.getByRole('slider', { name: 'Groups g' });
    const note = explorer.locator('[data-groups-note]');
    await expect(note).toHaveAttribute('aria-live', 'polite');
    await stepTo(page, groups, '3');
    await expect(note).toBeHidden();
    // c1 = 248: valid g are 1, 2, 4, 8. g = 3 became 4 before; now 2, and the reader is told.
    await stepTo(page, c1, '248');
    await expect(groups).toHaveAttribute('aria-valuetext', '2');
    await expect(note).toBeVisible();
    await expect(note).toHaveText(/g = 3 does not divide both c₁ = 248 and c₂ = 240, so g = 2/);
    // Back to 240: the reader's g = 3 comes back and the note goes.
    await stepTo(page, c1, '240', 'ArrowLeft');
    await expect(groups).toHaveAttribute('aria-valuetext', '3');
    await expect(note).toBeHidden();
    expect(errors).toEqual([]);
  });

  test('the shuffle viewer follows the same rule and says so', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/shufflenet/channel-shuffle/');
    await hydrated(page, 'ChannelShuffleView');
    const viewer = page.getByRole('region', { name: 'Channel shuffle viewer' });
    const channels = viewer.getByRole('slider', { name: 'Channels c' });
    const groups = viewer.getByRole('slider', { name: 'Groups g' });
    const note = viewer.locator('[data-groups-note]');
    await expect(note).toHaveAttribute('aria-live', 'polite');
    await stepTo(page, channels, '12');
    await stepTo(page, groups, '4');
    await stepTo(page, channels, '10', 'ArrowLeft');
    await expect(groups).toHaveAttribute('aria-valuetext', '2');
    await expect(note).toHaveText(/g = 4 does not divide c = 10, so g = 2/);
    await stepTo(page, channels, '12');
    await expect(groups).toHaveAttribute('aria-valuetext', '4');
    await expect(note).toBeHidden();
    expect(errors).toEqual([]);
  });
});

test('search lists each page once, and an exercise only at its own page', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).first().click();
  const dialog = page.getByRole('dialog');
  for (const query of ['channel shuffle', 'group convolution', 'fold batchnorm']) {
    await dialog.getByRole('textbox', { name: 'Search' }).fill(query);
    const results = dialog.locator('.pagefind-ui__result');
    await expect(results.first()).toBeVisible({ timeout: 15_000 });
    await expect(dialog.locator('.pagefind-ui__message')).toContainText(query);
    // Each result: its page, and every link it shows (the page and its matching sections).
    const found = await results.evaluateAll((items) =>
      items.map((item) => {
        const paths = [...item.querySelectorAll('a.pagefind-ui__result-link')].map(
          (a) => new URL((a as HTMLAnchorElement).href).pathname,
        );
        const titles = [...item.querySelectorAll('.pagefind-ui__result-link')].map(
          (a) => a.textContent?.trim() ?? '',
        );
        return { page: paths[0]!, paths, titles };
      }),
    );
    const pages = found.map((r) => r.page);
    expect(pages, `pages for "${query}"`).toEqual([...new Set(pages)]);
    // An exercise ("Exercise N: title") is found at its own page, not again in its lesson.
    for (const result of found) {
      const exercises = result.titles.filter((title) => /^Exercise \d+:/.test(title));
      if (exercises.length > 0) expect(result.page, `${exercises} under`).toMatch(/^\/exercises\//);
    }
  }
  expect(errors).toEqual([]);
});

test('the home page maps both tracks with the reader’s progress and a clear start', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await hydrated(page, 'CourseMap');
  const shufflenet = page.getByRole('region', { name: 'ShuffleNet' });
  const zynq = page.getByRole('region', { name: 'Deploying on Zynq-7000' });
  const shufflenetLessons = lessonsIn('shufflenet');
  await expect(shufflenet.locator('[data-lesson]')).toHaveCount(shufflenetLessons);
  await expect(zynq.locator('[data-lesson]')).toHaveCount(lessonsIn('zynq'));
  await expect(shufflenet.locator('[data-summary]')).toContainText(
    `0 of ${shufflenetLessons} lessons opened`,
  );
  const start = page.locator('[data-start]');
  await expect(start).toHaveText(/Start with the first lesson/);
  await expect(page.getByRole('heading', { name: 'What runs in your browser' })).toBeVisible();

  // Open two lessons and solve an exercise (as its page records it), then come back.
  await start.click();
  await expect(page).toHaveURL(/\/shufflenet\/group-convolution\/$/);
  // The visit is recorded by the page's module script, which has run once the page has loaded.
  await page.waitForLoadState('load');
  await page.goto('/zynq/xil-io/');
  await page.evaluate(() =>
    localStorage.setItem(
      'shufflenet-lab:v1:progress:shufflenet/01-group-conv-params',
      JSON.stringify({ hintsShown: 0, attempts: 1, failedAttempts: 0, solved: true }),
    ),
  );
  await page.goto('/');
  await hydrated(page, 'CourseMap');
  await expect(shufflenet.locator('[data-summary]')).toHaveText(
    // Exercises count under their lesson's track (shufflenet/13 sits in a Zynq lesson).
    `1 of ${shufflenetLessons} lessons opened · 1 of ${
      manifest.filter((e) => e.lesson.startsWith('shufflenet/')).length
    } exercises solved`,
  );
  await expect(zynq.locator('[data-summary]')).toContainText(
    `1 of ${lessonsIn('zynq')} lessons opened`,
  );
  await expect(
    shufflenet.locator('[data-lesson="shufflenet/group-convolution"] .cm-badge').first(),
  ).toHaveText('opened');
  await expect(
    shufflenet.locator('[data-exercise="shufflenet/01-group-conv-params"] .cm-badge'),
  ).toHaveText('solved');
  await expect(page.locator('[data-start]')).toHaveText('Continue with Channel shuffle');
  expect(errors).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`buttons, selects and fields share one look in the ${colorScheme} theme`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    const look = (selector: string) =>
      page.locator(selector).evaluateAll((els) =>
        els.map((el) => {
          const s = getComputedStyle(el);
          return {
            radius: s.borderTopLeftRadius,
            border: `${s.borderTopWidth} ${s.borderTopStyle}`,
            borderColor: s.borderTopColor,
            fontSize: s.fontSize,
            minHeight: s.minHeight,
          };
        }),
      );
    await page.goto('/shufflenet/v2-architecture/');
    await hydrated(page, 'RuntimeDemo');
    const rdButtons = await look('.rd button');
    const rdSelects = await look('.rd select');
    await page.goto('/shufflenet/fashion-mnist/');
    await hydrated(page, 'FashionDemo');
    const fdButtons = await look('.fd button');
    const fdFields = await look('.fd input[type="number"]');
    expect(rdButtons.length + fdButtons.length).toBeGreaterThanOrEqual(4);
    const [first] = rdButtons;
    for (const control of [...rdButtons, ...fdButtons, ...rdSelects, ...fdFields]) {
      expect(control).toEqual(first);
    }
    // The theme's own colours, not the browser's defaults (a 2 px grey radius, 13.33 px text).
    expect(first!.radius).toBe('6px');
    expect(first!.fontSize).not.toBe('13.3333px');
  });
}
