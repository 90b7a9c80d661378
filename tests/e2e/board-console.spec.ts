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
  await board.getByRole('switch', { name: 'SW3' }).check();
  await expect(board.getByRole('img', { name: 'LD3 on' })).toBeVisible();
  await expect(board.getByRole('img', { name: 'LD2 off' })).toBeVisible();
  await board.screenshot({ path: 'shots/board-console.png' });

  await board.getByRole('button', { name: 'Stop' }).click();
  await expect(board.getByText('Board: stopped')).toBeVisible();

  await board.getByRole('tab', { name: 'xsdb' }).click();
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
  await board.getByRole('tab', { name: 'UART terminal' }).click();
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
  await again.getByRole('tab', { name: 'xsdb' }).click();
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
  const messages = board.getByRole('tabpanel', { name: /Build messages/ });
  // Before any build there is no empty box: the tab says there is nothing yet.
  await board.getByRole('tab', { name: /Build messages/ }).click();
  await expect(messages).toHaveText(/No build messages/);
  await expect(board.locator('.bc-messages')).toHaveCount(0);

  await source.fill('int main(void) {\n  return Xil_In32(0x41200008);\n}\n');
  await board.getByRole('tab', { name: 'UART terminal' }).click();
  await board.getByRole('button', { name: 'Run' }).click();
  // The notice does not send the reader "above": it links to the messages, which are shown.
  const notice = board.getByRole('status').filter({ hasText: 'The build failed.' });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).not.toContainText('above');
  await expect(messages).toBeVisible();
  await board.getByRole('tab', { name: 'UART terminal' }).click();
  await notice.getByRole('button', { name: 'Show the build messages' }).click();
  await expect(messages).toBeVisible();
  await expect(messages).toBeFocused();
  await expect(messages).toBeInViewport();
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
  await board.getByRole('tab', { name: /Build messages/ }).click();
  await expect(messages).toContainText('at main (main.c:3)');
  await board.getByRole('tab', { name: 'xsdb' }).click();
  const command = board.getByRole('textbox', { name: 'xsdb command' });
  await command.fill('targets');
  await command.press('Enter');
  await expect(board.getByRole('log', { name: 'xsdb output' })).toContainText(
    '2* ARM Cortex-A9 MPCore #0 (Data Abort)',
  );
  expect(errors).toEqual([]);
});

test('the board is drawn as a board: LD7..LD0 labelled in both consoles, switches by keyboard, power and DONE, under 900 px', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  const board = await openConsole(page);
  await board.getByRole('button', { name: 'Start the console' }).click();
  await expect(board.locator('.xterm-screen')).toBeVisible();

  /** The LED labels of a console, left to right as drawn. */
  const ledOrder = async (scope: ReturnType<Page['locator']>) => {
    const sites = await scope
      .locator('.fw-led-site')
      .evaluateAll((els) =>
        els.map((el) => ({ x: el.getBoundingClientRect().left, text: el.textContent?.trim() })),
      );
    return sites.sort((a, b) => a.x - b.x).map((s) => s.text);
  };
  const boardOrder = ['LD7', 'LD6', 'LD5', 'LD4', 'LD3', 'LD2', 'LD1', 'LD0'];
  expect(await ledOrder(board)).toEqual(boardOrder);
  const batch = page.getByRole('region', { name: 'Simulated Zynq-7000 console' });
  await batch.scrollIntoViewIfNeeded();
  expect(await ledOrder(batch)).toEqual(boardOrder);
  // The labels are printed, as on the silkscreen, not only spoken.
  await expect(batch.getByText('LD0', { exact: true })).toBeVisible();

  await board.scrollIntoViewIfNeeded();
  await expect(board.getByRole('img', { name: 'Power LED on' })).toBeVisible();
  await expect(board.getByRole('img', { name: 'DONE LED on' })).toBeVisible();
  await expect(board.getByText('UART', { exact: true })).toBeVisible();
  await expect(board.getByText('JTAG', { exact: true })).toBeVisible();
  await expect(board.getByText('BTNC', { exact: true })).toBeVisible();
  // The switches, SW7 at the left, flip from the keyboard.
  const sw0 = board.getByRole('switch', { name: 'SW0' });
  await sw0.focus();
  await page.keyboard.press('Space');
  await expect(sw0).toBeChecked();
  const x = async (name: string) =>
    (await board.getByRole('switch', { name }).locator('..').boundingBox())!.x;
  expect(await x('SW7')).toBeLessThan(await x('SW0'));

  const height = (await board.boundingBox())!.height;
  expect(height).toBeLessThanOrEqual(900);
  await board.screenshot({ path: 'shots/board-panel.png' });
  expect(errors).toEqual([]);
});

