import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';

const LESSON = '/shufflenet/channel-shuffle/';

/**
 * The shuffle from its definition (ShuffleNet V1 Sec 3.1, torchvision's channel_shuffle):
 * output position j*g + i holds input channel i*n + j, with n = c / g. Written out the way the
 * viewer prints a row: the next layer's groups of n, separated by '; '.
 */
function expectedOrder(c: number, g: number, inverse = false): string {
  const n = c / g;
  const sources: number[] = [];
  for (let i = 0; i < g; i++) {
    for (let j = 0; j < n; j++) {
      if (inverse) sources[i * n + j] = j * g + i;
      else sources[j * g + i] = i * n + j;
    }
  }
  const groups: string[] = [];
  for (let k = 0; k < c; k += n) groups.push(sources.slice(k, k + n).join(', '));
  return groups.join('; ');
}

/** Moves a focused range slider to `target` with arrow keys only, reading its current value. */
async function stepTo(page: Page, slider: Locator, target: string, maxSteps = 40): Promise<void> {
  await slider.focus();
  for (let step = 0; step < maxSteps; step++) {
    if ((await slider.getAttribute('aria-valuetext')) === target) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`slider never reached ${target}`);
}

test('the channel shuffle viewer shows the permutation for the chosen c and g', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(LESSON);
  await expect(page.getByRole('heading', { level: 1, name: 'Channel shuffle' })).toBeVisible();
  const island = page.locator('astro-island[component-url*="ChannelShuffleView"]');
  await island.scrollIntoViewIfNeeded();
  // Islands are server-rendered first; wait for hydration before using the keyboard.
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  const viewer = page.getByRole('region', { name: 'Channel shuffle viewer' });
  const channels = viewer.getByRole('slider', { name: 'Channels c' });
  const groups = viewer.getByRole('slider', { name: 'Groups g' });
  const after = viewer.locator('[data-row="after"] [data-order]');

  // Start from the lowest values with Home, then step up: c = 12, then g = 3 (divisors 1, 2, 3).
  await channels.focus();
  await page.keyboard.press('Home');
  await stepTo(page, channels, '12');
  await groups.focus();
  await page.keyboard.press('Home');
  await expect(groups).toHaveAttribute('aria-valuetext', '1');
  await stepTo(page, groups, '3');
  await expect(viewer).toContainText('Only divisors of c: 1, 2, 3, 4, 6, 12');

  await expect(after).toContainText(expectedOrder(12, 3));
  await expect(viewer.locator('[data-row="before"] [data-order]')).toContainText(
    '0, 1, 2, 3; 4, 5, 6, 7; 8, 9, 10, 11',
  );
  await expect(viewer.locator('[data-row="inverse"] [data-order]')).toContainText(
    expectedOrder(12, 3, true),
  );
  await expect(viewer.locator('[data-inverse-note]')).toContainText('different order');
  await expect(viewer.locator('[data-mixing]')).toContainText('from 3 of the 3 input groups');
  // The boxes are drawn in the same order as the text says.
  const titles = await viewer
    .locator('[data-row="after"] span[title]')
    .evaluateAll((spans) => spans.map((span) => span.getAttribute('title') ?? ''));
  expect(titles.map((title) => /Channel (\d+)/.exec(title)?.[1]).join(', ')).toBe(
    expectedOrder(12, 3).replaceAll(';', ','),
  );
  await viewer.screenshot({ path: 'shots/channel-shuffle-view.png' });

  // c = 9 keeps g = 3, and a square matrix makes the shuffle its own inverse.
  await channels.focus();
  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowLeft');
  await expect(channels).toHaveAttribute('aria-valuetext', '9');
  await expect(groups).toHaveAttribute('aria-valuetext', '3');
  await expect(after).toContainText(expectedOrder(9, 3));
  await expect(viewer.locator('[data-inverse-note]')).toContainText('c = g × g = 9');
  expect(errors).toEqual([]);
});
