/**
 * System level control registers (SLCR) at 0xF8000000: clock, reset and MIO configuration, behind a
 * write lock. Writes while locked are ignored; writing the unlock key to SLCR_UNLOCK opens it and the
 * lock key to SLCR_LOCK closes it. The board keeps the register values (a program can read back what
 * it set) but does not re-clock or reset devices from them.
 *
 * Reference: UG585 chapter 4 (SLCR registers and their write protection) and appendix B (slcr:
 * SLCR_LOCK 0x004, SLCR_UNLOCK 0x008, SLCR_LOCKSTA 0x00C, reset values); Xilinx `gcc/boot.S`
 * (`SLCRlockKey 0x767B`, `SLCRUnlockKey 0xDF0D`).
 */
import { RegisterBlock, merge } from '../bus.ts';

export const SLCR_BASE = 0xf8000000;
export const SLCR_SIZE = 0x1000;

const SLCR_LOCK = 0x004;
const SLCR_UNLOCK = 0x008;
const SLCR_LOCKSTA = 0x00c;
const PSS_IDCODE = 0x530;
const OCM_CFG = 0x910;
/** FCLK_CLK0's divisors and source (UG585 B.28: DIVISOR1 [25:20], DIVISOR0 [13:8], SRCSEL [5:4]). */
export const FPGA0_CLK_CTRL = 0x170;
/** The PL's reset outputs, FCLK_RESET0_N-3 (UG585 B.28: FPGA0_OUT_RST is bit 0, 1 = held). */
export const FPGA_RST_CTRL = 0x240;
/** The PS-PL level shifters (UG585 B.28: bits [3:0], 0xF = all enabled). */
export const LVL_SHFTR_EN = 0x900;
export const IO_PLL_CTRL = 0x108;
export const ARM_PLL_CTRL = 0x100;
export const DDR_PLL_CTRL = 0x104;

export const SLCR_LOCK_KEY = 0x767b;
export const SLCR_UNLOCK_KEY = 0xdf0d;

/** Reset values of the registers a program is likely to read (UG585 appendix B). */
const RESET_VALUES: ReadonlyMap<number, number> = new Map([
  [0x100, 0x0001a008], // ARM_PLL_CTRL
  [0x104, 0x0001a008], // DDR_PLL_CTRL
  [0x108, 0x0001a008], // IO_PLL_CTRL
  [0x120, 0x1f000400], // ARM_CLK_CTRL
  [0x154, 0x00003f03], // UART_CLK_CTRL (reset value, UG585 appendix B)
  [0x170, 0x00101800], // FPGA0_CLK_CTRL
  [0x244, 0x00000000], // A9_CPU_RST_CTRL
  [FPGA_RST_CTRL, 0x01f33f0f],
  [LVL_SHFTR_EN, 0x00000000],
]);

/**
 * What the FSBL's ps7_post_config writes before the application runs in a design with a PL: the
 * level shifters on and the PL's resets released (Vivado's generated ps7_init.c,
 * `ps7_post_config_3_0`: LVL_SHFTR_EN = 0xF, FPGA_RST_CTRL = 0).
 */
const AFTER_FSBL: ReadonlyMap<number, number> = new Map([
  [LVL_SHFTR_EN, 0x0000000f],
  [FPGA_RST_CTRL, 0x00000000],
]);

export interface SlcrOptions {
  /** The FSBL locks the SLCR before handing over to the application (default true). */
  locked?: boolean;
  /** OCM_CFG.RAM_HI, the OCM banks mapped high (the board's OCM mapping). */
  ocmRamHi?: number;
  /**
   * PSS_IDCODE: [27:21] family 0x1B, [20:17] subfamily 0x9, [16:12] device (0x07 for the 7z020),
   * [11:1] manufacturer 0x049, bit 0 set.
   */
  idcode?: number;
  /** The PL's resets released and level shifters on, as the FSBL leaves them (default true). */
  plReleased?: boolean;
}

export class Slcr extends RegisterBlock {
  private locked: boolean;
  private readonly registers = new Map<number, number>(RESET_VALUES);
  private readonly idcode: number;

  constructor(options: SlcrOptions = {}) {
    super();
    this.locked = options.locked ?? true;
    this.idcode = options.idcode ?? 0x03727093;
    this.registers.set(OCM_CFG, options.ocmRamHi ?? 0x8);
    if (options.plReleased ?? true) for (const [k, v] of AFTER_FSBL) this.registers.set(k, v);
  }

  /** A register's value as the hardware uses it (what a read returns, without side effects). */
  peek(offset: number): number {
    return this.readRegister(offset);
  }

  get isLocked(): boolean {
    return this.locked;
  }

  protected readRegister(offset: number): number {
    if (offset === SLCR_LOCKSTA) return this.locked ? 1 : 0;
    if (offset === SLCR_LOCK || offset === SLCR_UNLOCK) return 0; // write-only
    if (offset === PSS_IDCODE) return this.idcode;
    return this.registers.get(offset) ?? 0;
  }

  protected writeRegister(offset: number, value: number, strobe: number): void {
    // The lock and unlock registers take only their 16-bit keys; other values do nothing.
    if (offset === SLCR_LOCK) {
      if ((value & 0xffff) === SLCR_LOCK_KEY) this.locked = true;
      return;
    }
    if (offset === SLCR_UNLOCK) {
      if ((value & 0xffff) === SLCR_UNLOCK_KEY) this.locked = false;
      return;
    }
    if (this.locked || offset === SLCR_LOCKSTA || offset === PSS_IDCODE) return;
    this.registers.set(offset, merge(this.registers.get(offset) ?? 0, value, strobe));
  }
}
