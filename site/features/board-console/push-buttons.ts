/**
 * The drawn board's push buttons as input: which bit each drives on the buttons' AXI GPIO
 * (board/devices/axi-gpio.ts: bit 0 BTNC, 1 BTND, 2 BTNL, 3 BTNR, 4 BTNU, the ZedBoard's
 * `btns_5bits`), where each sits in the cross the board prints, and which keys press a focused
 * button. A button is held while the pointer (mouse or finger) or the key stays down, as
 * `aria-pressed` says.
 */
import { BUTTONS, type ButtonName } from '../../../board/buttons.ts';

export { BUTTONS, type ButtonName };

/** The buttons in reading order of the cross (UP, LEFT, CENTER, RIGHT, DOWN). */
export const BUTTON_LAYOUT: readonly ButtonName[] = ['BTNU', 'BTNL', 'BTNC', 'BTNR', 'BTND'];

/** The GPIO bit of `name`. */
export function buttonBit(name: ButtonName): number {
  return 1 << BUTTONS.indexOf(name);
}

/** The button bits with `name` held (`down`) or released. */
export function withButton(bits: number, name: ButtonName, down: boolean): number {
  return down ? (bits | buttonBit(name)) & 0x1f : bits & ~buttonBit(name) & 0x1f;
}

/** Whether `key` presses a focused button (the keys that activate a button, WAI-ARIA APG). */
export function isPressKey(key: string): boolean {
  return key === ' ' || key === 'Enter';
}
