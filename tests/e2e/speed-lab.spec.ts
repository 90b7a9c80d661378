/**
 * Issue #17 items 4 and 5, #18 item 5: the speed lab (G1-G4 lab, V2 Table 8, the benchmark page)
 * runs on the reader's device. The G1-G4 lab in the guidelines lesson runs in a
 * worker with a small configuration, shows progress, can be cancelled, and plots its results.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { expectFourWays, openBench, runSmall } from './benchmark-page.ts';
import { hydratedIsland, watchRequests } from './islands.ts';
import { watchErrors } from './watch-errors.ts';

const LESSON = '/shufflenet/v2-guidelines/';

test('the G1-G4 lab runs a small configuration, tabulates and plots it, and cancels', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const requested = watchRequests(page);
  await page.goto(LESSON);
  await hydratedIsland(page, 'GuidelineLab');
  const lab = page.getByRole('region', { name: /G1-G4 lab/ });

  // Neither tfjs nor the plotting library loads before the reader asks for a run.
  expect(requested.filter((u) => /tfjs|\.wasm|plot/i.test(u))).toEqual([]);

  await lab.getByLabel('Backend').selectOption('cpu');
  await lab.getByLabel('Input').selectOption('14');
  await lab.getByLabel('Timed runs per case').selectOption('1');
  for (const g of ['G1', 'G3', 'G4']) await lab.getByLabel(g, { exact: true }).uncheck();
  await lab.getByRole('button', { name: 'Run the lab' }).click();
  await expect(lab.getByTestId('gl-done')).toContainText('Measured 4 cases on cpu', {
    timeout: 60_000,
  });
  for (const id of ['G2-g1', 'G2-g2', 'G2-g4', 'G2-g8']) {
    const cells = lab.locator(`tr[data-case="${id}"] td`);
    await expect(cells).toHaveCount(5);
    expect(Number(await cells.nth(0).textContent()), `${id} ms`).toBeGreaterThan(0);
  }
  // The baseline is 1 by definition; the paper's GPU ratio for g = 8 is 634 / 2451.
  await expect(lab.locator('tr[data-case="G2-g1"] td').nth(2)).toHaveText('1.00');
  await expect(lab.locator('tr[data-case="G2-g8"] td').nth(3)).toHaveText('0.26');
  const chart = lab.locator('.gl-chart [role="img"]');
  await expect(chart).toHaveAttribute('aria-label', /relative/);
  await expect(chart.locator('svg rect').first()).toBeVisible();
  await lab.screenshot({ path: 'shots/guideline-lab.png' });
  // The results (tables and chart) pass axe too, not only the page as first loaded.
  const scan = await new AxeBuilder({ page }).include('.gl').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual(
    [],
  );

  // A paper-sized run on the slow cpu backend is cancelled while it runs; the page stays live.
  await lab.getByLabel('G1', { exact: true }).check();
  await lab.getByLabel('Input').selectOption('56');
  await lab.getByRole('button', { name: 'Run the lab' }).click();
  await expect(lab.getByRole('progressbar', { name: 'Lab progress' })).toBeVisible();
  await lab.getByRole('button', { name: 'Cancel' }).click();
  await expect(lab.getByText('Cancelled.')).toBeVisible();
  await expect(lab.getByRole('button', { name: 'Run the lab' })).toBeEnabled();
  expect(errors).toEqual([]);
});

test('the speed-lab islands fit a 360 px phone without sideways scroll', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const [url, component] of [
    [LESSON, 'GuidelineLab'],
    ['/shufflenet/v2-architecture/', 'Table8Compare'],
    ['/shufflenet/benchmark/', 'InferenceBench'],
  ]) {
    await page.goto(url!);
    await hydratedIsland(page, component);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, url).toBeLessThanOrEqual(0);
  }
});

test("V2's Table 8 shows the runtime's counts and times the small pair on this device", async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/shufflenet/v2-architecture/');
  await hydratedIsland(page, 'Table8Compare');
  const table = page.getByRole('region', { name: /Table 8/ });
  // The runtime's own count for V2 1x in the authors' layout (the paper says 146).
  await expect(table.locator('tr[data-model="v2-1"] td').nth(1)).toHaveText('145.8');
  await expect(table.locator('tr[data-model="mobilenet-v1-0.5"] td').nth(1)).toHaveText('–');
  await table.getByLabel('Backend').selectOption('wasm');
  await table.getByLabel('Timed runs per case').selectOption('1');
  await table.getByRole('button', { name: 'Time them on this device' }).click();
  await expect(table.getByTestId('t8-done')).toContainText('Timed 2 models on wasm', {
    timeout: 60_000,
  });
  for (const id of ['v2-0.5', 'v1-0.5-g3']) {
    const ms = await table.locator(`tr[data-model="${id}"] [data-testid="t8-ms"]`).textContent();
    expect(Number(ms), id).toBeGreaterThan(0);
  }
  await expect(table.locator('tr[data-model="v2-1"] [data-testid="t8-ms"]')).toHaveText('–');
  expect(errors).toEqual([]);
});

test('the benchmark page runs the own wasm kernels and ONNX Runtime Web beside tfjs, and cancels', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const requested: string[] = [];
  page.on('request', (req) => requested.push(req.url()));
  const bench = await openBench(page);
  // The capability check loads no library: tfjs, its backends and ONNX Runtime wait for a run.
  expect(requested.filter((u) => /tfjs|ort|\.wasm|webgpu/i.test(u))).toEqual([]);
  await expect(bench.locator('[data-feature="wasmSimd"]')).toHaveAttribute('data-ok', 'true');
  // Headless Chromium with --disable-gpu has navigator.gpu but no adapter: said, not offered.
  await expect(bench.locator('[data-feature="webgpu"]')).toHaveAttribute('data-ok', 'false');
  await expect(bench.locator('[data-feature="webgpu"]')).toContainText(
    'WebGPU in a worker (tfjs webgpu): not available.',
  );
  const offered = await bench.getByLabel('Backend').locator('option').allTextContents();
  expect(offered).not.toContain('webgpu');
  expect(offered.slice(0, 2)).toEqual(['cpu', 'wasm']);

  await runSmall(bench, 'wasm');
  await expectFourWays(bench, 'wasm');
  // The own kernels' profile: 1x1 convolutions are among the op kinds timed.
  await expect(bench.locator('tr[data-profile="wasm v2-0.5 96 conv 1x1"] td').nth(2)).toHaveText(
    /^\d+\.\d\d$/,
  );
  expect(requested.some((u) => /ort-wasm-simd-threaded.*\.wasm/.test(u))).toBe(true);
  await bench.screenshot({ path: 'shots/inference-bench.png' });
  const scan = await new AxeBuilder({ page }).include('.gl').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual(
    [],
  );

  // All three models at 30 runs on cpu take far longer than this test: cancel midway.
  await bench.getByLabel('Backend').selectOption('cpu');
  await bench.getByLabel('Input').selectOption('224');
  await bench.getByLabel('Timed runs').selectOption('30');
  await bench.getByLabel('V2 1.0x').check();
  await bench.getByRole('button', { name: 'Run on cpu' }).click();
  await expect(bench.getByRole('progressbar', { name: 'Lab progress' })).toBeVisible();
  await bench.getByRole('button', { name: 'Cancel' }).click();
  await expect(bench.getByText('Cancelled.')).toBeVisible();
  await expect(bench.locator('tr[data-row^="cpu"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});
