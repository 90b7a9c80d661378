/**
 * Cadence UART (Zynq-7000 UART0/UART1): 64-byte TX and RX FIFOs, a transmitter that sends one frame
 * at a time at the programmed baud rate, and a level interrupt to the GIC.
 *
 * Reference: UG585 chapter 19 (UART controller: baud rate generator, transmit and receive FIFOs,
 * status and interrupts) and appendix B (UART Controller: Control_reg0,
 * mode_reg0, Intrpt_en/dis/mask_reg0, Chnl_int_sts_reg0, Baud_rate_gen_reg0, Channel_sts_reg0,
 * TX_RX_FIFO0, Baud_rate_divider_reg0); Xilinx `drivers/uartps/src/xuartps_hw.h` for the offsets
 * and bit names. ISR bits are re-set from the status each time it is updated, as
 * QEMU's cadence_uart does.
 */
import { RegisterBlock, merge } from '../bus.ts';
import { CPU_CLOCK_HZ, type Clock, type ClockEvent } from '../clock.ts';
import { IRQ } from '../irq.ts';
import type { InterruptLines } from './gic.ts';

export const UART0_BASE = 0xe0000000;
export const UART1_BASE = 0xe0001000;
export const UART_SIZE = 0x1000;
/** `XPAR_PS7_UART_1_UART_CLK_FREQ_HZ` in Vivado designs: the UART reference clock. */
export const UART_REF_CLOCK_HZ = 100_000_000;
export const FIFO_DEPTH = 64;

const CR = 0x00; // Control_reg0
const MR = 0x04; // mode_reg0
const IER = 0x08; // Intrpt_en_reg0
const IDR = 0x0c; // Intrpt_dis_reg0
const IMR = 0x10; // Intrpt_mask_reg0
const ISR = 0x14; // Chnl_int_sts_reg0
const BAUDGEN = 0x18; // Baud_rate_gen_reg0
const RXTOUT = 0x1c; // Rcvr_timeout_reg0
const RXWM = 0x20; // Rcvr_FIFO_trigger_level0
const MODEMCR = 0x24;
const MODEMSR = 0x28;
const SR = 0x2c; // Channel_sts_reg0
const FIFO = 0x30; // TX_RX_FIFO0
const BAUDDIV = 0x34; // Baud_rate_divider_reg0
const FLOWDEL = 0x38;
const TXWM = 0x44; // Tx_FIFO_trigger_level0

export const CR_RXRST = 0x01; // RXRST: reset RX path, self-clearing
export const CR_TXRST = 0x02; // TXRST: reset TX path, self-clearing
export const CR_RX_EN = 0x04; // RX_EN
export const CR_RX_DIS = 0x08; // RX_DIS (wins over RX_EN)
export const CR_TX_EN = 0x10; // TX_EN
export const CR_TX_DIS = 0x20; // TX_DIS (wins over TX_EN)
export const CR_RSTTO = 0x40; // RSTTO: restart the receiver timeout counter, self-clearing
export const CR_STOPBRK = 0x100; // STPBRK

export const MR_CLKS = 0x1; // CLKS: reference clock divided by 8
export const MR_CHRL_MASK = 0x6; // CHRL: 0x = 8 bits, 10 = 7 bits, 11 = 6 bits
export const MR_PAR_MASK = 0x38; // PAR: 1xx = no parity
export const MR_NBSTOP_MASK = 0xc0; // NBSTOP: 00 = 1, 01 = 1.5, 10 = 2 stop bits
export const MR_8N1 = 0x20;

// Channel_sts_reg0 (xuartps_hw.h: XUARTPS_SR_*).
export const SR_RXOVR = 0x1; // RTRIG: RX FIFO fill level at or above RXWM
export const SR_RXEMPTY = 0x2; // REMPTY
export const SR_RXFULL = 0x4; // RFUL
export const SR_TXEMPTY = 0x8; // TEMPTY
export const SR_TXFULL = 0x10; // TFUL
export const SR_TACTIVE = 0x800; // TACTIVE: transmitter state machine active
export const SR_TTRIG = 0x2000; // TTRIG: TX FIFO fill level at or above TXWM
export const SR_TNFUL = 0x4000; // TNFUL: TX FIFO nearly full (one byte of room)

// Chnl_int_sts_reg0 / Intrpt_*_reg0 (xuartps_hw.h: XUARTPS_IXR_*).
export const IXR_RXOVR = 0x1; // RTRIG
export const IXR_RXEMPTY = 0x2;
export const IXR_RXFULL = 0x4;
export const IXR_TXEMPTY = 0x8;
export const IXR_TXFULL = 0x10;
export const IXR_OVER = 0x20; // ROVR: RX FIFO overflow
export const IXR_TIMEOUT = 0x100; // receiver timeout
export const IXR_TTRIG = 0x400;
export const IXR_TNFUL = 0x800;
export const IXR_TOVR = 0x1000; // TX FIFO overflow
const IXR_MASK = 0x1fff;

