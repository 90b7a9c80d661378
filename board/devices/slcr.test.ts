import { describe, expect, it } from 'vitest';
import { Bus } from '../bus.ts';
import { Slcr } from './slcr.ts';

// UG585 appendix B (slcr).
const SLCR = 0xf8000000;
const SLCR_LOCK = SLCR + 0x004;
const SLCR_UNLOCK = SLCR + 0x008;
const SLCR_LOCKSTA = SLCR + 0x00c;
const UART_CLK_CTRL = SLCR + 0x154;
const A9_CPU_RST_CTRL = SLCR + 0x244;
const PSS_IDCODE = SLCR + 0x530;
const LOCK_KEY = 0x767b;
const UNLOCK_KEY = 0xdf0d;

function board(locked?: boolean): Bus {
  const bus = new Bus();
  bus.map(SLCR, 0x1000, new Slcr(locked === undefined ? {} : { locked }), 'slcr');
  return bus;
}

describe('SLCR', () => {
  it('starts locked as the FSBL leaves it and ignores writes while locked', () => {
    const bus = board();
    expect(bus.read(SLCR_LOCKSTA, 4)).toBe(1);
    expect(bus.read(UART_CLK_CTRL, 4)).toBe(0x3f03);
    bus.write(UART_CLK_CTRL, 0x1402, 4);
    expect(bus.read(UART_CLK_CTRL, 4)).toBe(0x3f03);
  });

  it('unlocks with 0xDF0D and locks again with 0x767B', () => {
    const bus = board();
    bus.write(SLCR_UNLOCK, UNLOCK_KEY, 4);
    expect(bus.read(SLCR_LOCKSTA, 4)).toBe(0);
    bus.write(A9_CPU_RST_CTRL, 0x22, 4);
    expect(bus.read(A9_CPU_RST_CTRL, 4)).toBe(0x22);
    bus.write(SLCR_LOCK, LOCK_KEY, 4);
    expect(bus.read(SLCR_LOCKSTA, 4)).toBe(1);
    bus.write(A9_CPU_RST_CTRL, 0, 4);
    expect(bus.read(A9_CPU_RST_CTRL, 4)).toBe(0x22);
  });

  it('ignores wrong keys', () => {
    const bus = board();
    bus.write(SLCR_UNLOCK, LOCK_KEY, 4);
    expect(bus.read(SLCR_LOCKSTA, 4)).toBe(1);
    bus.write(SLCR_UNLOCK, UNLOCK_KEY, 4);
    bus.write(SLCR_LOCK, UNLOCK_KEY, 4);
    expect(bus.read(SLCR_LOCKSTA, 4)).toBe(0);
  });

  it('keeps PSS_IDCODE read-only', () => {
    const bus = board(false);
    const id = bus.read(PSS_IDCODE, 4);
    expect(id & 0xfff).toBe(0x093); // manufacturer 0x049, bit 0
    bus.write(PSS_IDCODE, 0, 4);
    expect(bus.read(PSS_IDCODE, 4)).toBe(id);
  });
});
