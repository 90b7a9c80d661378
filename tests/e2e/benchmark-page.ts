/**
 * The benchmark page's island for e2e tests (speed-lab.spec.ts, benchmark-webgpu.spec.ts): open
 * it, run a small configuration with every way, check the rows.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { hydratedIsland } from './islands.ts';

/** The benchmark island, hydrated, with its capability check finished. */
export async function openBench(page: Page) {
  await page.goto('/shufflenet/benchmark/');
  await hydratedIsland(page, 'InferenceBench');
  const bench = page.getByRole('region', { name: 'Inference benchmark' });
  await expect(bench.locator('[data-feature="webgpu"]')).toBeVisible({ timeout: 15_000 });
  return bench;
}

/** One small run on `backend` (V2 0.5x at 96x96, 3 timed runs) with every way ticked. */
export async function runSmall(bench: Locator, backend: string) {
  await bench.getByLabel('Backend').selectOption(backend);
  await bench.getByLabel('Input').selectOption('96');
  await bench.getByLabel('Timed runs').selectOption('3');
  for (const label of ['V2 1.0x', 'V1 1.0x g=3']) await bench.getByLabel(label).uncheck();
  for (const label of ['fast path, tfjs', 'fast path, own wasm SIMD kernels', /ONNX Runtime/]) {
    await bench.getByLabel(label).check();
  }
  await bench.getByRole('button', { name: `Run on ${backend}` }).click();
  await expect(bench.getByTestId('ib-done')).toContainText(`Finished on ${backend}`, {
    timeout: 90_000,
  });
}

/** The four ways' rows of V2 0.5x at 96x96 on `backend`: timed, and equal to the plain path. */
export async function expectFourWays(bench: Locator, backend: string) {
  for (const way of ['fast', 'fastWasm', 'ortWeb', 'plain']) {
    const row = bench.locator(`tr[data-row="${backend} v2-0.5 96 ${way}"]`);
    const ms = (await row.getByTestId('ib-ms').textContent())!.split(' / ').map(Number);
    expect(ms[0], `${way} median`).toBeGreaterThan(0);
    expect(ms[1], `${way} p90`).toBeGreaterThanOrEqual(ms[0]!);
    expect(Number(await row.getByTestId('ib-diff').textContent()), way).toBeLessThan(1e-4);
    expect(Number(await row.getByTestId('ib-ratio').textContent()), way).toBeGreaterThan(0);
  }
  await expect(
    bench.locator(`tr[data-row="${backend} v2-0.5 96 plain"] [data-testid="ib-ratio"]`),
  ).toHaveText('1.00');
}
