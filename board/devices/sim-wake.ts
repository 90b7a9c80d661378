/**
 * A simulator-only device at 0xF8F08000 (reserved in the SCU's address space, UG585 table 4-1)
 * that lets the BSP's `sleep`/`usleep` wait in WFE instead of polling the global timer millions of
 * times: a CPU writes a global-timer count (low word, then high word, which arms it) and the board
 * sends that CPU a WFE wake-up event when the counter gets there. The BSP still re-reads the timer
 * after each wake-up, so an early event only costs another turn of its loop. Banked per CPU.
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
const WAKE_AT_HIGH = 0x4; // writing it arms the wake-up

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
    if (offset !== WAKE_AT_HIGH) return;
    this.high[cpu] = merge(this.high[cpu]!, value, strobe);
    const old = this.pending[cpu];
    if (old) this.clock.cancel(old);
    this.pending[cpu] = null;
    const delay = this.timer.cyclesUntil(this.high[cpu]! * 2 ** 32 + this.low[cpu]!);
    if (delay === null) return; // the timer is stopped: the BSP's loop finds out by itself
    this.pending[cpu] = this.clock.schedule(
      () => {
        this.pending[cpu] = null;
        this.events.signal(cpu);
      },
      delay,
      `sim wake cpu ${cpu}`,
    );
  }
}
