import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';

const LESSON = '/zynq/amp-boot/';

/** The lesson's first board console: CPU0's and CPU1's programs of the two-core example. */
async function openConsole(page: Page) {
  await page.goto(LESSON);
  const island = page.locator('astro-island[component-url*="BoardConsole"]').first();
  await island.scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  return page.getByRole('region', { name: 'Zynq-7000 board console' }).first();
}

test('the AMP lesson runs two programs: CPU0 starts CPU1, both print, xsdb lists both', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const board = await openConsole(page);

  // Each .c file says whose program it is.
  await expect(board.getByLabel('cpu0.c (CPU0)')).toHaveValue(/sev\(\);/);
  await expect(board.getByLabel('cpu1.c (CPU1, linked at 0x02000000)')).toHaveValue(
    /CPU1_READY = 1;/,
  );
  await expect(board.getByLabel('shared.h')).toHaveValue(/#define CPU1_ENTRY 0x02000000U/);

  await board.getByRole('button', { name: 'Start the console' }).click();
  await board.getByRole('button', { name: 'Run' }).click();
  await board.getByText('UART transcript as text').click();
  const transcript = board.getByRole('log', { name: 'UART transcript as text' });
  await expect(transcript).toContainText(
    'CPU0: starting CPU1 at 0x02000000\nCPU1: main is running at 0x02000000\nCPU0: CPU1 began main',
    { timeout: 30_000 },
  );
  await expect(transcript).toContainText(
    /CPU0: CPU1 summed 64 words: 85344 \(expected 85344\), \d+ ns after JOB_READY/,
  );
  // CPU0's main returned, but CPU1 sleeps in wfe: the board runs on, as a real one would.
  await expect(board.getByText('Board: running')).toBeVisible();

  const command = board.getByRole('textbox', { name: 'xsdb command' });
  const log = board.getByRole('log', { name: 'xsdb output' });
  await command.fill('targets');
  await command.press('Enter');
  await expect(log).toContainText('2* ARM Cortex-A9 MPCore #0 (Exited, main returned 0)');
  await expect(log).toContainText('3  ARM Cortex-A9 MPCore #1 (Running, WFI/WFE)');
  await command.fill('state');
  await command.press('Enter');
  await expect(log).toContainText('CPU0: main returned 0');
  await expect(log).toContainText(/CPU1: sleeping \(WFI\/WFE\) in main \(cpu1\.c:\d+\)/);
  // The flags in OCM, and the OCM section's descriptor after Xil_SetTlbAttributes.
  await command.fill('mrd 0xFFFF0000');
  await command.press('Enter');
  await expect(log).toContainText('FFFF0000:   00000001');
  await command.fill('mrd 0xF8F07FFC');
  await command.press('Enter');
  await expect(log).toContainText('F8F07FFC:   FFF14DE2');
  expect(errors).toEqual([]);
});

test('without sev CPU1 stays in the boot ROM and CPU0 says so', async ({ page }) => {
  const errors = watchErrors(page);
  const board = await openConsole(page);
  const source = board.getByLabel('cpu0.c (CPU0)');
  const code = await source.inputValue();
  await source.fill(code.replace(/^ {2}sev\(\);.*\n/m, ''));
  await expect(source).not.toHaveValue(/sev\(\);/);

  await board.getByRole('button', { name: 'Start the console' }).click();
  await board.getByRole('button', { name: 'Run' }).click();
  await board.getByText('UART transcript as text').click();
  await expect(board.getByRole('log', { name: 'UART transcript as text' })).toContainText(
    'CPU0: no answer from CPU1 within 10 ms',
    { timeout: 30_000 },
  );
  await expect(board.getByText('Board: ended')).toBeVisible();
  const command = board.getByRole('textbox', { name: 'xsdb command' });
  await command.fill('state');
  await command.press('Enter');
  await expect(board.getByRole('log', { name: 'xsdb output' })).toContainText(
    'CPU1: in the boot ROM, waiting for a start address',
  );
  expect(errors).toEqual([]);
});
