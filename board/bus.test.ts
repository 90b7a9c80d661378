import { describe, expect, it } from 'vitest';
import { Bus, BusFault, RegisterBlock, banked, merge, type BusDevice } from './bus.ts';
import { Ram } from './devices/ram.ts';
import { memoryTypeOf } from './memory-attributes.ts';

// Addresses from UG585 table 4-1 and the BSP's default MMU table (embeddedsw translation_table.S).
const DDR_APP = 0x00100000;
const PL_BRAM = 0x40000000;
const PL_EMPTY = 0x44a00000;
const UART1 = 0xe0001000;
const RESERVED = 0xc0000000;
const OCM_HIGH = 0xffff0000;

// xil_mmu.h attribute words.
const NORM_WB_CACHE = 0x15de6;
const STRONG_ORDERED = 0xc02;
const DEVICE_MEMORY = 0xc06;
const AMP_OCM = 0x14de2; // S=b1 TEX=b100 AP=b11, Domain=b1111, C=b0, B=b0 (XAPP1079)

function catchFault(f: () => unknown): BusFault {
  try {
    f();
  } catch (e) {
    if (e instanceof BusFault) return e;
    throw e;
  }
  throw new Error('expected a BusFault');
}

function boardWithRam(): Bus {
  const bus = new Bus();
  bus.map(0x00000000, 0x00400000, new Ram(0x00400000), 'ddr');
  bus.map(PL_BRAM, 0x2000, new Ram(0x2000), 'bram');
  bus.map(OCM_HIGH, 0x10000, new Ram(0x10000), 'ocm');
  return bus;
}

describe('memory attributes', () => {
  it('decodes the xil_mmu.h attribute words into memory types', () => {
    expect(memoryTypeOf(NORM_WB_CACHE)).toBe('normal');
    expect(memoryTypeOf(STRONG_ORDERED)).toBe('strongly-ordered');
    expect(memoryTypeOf(DEVICE_MEMORY)).toBe('device');
    expect(memoryTypeOf(AMP_OCM)).toBe('normal');
    expect(memoryTypeOf(0x11de2)).toBe('normal'); // NORM_NONCACHE
    expect(memoryTypeOf(0)).toBe('fault');
  });

  it('starts from the BSP default table', () => {
    const { attributes } = new Bus();
    expect(attributes.typeAt(DDR_APP)).toBe('normal');
    expect(attributes.typeAt(PL_BRAM)).toBe('strongly-ordered');
    expect(attributes.typeAt(0xbff00000)).toBe('strongly-ordered');
    expect(attributes.typeAt(UART1)).toBe('device');
    expect(attributes.typeAt(0xf8f00100)).toBe('device');
    expect(attributes.typeAt(RESERVED)).toBe('fault');
    expect(attributes.typeAt(OCM_HIGH)).toBe('normal');
  });

  it('changes one 1 MB section like Xil_SetTlbAttributes', () => {
    const { attributes } = new Bus();
    attributes.setTlbAttributes(0x40000000, NORM_WB_CACHE);
    expect(attributes.typeAt(0x400fffff)).toBe('normal');
    expect(attributes.typeAt(0x40100000)).toBe('strongly-ordered');
    expect(attributes.attributeAt(0x40000004)).toBe(NORM_WB_CACHE);
  });
});

