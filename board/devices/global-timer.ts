/**
 * Cortex-A9 MPCore global timer at 0xF8F00200: one 64-bit up-counter shared by both CPUs, clocked
 * at CPU_3x2x (half the CPU clock), with a comparator per CPU interrupting through PPI 27. The
 * standalone BSP's `XTime_GetTime`, `sleep` and `usleep` read it (`COUNTS_PER_SECOND` is
 * `XPAR_CPU_CORTEXA9_CORE_CLOCK_FREQ_HZ / 2`).
 *
 * Reference: UG585 chapter 8 (global timer) and appendix B (mpcore: Global_Timer_Counter_Register0/1,
 * Global_Timer_Control_Register, Global_Timer_Interrupt_Status_Register, Comparator_Value_Register0/1,
 * Auto_increment_Register); ARM DDI 0407 chapter 4 (timer enable and prescaler are shared,
 * comparator, its enables and the event flag are banked per CPU); Xilinx `cortexa9/xtime_l.h`.
 */
import { RegisterBlock, merge, type BusDevice } from '../bus.ts';
import type { Clock, ClockEvent } from '../clock.ts';
import { IRQ } from '../irq.ts';
import type { InterruptLines } from './gic.ts';

export const GLOBAL_TIMER_BASE = 0xf8f00200;
export const GLOBAL_TIMER_SIZE = 0x20;

const COUNTER_LOWER = 0x00; // GTIMER_COUNTER_LOWER_OFFSET
const COUNTER_UPPER = 0x04; // GTIMER_COUNTER_UPPER_OFFSET
const CONTROL = 0x08; // GTIMER_CONTROL_OFFSET
const ISR = 0x0c;
const COMPARATOR_LOWER = 0x10;
const COMPARATOR_UPPER = 0x14;
const AUTO_INCREMENT = 0x18;

export const CONTROL_TIMER_ENABLE = 0x1; // shared
export const CONTROL_COMP_ENABLE = 0x2; // banked
export const CONTROL_IRQ_ENABLE = 0x4; // banked
export const CONTROL_AUTO_INCREMENT = 0x8; // banked
export const CONTROL_PRESCALER_MASK = 0xff00; // shared
const BANKED_CONTROL = CONTROL_COMP_ENABLE | CONTROL_IRQ_ENABLE | CONTROL_AUTO_INCREMENT;

const TWO_32 = 2 ** 32;

interface Comparator {
  control: number;
  comparator: number;
  autoIncrement: number;
  eventFlag: boolean;
  irqOutput: boolean;
  /** Set once the comparator matched without auto-increment: it fires once per value. */
  matched: boolean;
  event: ClockEvent;
}

export class ScuGlobalTimer {
  private readonly clock: Clock;
  private readonly irq: InterruptLines;
  private sharedControl = 0;
  private counter = 0;
  private since = 0;
  private readonly banks: Comparator[];
  /** Bus device; accesses see the shared counter and the accessing CPU's comparator. */
  readonly device: BusDevice;

  constructor(clock: Clock, irq: InterruptLines, cpus = 2) {
    this.clock = clock;
    this.irq = irq;
    this.banks = Array.from({ length: cpus }, (_, cpu) => {
      const event = clock.schedule(() => this.sync(), 0, `global timer comparator ${cpu}`);
      clock.cancel(event);
      return {
        control: 0,
        comparator: 0,
        autoIncrement: 0,
        eventFlag: false,
        irqOutput: false,
        matched: false,
        event,
      };
    });
    // The register block's methods have their own `this`; they reach the timer through `timer`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const timer = this;
    this.device = new (class extends RegisterBlock {
      protected readRegister(offset: number, cpu: number): number {
        return timer.readRegister(offset, cpu);
      }
      protected writeRegister(offset: number, value: number, strobe: number, cpu: number): void {
        timer.writeRegister(offset, value, strobe, cpu);
      }
    })();
  }

  private get enabled(): boolean {
    return (this.sharedControl & CONTROL_TIMER_ENABLE) !== 0;
  }

  private get cyclesPerTick(): number {
    return 2 * (((this.sharedControl & CONTROL_PRESCALER_MASK) >>> 8) + 1);
  }

  /** The 64-bit count now (exact as a double for 300+ days of simulated time). */
  get count(): number {
    this.sync();
    return this.counter;
  }

