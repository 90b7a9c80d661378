/**
 * The event register of each Cortex-A9 and the SEV/WFE handshake between the two CPUs. The firmware
 * engine asks `wfe(cpu)` whether a CPU goes to sleep, and learns through `wakeOnEvent` when an event
 * (another CPU's SEV) wakes it.
 *
 * Reference: ARM ARM v7-A B1.8.13 (wait for event and send event: WFE completes at once and clears
 * the event register when it is set; otherwise the processor sleeps until a wake-up event; SEV
 * signals an event to every processor in the multiprocessor system); XAPP1079 (CPU0 writes
 * 0xFFFFFFF0, then SEV) (zynq.md 1.8).
 */

export class CpuEvents {
  private readonly eventRegister: boolean[];
  private readonly sleeping: boolean[];
  private readonly listeners: (((cpu: number) => void) | null)[];

  constructor(cpus = 2) {
    this.eventRegister = new Array<boolean>(cpus).fill(false);
    this.sleeping = new Array<boolean>(cpus).fill(false);
    this.listeners = new Array<((cpu: number) => void) | null>(cpus).fill(null);
  }

  get cpus(): number {
    return this.eventRegister.length;
  }

  isSet(cpu: number): boolean {
    return this.eventRegister[cpu]!;
  }

  isSleeping(cpu: number): boolean {
    return this.sleeping[cpu]!;
  }

  /**
   * WFE on `cpu`: false when a pending event lets it go on (the event is consumed); true when it
   * sleeps until `signal` reaches it.
   */
  wfe(cpu: number): boolean {
    if (this.eventRegister[cpu]) {
      this.eventRegister[cpu] = false;
      return false;
    }
    this.sleeping[cpu] = true;
    return true;
  }

  /** SEV on `fromCpu`: every CPU, the sender included, gets the event. */
  sev(fromCpu: number): void {
    void fromCpu;
    for (let cpu = 0; cpu < this.cpus; cpu++) this.signal(cpu);
  }

  /**
   * A WFE wake-up event for `cpu` (SEV, or an unmasked interrupt the host decides to count): a
   * sleeping CPU wakes and the event is used up by the wake-up; an awake one keeps it for its next WFE.
   */
  signal(cpu: number): void {
    if (this.sleeping[cpu]) {
      this.sleeping[cpu] = false;
      this.listeners[cpu]?.(cpu);
    } else {
      this.eventRegister[cpu] = true;
    }
  }

  /**
   * `cpu` left WFE for another reason (an interrupt): it is awake, and a later event must set its
   * event register instead of being taken for the wake-up.
   */
  awake(cpu: number): void {
    this.sleeping[cpu] = false;
  }

  /** Calls `listener` each time `cpu` wakes from WFE (the engine resumes that CPU's thread). */
  wakeOnEvent(cpu: number, listener: ((cpu: number) => void) | null): void {
    this.listeners[cpu] = listener;
  }
}
