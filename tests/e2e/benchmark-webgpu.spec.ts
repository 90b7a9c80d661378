/**
 * Issue #17 item 4: the benchmark page on WebGPU. Headless Chromium on Linux has WebGPU off; with
 * --enable-unsafe-webgpu (and without playwright.config.ts's --disable-gpu) a worker gets an
 * adapter on SwiftShader, the CPU Vulkan implementation built into Chromium, so the real path
 * runs here with nothing downloaded (slowly: the numbers say nothing about a GPU's speed).
 */
import { expect, test } from '@playwright/test';
import { expectFourWays, openBench, runSmall } from './benchmark-page.ts';
import { watchErrors } from './watch-errors.ts';

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--enable-unsafe-webgpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
});

test('the benchmark page offers webgpu where a worker gets a device, and runs on it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const bench = await openBench(page);
  await expect(bench.locator('[data-feature="webgpu"]')).toHaveAttribute('data-ok', 'true');
  await expect(bench.getByLabel('Backend').locator('option[value="webgpu"]')).toHaveCount(1);
  await runSmall(bench, 'webgpu');
  await expectFourWays(bench, 'webgpu');
  expect(errors).toEqual([]);
});
