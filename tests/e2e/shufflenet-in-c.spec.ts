import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';

const LESSON = '/zynq/shufflenet-in-c/';

async function openWidget(page: Page) {
  await page.goto(LESSON);
  const island = page.locator('astro-island[component-url*="QuantCompare"]');
  await island.scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  return page.getByRole('region', { name: 'Float against int8, layer by layer' });
}

test('the float-vs-int8 widget follows the layer chosen with the keyboard', async ({ page }) => {
  const errors = watchErrors(page);
  const widget = await openWidget(page);
  const select = widget.getByRole('combobox', { name: 'Layer output' });
  await expect(select).toHaveValue('1');
  // The charts arrive with the lazily loaded plotting library.
  await expect(widget.getByTestId('qcmp-histogram').locator('svg')).toBeVisible();
  await expect(widget.getByTestId('qcmp-errors').locator('svg')).toBeVisible();
  const first = await widget.getByTestId('qcmp-rms').textContent();
  await select.focus();
  await page.keyboard.press('End');
  await expect(select).toHaveValue(String((await select.locator('option').count()) - 1));
  await expect(select.locator('option:checked')).toHaveText('fc (1 × 1 × 10)');
  await expect(widget.getByTestId('qcmp-rms')).not.toHaveText(first!);
  await expect(widget.getByTestId('qcmp-histogram').locator('svg')).toHaveAttribute(
    'aria-label',
    /int8 codes of fc/,
  );
  expect(errors).toEqual([]);
});

test('the console runs the loop order example on the board', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(LESSON);
  const island = page.locator('astro-island[component-url*="BoardConsole"]').first();
  await island.scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  const board = page.getByRole('region', { name: 'Zynq-7000 board console' }).first();
  await board.getByRole('button', { name: 'Start the console' }).click();
  await board.getByRole('button', { name: 'Run' }).click();
  await board.getByText('UART transcript as text').click();
  const transcript = board.getByRole('log', { name: 'UART transcript as text' });
  await expect(transcript).toContainText('MACs        451584', { timeout: 45_000 });
  await expect(transcript).toContainText(/pixel-outer \d+ cycles/, { timeout: 15_000 });
  await expect(transcript).toContainText('same output yes', { timeout: 15_000 });
  expect(errors).toEqual([]);
});

test.describe('on a phone', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });

  test('the widget fits 360 px without sideways scrolling', async ({ page }) => {
    const widget = await openWidget(page);
    await expect(widget.getByTestId('qcmp-histogram').locator('svg')).toBeVisible();
    const box = (await widget.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await widget.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
  });
});
