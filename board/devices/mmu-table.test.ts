import { describe, expect, it } from 'vitest';
import { Bus } from '../bus.ts';
import { MmuTableWindow } from './mmu-table.ts';

const MMU_TABLE = 0xf8f04000;
const OCM_SECTION = 0xfff; // 0xFFF00000-0xFFFFFFFF
const PL_SECTION = 0x400; // 0x40000000
const AMP_OCM = 0x14de2;
const NORM_WB_CACHE = 0x15de6;

function board(): Bus {
  const bus = new Bus();
  bus.map(MMU_TABLE, 0x4000, new MmuTableWindow(bus.attributes), 'mmu table');
  return bus;
}

describe('MMU table window', () => {
  it('shows each section descriptor of the default table', () => {
    const bus = board();
    expect(bus.read(MMU_TABLE + 4 * PL_SECTION, 4)).toBe(0x40000c02);
    expect(bus.read(MMU_TABLE + 4 * 0xc00, 4)).toBe(0xc0000000); // unassigned: fault entry
  });

  it('applies a written descriptor at once, as Xil_SetTlbAttributes does', () => {
    const bus = board();
    bus.write(MMU_TABLE + 4 * OCM_SECTION, 0xfff00000 | AMP_OCM, 4);
    expect(bus.attributes.attributeAt(0xffff0000)).toBe(AMP_OCM);
    bus.write(MMU_TABLE + 4 * PL_SECTION, 0x40000000 | NORM_WB_CACHE, 4);
    expect(bus.attributes.typeAt(0x40000000)).toBe('normal');
    bus.write(MMU_TABLE + 4 * PL_SECTION, 0x02, 1); // a byte is not a descriptor
    expect(bus.attributes.typeAt(0x40000000)).toBe('normal');
  });
});
