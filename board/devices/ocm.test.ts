import { describe, expect, it } from 'vitest';
import { Bus, BusFault } from '../bus.ts';
import { Ocm } from './ocm.ts';

// UG585 chapter 29 (OCM) and table 4-1.
const OCM_LOW = 0x00000000;
const OCM_HIGH = 0xfffc0000;
const OCM_TOP_BANK = 0xffff0000;
const CPU1_START_ADDRESS = 0xfffffff0;
const CPU1_START_OFFSET = 0x40000 - 16; // in the OCM's own 256 KB
const AMP_OCM = 0x14de2; // Xil_SetTlbAttributes(0xFFFF0000, 0x14de2), XAPP1079

function board(ramHi?: number): { bus: Bus; ocm: Ocm } {
  const bus = new Bus();
  const ocm = new Ocm();
  for (const w of ocm.windows(ramHi)) bus.map(w.base, w.size, w.device, w.name);
  return { bus, ocm };
}

describe('OCM', () => {
  it('maps banks 0-2 low and bank 3 high after boot', () => {
    const { bus, ocm } = board();
    bus.write(OCM_LOW + 0x100, 0x11111111, 4);
    bus.write(OCM_TOP_BANK + 0x100, 0x33333333, 4);
    expect(ocm.bytes[0x100]).toBe(0x11);
    expect(ocm.bytes[0x30100]).toBe(0x33);
    expect(() => bus.read(OCM_HIGH, 4)).toThrow(BusFault); // bank 0 is not high
  });

  it('maps all four banks high when RAM_HI is 0xF', () => {
    const { bus, ocm } = board(0xf);
    bus.write(OCM_HIGH, 0xcafef00d, 4);
    expect(ocm.bytes[0]).toBe(0x0d);
    expect(() => bus.read(OCM_LOW, 4)).toThrow(BusFault);
  });

  it('holds the CPU1 start address word at 0xFFFFFFF0', () => {
    const { bus, ocm } = board();
    expect(bus.read(CPU1_START_ADDRESS, 4)).toBe(0);
    bus.write(CPU1_START_ADDRESS, 0x02000000, 4);
    expect(new DataView(ocm.bytes.buffer).getUint32(CPU1_START_OFFSET, true)).toBe(0x02000000);
  });

  it('is Normal memory: unaligned words work, also after the AMP remapping', () => {
    const { bus } = board();
    bus.write(OCM_TOP_BANK, 0x44332211, 4);
    bus.write(OCM_TOP_BANK + 4, 0x88776655, 4);
    expect(bus.read(OCM_TOP_BANK + 3, 4)).toBe(0x77665544);
    bus.attributes.setTlbAttributes(OCM_TOP_BANK, AMP_OCM);
    expect(bus.read(OCM_TOP_BANK + 1, 2)).toBe(0x3322);
  });
});
