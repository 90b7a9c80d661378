import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';

const LESSON = '/zynq/interrupts/';

/** The lesson's board consoles, in page order: the timer example, then the pitfall. */
async function openConsole(page: Page, index: number): Promise<Locator> {
  await page.goto(LESSON);
  const island = page.locator('astro-island[component-url*="BoardConsole"]').nth(index);
  await island.scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  return page.getByRole('region', { name: 'Zynq-7000 board console' }).nth(index);
}

/** The LEDs as the panel shows them, LD0 in bit 0. */
async function ledValue(board: Locator): Promise<number> {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    if (await board.getByRole('img', { name: `LD${i} on` }).isVisible()) value |= 1 << i;
  }
  return value;
}

async function xsdb(board: Locator, line: string): Promise<void> {
  // The terminal, xsdb and the build messages are tabs of one output area.
  await board.getByRole('tab', { name: 'xsdb' }).click();
  const command = board.getByRole('textbox', { name: 'xsdb command' });
  await command.fill(line);
  await command.press('Enter');
}

test('the timer interrupt counts ticks: transcript, LEDs and the timer registers', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const board = await openConsole(page, 0);
  await board.getByRole('button', { name: 'Start the console' }).click();
  await board.getByRole('button', { name: 'Run' }).click();
  await board.getByText('UART transcript as text').click();
  const transcript = board.getByRole('log', { name: 'UART transcript as text' });
  await expect(transcript).toContainText('Timer LOAD = 33333333, 10 ticks a second', {
    timeout: 30_000,
  });
  // Simulated time follows real time: a line a second, ten ticks each.
  await expect(transcript).toContainText('1 s: 10 ticks', { timeout: 15_000 });

  // The LEDs show the count in binary, so they change ten times a second.
  const before = await ledValue(board);
  await expect.poll(() => ledValue(board)).not.toBe(before);
  await expect(transcript).toContainText('1 s: 10 ticks\n2 s: 20 ticks', { timeout: 15_000 });

  await board.getByRole('button', { name: 'Stop' }).click();
  await expect(board.getByText('Board: stopped')).toBeVisible();
  const shown = await ledValue(board);
  const log = board.getByRole('log', { name: 'xsdb output' });
  await xsdb(board, 'state');
  await expect(log).toContainText(`LEDs 0x${shown.toString(16).toUpperCase().padStart(2, '0')}`);

  // LOAD = 333,333,343 / 10 - 1; CONTROL = enable, auto-reload, IRQ enable; ISR cleared.
  await xsdb(board, 'mrd 0xF8F00600 4');
  await expect(log).toContainText(
    /F8F00600: {3}01FCA055\nF8F00604: {3}[0-9A-F]{8}\nF8F00608: {3}00000007\nF8F0060C: {3}0000000[01]/,
  );
  await xsdb(board, 'mrd 0xF8F01100');
  await expect(log).toContainText('F8F01100:   2000FFFF');
  expect(errors).toEqual([]);
});

test('the pitfall: without clearing the event flag the timer interrupts once', async ({ page }) => {
  const errors = watchErrors(page);
  const board = await openConsole(page, 1);
  const source = board.getByLabel('main.c');
  const code = await source.inputValue();
  expect(code).not.toContain('XScuTimer_ClearInterruptStatus');
  await board.getByRole('button', { name: 'Start the console' }).click();
  await board.getByRole('button', { name: 'Run' }).click();
  await board.getByText('UART transcript as text').click();
  const transcript = board.getByRole('log', { name: 'UART transcript as text' });
  await expect(transcript).toContainText('Timer LOAD = 33333333, 10 ticks a second', {
    timeout: 30_000,
  });
  await expect(board.getByRole('img', { name: 'LD0 on' })).toBeVisible();
  // Well past the first second: still one tick, no "1 s" line.
  await expect(board.getByText(/Simulated time: (1[3-9]\d\d|[2-9]\d{3})\.\d ms/)).toBeVisible({
    timeout: 15_000,
  });
  await board.getByRole('button', { name: 'Stop' }).click();
  await expect(board.getByText('Board: stopped')).toBeVisible();
  expect(await ledValue(board)).toBe(1);
  await expect(transcript).not.toContainText('1 s:');
  const log = board.getByRole('log', { name: 'xsdb output' });
  await xsdb(board, 'mrd 0xF8F0060C');
  await expect(log).toContainText('F8F0060C:   00000001');

  // The fix: clear the flag in the handler.
  await source.fill(
    code.replace('    ticks++;', '    XScuTimer_ClearInterruptStatus(t);\n    ticks++;'),
  );
  await board.getByRole('button', { name: 'Run' }).click();
  await board.getByRole('tab', { name: 'UART terminal' }).click();
  await expect(transcript).toContainText('1 s: 10 ticks', { timeout: 30_000 });
  expect(errors).toEqual([]);
});
