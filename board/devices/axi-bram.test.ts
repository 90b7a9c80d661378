import { describe, expect, it } from 'vitest';
import { Bus, BusFault } from '../bus.ts';
import { AxiBramController } from './axi-bram.ts';

// XPAR_AXI_BRAM_CTRL_0_S_AXI_BASEADDR / HIGHADDR for 8 KB.
const BRAM = 0x40000000;
const BRAM_HIGH = 0x40001fff;

function board(): Bus {
  const bus = new Bus();
  bus.map(BRAM, 0x2000, new AxiBramController(), 'axi-bram');
  return bus;
}

function faultOf(f: () => unknown): BusFault {
  try {
    f();
  } catch (e) {
    if (e instanceof BusFault) return e;
    throw e;
  }
  throw new Error('expected a BusFault');
}

describe('AXI BRAM controller', () => {
  it('stores words, halfwords and bytes little-endian', () => {
    const bus = board();
    bus.write(BRAM + 8, 0xa1b2c3d4, 4);
    expect(bus.read(BRAM + 8, 1)).toBe(0xd4);
    expect(bus.read(BRAM + 10, 2)).toBe(0xa1b2);
    bus.write(BRAM_HIGH, 0x7e, 1);
    expect(bus.read(BRAM_HIGH - 3, 4)).toBe(0x7e000000);
  });

  it('never sees an unaligned Xil_In32: the Strongly-ordered mapping aborts it first', () => {
    const bus = board();
    const f = faultOf(() => bus.read(BRAM + 1, 4));
    expect(f.kind).toBe('alignment');
    expect(f.message).toBe(
      'data abort (alignment fault) reading word at 0x40000001: strongly-ordered memory needs 4-byte aligned accesses',
    );
  });

  it('leaves the addresses past its 8 KB to nobody: the interconnect answers DECERR', () => {
    const bus = board();
    const f = faultOf(() => bus.write(BRAM_HIGH + 1, 0, 4));
    expect(f.kind).toBe('no-slave');
    expect(f.stallsForever).toBe(false);
  });
});
