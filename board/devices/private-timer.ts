/**
 * Cortex-A9 MPCore private timer: one 32-bit down-counter per CPU, banked at 0xF8F00600, clocked
 * at CPU_3x2x (half the CPU clock) through an 8-bit prescaler, interrupting through PPI 29.
 *
 * Reference: UG585 chapter 8 (CPU private timers and watchdog) and appendix B (mpcore:
 * Timer_Load, Timer_Counter, Timer_Control, Timer_Interrupt_Status); ARM DDI 0407 (Cortex-A9
 * MPCore TRM) chapter 4 (the period is (PRESCALER + 1) x (Load + 1) / PERIPHCLK with auto-reload);
 * Xilinx embeddedsw `drivers/scutimer/src/xscutimer_hw.h`.
 */
import { RegisterBlock, merge } from '../bus.ts';
import type { Clock, ClockEvent } from '../clock.ts';
import { IRQ } from '../irq.ts';
import type { InterruptLines } from './gic.ts';

export const PRIVATE_TIMER_BASE = 0xf8f00600;
export const PRIVATE_TIMER_SIZE = 0x20;

const LOAD = 0x00; // Timer_Load
const COUNTER = 0x04; // Timer_Counter
const CONTROL = 0x08; // Timer_Control
const ISR = 0x0c; // Timer_Interrupt_Status

export const CONTROL_ENABLE = 0x1; // Timer Enable
export const CONTROL_AUTO_RELOAD = 0x2; // Auto reload
export const CONTROL_IRQ_ENABLE = 0x4; // IRQ Enable
export const CONTROL_PRESCALER_MASK = 0xff00; // Prescaler [15:8]
export const ISR_EVENT_FLAG = 0x1; // Event flag, write 1 to clear

/** The timer counts PERIPHCLK = CPU_3x2x: one count every two CPU cycles at prescaler 0. */
const CPU_CYCLES_PER_PERIPHCLK = 2;

export class ScuPrivateTimer extends RegisterBlock {
  private readonly clock: Clock;
  private readonly irq: InterruptLines;
  private readonly cpu: number;
  private load = 0;
  private control = 0;
  private eventFlag = false;
  private irqOutput = false;
  /** The counter's value at cycle `since` (a tick boundary while enabled). */
  private counter = 0;
  private since = 0;
  private readonly zeroEvent: ClockEvent;

  constructor(clock: Clock, irq: InterruptLines, cpu: number) {
    super();
    this.clock = clock;
    this.irq = irq;
    this.cpu = cpu;
    this.zeroEvent = clock.schedule(() => this.sync(), 0, `private timer ${cpu}`);
    clock.cancel(this.zeroEvent);
  }

  private get enabled(): boolean {
    return (this.control & CONTROL_ENABLE) !== 0;
  }

  private get autoReload(): boolean {
    return (this.control & CONTROL_AUTO_RELOAD) !== 0;
  }

  private get cyclesPerTick(): number {
    return CPU_CYCLES_PER_PERIPHCLK * (((this.control & CONTROL_PRESCALER_MASK) >>> 8) + 1);
  }

  /**
   * Catches up with the clock: counts the ticks since `since`, sets the event flag if the counter
   * passed through zero, and moves `since` to the last tick boundary.
   */
  private sync(): void {
    if (!this.enabled) return;
    const ticks = Math.floor((this.clock.cycles - this.since) / this.cyclesPerTick);
    if (ticks === 0) return this.scheduleZero();
    const period = this.load + 1;
    const start = this.counter;
    let reachedZero: boolean;
    if (start > 0 && ticks < start) {
      this.counter = start - ticks;
      reachedZero = false;
    } else if (start > 0) {
      // At zero after `start` ticks; then reloads and counts down again each `period`.
      reachedZero = true;
      this.counter = this.autoReload ? (period - ((ticks - start) % period)) % period : 0;
    } else if (this.autoReload) {
      // From zero the next tick reloads: zero again every `period` ticks.
      reachedZero = ticks >= period;
      this.counter = (period - (ticks % period)) % period;
    } else {
      reachedZero = false; // stopped at zero
    }
    this.since += ticks * this.cyclesPerTick;
    if (reachedZero) this.eventFlag = true;
    this.updateIrq();
    this.scheduleZero();
  }

  private scheduleZero(): void {
    this.clock.cancel(this.zeroEvent);
    if (!this.enabled) return;
    const ticks = this.counter > 0 ? this.counter : this.autoReload ? this.load + 1 : 0;
    if (ticks === 0) return;
    const at = this.since + ticks * this.cyclesPerTick;
    this.clock.reschedule(this.zeroEvent, at - this.clock.cycles);
  }

  /** The interrupt output is the event flag gated by IRQ Enable; PPI 29 is rising-edge. */
  private updateIrq(): void {
    const out = this.eventFlag && (this.control & CONTROL_IRQ_ENABLE) !== 0;
    if (out && !this.irqOutput) this.irq.raise(IRQ.CPU_PRIVATE_TIMER, this.cpu);
    this.irqOutput = out;
  }

  /** Restarts counting from `value` now. */
  private restart(value: number): void {
    this.counter = value >>> 0;
    this.since = this.clock.cycles;
    this.scheduleZero();
  }

  protected readRegister(offset: number): number {
    this.sync();
    switch (offset) {
      case LOAD:
        return this.load;
      case COUNTER:
        return this.counter;
      case CONTROL:
        return this.control;
      case ISR:
        return this.eventFlag ? ISR_EVENT_FLAG : 0;
      default:
        return 0;
    }
  }

  protected writeRegister(offset: number, value: number, strobe: number): void {
    this.sync();
    switch (offset) {
      case LOAD:
        // A write to the Load register also loads the Counter register (DDI 0407 chapter 4).
        this.load = merge(this.load, value, strobe);
        this.restart(this.load);
        return;
      case COUNTER:
        this.restart(merge(this.counter, value, strobe));
        return;
      case CONTROL: {
        const wasEnabled = this.enabled;
        this.control = merge(this.control, value, strobe) & 0xff07;
        if (this.enabled && !wasEnabled) this.since = this.clock.cycles;
        this.updateIrq();
        this.scheduleZero();
        return;
      }
      case ISR:
        if (value & ISR_EVENT_FLAG) this.eventFlag = false;
        this.updateIrq();
        return;
    }
  }
}
