import { describe, expect, it } from 'vitest';
import { Bus } from '../bus.ts';
import { Clock } from '../clock.ts';
import { Gic } from './gic.ts';
import { CadenceUart, type UartOptions } from './uart.ts';

// UG585 appendix B (UART) and xuartps_hw.h.
const UART1 = 0xe0001000;
const CR = UART1 + 0x00;
const MR = UART1 + 0x04;
const IER = UART1 + 0x08;
const IDR = UART1 + 0x0c;
const IMR = UART1 + 0x10;
const ISR = UART1 + 0x14;
const BAUDGEN = UART1 + 0x18;
const RXTOUT = UART1 + 0x1c;
const RXWM = UART1 + 0x20;
const SR = UART1 + 0x2c;
const FIFO = UART1 + 0x30;
const BAUDDIV = UART1 + 0x34;

const CR_RXRST = 0x01;
const CR_TXRST = 0x02;
const CR_RX_EN = 0x04;
const CR_TX_EN = 0x10;
const CR_STOPBRK = 0x100;
const SR_RXOVR = 0x1; // RTRIG
const SR_RXEMPTY = 0x2;
const SR_RXFULL = 0x4;
const SR_TXEMPTY = 0x8;
const SR_TXFULL = 0x10;
const SR_TACTIVE = 0x800;
const IXR_RXOVR = 0x1;
const IXR_TXEMPTY = 0x8;
const IXR_OVER = 0x20;
const IXR_TIMEOUT = 0x100;
const IXR_TOVR = 0x1000;

const CPU_HZ = 666_666_687;
const BAUD_115200 = 100e6 / (124 * 7); // 115207 baud from the 100 MHz reference
const FRAME_8N1 = Math.ceil((10 * CPU_HZ) / BAUD_115200); // about 86.8 us

const ICD = 0xf8f01000;
const ICC = 0xf8f00100;
const UART1_ID = 82;

function board(options: UartOptions = {}): {
  bus: Bus;
  clock: Clock;
  gic: Gic;
  uart: CadenceUart;
  out: number[];
} {
  const bus = new Bus();
  const clock = new Clock();
  const gic = new Gic(2);
  const uart = new CadenceUart(clock, gic, options);
  const out: number[] = [];
  uart.onByte = (b) => out.push(b);
  bus.map(ICD, 0x1000, gic.distributor, 'gic-distributor');
  bus.map(ICC, 0x100, gic.cpuInterface, 'gic-cpu-interface');
  bus.map(UART1, 0x1000, uart, 'uart1');
  return { bus, clock, gic, uart, out };
}

