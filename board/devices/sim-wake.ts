/**
 * A simulator-only device at 0xF8F08000 (reserved in the SCU's address space, UG585 table 4-1)
 * that lets the BSP's waits (`sleep`, `usleep`, `XUartPs_SendByte` on a full FIFO) doze instead
 * of polling a register millions of times. A CPU arms a doze, then executes WFE, which sleeps
 * until the time is up without using or losing the event register (cpu-events.ts); an SEV or an
 * interrupt ends it early. The BSP re-checks its condition after each wake-up, so it sees the
 * same registers at the same simulated times as Xilinx's polling loops. Banked per CPU.
 * - WAKE_AT_LOW/HIGH: until the global timer reaches a count (writing HIGH arms);
 * - WAKE_AFTER: for a number of CPU cycles.
 * xparameters.h names it `XPAR_SIM_WAKE_BASEADDR`; a real design has no such device, and the BSP
 * then polls as Xilinx's does.
 */
import { RegisterBlock, merge } from '../bus.ts';
import type { Clock, ClockEvent } from '../clock.ts';
import type { CpuEvents } from '../cpu-events.ts';
import type { ScuGlobalTimer } from './global-timer.ts';

export const SIM_WAKE_BASE = 0xf8f08000;
export const SIM_WAKE_SIZE = 0x10;

const WAKE_AT_LOW = 0x0;
const WAKE_AT_HIGH = 0x4; // writing it arms the doze
const WAKE_AFTER = 0x8;

export class SimWake extends RegisterBlock {
  private readonly clock: Clock;
  private readonly timer: ScuGlobalTimer;
  private readonly events: CpuEvents;
  private readonly low: number[];
  private readonly high: number[];
  private readonly pending: (ClockEvent | null)[];

  constructor(clock: Clock, timer: ScuGlobalTimer, events: CpuEvents) {
    super();
    this.clock = clock;
    this.timer = timer;
    this.events = events;
    this.low = new Array<number>(events.cpus).fill(0);
    this.high = new Array<number>(events.cpus).fill(0);
    this.pending = new Array<ClockEvent | null>(events.cpus).fill(null);
  }

  protected readRegister(offset: number, cpu: number): number {
    if (offset === WAKE_AT_LOW) return this.low[cpu]!;
    if (offset === WAKE_AT_HIGH) return this.high[cpu]!;
    return 0;
  }

  protected writeRegister(offset: number, value: number, strobe: number, cpu: number): void {
    if (offset === WAKE_AT_LOW) this.low[cpu] = merge(this.low[cpu]!, value, strobe);
    else if (offset === WAKE_AT_HIGH) {
      this.high[cpu] = merge(this.high[cpu]!, value, strobe);
      // A stopped timer never gets there: end the doze at once and let the BSP poll.
      this.arm(cpu, this.timer.cyclesUntil(this.high[cpu]! * 2 ** 32 + this.low[cpu]!) ?? 0);
    } else if (offset === WAKE_AFTER) this.arm(cpu, value >>> 0);
  }

  private arm(cpu: number, delay: number): void {
    const old = this.pending[cpu];
    if (old) this.clock.cancel(old);
    this.events.armDoze(cpu);
    this.pending[cpu] = this.clock.schedule(
      () => {
        this.pending[cpu] = null;
        this.events.endDoze(cpu);
      },
      delay,
      `sim wake cpu ${cpu}`,
    );
  }
}
