/**
 * On-chip memory: 256 KB in four 64 KB banks. Each bank answers either low (at bank x 64 KB) or high
 * (at 0xFFFC0000 + bank x 64 KB), as OCM_CFG.RAM_HI says. After the boot ROM hands over, banks 0-2
 * are low and bank 3 is high (0xFFFF0000-0xFFFFFFFF), which holds the CPU1 start address word at
 * 0xFFFFFFF0.
 *
 * Reference: UG585 chapter 29 (OCM address mapping, OCM_CFG) and table 4-1 (system address
 * map); UG585 6.1.10 (CPU1's start address word at 0xFFFFFFF0).
 */
import { Ram } from './ram.ts';

export const OCM_SIZE = 0x40000;
export const OCM_BANK_SIZE = 0x10000;
export const OCM_HIGH_BASE = 0xfffc0000;
/** OCM_CFG.RAM_HI as the boot ROM leaves it: only bank 3 high. */
export const OCM_RAM_HI_AFTER_BOOT = 0x8;

export interface OcmWindow {
  readonly base: number;
  readonly size: number;
  readonly device: Ram;
  readonly name: string;
}

export class Ocm {
  readonly bytes = new Uint8Array(OCM_SIZE);
  private readonly banks: Ram[];

  constructor() {
    this.banks = [0, 1, 2, 3].map(
      (i) => new Ram(this.bytes.subarray(i * OCM_BANK_SIZE, (i + 1) * OCM_BANK_SIZE)),
    );
  }

  /** Where each bank answers for a RAM_HI value: one bus region per bank. */
  windows(ramHi = OCM_RAM_HI_AFTER_BOOT): OcmWindow[] {
    return this.banks.map((device, i) => {
      const high = (ramHi >> i) & 1;
      return {
        base: ((high ? OCM_HIGH_BASE : 0) + i * OCM_BANK_SIZE) >>> 0,
        size: OCM_BANK_SIZE,
        device,
        name: `ocm bank ${i} (${high ? 'high' : 'low'})`,
      };
    });
  }
}
