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
  const example = await source.inputValue();
  const edited = example.replace('#include "xil_io.h"\n', '');
  await source.fill(edited);
  await source.press('Control+Enter');
  await expect(output).toContainText('[board] build failed', { timeout: 30_000 });
  // The build's messages are listed on their own, each naming a line of main.c a link to it.
  const messages = consoleRegion.getByRole('group', { name: 'Build messages' });
  await expect(messages).toContainText("undefined reference to `Xil_Out32'");
  await expect(messages).toContainText('collect2: error: ld returned 1 exit status');
  const warning = messages.getByRole('button', {
    name: "main.c:7:3: warning: implicit declaration of function 'Xil_Out32'",
  });
  await warning.click();
  // Following the message opens the code editor (Monaco) with the warning as a marker, the
  // cursor on line 7, column 3, where typing goes.
  const editor = consoleRegion.locator('.monaco-editor');
  await expect(editor).toBeVisible({ timeout: 20_000 });
  // (The editor draws every build message as an error marker, monaco.ts setCompileErrors; the
  // implicit declarations of Xil_Out32 and Xil_In32 are two.)
  await expect(editor.locator('.squiggly-error')).toHaveCount(2);
  await page.keyboard.type('X');
  await expect(editor.locator('.view-line', { hasText: 'XXil_Out32(' })).toHaveCount(1);

  // The learner's code survives a reload; "Back to the example" restores (and forgets) it.
  await page.reload();
  const again = page.getByRole('region', { name: 'Simulated Zynq-7000 console' });
  await again.scrollIntoViewIfNeeded();
  const restored = again.getByLabel('main.c');
  await expect(restored).toHaveValue(edited.replace('  Xil_Out32(', '  XXil_Out32('));
  await again.getByRole('button', { name: 'Back to the example' }).click();
  await expect(restored).toHaveValue(example);
  await page.reload();
  await page.getByRole('region', { name: 'Simulated Zynq-7000 console' }).scrollIntoViewIfNeeded();
  await expect(
    page.getByRole('region', { name: 'Simulated Zynq-7000 console' }).getByLabel('main.c'),
  ).toHaveValue(example);
  expect(errors).toEqual([]);
});
