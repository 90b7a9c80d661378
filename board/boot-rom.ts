/**
 * What the boot ROM leaves CPU1 doing after reset: a loop of WFE, then a read of 0xFFFFFFF0 (the
 * last word of high OCM), jumping to that address once it is non-zero. CPU0 starts CPU1 by writing
 * the entry point there and executing SEV; without the SEV CPU1 sleeps on.
 *
 * Reference: UG585 chapter 6 (boot ROM, "Starting Code on CPU 1"); XAPP1078 p.5 and XAPP1079 (CPU0:
 * `Xil_Out32(0xFFFFFFF0, start); dmb(); sev();`); FreeBSD `zy7_mp.c` (`ZYNQ7_CPU1_ENTRY 0xfffffff0`).
 */
import type { Bus } from './bus.ts';
import type { CpuEvents } from './cpu-events.ts';

export const CPU1_START_ADDRESS_WORD = 0xfffffff0;

export class BootRomPark {
  private readonly bus: Bus;
  private readonly events: CpuEvents;
  readonly cpu: number;
  /** The address the CPU jumped to, once it has. */
  entry: number | null = null;
  /** The next instruction of the loop: WFE, or the load after a WFE completed. */
  private next: 'wfe' | 'read' = 'wfe';

  constructor(bus: Bus, events: CpuEvents, cpu = 1) {
    this.bus = bus;
    this.events = events;
    this.cpu = cpu;
  }

  /**
   * Runs the loop as far as it goes now: the entry address when the CPU leaves the boot ROM, or
   * null when it sleeps in WFE (call again when `CpuEvents.wakeOnEvent` reports it awake).
   */
  step(): number | null {
    if (this.entry !== null) return this.entry;
    if (this.events.isSleeping(this.cpu)) return null;
    // At most two turns: a pending event lets the first WFE through, the second one sleeps.
    for (;;) {
      if (this.next === 'wfe') {
        this.next = 'read'; // where the CPU continues once WFE completes
        if (this.events.wfe(this.cpu)) return null;
      }
      const entry = this.bus.read(CPU1_START_ADDRESS_WORD, 4, this.cpu);
      this.next = 'wfe';
      if (entry !== 0) {
        this.entry = entry;
        return entry;
      }
    }
  }
}
