/**
 * The board's one clock: a count of CPU cycles and a queue of events in time order. Devices are
 * lazy: they work out their state from elapsed cycles when read, and schedule an event only for
 * the moment something must happen (a timer reaching zero, a UART frame ending). Nothing is
 * stepped cycle by cycle.
 *
 * Reference: UG585 chapter 25 (clocks: CPU_6x4x is the CPU clock, CPU_3x2x = CPU/2 clocks the
 * SCU timers); the CPU frequency is the value Vivado writes into xparameters.h for a 666.67 MHz
 * part, `XPAR_CPU_CORTEXA9_0_CPU_CLK_FREQ_HZ 666666687`.
 */

export const CPU_CLOCK_HZ = 666_666_687;

/**
 * The cycle cost model the firmware engine charges. The engine runs C statements, not ARM
 * instructions, so these are estimates chosen to keep relative timings plausible:
 * - a statement costs `CYCLES_PER_STATEMENT` (a few instructions at roughly one per cycle, with
 *   DDR accesses hitting the L1/L2 caches);
 * - each device access costs extra, by where the device sits (UG585 chapter 5): the SCU-private block
 *   (GIC, private and global timers) runs at CPU_3x2x next to the cores, about 30 cycles; IOP and
 *   APB devices (UART, SLCR) sit behind the central interconnect at CPU_1x (111 MHz), about 10
 *   bus clocks or 70 CPU cycles; PL slaves answer through M_AXI_GP at the 100 MHz FCLK0, about 25
 *   FCLK cycles or 170 CPU cycles. These are estimates of uncached, in-order access latency, not
 *   measurements.
 */
export const CYCLES_PER_STATEMENT = 4;
export const CPU_PRIVATE_ACCESS_CYCLES = 30;
export const IOP_ACCESS_CYCLES = 70;
export const PL_ACCESS_CYCLES = 170;

/** Extra cycles a device (non-RAM) access at `addr` costs under the model above. */
export function deviceAccessCycles(addr: number): number {
  const a = addr >>> 0;
  if (a >= 0x40000000 && a <= 0xbfffffff) return PL_ACCESS_CYCLES;
  if (a >= 0xf8f00000 && a <= 0xf8f01fff) return CPU_PRIVATE_ACCESS_CYCLES;
  return IOP_ACCESS_CYCLES;
}

export function cyclesFromSeconds(seconds: number): number {
  return Math.round(seconds * CPU_CLOCK_HZ);
}

export function secondsFromCycles(cycles: number): number {
  return cycles / CPU_CLOCK_HZ;
}

export interface ClockEvent {
  /** The cycle the event fires at. */
  readonly at: number;
  readonly name: string;
}

interface QueuedEvent extends ClockEvent {
  at: number;
  seq: number;
  callback: () => void;
  queued: boolean;
}

export class Clock {
  /** CPU cycles since reset; a double counts exactly past 150 days of simulated time. */
  private now = 0;
  private readonly queue: QueuedEvent[] = [];
  private seq = 0;

  get cycles(): number {
    return this.now;
  }

  /** Runs `callback` `delay` cycles from now (0: at the next advance). */
  schedule(callback: () => void, delay: number, name = 'event'): ClockEvent {
    const ev: QueuedEvent = { at: 0, seq: 0, callback, queued: false, name };
    this.insert(ev, this.now + Math.max(0, Math.ceil(delay)));
    return ev;
  }

  /** Removes a pending event; does nothing if it already fired or was cancelled. */
  cancel(event: ClockEvent): void {
    const ev = event as QueuedEvent;
    if (!ev.queued) return;
    this.queue.splice(this.queue.indexOf(ev), 1);
    ev.queued = false;
  }

  /** Moves an event (pending or not) to `delay` cycles from now. */
  reschedule(event: ClockEvent, delay: number): void {
    this.cancel(event);
    this.insert(event as QueuedEvent, this.now + Math.max(0, Math.ceil(delay)));
  }

  isPending(event: ClockEvent): boolean {
    return (event as QueuedEvent).queued;
  }

  /** When the next event fires, if any. */
  nextEventAt(): number | undefined {
    return this.queue[0]?.at;
  }

  /** Moves time forward by `cycles`, firing due events in time order (ties in schedule order). */
  advance(cycles: number): void {
    this.advanceTo(this.now + cycles);
  }

  advanceTo(target: number): void {
    if (target < this.now)
      throw new RangeError(`the clock cannot go back (${target} < ${this.now})`);
    for (let ev = this.queue[0]; ev && ev.at <= target; ev = this.queue[0]) {
      this.queue.shift();
      ev.queued = false;
      this.now = ev.at;
      ev.callback();
    }
    this.now = target;
  }

  private insert(ev: QueuedEvent, at: number): void {
    ev.at = at;
    ev.seq = this.seq++;
    ev.queued = true;
    // Binary search for the first event firing later; equal times keep scheduling order.
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.queue[mid]!.at <= at) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, ev);
  }
}
