/**
 * Memory attributes per 1 MB section, as the Cortex-A9 MMU sees them under the Xilinx standalone
 * BSP: the default translation table and `Xil_SetTlbAttributes`.
 *
 * Reference: Xilinx embeddedsw `lib/bsp/standalone/src/arm/cortexa9/gcc/translation_table.S` and
 * `xil_mmu.h`/`xil_mmu.c`; ARM ARM v7-A B3.5.1 (short-descriptor
 * section format) and B3.8.2 table B3-10 (TEX[2:0], C, B without TEX remap); UG585 chapter 3
 * (the Cortex-A9 MMU) and table 4-1 (address map).
 */

export const SECTION_SIZE = 0x100000;
export const SECTION_COUNT = 4096;

/** `xil_mmu.h` attribute words: the low 20 bits of a section descriptor. */
export const NORM_NONCACHE = 0x11de2; // Normal, non-cacheable, shareable
export const STRONG_ORDERED = 0xc02;
export const DEVICE_MEMORY = 0xc06;
export const NORM_WT_CACHE = 0x16dea;
export const NORM_WB_CACHE = 0x15de6;
export const SHAREABLE = 0x1 << 16;
export const EXECUTE_NEVER = (0x1 << 4) | (0x1 << 0);

/** The default OCM section: `S=b0 TEX=b100 AP=b11, Domain=b0, C=b1, B=b1` (inner write-back). */
export const OCM_DEFAULT = 0x4c0e;

import type { MemoryType } from './firmware/index.ts';

export type { MemoryType };

/**
 * The memory type a section descriptor gives (ARM ARM B3.8.2 table B3-10, SCTLR.TRE = 0 as the
 * BSP leaves it). Bits [1:0] = 0b10 mark a section; 0b00 is a translation fault.
 */
export function memoryTypeOf(descriptor: number): MemoryType {
  if ((descriptor & 0x3) !== 0x2) return 'fault';
  const b = (descriptor >>> 2) & 1;
  const c = (descriptor >>> 3) & 1;
  const tex = (descriptor >>> 12) & 0x7;
  if (tex & 0x4) return 'normal'; // TEX = 0b1BB: Normal, cacheability in TEX[1:0] and C, B
  if (tex === 0 && c === 0) return b === 0 ? 'strongly-ordered' : 'device';
  if (tex === 0) return 'normal'; // write-through or write-back, no write-allocate
  if (tex === 1 && c === b) return 'normal'; // non-cacheable (0,0) or write-back write-allocate (1,1)
  if (tex === 2 && c === 0 && b === 0) return 'device'; // non-shareable Device
  return 'fault'; // reserved encodings: treat as unusable
}

/**
 * The descriptors of the BSP's default table, section by section (from the header comment of
 * embeddedsw's `translation_table.S`): DDR Normal write-back, both PL windows Strongly-ordered,
 * IOP and APB/SCU Device, SRAM and QSPI Normal, the top section (OCM) Normal, the rest unassigned.
 */
function defaultAttribute(section: number): number {
  const mb = section;
  if (mb < 0x400) return NORM_WB_CACHE; // 0x00000000-0x3FFFFFFF DDR
  if (mb < 0xc00) return STRONG_ORDERED; // 0x40000000-0xBFFFFFFF FPGA slave0 and slave1 (M_AXI_GP0/1)
  if (mb < 0xe00) return 0; // 0xC0000000-0xDFFFFFFF unassigned: translation fault
  if (mb < 0xe03) return DEVICE_MEMORY; // 0xE0000000-0xE02FFFFF IOP devices (UART, GPIO, ...)
  if (mb < 0xe10) return 0;
  if (mb < 0xe40) return DEVICE_MEMORY; // 0xE1000000-0xE3FFFFFF NAND, NOR
  if (mb < 0xe60) return NORM_WB_CACHE; // 0xE4000000-0xE5FFFFFF SRAM
  if (mb < 0xf80) return 0;
  if (mb < 0xf90) return DEVICE_MEMORY; // 0xF8000000-0xF8FFFFFF AMBA APB peripherals, SCU, GIC
  if (mb < 0xfc0) return 0;
  if (mb < 0xfe0) return NORM_WT_CACHE; // 0xFC000000-0xFDFFFFFF linear QSPI (XIP)
  if (mb < 0xfff) return 0;
  return OCM_DEFAULT; // 0xFFF00000-0xFFFFFFFF OCM when mapped high
}

/** The 4096-entry first-level table, one descriptor per 1 MB section. */
export class MemoryAttributes {
  private readonly table = new Uint32Array(SECTION_COUNT);
  private readonly types: MemoryType[] = new Array<MemoryType>(SECTION_COUNT);

  constructor() {
    for (let s = 0; s < SECTION_COUNT; s++) this.setSection(s, defaultAttribute(s));
  }

  /**
   * As `void Xil_SetTlbAttributes(INTPTR Addr, u32 attrib)`: rewrites the one section containing
   * `addr` to `(addr & 0xFFF00000) | attrib` (xil_mmu.c).
   */
  setTlbAttributes(addr: number, attrib: number): void {
    this.setSection(addr >>> 20, attrib);
  }

  /** The section descriptor's attribute bits for the section containing `addr`. */
  attributeAt(addr: number): number {
    return this.table[addr >>> 20]!;
  }

  typeAt(addr: number): MemoryType {
    return this.types[addr >>> 20]!;
  }

  private setSection(section: number, attrib: number): void {
    const value = ((section << 20) | (attrib & 0xfffff)) >>> 0;
    this.table[section] = attrib & 0xfffff;
    this.types[section] = memoryTypeOf(value);
  }
}
