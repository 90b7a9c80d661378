/**
 * The Cortex-A9 debug communications channel (DCC), one per CPU: the JTAG UART. A program sends a
 * word to the debugger by writing DBGDTRTXint, which sets DBGDSCR.TXfull until the debugger has
 * read the word through the external view (DBGDTRTXext); the debugger sends a word by writing
 * DBGDTRRXext, which sets DBGDSCR.RXfull until the program reads DBGDTRRXint. xsdb's
 * `jtagterminal` is such a debugger: it polls the selected core's DCC and shows the bytes.
 *
 * Reference: ARM Architecture Reference Manual ARMv7-A and ARMv7-R (DDI 0406), chapter C6 (Debug
 * Register Interfaces: C6.1.3 the DCC, and "Internal and external views of the DBGDSCR and the
 * DCC registers") and the debug register reference (chapter C10 in issue B, C11 in issue C):
 * DBGDSCR bit 30 RXfull and bit 29 TXfull, the accesses to DBGDTRRXint and DBGDTRTXint, and their
 * CP14 encodings `mrc p14, 0, Rt, c0, c1, 0` (DBGDSCRint) and `mcr/mrc p14, 0, Rt, c0, c5, 0`
 * (DBGDTRTXint/DBGDTRRXint); Xilinx embeddedsw `XilinxProcessorIPLib/drivers/coresightps_dcc/src/
 * xcoresightpsdcc.c` (`XCoresightPs_DccSendByte` waits while TXfull, then writes the byte;
 * `XCoresightPs_DccRecvByte` waits for RXfull, then reads), which the BSP's `outbyte` calls when
 * its stdout is `ps7_coresight_comp_0`; UG1208 (xsdb `jtagterminal`).
 *
 * The simulated CPUs run C and have no coprocessors, so, as for CP15's TLB maintenance
 * (mmu-table.ts), the board shows the CP14 registers as a simulator-only window at 0xF8F09000
 * (reserved in the SCU's address space, UG585 table 4-1), banked per CPU: the word at CRm * 4 is
 * the register `p14, 0, c0, CRm, 0` names (0x04: DBGDSCRint; 0x14: DBGDTRTXint on a write,
 * DBGDTRRXint on a read). xparameters.h names it `XPAR_SIM_DCC_BASEADDR`; the BSP built for
 * hardware uses the `mrc`/`mcr` instructions as Xilinx's does.
 *
 * The debugger is modelled as always attached (the console's hw_server): it reads a word from
 * DBGDTRTX one poll period after the program wrote it. On a board with no debugger reading, TXfull
 * never clears and `XCoresightPs_DccSendByte` waits forever.
 */
import { RegisterBlock } from '../bus.ts';
import type { Clock } from '../clock.ts';

export const DCC_WINDOW_BASE = 0xf8f09000;
export const DCC_WINDOW_SIZE = 0x20;

/** Window offsets: CRm * 4 of the CP14 encoding `p14, 0, <Rt>, c0, <CRm>, 0`. */
export const DBGDSCR_INT = 0x04; // c0, c1, 0
export const DBGDTR_INT = 0x14; // c0, c5, 0: DBGDTRTXint (write), DBGDTRRXint (read)

/** DBGDSCR's DCC flags (ARM ARM v7-A, the DBGDSCR description). */
export const DBGDSCR_RXFULL = 1 << 30;
export const DBGDSCR_TXFULL = 1 << 29;

/**
 * How long the debugger takes to notice and read a word the program wrote: a JTAG scan of the
 * debug registers through the DAP every few microseconds, as hw_server polls. A modelling choice,
 * not a datasheet figure: 20 us per byte, so a 40-character line takes 0.8 ms.
 */
export const DCC_POLL_CYCLES = 13_333;

interface Channel {
  /** DBGDTRTX: the word written and not yet read by the debugger (TXfull), or null. */
  tx: number | null;
  /** DBGDTRRX: the word the debugger wrote and the program has not read (RXfull), or null. */
  rx: number | null;
}

export class Dcc extends RegisterBlock {
  private readonly clock: Clock;
  private readonly pollCycles: number;
  private readonly channels: Channel[];
  /** The debugger's side: each byte it reads from a CPU's DBGDTRTX (the low byte of the word). */
  onByte: ((byte: number, cpu: number) => void) | null = null;
  /** Words written while TXfull was set (UNPREDICTABLE in the ARM ARM): dropped here. */
  private dropped = 0;

  constructor(clock: Clock, cpus: number, options: { pollCycles?: number } = {}) {
    super();
    this.clock = clock;
    this.pollCycles = options.pollCycles ?? DCC_POLL_CYCLES;
    this.channels = Array.from({ length: cpus }, () => ({ tx: null, rx: null }));
  }

  /** DBGDSCR as `cpu` reads it: RXfull and TXfull (the other fields read as 0 here). */
  status(cpu: number): number {
    const c = this.channel(cpu);
    return ((c.rx !== null ? DBGDSCR_RXFULL : 0) | (c.tx !== null ? DBGDSCR_TXFULL : 0)) >>> 0;
  }

  /** The debugger writes DBGDTRRXext; false (nothing written) while RXfull is still set. */
  send(cpu: number, word: number): boolean {
    const c = this.channel(cpu);
    if (c.rx !== null) return false;
    c.rx = word >>> 0;
    return true;
  }

  /** Words the program wrote to DBGDTRTXint while TXfull was set (lost). */
  get droppedWords(): number {
    return this.dropped;
  }

  protected readRegister(offset: number, cpu: number): number {
    if (offset === DBGDSCR_INT) return this.status(cpu);
    if (offset === DBGDTR_INT) {
      // Reading DBGDTRRXint clears RXfull; with RXfull clear its value is UNKNOWN (0 here).
      const c = this.channel(cpu);
      const word = c.rx ?? 0;
      c.rx = null;
      return word;
    }
    return 0;
  }

  protected writeRegister(offset: number, value: number, _strobe: number, cpu: number): void {
    if (offset !== DBGDTR_INT) return;
    const c = this.channel(cpu);
    if (c.tx !== null) {
      this.dropped++;
      return;
    }
    c.tx = value >>> 0;
    this.clock.schedule(() => this.debuggerReads(cpu), this.pollCycles, `dcc cpu ${cpu}`);
  }

  /** The debugger reads DBGDTRTXext: TXfull clears and the byte reaches the JTAG terminal. */
  private debuggerReads(cpu: number): void {
    const c = this.channel(cpu);
    if (c.tx === null) return;
    const word = c.tx;
    c.tx = null;
    this.onByte?.(word & 0xff, cpu);
  }

  private channel(cpu: number): Channel {
    const c = this.channels[cpu];
    if (!c)
      throw new RangeError(
        `DCC: CPU ${cpu} does not exist (expected 0 to ${this.channels.length - 1})`,
      );
    return c;
  }
}
