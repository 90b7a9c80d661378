/**
 * AXI GPIO in the PL at 0x41200000, as a typical Vivado design has it: channel 1 drives eight LEDs,
 * channel 2 reads eight switches (configured all-inputs). Reading a channel's data register returns
 * the pins for bits set as inputs in its tri-state register and the output register for the rest.
 * A second instance at 0x41210000 reads the ZedBoard's five push buttons (`btns_5bits`: one
 * channel, five bits, all inputs; bit 0 BTNC, 1 BTND, 2 BTNL, 3 BTNR, 4 BTNU: the ZedBoard master
 * XDC (Digilent, zedboard_master_XDC_RevC_D) puts `btns_5bits_tri_i[0..4]` on pins P16, R16, N15,
 * R18, T18, which the ZedBoard schematic labels BTNC, BTND, BTNL, BTNR, BTNU), its interrupt on
 * IRQF2P[1] (ID 62).
 *
 * Reference: AMD PG144 (AXI GPIO v2.0) "Register Space": GPIO_DATA 0x000, GPIO_TRI 0x004,
 * GPIO2_DATA 0x008, GPIO2_TRI 0x00C, GIER 0x11C, IP IER 0x128, IP ISR 0x120 (toggle-on-write);
 * `XPAR_AXI_GPIO_0_BASEADDR 0x41200000` in Vivado's xparameters.h.
 */
import { RegisterBlock } from '../bus.ts';
import { IRQ } from '../irq.ts';
import type { InterruptLines } from './gic.ts';

export const AXI_GPIO_BASE = 0x41200000;
export const AXI_GPIO_SIZE = 0x10000;
/** The buttons' AXI GPIO (`axi_gpio_1`, the next 64 KB the address editor assigns). */
export const AXI_GPIO_BUTTONS_BASE = 0x41210000;

const GPIO_DATA = 0x000;
const GPIO_TRI = 0x004;
const GPIO2_DATA = 0x008;
const GPIO2_TRI = 0x00c;
const GIER = 0x11c; // bit 31: global interrupt enable
const IP_ISR = 0x120; // bit 0 channel 1, bit 1 channel 2
const IP_IER = 0x128;

const GIER_ENABLE = 0x80000000;

interface Channel {
  readonly mask: number;
  readonly allInputs: boolean;
  data: number;
  tri: number;
  inputs: number;
}

export interface AxiGpioOptions {
  /** PL-to-PS interrupt line the IP's `ip2intc_irpt` is wired to, or null (default IRQF2P[0], 61). */
  interruptId?: number | null;
  width1?: number;
  /** Channel 2's width; 0 for a single-channel GPIO (C_IS_DUAL 0: its registers read 0). */
  width2?: number;
  /** Channel 1 built all-inputs (C_ALL_INPUTS): its tri-state register cannot be changed. */
  allInputs1?: boolean;
}

export class AxiGpio extends RegisterBlock {
  /** Called with the LED byte (channel 1's driven outputs) whenever it changes. */
  onLeds: ((leds: number) => void) | null = null;

  private readonly irq: InterruptLines;
  private readonly interruptId: number | null;
  private readonly channels: [Channel, Channel];
  private globalEnable = 0;
  private interruptEnable = 0;
  private interruptStatus = 0;
  private lastLeds = 0;
  private irqLine = false;

  constructor(irq: InterruptLines, options: AxiGpioOptions = {}) {
    super();
    this.irq = irq;
    this.interruptId = options.interruptId === undefined ? IRQ.PL0 : options.interruptId;
    const channel = (width: number, allInputs: boolean): Channel => {
      const mask = width >= 32 ? 0xffffffff : (1 << width) - 1;
      if (!Number.isInteger(width) || width < 0 || width > 32)
        throw new RangeError(`AXI GPIO: a channel is 0 to 32 bits wide, not ${width}`);
      // C_TRI_DEFAULT 0xFFFFFFFF: every bit starts as an input.
      return { mask, allInputs, data: 0, tri: mask, inputs: 0 };
    };
    this.channels = [
      channel(options.width1 ?? 8, options.allInputs1 ?? false),
      channel(options.width2 ?? 8, true),
    ];
  }

  /** Channel `channel`'s input pins as last set. */
  inputs(channel: 1 | 2): number {
    return this.channels[channel - 1].inputs;
  }

  /** Channel 1's outputs as the LEDs show them: bits driven (tri 0) and set. */
  get leds(): number {
    const c = this.channels[0];
    return c.data & ~c.tri & c.mask;
  }

  /**
   * Sets channel `channel`'s input pins (the switches on channel 2, the buttons on the buttons'
   * channel 1); a change sets its ISR bit.
   */
  setInputs(channel: 1 | 2, value: number): void {
    const c = this.channels[channel - 1];
    const v = value & c.mask;
    if (v === c.inputs) return;
    c.inputs = v;
    this.interruptStatus |= channel;
    this.updateIrq();
  }

  private readData(c: Channel): number {
    return ((c.inputs & c.tri) | (c.data & ~c.tri)) & c.mask;
  }

  private updateIrq(): void {
    if (this.interruptId === null) return;
    const line =
      (this.globalEnable & GIER_ENABLE) !== 0 &&
      (this.interruptStatus & this.interruptEnable) !== 0;
    if (line === this.irqLine) return;
    this.irqLine = line;
    if (line) this.irq.raise(this.interruptId);
    else this.irq.lower(this.interruptId);
  }

  private updateLeds(): void {
    const leds = this.leds;
    if (leds === this.lastLeds) return;
    this.lastLeds = leds;
    this.onLeds?.(leds);
  }

  protected readRegister(offset: number): number {
    switch (offset) {
      case GPIO_DATA:
        return this.readData(this.channels[0]);
      case GPIO_TRI:
        return this.channels[0].tri;
      case GPIO2_DATA:
        return this.readData(this.channels[1]);
      case GPIO2_TRI:
        return this.channels[1].tri;
      case GIER:
        return this.globalEnable;
      case IP_ISR:
        return this.interruptStatus;
      case IP_IER:
        return this.interruptEnable;
      default:
        return 0;
    }
  }

  protected writeRegister(offset: number, value: number): void {
    const [c1, c2] = this.channels;
    switch (offset) {
      case GPIO_DATA:
        if (!c1.allInputs) c1.data = value & c1.mask;
        break;
      case GPIO_TRI:
        if (!c1.allInputs) c1.tri = value & c1.mask;
        break;
      case GPIO2_DATA:
        if (!c2.allInputs) c2.data = value & c2.mask;
        break;
      case GPIO2_TRI:
        if (!c2.allInputs) c2.tri = value & c2.mask;
        break;
      case GIER:
        this.globalEnable = value & GIER_ENABLE;
        break;
      case IP_ISR:
        this.interruptStatus ^= value & 0x3; // toggle-on-write
        break;
      case IP_IER:
        this.interruptEnable = value & 0x3;
        break;
    }
    this.updateLeds();
    this.updateIrq();
  }
}
