import { expect, test } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';

/** Mirrors the push buttons (AXI GPIO 1) on the LEDs: BTNC lights LD0, ..., BTNU LD4. */
const MIRROR = `#include "xgpio.h"
#include "xparameters.h"
#include "sleep.h"
static XGpio leds, buttons;
int main(void) {
  XGpio_Initialize(&leds, XPAR_AXI_GPIO_0_DEVICE_ID);
  XGpio_Initialize(&buttons, XPAR_AXI_GPIO_1_DEVICE_ID);
  XGpio_SetDataDirection(&leds, 1, 0x00);
  for (;;) {
    XGpio_DiscreteWrite(&leds, 1, XGpio_DiscreteRead(&buttons, 1));
    usleep(1000);
  }
}
`;

test('the push buttons drive the board while held, by mouse and by keyboard', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/zynq/xil-io/');
  const region = page.getByRole('region', { name: 'Zynq-7000 board console' });
  const island = page
    .locator('astro-island[component-url*="BoardConsole"]')
    .filter({ has: region });
  await island.scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  await region.getByLabel('main.c').fill(MIRROR);
  await region.getByRole('button', { name: 'Start the console' }).click();
  await region.getByRole('button', { name: 'Run' }).click();
  await expect(region.getByText('Board: running')).toBeVisible({ timeout: 30_000 });

  const btnc = region.getByRole('button', { name: 'BTNC' });
  await expect(btnc).toHaveAttribute('aria-pressed', 'false');
  await expect(region.getByRole('img', { name: 'LD0 off' })).toBeVisible();

  // The mouse: held while down, released on up.
  await btnc.hover();
  await page.mouse.down();
  await expect(btnc).toHaveAttribute('aria-pressed', 'true');
  await expect(region.getByRole('img', { name: 'LD0 on' })).toBeVisible();
  await region.locator('.bc-pcb').screenshot({ path: 'shots/board-buttons.png' });
  await page.mouse.up();
  await expect(btnc).toHaveAttribute('aria-pressed', 'false');
  await expect(region.getByRole('img', { name: 'LD0 off' })).toBeVisible();

  // The keyboard: Space on the focused BTNU holds bit 4 until the key comes up.
  const btnu = region.getByRole('button', { name: 'BTNU' });
  await btnu.focus();
  await page.keyboard.down(' ');
  await expect(btnu).toHaveAttribute('aria-pressed', 'true');
  await expect(region.getByRole('img', { name: 'LD4 on' })).toBeVisible();
  await page.keyboard.up(' ');
  await expect(region.getByRole('img', { name: 'LD4 off' })).toBeVisible();
  await page.keyboard.down('Enter');
  await expect(region.getByRole('img', { name: 'LD4 on' })).toBeVisible();
  await page.keyboard.up('Enter');
  await expect(btnu).toHaveAttribute('aria-pressed', 'false');
  await expect(region.getByRole('img', { name: 'LD4 off' })).toBeVisible();

  await region.getByRole('button', { name: 'Stop' }).click();
  expect(errors).toEqual([]);
});
