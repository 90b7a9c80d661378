import { describe, expect, it } from 'vitest';
import { BusFault } from './bus.ts';
import { createZynqBoard, type ZynqBoard } from './zynq.ts';

// Addresses and IDs from UG585 (table 4-1, table 7-3, appendix B) and xparameters_ps.h.
const ICD = 0xf8f01000;
const ICDDCR = ICD + 0x000;
const ICDISER0 = ICD + 0x100;
const ICDIPR = ICD + 0x400;
const ICDSGIR = ICD + 0xf00;
const ICC = 0xf8f00100;
const ICCICR = ICC + 0x00;
const ICCPMR = ICC + 0x04;
const ICCIAR = ICC + 0x0c;
const ICCEOIR = ICC + 0x10;
const SCUTIMER = 0xf8f00600;
const SCUTIMER_LOAD = SCUTIMER + 0x00;
const SCUTIMER_CONTROL = SCUTIMER + 0x08;
const SCUTIMER_ISR = SCUTIMER + 0x0c;
const GTIMER_LOWER = 0xf8f00200;
const GTIMER_CONTROL = 0xf8f00208;
const UART1_SR = 0xe000102c;
const UART1_FIFO = 0xe0001030;
const SR_TXFULL = 0x10;
const GPIO_DATA = 0x41200000;
const GPIO_TRI = 0x41200004;
const GPIO2_DATA = 0x41200008;
const BRAM = 0x40000000;
const CPU1_START = 0xfffffff0;
const OCM_SHARED = 0xffff0000;
const DDR_APP = 0x00100000;

const PRIVATE_TIMER_ID = 29;
const CPU_HZ = 666_666_687;
const FRAME_8N1 = Math.ceil((10 * CPU_HZ) / (100e6 / (124 * 7)));

/** The GIC set up on `cpu` as XScuGic_CfgInitialize + SetPriorityTriggerType + Enable leave it. */
function gicInit(board: ZynqBoard, cpu: number, ids: number[]): void {
  const { bus } = board;
  bus.write(ICDDCR, 1, 4, cpu);
  for (const id of ids) {
    bus.write(ICDIPR + id, 0xa0, 1, cpu);
    bus.write(ICDISER0 + 4 * (id >> 5), 1 << (id & 31), 4, cpu);
  }
  bus.write(ICCPMR, 0xf0, 4, cpu);
  bus.write(ICCICR, 0x07, 4, cpu);
}