export interface UartOptions {
  interruptId?: number;
  refClockHz?: number;
  /**
   * Start as the FSBL leaves it (115200 8N1 from a 100 MHz reference, TX and RX enabled) rather
   * than at the hardware reset values (TX and RX disabled, CR = 0x128): UG585 appendix B
   * (Control_reg0 reset value) and the UART setup in the FSBL's generated ps7_init.c, which
   * writes CR with `EMIT_MASKWRITE(0XE0001000, 0x000001FFU, 0x00000017U)`: RXRST and TXRST
   * (self-clearing), RX_EN and TX_EN, every other bit of the mask cleared, STPBRK included, so a
   * board reads CR = 0x14 afterwards.
   */
  initialized?: boolean;
}

export class CadenceUart extends RegisterBlock {
  /** Called with each byte when its stop bit has been sent. */
  onByte: ((byte: number) => void) | null = null;

  private readonly clock: Clock;
  private readonly irq: InterruptLines;
  private readonly interruptId: number;
  private readonly refClockHz: number;
  private control: number;
  private mode: number;
  private baudGen: number;
  private baudDiv: number;
  private interruptMask = 0;
  private interruptStatus = 0;
  private rxTimeout = 0;
  private rxTrigger = 0x20;
  private txTrigger = 0x20;
  private modemControl = 0;
  private flowDelay = 0;
  private readonly txFifo: number[] = [];
  private readonly rxFifo: number[] = [];
  private shifting: number | null = null;
  private readonly frameEnd: ClockEvent;
  private readonly rxTimeoutEvent: ClockEvent;
  private irqLine = false;

  constructor(clock: Clock, irq: InterruptLines, options: UartOptions = {}) {
    super();
    this.clock = clock;
    this.irq = irq;
    this.interruptId = options.interruptId ?? IRQ.UART1;
    this.refClockHz = options.refClockHz ?? UART_REF_CLOCK_HZ;
    const initialized = options.initialized ?? true;
    // Reset values: Control_reg0 0x128, mode_reg0 0, BAUDGEN 0x28B, BAUDDIV 0xF (UG585 appendix B).
    this.control = initialized ? CR_TX_EN | CR_RX_EN : 0x128;
    this.mode = initialized ? MR_8N1 : 0;
    // 100 MHz / (124 x (6 + 1)) = 115207 baud, the values xuartps.c computes for 115200.
    this.baudGen = initialized ? 124 : 0x28b;
    this.baudDiv = initialized ? 6 : 0xf;
    this.frameEnd = clock.schedule(() => this.finishFrame(), 0, 'uart frame');
    clock.cancel(this.frameEnd);
    this.rxTimeoutEvent = clock.schedule(() => this.timeOut(), 0, 'uart rx timeout');
    clock.cancel(this.rxTimeoutEvent);
    this.update();
  }

  /** True while bytes wait in the TX FIFO or a frame is on the line. */
  get transmitting(): boolean {
    return (
      this.shifting !== null || (this.txFifo.length > 0 && this.txEnabled && this.baudRate > 0)
    );
  }

  get txEnabled(): boolean {
    return (this.control & (CR_TX_EN | CR_TX_DIS)) === CR_TX_EN;
  }

  get rxEnabled(): boolean {
    return (this.control & (CR_RX_EN | CR_RX_DIS)) === CR_RX_EN;
  }

  /** The baud rate the divisors give: sel_clk / (CD x (BDIV + 1)); 0 while CD = 0 disables it. */
  get baudRate(): number {
    if (this.baudGen === 0) return 0;
    const selClk = this.mode & MR_CLKS ? this.refClockHz / 8 : this.refClockHz;
    return selClk / (this.baudGen * (this.baudDiv + 1));
  }

  /** Bits per frame: start, data, optional parity, stop. */
  get frameBits(): number {
    const chrl = (this.mode & MR_CHRL_MASK) >> 1;
    const data = chrl === 3 ? 6 : chrl === 2 ? 7 : 8;
    const parity = (this.mode & MR_PAR_MASK) >> 3 >= 4 ? 0 : 1;
    const nbstop = (this.mode & MR_NBSTOP_MASK) >> 6;
    const stop = nbstop === 1 ? 1.5 : nbstop === 2 ? 2 : 1;
    return 1 + data + parity + stop;
  }

  /** CPU cycles one frame takes on the line. */
  get frameCycles(): number {
    return Math.ceil((this.frameBits * CPU_CLOCK_HZ) / this.baudRate);
  }

  /** A byte from the console: false when it was lost (receiver disabled or FIFO full). */
  receive(byte: number): boolean {
    if (!this.rxEnabled) return false;
    if (this.rxFifo.length >= FIFO_DEPTH) {
      this.interruptStatus |= IXR_OVER;
      this.update();
      return false;
    }
    this.rxFifo.push(byte & 0xff);
    this.restartRxTimeout();
    this.update();
    return true;
  }

  /**
   * The receiver timeout: RXTOUT x 4 bit periods with no new character while the RX FIFO holds
   * data sets ISR.TIMEOUT (UG585 chapter 19); RXTOUT = 0 disables it.
   */
  private restartRxTimeout(): void {
    this.clock.cancel(this.rxTimeoutEvent);
    if (this.rxTimeout === 0 || this.baudRate === 0) return;
    const bitCycles = CPU_CLOCK_HZ / this.baudRate;
    this.clock.reschedule(this.rxTimeoutEvent, Math.ceil(this.rxTimeout * 4 * bitCycles));
  }

