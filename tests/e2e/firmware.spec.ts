import { expect, test } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';

const LESSON = '/zynq/xil-io/';

test('the Zynq console builds and runs firmware on the simulated board', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(LESSON);
  // The board console in batch mode (the lesson's interactive console is a BoardConsole too).
  const island = page
    .locator('astro-island[component-url*="BoardConsole"]')
    .filter({ has: page.getByRole('region', { name: 'Simulated Zynq-7000 console' }) });
  await island.scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  const consoleRegion = page.getByRole('region', { name: 'Simulated Zynq-7000 console' });
  const output = consoleRegion.getByRole('log', { name: 'Console output' });
  const run = consoleRegion.getByRole('button', { name: 'Build and run' });

  await run.click();
  await expect(output).toContainText('[board] returned 0', { timeout: 30_000 });
  await expect(output).toContainText('LED 7 on, switches 0x00');
  // The last LED written stays lit: LD7 only.
  await expect(consoleRegion.getByRole('img', { name: 'LD7 on' })).toBeVisible();
  await expect(consoleRegion.getByRole('img', { name: 'LD0 off' })).toBeVisible();
  await consoleRegion.screenshot({ path: 'shots/firmware-console.png' });

  // Pitfall 1: without xil_io.h, GCC warns and GNU ld fails on the static inline function.
  const source = consoleRegion.getByLabel('main.c');
  const code = await source.inputValue();
  await source.fill(code.replace('#include "xil_io.h"\n', ''));
  await source.press('Control+Enter');
  await expect(output).toContainText("undefined reference to `Xil_Out32'", { timeout: 30_000 });
  await expect(output).toContainText(
    "main.c:7:3: warning: implicit declaration of function 'Xil_Out32'",
  );
  await expect(output).toContainText('collect2: error: ld returned 1 exit status');
  expect(errors).toEqual([]);
});
