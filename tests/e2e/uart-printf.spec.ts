import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';

const LESSON = '/zynq/uart-printf/';

/** The board console whose firmware file is `file` (the lesson has one console per example). */
async function openConsole(page: Page, file: string) {
  await page.goto(LESSON);
  const island = page
    .locator('astro-island[component-url*="BoardConsole"]')
    .filter({ has: page.getByLabel(file, { exact: true }) });
  await island.scrollIntoViewIfNeeded();
  // Islands are server-rendered first; wait for hydration before clicking
  // (docs/toolchain-notes.md#island-hydration).
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  const board = island.getByRole('region', { name: 'Zynq-7000 board console' });
  await board.getByRole('button', { name: 'Start the console' }).click();
  await expect(board.locator('.xterm-screen')).toBeVisible();
  await board.getByRole('button', { name: 'Run' }).click();
  await board.getByText('UART transcript as text').click();
  return {
    board,
    terminal: board.getByRole('textbox', { name: 'UART1 terminal, 115200 baud' }),
    transcript: board.getByRole('log', { name: 'UART transcript as text' }),
  };
}

test('the line editor reads a line over UART1 and answers it', async ({ page }) => {
  const errors = watchErrors(page);
  const { board, terminal, transcript } = await openConsole(page, 'line-editor.c');
  await expect(transcript).toContainText('Zynq command line: type help and press Enter.\nzynq> ', {
    timeout: 30_000,
  });
  await expect(board.getByText('Board: running')).toBeVisible();

  // Enter sends CR (the default); Backspace (DEL) erases on screen with "\b \b".
  await terminal.focus();
  await page.keyboard.type('hexx');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(' 255');
  await page.keyboard.press('Enter');
  await expect(transcript).toContainText('zynq> hex 255\n  255 = 0x000000FF = 0b11111111\nzynq> ');
  await expect(board.locator('.xterm-rows')).toContainText('255 = 0x000000FF = 0b11111111');

  // The LEDs take what the program writes; the switches come back in hex.
  await page.keyboard.type('led 0xA5');
  await page.keyboard.press('Enter');
  await expect(transcript).toContainText('  LEDs = 0xA5');
  await expect(board.getByRole('img', { name: 'LD0 on' })).toBeVisible();
  await expect(board.getByRole('img', { name: 'LD1 off' })).toBeVisible();
  await board.getByRole('switch', { name: 'SW2' }).check();

  // With CR+LF the LF right after the CR is not a second, empty line.
  await board.getByRole('combobox', { name: 'Enter sends' }).selectOption('crlf');
  await terminal.focus();
  await page.keyboard.type('sw');
  await page.keyboard.press('Enter');
  await expect(transcript).toContainText('  switches = 0x04\nzynq> ');
  await page.keyboard.type('nope');
  await page.keyboard.press('Enter');
  await expect(transcript).toContainText(
    "  switches = 0x04\nzynq> nope\n  'nope': not a command I know; try help\nzynq> ",
  );

  // A long print holds the CPU at 86.8 us a character once the 64-byte FIFO is full.
  await page.keyboard.type('dots 1000');
  await page.keyboard.press('Enter');
  const timed = /1000 dots: (\d+) us in outbyte/;
  await expect(transcript).toContainText(timed, { timeout: 30_000 });
  const us = Number(timed.exec((await transcript.textContent()) ?? '')![1]);
  expect(us).toBeGreaterThan(80_000);
  expect(us).toBeLessThan(83_000);
  await board.screenshot({ path: 'shots/uart-printf-line-editor.png' });
  expect(errors).toEqual([]);
});

test('the raw UART example polls SR and echoes in upper case', async ({ page }) => {
  const errors = watchErrors(page);
  const { board, terminal, transcript } = await openConsole(page, 'uart-raw.c');
  await expect(transcript).toContainText('baud    100 MHz / (124 x 7) = 115207', {
    timeout: 30_000,
  });
  await expect(transcript).toContainText(
    'SR      0x00006812 busy, 0x0000080A FIFO empty, 0x0000000A idle\nType: letters come back in upper case.',
  );
  await terminal.focus();
  await page.keyboard.type('zynq 7000');
  await page.keyboard.press('Enter');
  await expect(transcript).toContainText('upper case.\nZYNQ 7000\n');

  // Stopped in get_char's loop: SR reads TXEMPTY | RXEMPTY through the debugger too.
  await board.getByRole('button', { name: 'Stop' }).click();
  await expect(board.getByText('Board: stopped')).toBeVisible();
  await board.getByRole('tab', { name: 'xsdb' }).click();
  const command = board.getByRole('textbox', { name: 'xsdb command' });
  await command.fill('mrd 0xE0001018 6');
  await command.press('Enter');
  await expect(board.getByRole('log', { name: 'xsdb output' })).toContainText(
    'E0001018:   0000007C',
  );
  await expect(board.getByRole('log', { name: 'xsdb output' })).toContainText(
    'E000102C:   0000000A',
  );
  expect(errors).toEqual([]);
});
