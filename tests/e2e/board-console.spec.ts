import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';

const LESSON = '/zynq/xil-io/';

/** The lazily loaded parts: the terminal's chunk and stylesheet, and the board worker. */
const LAZY = /board-terminal|xterm|board\.worker/;

async function openConsole(page: Page) {
  await page.goto(LESSON);
  const island = page
    .locator('astro-island[component-url*="BoardConsole"]')
    .filter({ has: page.getByRole('region', { name: 'Zynq-7000 board console' }) });
  await island.scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  return page.getByRole('region', { name: 'Zynq-7000 board console' });
}

test('the board console runs firmware: UART both ways, switches to LEDs, xsdb', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  const board = await openConsole(page);

  // Nothing heavy before the reader starts the console.
  expect(requested.filter((u) => LAZY.test(u))).toEqual([]);
  await board.getByRole('button', { name: 'Start the console' }).click();
  await expect.poll(() => requested.some((u) => /board-terminal[^/]*\.js$/.test(u))).toBe(true);
  await expect.poll(() => requested.some((u) => /xterm[^/]*\.css$/.test(u))).toBe(true);
  const terminal = board.getByRole('textbox', { name: 'UART1 terminal, 115200 baud' });
  await expect(board.locator('.xterm-screen')).toBeVisible();

  await board.getByRole('button', { name: 'Run' }).click();
  await board.getByText('UART transcript as text').click();
  const transcript = board.getByRole('log', { name: 'UART transcript as text' });
  await expect(transcript).toContainText('Hello from the Zynq! Type a line and press Enter.', {
    timeout: 30_000,
  });
  await expect(board.getByText('Board: running')).toBeVisible();

  // Keys go to UART1 RX; the program echoes them and answers the line.
  await terminal.focus();
  await page.keyboard.type('zynq');
  await page.keyboard.press('Enter');
  await expect(transcript).toContainText("> zynq\nYou typed 'zynq' (4 characters)");
  await expect(board.locator('.xterm-rows')).toContainText("You typed 'zynq' (4 characters)");
  // Tab leaves the terminal (no keyboard trap) instead of going to the UART.
  await page.keyboard.press('Tab');
  await expect(terminal).not.toBeFocused();
  await expect(board.getByRole('combobox', { name: 'Enter sends' })).toBeFocused();

  // The LEDs follow the switches.
  await expect(board.getByRole('img', { name: 'LD3 off' })).toBeVisible();
  await board.getByRole('checkbox', { name: 'SW3' }).check();
  await expect(board.getByRole('img', { name: 'LD3 on' })).toBeVisible();
  await expect(board.getByRole('img', { name: 'LD2 off' })).toBeVisible();
  await board.screenshot({ path: 'shots/board-console.png' });

  await board.getByRole('button', { name: 'Stop' }).click();
  await expect(board.getByText('Board: stopped')).toBeVisible();

  const command = board.getByRole('textbox', { name: 'xsdb command' });
  const log = board.getByRole('log', { name: 'xsdb output' });
  await command.fill('state');
  await command.press('Enter');
  await expect(log).toContainText(/CPU0: stopped in \w+ \(main\.c:\d+\)/);
  await expect(log).toContainText('LEDs 0x08, switches 0x08');
  await command.fill('mrd 0x41200000 3');
  await command.press('Enter');
  await expect(log).toContainText(
    '41200000:   00000008\n41200004:   00000000\n41200008:   00000008',
  );
  await command.fill('mrd xyz');
  await command.press('Enter');
  await expect(log).toContainText(
    "mrd: 'xyz' is not an address; expected a number like 0x41200000",
  );
  await command.press('ArrowUp');
  await expect(command).toHaveValue('mrd xyz');
  await command.press('ArrowUp');
  await expect(command).toHaveValue('mrd 0x41200000 3');

  // Reset: a fresh board, still stopped; the switches stay where they are.
  await board.getByRole('button', { name: 'Reset' }).click();
  await expect(board.getByRole('img', { name: 'LD3 off' })).toBeVisible();
  await expect(board.getByText('Simulated time: 0.0 ms')).toBeVisible();
  await board.getByRole('button', { name: 'Run' }).click();
  await expect(board.getByRole('img', { name: 'LD3 on' })).toBeVisible();
  await expect
    .poll(async () => ((await transcript.textContent()) ?? '').split('Hello from').length - 1)
    .toBe(2);
  expect(errors).toEqual([]);
});

test("the board console stops a program that never yields, and keeps the learner's code", async ({
  page,
}) => {
  const errors = watchErrors(page);
  const board = await openConsole(page);
  const source = board.getByLabel('main.c');
  await source.fill('int main(void) {\n  for (;;) {\n  }\n}\n');
  await page.reload();
  const again = await openConsole(page);
  await expect(again.getByLabel('main.c')).toHaveValue('int main(void) {\n  for (;;) {\n  }\n}\n');

  await again.getByRole('button', { name: 'Start the console' }).click();
  await again.getByRole('button', { name: 'Run' }).click();
  await expect(again.getByText('Board: running')).toBeVisible({ timeout: 30_000 });
  // The page stays responsive while the worker spins: Stop gets through between slices.
  await again.getByRole('button', { name: 'Stop' }).click();
  await expect(again.getByText('Board: stopped')).toBeVisible({ timeout: 2_000 });
  const command = again.getByRole('textbox', { name: 'xsdb command' });
  await command.fill('state');
  await command.press('Enter');
  await expect(again.getByRole('log', { name: 'xsdb output' })).toContainText(
    /CPU0: stopped in main \(main\.c:[23]\)/,
  );

  await again.getByRole('button', { name: 'Back to the example' }).click();
  await expect(again.getByLabel('main.c')).toHaveValue(/Hello from the Zynq!/);
  await page.reload();
  const fresh = await openConsole(page);
  await expect(fresh.getByLabel('main.c')).toHaveValue(/Hello from the Zynq!/);
  expect(errors).toEqual([]);
});

test('the board console shows build messages and where the board faulted', async ({ page }) => {
  const errors = watchErrors(page);
  const board = await openConsole(page);
  const source = board.getByLabel('main.c');
  await board.getByRole('button', { name: 'Start the console' }).click();
  const messages = board.getByLabel('Build messages');

  await source.fill('int main(void) {\n  return Xil_In32(0x41200008);\n}\n');
  await board.getByRole('button', { name: 'Run' }).click();
  await expect(board.getByText('The build failed: see the messages above.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(messages).toContainText(
    "main.c:2:10: warning: implicit declaration of function 'Xil_In32'",
  );
  await expect(messages).toContainText("undefined reference to `Xil_In32'");

  await source.fill(
    '#include "xil_io.h"\nint main(void) {\n  return (int)Xil_In32(0x40000001);\n}\n',
  );
  await board.getByRole('button', { name: 'Run' }).click();
  await expect(board.getByText('Board: ended')).toBeVisible({ timeout: 30_000 });
  await expect(board.getByRole('status')).toContainText(
    'The board stopped: data abort (alignment fault) reading word at 0x40000001',
  );
  await expect(messages).toContainText('at main (main.c:3)');
  const command = board.getByRole('textbox', { name: 'xsdb command' });
  await command.fill('targets');
  await command.press('Enter');
  await expect(board.getByRole('log', { name: 'xsdb output' })).toContainText(
    '2* ARM Cortex-A9 MPCore #0 (Data Abort)',
  );
  expect(errors).toEqual([]);
});
