import { describe, expect, it } from 'vitest';
import { BusFault } from '../bus.ts';
import { createZynqBoard, type ZynqBoard } from '../zynq.ts';

// UG585 appendix B (slcr) and the course design's AXI GPIO (xparameters.h).
const SLCR_UNLOCK = 0xf8000008;
const IO_PLL_CTRL = 0xf8000108;
const FPGA0_CLK_CTRL = 0xf8000170;
const FPGA_RST_CTRL = 0xf8000240;
const LVL_SHFTR_EN = 0xf8000900;
const GPIO_DATA = 0x41200000;
const NO_SLAVE = 0x44a00000;

function unlocked(options: { bitstream?: boolean } = {}): ZynqBoard {
  const board = createZynqBoard(options);
  board.bus.write(SLCR_UNLOCK, 0xdf0d, 4);
  return board;
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

describe('the PL as the PS sees it', () => {
  it('answers after the FSBL: slaves decode their addresses, the interconnect DECERRs the rest', () => {
    const board = createZynqBoard();
    expect(board.pl.stallCause()).toBeNull();
    expect(board.bus.read(FPGA_RST_CTRL, 4)).toBe(0);
    expect(board.bus.read(LVL_SHFTR_EN, 4)).toBe(0xf);
    board.bus.write(GPIO_DATA, 0x5, 4);
    const f = faultOf(() => board.bus.write(NO_SLAVE, 1, 4));
    expect(f.kind).toBe('no-slave');
    expect(f.stallsForever).toBe(false);
    expect(f.message).toContain('imprecise external abort, AXI DECERR');
  });

  it('stalls every PL access without a bitstream, and answers once one is loaded', () => {
    const board = createZynqBoard({ bitstream: false });
    expect(board.pl.bitstreamLoaded).toBe(false);
    const f = faultOf(() => board.bus.read(GPIO_DATA, 4));
    expect(f.kind).toBe('pl-stall');
    expect(f.stallsForever).toBe(true);
    expect(f.message).toBe(
      'read from 0x41200000 never completes: the PL is not configured: program the FPGA with the bitstream before running',
    );
    // An undecoded PL address stalls too: there is no interconnect to answer DECERR.
    expect(faultOf(() => board.bus.write(NO_SLAVE, 1, 4)).kind).toBe('pl-stall');
    board.pl.setBitstream(true);
    expect(board.bus.read(GPIO_DATA, 4)).toBe(0);
  });

  it('stalls while FPGA_RST_CTRL holds FCLK_RESET0_N', () => {
    const board = unlocked();
    board.bus.write(FPGA_RST_CTRL, 0x1, 4);
    expect(board.pl.stallCause()).toBe('held-in-reset');
    expect(faultOf(() => board.bus.write(GPIO_DATA, 1, 4)).message).toContain('FPGA_RST_CTRL');
    // The other PL resets (FCLK_RESET1-3_N) do not reach this design.
    board.bus.write(FPGA_RST_CTRL, 0xe, 4);
    expect(board.pl.stallCause()).toBeNull();
  });

  it('stalls while FCLK_CLK0 is stopped: a zero divisor, or its PLL in reset or powered down', () => {
    const board = unlocked();
    const ctrl = board.bus.read(FPGA0_CLK_CTRL, 4);
    board.bus.write(FPGA0_CLK_CTRL, ctrl & ~0x3f00, 4); // DIVISOR0 = 0
    expect(board.pl.stallCause()).toBe('fclk-stopped');
    expect(faultOf(() => board.bus.read(GPIO_DATA, 4)).message).toContain('FPGA0_CLK_CTRL');
    board.bus.write(FPGA0_CLK_CTRL, 0x00100a00, 4); // IO PLL / 10 / 1, as ps7_init sets 100 MHz
    expect(board.pl.stallCause()).toBeNull();
    const pll = board.bus.read(IO_PLL_CTRL, 4);
    board.bus.write(IO_PLL_CTRL, pll | 0x2, 4); // PLL_PWRDWN
    expect(board.pl.stallCause()).toBe('fclk-stopped');
    board.bus.write(IO_PLL_CTRL, pll | 0x2 | 0x10, 4); // ... but bypassed: the reference clock runs
    expect(board.pl.stallCause()).toBeNull();
    board.bus.write(FPGA0_CLK_CTRL, 0x00100a20, 4); // SRCSEL = ARM PLL, which runs
    board.bus.write(IO_PLL_CTRL, pll | 0x1, 4);
    expect(board.pl.stallCause()).toBeNull();
  });

  it('stalls while the PS-PL level shifters are off', () => {
    const board = unlocked();
    board.bus.write(LVL_SHFTR_EN, 0x0, 4);
    expect(board.pl.stallCause()).toBe('level-shifters');
    expect(faultOf(() => board.bus.read(GPIO_DATA, 4)).message).toContain('LVL_SHFTR_EN');
  });

  it('ignores the controls while the SLCR is locked, as the hardware does', () => {
    const board = createZynqBoard();
    board.bus.write(FPGA_RST_CTRL, 0x1, 4);
    expect(board.pl.stallCause()).toBeNull();
  });
});
