import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';

const LESSON = '/zynq/build-errors/';

async function openConsole(page: Page, name: string) {
  await page.goto(LESSON);
  const region = page.getByRole('region', { name: `Zynq-7000 board console: ${name}` });
  const island = page
    .locator('astro-island[component-url*="BoardConsole"]')
    .filter({ has: region });
  await island.scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  return region;
}

test('the BSP stdout choice: UART1 prints in the terminal, the JTAG UART in its own tab', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const board = await openConsole(page, 'stdout');
  await board.getByRole('button', { name: 'Start the console' }).click();
  const stdout = board.getByRole('combobox', { name: 'BSP stdout' });
  await expect(stdout).toHaveValue('uart1');

  // UART1, the default: the line reaches the UART terminal, the JTAG UART stays empty.
  await board.getByRole('button', { name: 'Run' }).click();
  await expect(board.getByText('main returned 0.')).toBeVisible({ timeout: 30_000 });
  await board.getByText('UART transcript as text').click();
  const transcript = board.getByRole('log', { name: 'UART transcript as text' });
  await expect(transcript).toHaveText('stdout at 0xE0001000\nhello from main\n');
  await board.getByRole('tab', { name: 'JTAG UART' }).click();
  const jtag = board.getByRole('log', { name: 'JTAG UART output' });
  await expect(jtag).toHaveText('');
  await expect(board.getByText(/Nothing on the JTAG UART yet/)).toBeVisible();

  // The JTAG UART: a new BSP setting rebuilds; the UART terminal gets nothing more.
  await stdout.selectOption('jtag');
  await board.getByRole('button', { name: 'Run' }).click();
  await expect(jtag).toHaveText('stdout at 0xF8800000\nhello from main\n', { timeout: 30_000 });
  await board.getByRole('tab', { name: 'UART terminal' }).click();
  await expect(transcript).toHaveText('stdout at 0xE0001000\nhello from main\n');

  // xsdb's jtagterminal shows the same text.
  await board.getByRole('tab', { name: 'xsdb' }).click();
  const command = board.getByRole('textbox', { name: 'xsdb command' });
  await command.fill('jtagterminal');
  await command.press('Enter');
  await expect(board.getByRole('log', { name: 'xsdb output' })).toContainText(
    'JTAG UART of ARM Cortex-A9 MPCore #0 (target 2), since reset:\nstdout at 0xF8800000\nhello from main',
  );
  await board.screenshot({ path: 'shots/board-jtag.png' });

  // UART0 is not wired to the USB-UART: the run's notice says why the terminal stays empty.
  await stdout.selectOption('uart0');
  await board.getByRole('button', { name: 'Run' }).click();
  await expect(board.getByRole('status').filter({ hasText: 'main returned 0.' })).toHaveText(
    /UART0 is not on the USB-UART: the terminal stays empty\.$/,
    { timeout: 30_000 },
  );
  await board.getByRole('tab', { name: 'UART terminal' }).click();
  await expect(transcript).toHaveText('stdout at 0xE0001000\nhello from main\n');
  expect(errors).toEqual([]);
});
