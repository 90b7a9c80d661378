/**
 * The lesson zynq/shufflenet-in-c's network console: the exported int8 ShuffleNet, downloaded and
 * built in the page's board worker, classifies three sample images, and the page shows the same
 * lines the Node board run (`npm run board -- run ... --until-return`) prints for the same program.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';

const LESSON = '/zynq/shufflenet-in-c/';
const IMAGES = 3;

interface Program {
  files: Record<string, string>;
  sources: string[];
}

/** The lines the Node board prints for the page's own asset, built for the first `images`. */
function nodeBoardLines(program: Program, images: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'shufflenet-board-e2e-'));
  try {
    for (const [name, text] of Object.entries(program.files)) {
      const body = name === 'main.c' ? `#define SAMPLE_LIMIT ${images}\n${text}` : text;
      writeFileSync(join(dir, name), body);
    }
    const run = spawnSync(
      join('node_modules', '.bin', 'node'),
      ['board/cli.ts', 'run', ...program.sources.map((s) => join(dir, s)), '--until-return'],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    return run.stdout.split(/\r?\n/).filter((l) => /^(\d+ \d+ \d+|correct=\d+\/\d+)$/.test(l));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function openConsole(page: Page) {
  await page.goto(LESSON);
  const island = page.locator('astro-island[component-url*="ShufflenetBoard"]');
  await island.scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  return page.getByRole('region', { name: 'The network on the simulated board' });
}

test('the network console classifies three images as the Node board does', async ({
  page,
  request,
}) => {
  // The build reads 2.2 MB of C, in the page and in Node: minutes on a busy machine.
  test.setTimeout(420_000);
  const errors = watchErrors(page);
  const console_ = await openConsole(page);
  const log = console_.getByRole('log', { name: 'UART output' });
  await expect(console_.getByRole('status')).toHaveText(
    'Choose how many images to classify and press Run.',
  );
  await console_.getByRole('combobox', { name: 'Images to classify' }).selectOption(`${IMAGES}`);
  await console_.getByRole('button', { name: 'Run' }).click();
  await expect(console_.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await expect(log).toContainText('correct=', { timeout: 300_000 });

  const response = await request.get('/shufflenet/int8-c.json');
  expect(response.ok()).toBe(true);
  const expected = nodeBoardLines((await response.json()) as Program, IMAGES);
  expect(expected).toHaveLength(IMAGES + 1);
  expect(expected.at(-1)).toMatch(new RegExp(`^correct=\\d+/${IMAGES}$`));

  const shown = ((await log.textContent()) ?? '').split('\n').filter((l) => l !== '');
  expect(shown).toEqual(expected);
  const correct = /^correct=(\d+)/.exec(expected.at(-1)!)![1];
  await expect(console_.getByRole('status')).toHaveText(
    `Done: ${correct} of ${IMAGES} images classified correctly.`,
  );
  await expect(console_.getByTestId('snb-done')).toHaveText(`${IMAGES} of ${IMAGES}`);
  await expect(console_.getByTestId('snb-cycles')).toHaveText(/^\d{1,3}(,\d{3})+$/);
  await expect(console_.getByTestId('snb-time')).toHaveText(/^0\.\d\d s of at most 2\.50 s$/);
  await expect(console_.getByRole('button', { name: 'Stop' })).toBeDisabled();
  // The console with its results, not only as first drawn (pages.spec.ts), passes axe.
  const { violations } = await new AxeBuilder({ page }).include('.snb').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`)).toEqual([]);
  await console_.screenshot({ path: 'shots/shufflenet-board-done.png' });
  expect(errors).toEqual([]);
});

test('Stop ends a 200-image run between images, and the page stays responsive', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  const console_ = await openConsole(page);
  const log = console_.getByRole('log', { name: 'UART output' });
  await console_.getByRole('combobox', { name: 'Images to classify' }).selectOption('200');
  await console_.getByRole('button', { name: 'Run' }).click();
  await expect(log).toContainText(/^0 \d \d/, { timeout: 240_000 });
  // Keyboard: Stop is reachable and works from the keyboard while the board runs.
  await console_.getByRole('button', { name: 'Stop' }).focus();
  await page.keyboard.press('Enter');
  await expect(console_.getByRole('status')).toHaveText(/^Stopped after \d+ of 200 images\.$/);
  const lines = ((await log.textContent()) ?? '').split('\n').filter((l) => l !== '');
  expect(lines.length).toBeLessThan(200);
  expect(lines.join('\n')).not.toContain('correct=');
  await expect(console_.getByRole('button', { name: 'Run' })).toBeEnabled();
  await expect(console_.getByTestId('snb-done')).toHaveText(`${lines.length} of 200`);
  expect(errors).toEqual([]);
});

test.describe('on a phone', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });

  test('the network console fits 360 px without sideways scrolling', async ({ page }) => {
    const console_ = await openConsole(page);
    const box = (await console_.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await console_.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
  });
});