describe('Bus', () => {
  it('reads and writes little-endian through a mapped device', () => {
    const bus = boardWithRam();
    bus.write(DDR_APP, 0x11223344, 4);
    expect(bus.read(DDR_APP, 1)).toBe(0x44);
    expect(bus.read(DDR_APP + 2, 2)).toBe(0x1122);
    expect(bus.read(DDR_APP, 4)).toBe(0x11223344);
    bus.write(DDR_APP + 3, 0xaabb, 1); // a byte write keeps only the low byte
    expect(bus.read(DDR_APP, 4)).toBe(0xbb223344);
  });

  it('allows unaligned accesses to Normal memory', () => {
    const bus = boardWithRam();
    bus.write(DDR_APP, 0x33221100, 4);
    bus.write(DDR_APP + 4, 0x77665544, 4);
    expect(bus.read(DDR_APP + 1, 4)).toBe(0x44332211);
    bus.write(DDR_APP + 3, 0xdeadbeef, 4);
    expect(bus.read(DDR_APP, 4)).toBe(0xef221100);
    expect(bus.read(DDR_APP + 4, 4)).toBe(0x77deadbe);
  });

  it('takes an alignment abort on unaligned access to Strongly-ordered PL memory', () => {
    const bus = boardWithRam();
    const f = catchFault(() => bus.read(PL_BRAM + 2, 4, 0));
    expect(f.kind).toBe('alignment');
    expect(f.address).toBe(PL_BRAM + 2);
    expect(f.width).toBe(4);
    expect(f.write).toBe(false);
    expect(f.memoryType).toBe('strongly-ordered');
    expect(f.attribute).toBe(STRONG_ORDERED);
    expect(f.stallsForever).toBe(false);
    expect(f.message).toContain('alignment fault');
    expect(catchFault(() => bus.write(PL_BRAM + 1, 0, 2)).kind).toBe('alignment');
    // Bytes and aligned halfwords are fine on Strongly-ordered memory.
    bus.write(PL_BRAM + 1, 0x5a, 1);
    expect(bus.read(PL_BRAM, 2)).toBe(0x5a00);
  });

  it('allows the unaligned access once the section is remapped Normal', () => {
    const bus = boardWithRam();
    bus.attributes.setTlbAttributes(PL_BRAM, NORM_WB_CACHE);
    bus.write(PL_BRAM, 0x04030201, 4);
    bus.write(PL_BRAM + 4, 0x08070605, 4);
    expect(bus.read(PL_BRAM + 2, 4)).toBe(0x06050403);
  });

  it('faults unaligned access to Device memory and to OCM mapped as Device', () => {
    const bus = boardWithRam();
    expect(catchFault(() => bus.read(UART1 + 1, 4)).kind).toBe('alignment');
    bus.attributes.setTlbAttributes(OCM_HIGH, DEVICE_MEMORY);
    expect(catchFault(() => bus.read(OCM_HIGH + 2, 4)).memoryType).toBe('device');
    bus.attributes.setTlbAttributes(OCM_HIGH, AMP_OCM);
    expect(bus.read(OCM_HIGH + 2, 4)).toBe(0);
  });

  it('aborts on a PL address no AXI slave decodes (DECERR), imprecisely for a write', () => {
    const bus = boardWithRam();
    const f = catchFault(() => bus.write(PL_EMPTY, 1, 4, 1));
    expect(f.kind).toBe('no-slave');
    expect(f.stallsForever).toBe(false);
    expect(f.cpu).toBe(1);
    expect(f.message).toBe(
      "data abort (imprecise external abort, AXI DECERR) writing word to 0x44A00000: no AXI slave in the PL design decodes this address; the BSP's default abort handler loops silently (check the address against xparameters.h)",
    );
    // Past the end of the BRAM is also nobody's address; a load's abort is precise.
    const read = catchFault(() => bus.read(PL_BRAM + 0x2000, 4));
    expect(read.kind).toBe('no-slave');
    expect(read.message).toMatch(
      /^data abort \(external abort, AXI DECERR\) reading word at 0x40002000:/,
    );
  });

  it('stalls on any PL address while the PL gate says it cannot answer', () => {
    const bus = boardWithRam();
    bus.plGate = () => 'the PL is not configured';
    const f = catchFault(() => bus.read(PL_EMPTY, 4));
    expect(f.kind).toBe('pl-stall');
    expect(f.stallsForever).toBe(true);
    expect(f.message).toBe('read from 0x44A00000 never completes: the PL is not configured');
    // An alignment fault comes first: the access never leaves the CPU.
    expect(catchFault(() => bus.read(PL_BRAM + 2, 4)).kind).toBe('alignment');
    // Outside the PL the gate does not apply.
    expect(catchFault(() => bus.read(UART1, 4)).kind).toBe('unmapped');
  });

  it('aborts on unassigned sections and on undecoded addresses elsewhere', () => {
    const bus = boardWithRam();
    expect(catchFault(() => bus.read(RESERVED, 4)).kind).toBe('translation');
    const f = catchFault(() => bus.read(UART1, 4));
    expect(f.kind).toBe('unmapped');
    expect(f.stallsForever).toBe(false);
  });

  it('refuses overlapping regions unless one is meant to shadow the other', () => {
    const bus = new Bus();
    const ddr = new Ram(0x100000);
    const ocm = new Ram(0x10000);
    bus.map(0, 0x100000, ddr, 'ddr');
    expect(() => bus.map(0xff000, 0x2000, ocm, 'clash')).toThrow(
      /clash at 0x000FF000 overlaps ddr/,
    );
    bus.map(0, 0x10000, ocm, 'ocm-low', { shadows: true });
    bus.write(0x100, 7, 4);
    bus.write(0x10000, 9, 4);
    expect(ocm.read(0x100, 4)).toBe(7);
    expect(ddr.read(0x100, 4)).toBe(0);
    expect(ddr.read(0x10000, 4)).toBe(9);
    expect(bus.regionAt(0x10)?.name).toBe('ocm-low');
  });
});

describe('RegisterBlock', () => {
  class Scratch extends RegisterBlock {
    readonly words = new Map<number, number>();
    protected readRegister(offset: number): number {
      return this.words.get(offset) ?? 0;
    }
    protected writeRegister(offset: number, value: number, strobe: number): void {
      this.words.set(offset, merge(this.words.get(offset) ?? 0, value, strobe));
    }
  }

  it('maps narrow accesses to byte lanes of the 32-bit register', () => {
    const bus = new Bus();
    const dev = new Scratch();
    bus.map(UART1, 0x1000, dev, 'scratch');
    bus.write(UART1 + 4, 0x11223344, 4);
    bus.write(UART1 + 6, 0xaa, 1);
    expect(bus.read(UART1 + 4, 4)).toBe(0x11aa3344);
    expect(bus.read(UART1 + 6, 2)).toBe(0x11aa);
    expect(dev.words.get(4)).toBe(0x11aa3344);
  });
});

describe('banked', () => {
  it('routes an access to the copy of the CPU making it', () => {
    const copies: BusDevice[] = [new Ram(4), new Ram(4)];
    const bus = new Bus();
    bus.map(0xf8f00600, 4, banked(copies), 'private');
    bus.write(0xf8f00600, 10, 4, 0);
    bus.write(0xf8f00600, 11, 4, 1);
    expect(bus.read(0xf8f00600, 4, 0)).toBe(10);
    expect(bus.read(0xf8f00600, 4, 1)).toBe(11);
  });
});
