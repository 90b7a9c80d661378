import { expect, test } from '@playwright/test';
import { hydratedIsland, watchRequests } from './islands.ts';
import { watchErrors } from './watch-errors.ts';

const LESSON = '/shufflenet/v2-architecture/';

test('the V2 lesson shows the exact cost and runs the runtime on cpu, wasm and webgl', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const requested = watchRequests(page);

  await page.goto(LESSON);
  await hydratedIsland(page, 'RuntimeDemo');
  const demo = page.getByRole('region', { name: 'ShuffleNet V2 in your browser' });

  // torchvision's shufflenet_v2_x0_5 has 1,366,792 parameters and 40.5 MMACs.
  await expect(demo.getByTestId('rd-totals')).toContainText('1,366,792 parameters');
  await expect(demo.getByTestId('rd-totals')).toContainText('40.5 million multiply-adds');
  await demo.getByLabel('Width').selectOption('2');
  await demo.getByLabel('Layout').selectOption('paper');
  await expect(demo.getByTestId('rd-totals')).toContainText('590.8 million multiply-adds');
  await demo.getByLabel('Layout').selectOption('torchvision');
  await expect(demo.getByTestId('rd-totals')).toContainText('583.3 million multiply-adds');

  // tfjs is not loaded before the reader asks for a run.
  expect(requested.filter((u) => /tfjs|\.wasm/.test(u))).toEqual([]);
  await demo.getByLabel('Width').selectOption('0.5');
  await demo.getByLabel('Input').selectOption('fashion');
  await demo.getByRole('button', { name: 'Run a forward pass on every backend' }).click();
  for (const backend of ['cpu', 'wasm', 'webgl']) {
    const row = demo.locator(`tr[data-backend="${backend}"]`);
    await expect(row.getByTestId('rd-diff')).toBeVisible({ timeout: 60_000 });
    const diff = Number(await row.getByTestId('rd-diff').textContent());
    expect(diff, `${backend} vs cpu`).toBeLessThan(1e-4);
  }
  expect(requested.some((u) => u.endsWith('.wasm'))).toBe(true);
  await demo.screenshot({ path: 'shots/runtime-demo.png' });
  expect(errors).toEqual([]);
});