describe('Cadence UART', () => {
  it('resets with TX and RX disabled and holds written bytes until TX_EN', () => {
    const { bus, clock, out } = board({ initialized: false });
    expect(bus.read(CR, 4)).toBe(0x128);
    expect(bus.read(SR, 4)).toBe(SR_RXEMPTY | SR_TXEMPTY);
    expect(bus.read(BAUDGEN, 4)).toBe(0x28b);
    expect(bus.read(BAUDDIV, 4)).toBe(0xf);
    bus.write(FIFO, 0x41, 4);
    clock.advance(10 * FRAME_8N1);
    expect(out).toEqual([]);
    // As a bare-metal hello world does: reset both paths, 8N1, enable (xuartps_hw.h bit names).
    bus.write(CR, CR_RXRST | CR_TXRST, 4);
    bus.write(MR, 0x20, 4);
    bus.write(BAUDGEN, 124, 4);
    bus.write(BAUDDIV, 6, 4);
    bus.write(CR, CR_TX_EN | CR_RX_EN | CR_STOPBRK, 4);
    bus.write(FIFO, 0x42, 4);
    clock.advance(FRAME_8N1);
    expect(out).toEqual([0x42]); // the reset emptied the FIFO of 'A'
  });

  it('starts as the FSBL leaves it: 115200 8N1, enabled', () => {
    const { bus, uart } = board();
    expect(bus.read(CR, 4) & (CR_TX_EN | CR_RX_EN)).toBe(CR_TX_EN | CR_RX_EN);
    expect(bus.read(MR, 4)).toBe(0x20);
    expect(Math.round(uart.baudRate)).toBe(115207);
  });

  it('sends each byte one 8N1 frame after the previous one', () => {
    const { bus, clock, out } = board();
    for (const c of 'Hi\r\n') bus.write(FIFO, c.charCodeAt(0), 1);
    expect(bus.read(SR, 4) & SR_TACTIVE).toBe(SR_TACTIVE);
    clock.advance(FRAME_8N1 - 1);
    expect(out).toEqual([]);
    clock.advance(1);
    expect(String.fromCharCode(...out)).toBe('H');
    clock.advance(2 * FRAME_8N1);
    expect(String.fromCharCode(...out)).toBe('Hi\r');
    clock.advance(FRAME_8N1);
    expect(String.fromCharCode(...out)).toBe('Hi\r\n');
    expect(bus.read(SR, 4) & (SR_TXEMPTY | SR_TACTIVE)).toBe(SR_TXEMPTY);
  });

  it('takes its baud rate and frame format from BAUDGEN, BAUDDIV and MR', () => {
    const { bus, clock, out } = board();
    bus.write(BAUDGEN, 62, 4); // 230414 baud
    bus.write(MR, 0x00, 4); // 8 data bits, even parity, 1 stop: 11 bits
    bus.write(FIFO, 1, 4);
    const frame = Math.ceil((11 * CPU_HZ) / (100e6 / (62 * 7)));
    clock.advance(frame - 1);
    expect(out).toEqual([]);
    clock.advance(1);
    expect(out).toEqual([1]);
  });

  it('fills a 64-byte TX FIFO behind the shift register, then flags overflow', () => {
    const { bus, clock, out } = board();
    bus.write(FIFO, 0, 4); // straight into the shift register
    for (let i = 1; i <= 64; i++) {
      expect(bus.read(SR, 4) & SR_TXFULL).toBe(0);
      bus.write(FIFO, i, 4);
    }
    expect(bus.read(SR, 4) & SR_TXFULL).toBe(SR_TXFULL);
    bus.write(FIFO, 99, 4); // lost
    expect(bus.read(ISR, 4) & IXR_TOVR).toBe(IXR_TOVR);
    clock.advance(65 * FRAME_8N1);
    expect(out).toEqual(Array.from({ length: 65 }, (_, i) => i));
  });

  it('drops queued bytes on TXRST', () => {
    const { bus, clock, out } = board();
    for (let i = 0; i < 5; i++) bus.write(FIFO, i, 4);
    bus.write(CR, CR_TXRST | CR_TX_EN | CR_RX_EN, 4);
    clock.advance(10 * FRAME_8N1);
    expect(out).toEqual([0]); // only the byte already on the line
  });

  it('receives console bytes in order through the RX FIFO', () => {
    const { bus, uart } = board();
    expect(uart.receive(0x61)).toBe(true);
    uart.receive(0x62);
    expect(bus.read(SR, 4) & SR_RXEMPTY).toBe(0);
    expect(bus.read(FIFO, 4)).toBe(0x61);
    expect(bus.read(FIFO, 1)).toBe(0x62);
    expect(bus.read(SR, 4) & SR_RXEMPTY).toBe(SR_RXEMPTY);
    expect(bus.read(FIFO, 4)).toBe(0);
  });

  it('loses bytes when the receiver is disabled or the RX FIFO is full', () => {
    const { bus, uart } = board();
    for (let i = 0; i < 64; i++) uart.receive(i);
    expect(bus.read(SR, 4) & SR_RXFULL).toBe(SR_RXFULL);
    expect(uart.receive(64)).toBe(false);
    expect(bus.read(ISR, 4) & IXR_OVER).toBe(IXR_OVER);
    bus.write(CR, CR_TX_EN, 4); // RX_EN cleared
    expect(uart.receive(1)).toBe(false);
  });

  it('raises interrupt 82 while an enabled status bit is set', () => {
    const { bus, gic, uart } = board();
    bus.write(ICD, 1, 4);
    bus.write(ICD + 0x400 + UART1_ID, 0xa0, 1);
    bus.write(ICD + 0x800 + UART1_ID, 0x01, 1);
    bus.write(ICD + 0x100 + 8, 1 << (UART1_ID - 64), 4);
    bus.write(ICC + 0x04, 0xf0, 4);
    bus.write(ICC, 1, 4);
    bus.write(RXWM, 1, 4);
    bus.write(ISR, 0x1fff, 4);
    bus.write(IER, IXR_RXOVR, 4);
    expect(bus.read(IMR, 4)).toBe(IXR_RXOVR);
    expect(gic.pendingFor(0)).toBe(false);
    uart.receive(0x0d);
    expect(bus.read(SR, 4) & SR_RXOVR).toBe(SR_RXOVR);
    expect(gic.pendingFor(0)).toBe(true);
    expect(bus.read(ICC + 0x0c, 4)).toBe(UART1_ID);
    bus.read(FIFO, 4); // the handler drains the FIFO and clears ISR
    bus.write(ISR, bus.read(ISR, 4), 4);
    bus.write(ICC + 0x10, UART1_ID, 4);
    expect(gic.pendingFor(0)).toBe(false);
    bus.write(IDR, IXR_RXOVR, 4);
    expect(bus.read(IMR, 4)).toBe(0);
  });

  it('latches TX empty in ISR when the last byte leaves the FIFO', () => {
    const { bus, clock } = board();
    bus.write(FIFO, 1, 4);
    bus.write(FIFO, 2, 4);
    bus.write(ISR, 0x1fff, 4);
    expect(bus.read(ISR, 4) & IXR_TXEMPTY).toBe(0);
    clock.advance(FRAME_8N1); // byte 2 moves into the shift register
    expect(bus.read(ISR, 4) & IXR_TXEMPTY).toBe(IXR_TXEMPTY);
  });

  it('flags a receiver timeout RXTOUT x 4 bit periods after the last byte', () => {
    const { bus, clock, uart } = board();
    const bit = CPU_HZ / BAUD_115200;
    bus.write(RXTOUT, 10, 4); // 40 bit periods
    bus.write(ISR, 0x1fff, 4);
    uart.receive(0x31);
    clock.advance(Math.floor(40 * bit) - 1);
    expect(bus.read(ISR, 4) & IXR_TIMEOUT).toBe(0);
    clock.advance(2);
    expect(bus.read(ISR, 4) & IXR_TIMEOUT).toBe(IXR_TIMEOUT);
    // Nothing to time out on with an empty FIFO.
    bus.read(FIFO, 4);
    bus.write(ISR, IXR_TIMEOUT, 4);
    bus.write(CR, 0x40 | CR_TX_EN | CR_RX_EN, 4); // RSTTO
    clock.advance(Math.ceil(40 * bit));
    expect(bus.read(ISR, 4) & IXR_TIMEOUT).toBe(0);
  });
});
