/**
 * A simulator-only window onto the CPUs' first-level translation table, at 0xF8F04000 (reserved in
 * the SCU's address space, UG585 table 4-1). On hardware the BSP's `Xil_SetTlbAttributes` rewrites
 * `MMUTable` in DDR and then invalidates the TLB through CP15; the simulated CPUs run C without
 * CP15, so the BSP writes the descriptor here instead and the change applies at once. Word
 * `n` is the descriptor of section `n` (addresses n MB to n MB + 0xFFFFF).
 *
 * Reference: ARM ARM v7-A B3.5.1 (short-descriptor section entries); Xilinx embeddedsw
 * `lib/bsp/standalone/src/arm/cortexa9/xil_mmu.c`.
 */
import { RegisterBlock } from '../bus.ts';
import { SECTION_COUNT, type MemoryAttributes } from '../memory-attributes.ts';

export const MMU_TABLE_WINDOW_BASE = 0xf8f04000;
export const MMU_TABLE_WINDOW_SIZE = SECTION_COUNT * 4;

export class MmuTableWindow extends RegisterBlock {
  private readonly attributes: MemoryAttributes;

  constructor(attributes: MemoryAttributes) {
    super();
    this.attributes = attributes;
  }

  protected readRegister(offset: number): number {
    const section = offset >> 2;
    return ((section << 20) | this.attributes.attributeAt(section << 20)) >>> 0;
  }

  /** Only whole-word writes make sense for a descriptor; narrower ones are ignored. */
  protected writeRegister(offset: number, value: number, strobe: number): void {
    if (strobe !== 0xffffffff) return;
    const section = offset >> 2;
    this.attributes.setTlbAttributes(section << 20, value & 0xfffff);
  }
}
