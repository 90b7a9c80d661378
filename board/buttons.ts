/**
 * The board's five push buttons and their bits on the buttons' AXI GPIO (devices/axi-gpio.ts,
 * `XPAR_AXI_GPIO_1_BASEADDR`): the ZedBoard's `btns_5bits` in its board file's order, bit 0 BTNC,
 * 1 BTND, 2 BTNL, 3 BTNR, 4 BTNU (ZedBoard Hardware User's Guide, "User Push Buttons"). Plain data,
 * so the site's console can name the buttons without loading the board.
 */
export const BUTTONS = ['BTNC', 'BTND', 'BTNL', 'BTNR', 'BTNU'] as const;
export type ButtonName = (typeof BUTTONS)[number];