  private timeOut(): void {
    if (this.rxFifo.length > 0) this.interruptStatus |= IXR_TIMEOUT;
    this.update();
  }

  private startFrame(): void {
    if (this.shifting !== null || !this.txEnabled || this.baudRate === 0) return;
    const byte = this.txFifo.shift();
    if (byte === undefined) return;
    this.shifting = byte;
    this.clock.reschedule(this.frameEnd, this.frameCycles);
  }

  private finishFrame(): void {
    const byte = this.shifting;
    this.shifting = null;
    if (byte !== null) this.onByte?.(byte);
    this.startFrame();
    this.update();
  }

  private status(): number {
    const tx = this.txFifo.length;
    const rx = this.rxFifo.length;
    let sr = 0;
    if (this.rxTrigger > 0 && rx >= this.rxTrigger) sr |= SR_RXOVR;
    if (rx === 0) sr |= SR_RXEMPTY;
    if (rx >= FIFO_DEPTH) sr |= SR_RXFULL;
    if (tx === 0) sr |= SR_TXEMPTY;
    if (tx >= FIFO_DEPTH) sr |= SR_TXFULL;
    if (this.shifting !== null) sr |= SR_TACTIVE;
    if (this.txTrigger > 0 && tx >= this.txTrigger) sr |= SR_TTRIG;
    if (tx >= FIFO_DEPTH - 1) sr |= SR_TNFUL;
    return sr;
  }

  /** Latches status conditions into ISR and drives the interrupt line: (ISR & IMR) != 0. */
  private update(): void {
    const sr = this.status();
    this.interruptStatus |= sr & 0x1f;
    if (sr & SR_TTRIG) this.interruptStatus |= IXR_TTRIG;
    if (sr & SR_TNFUL) this.interruptStatus |= IXR_TNFUL;
    const line = (this.interruptStatus & this.interruptMask) !== 0;
    if (line !== this.irqLine) {
      this.irqLine = line;
      if (line) this.irq.raise(this.interruptId);
      else this.irq.lower(this.interruptId);
    }
  }

  protected readRegister(offset: number): number {
    switch (offset) {
      case CR:
        return this.control;
      case MR:
        return this.mode;
      case IMR:
        return this.interruptMask;
      case ISR:
        return this.interruptStatus;
      case BAUDGEN:
        return this.baudGen;
      case RXTOUT:
        return this.rxTimeout;
      case RXWM:
        return this.rxTrigger;
      case MODEMCR:
        return this.modemControl;
      case MODEMSR:
        return 0;
      case SR:
        return this.status();
      case FIFO: {
        const byte = this.rxFifo.shift() ?? 0;
        this.update();
        return byte;
      }
      case BAUDDIV:
        return this.baudDiv;
      case FLOWDEL:
        return this.flowDelay;
      case TXWM:
        return this.txTrigger;
      default:
        return 0;
    }
  }

  protected writeRegister(offset: number, value: number, strobe: number): void {
    switch (offset) {
      case CR: {
        const v = merge(this.control, value, strobe);
        if (v & CR_RXRST) this.rxFifo.length = 0;
        if (v & CR_TXRST) this.txFifo.length = 0;
        if (v & CR_RSTTO) this.restartRxTimeout();
        this.control = v & 0x1bc; // RXRST, TXRST and RSTTO clear themselves
        this.startFrame();
        break;
      }
      case MR:
        this.mode = merge(this.mode, value, strobe) & 0x3ff;
        break;
      case IER:
        this.interruptMask = (this.interruptMask | value) & IXR_MASK;
        break;
      case IDR:
        this.interruptMask = this.interruptMask & ~value & IXR_MASK;
        break;
      case ISR:
        this.interruptStatus = this.interruptStatus & ~value & IXR_MASK;
        break;
      case BAUDGEN:
        this.baudGen = merge(this.baudGen, value, strobe) & 0xffff;
        this.startFrame();
        break;
      case RXTOUT:
        this.rxTimeout = value & 0xff;
        this.restartRxTimeout();
        break;
      case RXWM:
        this.rxTrigger = value & 0x3f;
        break;
      case MODEMCR:
        this.modemControl = value & 0x23;
        break;
      case FIFO:
        if (this.txFifo.length >= FIFO_DEPTH) this.interruptStatus |= IXR_TOVR;
        else this.txFifo.push(value & 0xff);
        this.startFrame();
        break;
      case BAUDDIV: {
        // BDIV values 0-3 are ignored (UG585 chapter 19).
        const bdiv = merge(this.baudDiv, value, strobe) & 0xff;
        if (bdiv >= 4) this.baudDiv = bdiv;
        break;
      }
      case FLOWDEL:
        this.flowDelay = value & 0x3f;
        break;
      case TXWM:
        this.txTrigger = value & 0x3f;
        break;
    }
    this.update();
  }
}