  /** Cycles from now until the counter reaches `count`: 0 if it has, null while stopped. */
  cyclesUntil(count: number): number | null {
    this.sync();
    if (count <= this.counter) return 0;
    if (!this.enabled) return null;
    return this.since + (count - this.counter) * this.cyclesPerTick - this.clock.cycles;
  }

  private sync(): void {
    if (this.enabled) {
      const ticks = Math.floor((this.clock.cycles - this.since) / this.cyclesPerTick);
      this.counter += ticks;
      this.since += ticks * this.cyclesPerTick;
    }
    for (let cpu = 0; cpu < this.banks.length; cpu++) this.compare(this.banks[cpu]!, cpu);
  }

  private compare(bank: Comparator, cpu: number): void {
    if (bank.control & CONTROL_COMP_ENABLE && !bank.matched && this.counter >= bank.comparator) {
      bank.eventFlag = true;
      if (bank.control & CONTROL_AUTO_INCREMENT && bank.autoIncrement > 0) {
        const behind = Math.floor((this.counter - bank.comparator) / bank.autoIncrement) + 1;
        bank.comparator += behind * bank.autoIncrement;
      } else bank.matched = true;
    }
    const out = bank.eventFlag && (bank.control & CONTROL_IRQ_ENABLE) !== 0;
    if (out && !bank.irqOutput) this.irq.raise(IRQ.GLOBAL_TIMER, cpu);
    bank.irqOutput = out;
    if (!(bank.control & CONTROL_COMP_ENABLE) && !this.clock.isPending(bank.event)) return;
    this.clock.cancel(bank.event);
    if (this.enabled && bank.control & CONTROL_COMP_ENABLE && !bank.matched) {
      const at = this.since + (bank.comparator - this.counter) * this.cyclesPerTick;
      this.clock.reschedule(bank.event, at - this.clock.cycles);
    }
  }

  private readRegister(offset: number, cpu: number): number {
    this.sync();
    const bank = this.banks[cpu]!;
    switch (offset) {
      case COUNTER_LOWER:
        return this.counter % TWO_32;
      case COUNTER_UPPER:
        return Math.floor(this.counter / TWO_32) >>> 0;
      case CONTROL:
        return this.sharedControl | bank.control;
      case ISR:
        return bank.eventFlag ? 1 : 0;
      case COMPARATOR_LOWER:
        return bank.comparator % TWO_32;
      case COMPARATOR_UPPER:
        return Math.floor(bank.comparator / TWO_32) >>> 0;
      case AUTO_INCREMENT:
        return bank.autoIncrement;
      default:
        return 0;
    }
  }

  private writeRegister(offset: number, value: number, strobe: number, cpu: number): void {
    this.sync();
    const bank = this.banks[cpu]!;
    const low = (v: number): number => v % TWO_32;
    const high = (v: number): number => Math.floor(v / TWO_32);
    switch (offset) {
      case COUNTER_LOWER:
        this.counter = high(this.counter) * TWO_32 + merge(low(this.counter), value, strobe);
        this.since = this.clock.cycles;
        break;
      case COUNTER_UPPER:
        this.counter = merge(high(this.counter), value, strobe) * TWO_32 + low(this.counter);
        this.since = this.clock.cycles;
        break;
      case CONTROL: {
        const wasEnabled = this.enabled;
        const control = merge(this.sharedControl | bank.control, value, strobe);
        this.sharedControl = control & (CONTROL_TIMER_ENABLE | CONTROL_PRESCALER_MASK);
        bank.control = control & BANKED_CONTROL;
        bank.matched = false;
        if (this.enabled && !wasEnabled) this.since = this.clock.cycles;
        break;
      }
      case ISR:
        if (value & 1) bank.eventFlag = false;
        break;
      case COMPARATOR_LOWER:
        bank.comparator =
          high(bank.comparator) * TWO_32 + merge(low(bank.comparator), value, strobe);
        bank.matched = false;
        break;
      case COMPARATOR_UPPER:
        bank.comparator =
          merge(high(bank.comparator), value, strobe) * TWO_32 + low(bank.comparator);
        bank.matched = false;
        break;
      case AUTO_INCREMENT:
        bank.autoIncrement = merge(bank.autoIncrement, value, strobe);
        break;
    }
    this.sync();
  }
}
