/**
 * The event register of each Cortex-A9 and the SEV/WFE handshake between the two CPUs. The firmware
 * engine asks `wfe(cpu)` whether a CPU goes to sleep, and learns through `wakeOnEvent` when an event
 * (another CPU's SEV) wakes it.
 *
 * Reference: ARM ARM v7-A B1.8 (wait for event and send event: WFE completes at once and clears
 * the event register when it is set; otherwise the processor sleeps until a wake-up event; SEV
 * signals an event to every processor in the multiprocessor system); XAPP1079 (CPU0 writes
 * 0xFFFFFFF0, then SEV).
 */

export class CpuEvents {
  private readonly eventRegister: boolean[];
  private readonly sleeping: boolean[];
  private readonly listeners: (((cpu: number) => void) | null)[];
  // A doze is the simulator's timed wait for the BSP (devices/sim-wake.ts): the next WFE sleeps
  // until `endDoze` without using or losing the event register, so the program's own SEV/WFE
  // handshakes see exactly what they would with Xilinx's polling loops.
  private readonly dozeArmed: boolean[];
  private readonly dozeExpired: boolean[];
  private readonly dozing: boolean[];

  constructor(cpus = 2) {
    this.eventRegister = new Array<boolean>(cpus).fill(false);
    this.sleeping = new Array<boolean>(cpus).fill(false);
    this.listeners = new Array<((cpu: number) => void) | null>(cpus).fill(null);
    this.dozeArmed = new Array<boolean>(cpus).fill(false);
    this.dozeExpired = new Array<boolean>(cpus).fill(false);
    this.dozing = new Array<boolean>(cpus).fill(false);
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
    if (this.dozeArmed[cpu]) {
      this.dozeArmed[cpu] = false;
      if (this.dozeExpired[cpu]) {
        this.dozeExpired[cpu] = false;
        return false;
      }
      this.dozing[cpu] = true;
      this.sleeping[cpu] = true;
      return true;
    }
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
    if (this.sleeping[cpu] && this.dozing[cpu]) {
      // The doze ends early, and the event stays for the program's next real WFE.
      this.dozing[cpu] = false;
      this.sleeping[cpu] = false;
      this.eventRegister[cpu] = true;
      this.listeners[cpu]?.(cpu);
    } else if (this.sleeping[cpu]) {
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
    this.dozing[cpu] = false;
  }

  /** Makes `cpu`'s next WFE a doze, ended by `endDoze` (or early by an event or interrupt). */
  armDoze(cpu: number): void {
    this.dozeArmed[cpu] = true;
    this.dozeExpired[cpu] = false;
  }

  /** The doze's time is up: wake the CPU, or let its coming WFE fall through. */
  endDoze(cpu: number): void {
    if (this.dozing[cpu]) {
      this.dozing[cpu] = false;
      this.sleeping[cpu] = false;
      this.listeners[cpu]?.(cpu);
    } else if (this.dozeArmed[cpu]) {
      this.dozeExpired[cpu] = true;
    }
  }

  /** Calls `listener` each time `cpu` wakes from WFE (the engine resumes that CPU's thread). */
  wakeOnEvent(cpu: number, listener: ((cpu: number) => void) | null): void {
    this.listeners[cpu] = listener;
  }
}
