import { describe, expect, it } from 'vitest';
import { BUTTON_LAYOUT, buttonBit, isPressKey, withButton } from './push-buttons.ts';

describe('the push buttons', () => {
  it('drive the bits of the ZedBoard btns_5bits order: BTNC, BTND, BTNL, BTNR, BTNU', () => {
    expect(['BTNC', 'BTND', 'BTNL', 'BTNR', 'BTNU'].map((b) => buttonBit(b as 'BTNC'))).toEqual([
      1, 2, 4, 8, 16,
    ]);
    expect(BUTTON_LAYOUT).toEqual(['BTNU', 'BTNL', 'BTNC', 'BTNR', 'BTND']);
  });

  it('hold and release one bit, leaving the others', () => {
    const held = withButton(withButton(0, 'BTNC', true), 'BTNU', true);
    expect(held).toBe(0b10001);
    expect(withButton(held, 'BTNC', false)).toBe(0b10000);
    expect(withButton(held, 'BTNC', true)).toBe(held);
  });

  it('are pressed by Space and Enter only', () => {
    expect([' ', 'Enter', 'a', 'Tab', 'Spacebar'].map(isPressKey)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
