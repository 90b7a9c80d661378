/**
 * The Snoop Control Unit's own registers at 0xF8F00000: control (the SCU enable that boot code and
 * FreeBSD's zy7_mp.c set before starting CPU1), the read-only configuration, CPU power status,
 * invalidate-all, and the address filtering window (DDR from 0x00100000 goes through the SCU). The
 * board has no caches, so enabling or invalidating changes nothing but the register values.
 *
 * Reference: UG585 chapter 3 (the SCU) and appendix B (mpcore: SCU_CONTROL_REGISTER 0x00,
 * SCU_CONFIGURATION_REGISTER 0x04, SCU_CPU_Power_Status_Register 0x08,
 * SCU_Invalidate_All_Registers_in_Secure_State 0x0C, Filtering_Start_Address_Register 0x40,
 * Filtering_End_Address_Register 0x44); ARM DDI 0407 (SCU registers); QEMU's hw/misc/a9scu.c
 * (SCU_CONFIGURATION reads 0x31 with two CPUs).
 */
import { RegisterBlock, merge } from '../bus.ts';

export const SCU_BASE = 0xf8f00000;
export const SCU_SIZE = 0x100;

const SCU_CONTROL = 0x00;
const SCU_CONFIGURATION = 0x04;
const SCU_CPU_POWER_STATUS = 0x08;
const SCU_INVALIDATE_ALL = 0x0c;
const FILTERING_START = 0x40;
const FILTERING_END = 0x44;

export const SCU_CONTROL_ENABLE = 0x1;

export class ScuControl extends RegisterBlock {
  private control = 0;
  private powerStatus = 0;
  private readonly cpus: number;

  constructor(cpus = 2) {
    super();
    this.cpus = cpus;
  }

  get enabled(): boolean {
    return (this.control & SCU_CONTROL_ENABLE) !== 0;
  }

  protected readRegister(offset: number): number {
    switch (offset) {
      case SCU_CONTROL:
        return this.control;
      case SCU_CONFIGURATION:
        // [1:0] number of CPUs - 1, [7:4] CPUs in SMP mode (as QEMU reports for two CPUs).
        return (this.cpus - 1) | (((1 << this.cpus) - 1) << 4);
      case SCU_CPU_POWER_STATUS:
        return this.powerStatus;
      case FILTERING_START:
        return 0x00100000;
      case FILTERING_END:
        return 0xffe00000;
      default:
        return 0;
    }
  }

  protected writeRegister(offset: number, value: number, strobe: number): void {
    switch (offset) {
      case SCU_CONTROL:
        this.control = merge(this.control, value, strobe) & 0x7f;
        return;
      case SCU_CPU_POWER_STATUS:
        this.powerStatus = merge(this.powerStatus, value, strobe) & 0x03030303;
        return;
      case SCU_INVALIDATE_ALL:
        return; // no tag RAMs to invalidate
      default:
        return; // the filtering window is fixed (the FSBL sets it)
    }
  }
}