test('the xsdb output follows new output: after five commands the last answer is in view', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const board = await openConsole(page);
  await board.getByRole('button', { name: 'Start the console' }).click();
  await board.getByRole('tab', { name: 'xsdb' }).click();
  const command = board.getByRole('textbox', { name: 'xsdb command' });
  const log = board.getByRole('log', { name: 'xsdb output' });
  for (const line of ['help', 'help', 'help', 'help', 'mrd 0x41200000']) {
    await command.fill(line);
    await command.press('Enter');
  }
  await expect(log).toContainText('No program on the board: build it first.');
  const box = await log.evaluate((el) => ({
    scrollTop: el.scrollTop,
    clientHeight: el.clientHeight,
    scrollHeight: el.scrollHeight,
  }));
  // The log overflows its box, and it is scrolled to its end.
  expect(box.scrollHeight).toBeGreaterThan(box.clientHeight);
  expect(box.scrollTop + box.clientHeight).toBeGreaterThanOrEqual(box.scrollHeight - 2);
  expect(errors).toEqual([]);
});

test('the C files open in Monaco on request; a build message is a link to its line', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  const board = await openConsole(page);
  await board.getByLabel('main.c').fill('int main(void) {\n  return undeclared_thing;\n}\n');
  await board.getByRole('button', { name: 'Start the console' }).click();
  // Monaco loads only when the reader asks for the code editor.
  expect(requested.filter((u) => u.includes('editor.api'))).toEqual([]);
  await board.getByRole('button', { name: 'Open the code editor' }).click();
  const editor = board.locator('.monaco-editor');
  await expect(editor).toBeVisible({ timeout: 20_000 });
  expect(requested.some((u) => u.includes('editor.api'))).toBe(true);
  // C highlighting and line numbers.
  await expect(editor.locator('.line-numbers').first()).toHaveText('1');
  await expect(editor.locator('.view-line span[class*="mtk"]').first()).toBeVisible();

  await board.getByRole('button', { name: 'Run' }).click();
  const messages = board.getByRole('tabpanel', { name: /Build messages/ });
  const link = messages.getByRole('button', { name: /^main\.c:2:10: error:/ });
  await expect(link).toBeVisible({ timeout: 30_000 });
  // The error is a marker in the editor, on line 2.
  await expect(editor.locator('.squiggly-error')).toHaveCount(1);
  await link.click();
  await page.keyboard.type('X');
  await expect(editor.locator('.view-line', { hasText: 'Xundeclared_thing' })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test.describe('on a phone', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });

  test('the console fits the screen and the terminal wraps its lines', async ({ page }) => {
    const errors = watchErrors(page);
    const board = await openConsole(page);
    await board.getByRole('button', { name: 'Start the console' }).click();
    await expect(board.locator('.xterm-screen')).toBeVisible();
    await board.getByRole('button', { name: 'Run' }).click();
    await board.getByText('UART transcript as text').click();
    await expect(board.getByRole('log', { name: 'UART transcript as text' })).toContainText(
      'Hello from the Zynq!',
      { timeout: 30_000 },
    );
    const box = (await board.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await board.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // The terminal's screen fits its box: lines wrap instead of running off the right edge.
    const fits = await board
      .locator('.bc-terminal')
      .evaluate((host) => host.querySelector('.xterm-screen')!.clientWidth <= host.clientWidth);
    expect(fits).toBe(true);
    const screen = (await board.locator('.xterm-screen').boundingBox())!;
    expect(screen.x + screen.width).toBeLessThanOrEqual(360);
    // No code editor offer on a phone: Monaco does not support mobile browsers.
    await expect(board.getByRole('button', { name: 'Open the code editor' })).toHaveCount(0);
    await board.screenshot({ path: 'shots/board-console-phone.png' });
    expect(errors).toEqual([]);
  });
});
