/**
 * The programmable logic as the PS's AXI masters see it: whether an access to the PL windows
 * (M_AXI_GP0 at 0x40000000, M_AXI_GP1 at 0x80000000) can complete at all. With a bitstream loaded,
 * its FCLK_CLK0 running, its reset released and the PS-PL level shifters on, the design's AXI
 * interconnect answers every address: its slaves answer theirs, and an address no slave decodes gets
 * DECERR, which the CPU takes as an external abort (bus.ts). Without any of these, nothing in the PL
 * drives a response and the CPU waits for it forever: a stall, which is what this module reports,
 * with the cause a learner should check.
 *
 * The SLCR registers read here (UG585 appendix B, slcr): FPGA0_CLK_CTRL (0x170: DIVISOR1 [25:20],
 * DIVISOR0 [13:8], SRCSEL [5:4], 0x = IO PLL, 10 = ARM PLL, 11 = DDR PLL); the PLL controls
 * ARM_PLL_CTRL, DDR_PLL_CTRL, IO_PLL_CTRL (0x100-0x108: PLL_RESET bit 0, PLL_PWRDWN bit 1,
 * PLL_BYPASS_FORCE bit 4); FPGA_RST_CTRL (0x240: FPGA0_OUT_RST bit 0 drives FCLK_RESET0_N, which
 * Vivado's Processor System Reset block turns into the interconnect's and slaves' resets);
 * LVL_SHFTR_EN (0x900: the PS-PL level shifters, 0xF after ps7_init). Modelling choices, not
 * measurements: a divisor of 0 or a source PLL held in reset or powered down (and not bypassed)
 * gives no FCLK_CLK0; the design runs only on FCLK_CLK0 and FCLK_RESET0_N, as the course's Vivado
 * design (one clock, one Processor System Reset) does.
 */
import {
  ARM_PLL_CTRL,
  DDR_PLL_CTRL,
  FPGA0_CLK_CTRL,
  FPGA_RST_CTRL,
  IO_PLL_CTRL,
  LVL_SHFTR_EN,
  type Slcr,
} from './slcr.ts';

export type PlStallCause = 'no-bitstream' | 'fclk-stopped' | 'held-in-reset' | 'level-shifters';

/** What a learner should check, per cause (the end of a stall's message). */
export const PL_STALL_ADVICE: Readonly<Record<PlStallCause, string>> = {
  'no-bitstream': 'the PL is not configured: program the FPGA with the bitstream before running',
  'fclk-stopped':
    'FCLK_CLK0 is stopped: check SLCR FPGA0_CLK_CTRL (divisors not 0) and its source PLL',
  'held-in-reset':
    'the PL is held in reset: SLCR FPGA_RST_CTRL bit 0 (FPGA0_OUT_RST) must be 0 to release it',
  'level-shifters':
    'the PS-PL level shifters are off: SLCR LVL_SHFTR_EN must be 0xF, as ps7_init leaves it',
};

const PLL_BY_SRCSEL = [IO_PLL_CTRL, IO_PLL_CTRL, ARM_PLL_CTRL, DDR_PLL_CTRL] as const;

export class ProgrammableLogic {
  private readonly slcr: Slcr;
  private configured: boolean;

  constructor(slcr: Slcr, options: { bitstream?: boolean } = {}) {
    this.slcr = slcr;
    this.configured = options.bitstream ?? true;
  }

  /** Whether a bitstream is loaded (the DONE LED is lit). */
  get bitstreamLoaded(): boolean {
    return this.configured;
  }

  /** Loads (true) or clears (false) the bitstream, as the JTAG programmer would. */
  setBitstream(loaded: boolean): void {
    this.configured = loaded;
  }

  /** Whether FCLK_CLK0 runs, from FPGA0_CLK_CTRL and the PLL it selects. */
  get fclk0Running(): boolean {
    const ctrl = this.slcr.peek(FPGA0_CLK_CTRL);
    const divisor0 = (ctrl >>> 8) & 0x3f;
    const divisor1 = (ctrl >>> 20) & 0x3f;
    if (divisor0 === 0 || divisor1 === 0) return false;
    const pll = this.slcr.peek(PLL_BY_SRCSEL[(ctrl >>> 4) & 3]!);
    const bypassed = (pll & 0x10) !== 0;
    return bypassed || (pll & 0x3) === 0;
  }

  /** Why an access to the PL would never complete, or null when the PL answers. */
  stallCause(): PlStallCause | null {
    if (!this.configured) return 'no-bitstream';
    if ((this.slcr.peek(LVL_SHFTR_EN) & 0xf) !== 0xf) return 'level-shifters';
    if (!this.fclk0Running) return 'fclk-stopped';
    if (this.slcr.peek(FPGA_RST_CTRL) & 1) return 'held-in-reset';
    return null;
  }
}
