/**
 * AXI BRAM controller in the PL at 0x40000000 with 8 KB of block RAM behind it. Under the BSP's
 * default MMU table the whole PL window is Strongly-ordered, so the bus only ever hands it aligned
 * accesses (unaligned ones abort before they reach the AXI port); past its end nothing answers.
 *
 * Reference: AMD PG078 (AXI BRAM Controller v4.1), AXI4-Lite interface with byte write strobes;
 * `XPAR_AXI_BRAM_CTRL_0_S_AXI_BASEADDR 0x40000000`, HIGHADDR 0x40001FFF in Vivado's xparameters.h.
 */
import { Ram } from './ram.ts';

export const AXI_BRAM_BASE = 0x40000000;
export const AXI_BRAM_SIZE = 0x2000;

export class AxiBramController extends Ram {
  constructor(size = AXI_BRAM_SIZE) {
    super(size);
  }
}