describe('Zynq board integration', () => {
  it('takes private timer interrupts through the GIC at the programmed rate', () => {
    const board = createZynqBoard();
    const { bus } = board;
    gicInit(board, 0, [PRIVATE_TIMER_ID]);
    // 1 ms ticks: CPU/2 = 333.33 MHz, so LOAD = 333333 - 1.
    bus.write(SCUTIMER_LOAD, 333_332, 4);
    bus.write(SCUTIMER_CONTROL, 0x7, 4); // enable, auto-reload, IRQ enable
    let ticks = 0;
    const step = 10_000; // cycles between the CPU's checks, about 15 us
    for (let t = 0; t < CPU_HZ / 100; t += step) {
      board.advance(step);
      if (board.irqPending(0)) {
        const iar = bus.read(ICCIAR, 4, 0);
        expect(iar).toBe(PRIVATE_TIMER_ID);
        bus.write(SCUTIMER_ISR, 1, 4, 0);
        bus.write(ICCEOIR, iar, 4, 0);
        ticks++;
      }
    }
    expect(ticks).toBe(10); // 10 ms
    expect(board.irqPending(1)).toBe(false);
  });

  it('sends UART1 bytes out at 115200 baud', () => {
    const times: number[] = [];
    const text: number[] = [];
    const board = createZynqBoard({
      onUartByte: (b) => {
        text.push(b);
        times.push(board.cycles);
      },
    });
    const { bus } = board;
    for (const c of 'hello\r\n') {
      while (bus.read(UART1_SR, 4) & SR_TXFULL) board.advance(100);
      bus.write(UART1_FIFO, c.charCodeAt(0), 4);
    }
    board.advance(10 * FRAME_8N1);
    expect(String.fromCharCode(...text)).toBe('hello\r\n');
    expect(times).toEqual(Array.from({ length: 7 }, (_, i) => (i + 1) * FRAME_8N1));
    // 7 frames of 86.8 us.
    expect(times[6]! / CPU_HZ).toBeCloseTo((7 * 10) / 115207, 6);
  });

  it('receives console bytes on UART1', () => {
    const board = createZynqBoard();
    expect(board.sendUartByte(0x71)).toBe(true);
    expect(board.bus.read(UART1_FIFO, 4)).toBe(0x71);
  });

  it('delivers an SGI from CPU0 to CPU1', () => {
    const board = createZynqBoard();
    const { bus } = board;
    gicInit(board, 0, []);
    gicInit(board, 1, []);
    bus.write(ICDSGIR, (0x2 << 16) | 0xe, 4, 0); // CPU0 -> CPU1, SGI 14
    expect(board.irqPending(0)).toBe(false);
    expect(board.irqPending(1)).toBe(true);
    const iar = board.ack(1);
    expect(iar & 0x3ff).toBe(14);
    expect(iar >> 10).toBe(0); // from CPU0
    board.eoi(1, iar);
    expect(board.ack(1)).toBe(1023);
  });

  it('wakes CPU1 through 0xFFFFFFF0 and SEV, and the two share OCM mapped 0x14de2', () => {
    const board = createZynqBoard();
    const { bus, events, cpu1BootRom } = board;
    let cpu1Entry: number | null = null;
    events.wakeOnEvent(1, () => (cpu1Entry = cpu1BootRom.step()));
    expect(cpu1BootRom.step()).toBeNull(); // parked
    // CPU0, as XAPP1079: mark OCM non-cacheable, write the start address, dmb, sev.
    bus.attributes.setTlbAttributes(OCM_SHARED, 0x14de2);
    bus.write(OCM_SHARED + 0x10, 0, 4, 0);
    bus.write(CPU1_START, 0x02000000, 4, 0);
    events.sev(0);
    expect(cpu1Entry).toBe(0x02000000);
    // CPU1 writes a value; CPU0 reads it back (an unaligned word is fine: Normal memory).
    bus.write(OCM_SHARED + 0x11, 0xabcdef01, 4, 1);
    expect(bus.read(OCM_SHARED + 0x11, 4, 0)).toBe(0xabcdef01);
  });

  it('drives the LEDs and reads the switches over AXI GPIO', () => {
    const seen: number[] = [];
    const board = createZynqBoard({ switches: 0x81, onLeds: (v) => seen.push(v) });
    const { bus } = board;
    expect(bus.read(GPIO2_DATA, 4)).toBe(0x81);
    board.setSwitches(0x0f);
    expect(bus.read(GPIO2_DATA, 4)).toBe(0x0f);
    bus.write(GPIO_TRI, 0, 4);
    bus.write(GPIO_DATA, 0x3c, 4);
    expect(board.leds).toBe(0x3c);
    expect(seen).toEqual([0x3c]);
  });

  it('keeps DDR, the global timer and the PL faults where the firmware expects them', () => {
    const board = createZynqBoard();
    const { bus } = board;
    bus.write(DDR_APP, 0x12345678, 4);
    expect(board.ddr.read(DDR_APP, 4)).toBe(0x12345678);
    bus.write(GTIMER_CONTROL, 1, 4);
    board.advance(2000);
    expect(bus.read(GTIMER_LOWER, 4)).toBe(1000);
    expect(() => bus.read(BRAM + 2, 4)).toThrow(BusFault);
    let decerr: BusFault | null = null;
    try {
      bus.write(0x44a00000, 1, 4);
    } catch (e) {
      if (e instanceof BusFault) decerr = e;
    }
    expect(decerr?.kind).toBe('no-slave');
    expect(decerr?.stallsForever).toBe(false);
  });

  it('maps the low OCM over the first 192 KB of DDR', () => {
    const board = createZynqBoard();
    board.bus.write(0x100, 0x55, 1);
    expect(board.ocm.bytes[0x100]).toBe(0x55);
    expect(board.ddr.bytes[0x100]).toBe(0);
  });
});
