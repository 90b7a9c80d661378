import { describe, expect, it } from 'vitest';
import { Bus } from '../bus.ts';
import { Clock } from '../clock.ts';
import {
  DBGDSCR_RXFULL,
  DBGDSCR_TXFULL,
  DCC_POLL_CYCLES,
  DCC_WINDOW_BASE,
  DCC_WINDOW_SIZE,
  Dcc,
} from './dcc.ts';

// The window's words: CRm * 4 of `p14, 0, Rt, c0, CRm, 0` (dcc.ts).
const DBGDSCRINT = DCC_WINDOW_BASE + 0x04;
const DBGDTRINT = DCC_WINDOW_BASE + 0x14;

function board() {
  const bus = new Bus();
  const clock = new Clock();
  const dcc = new Dcc(clock, 2);
  bus.map(DCC_WINDOW_BASE, DCC_WINDOW_SIZE, dcc, 'dcc');
  const received: string[] = [];
  dcc.onByte = (byte, cpu) => received.push(`${cpu}:${String.fromCharCode(byte)}`);
  return { bus, clock, dcc, received };
}

describe('debug communications channel (JTAG UART)', () => {
  it('sets TXfull on a write to DBGDTRTXint until the debugger has read the word', () => {
    const { bus, clock, received } = board();
    expect(bus.read(DBGDSCRINT, 4)).toBe(0);
    bus.write(DBGDTRINT, 0x41, 4);
    expect(bus.read(DBGDSCRINT, 4)).toBe(DBGDSCR_TXFULL);
    clock.advance(DCC_POLL_CYCLES - 1);
    expect(received).toEqual([]);
    clock.advance(1);
    expect(received).toEqual(['0:A']);
    expect(bus.read(DBGDSCRINT, 4)).toBe(0);
  });

  it('sends what XCoresightPs_DccSendByte sends: wait while TXfull, then write the byte', () => {
    const { bus, clock, received } = board();
    for (const c of 'hi\r\n') {
      while (bus.read(DBGDSCRINT, 4) & DBGDSCR_TXFULL) clock.advance(100);
      bus.write(DBGDTRINT, c.charCodeAt(0), 4);
    }
    clock.advance(DCC_POLL_CYCLES);
    expect(received.map((r) => r.slice(2)).join('')).toBe('hi\r\n');
    expect(clock.cycles).toBeGreaterThanOrEqual(3 * DCC_POLL_CYCLES);
  });

  it('drops a word written while TXfull is set (UNPREDICTABLE in the ARM ARM) and counts it', () => {
    const { bus, clock, dcc, received } = board();
    bus.write(DBGDTRINT, 0x61, 4);
    bus.write(DBGDTRINT, 0x62, 4);
    clock.advance(DCC_POLL_CYCLES);
    expect(received).toEqual(['0:a']);
    expect(dcc.droppedWords).toBe(1);
  });

  it('banks the channel per CPU', () => {
    const { bus, clock, received } = board();
    bus.write(DBGDTRINT, 0x31, 4, 1);
    expect(bus.read(DBGDSCRINT, 4, 0)).toBe(0);
    expect(bus.read(DBGDSCRINT, 4, 1)).toBe(DBGDSCR_TXFULL);
    clock.advance(DCC_POLL_CYCLES);
    expect(received).toEqual(['1:1']);
  });

  it('hands a word from the debugger to the program through DBGDTRRXint and RXfull', () => {
    const { bus, dcc } = board();
    expect(dcc.send(0, 0x7a)).toBe(true);
    expect(dcc.send(0, 0x7b)).toBe(false); // RXfull: the debugger must wait
    expect(bus.read(DBGDSCRINT, 4)).toBe(DBGDSCR_RXFULL);
    expect(bus.read(DBGDTRINT, 4)).toBe(0x7a);
    expect(bus.read(DBGDSCRINT, 4)).toBe(0);
    expect(dcc.send(0, 0x7b)).toBe(true);
  });

  it('refuses a CPU that does not exist, naming the range', () => {
    const { dcc } = board();
    expect(() => dcc.status(2)).toThrow(/CPU 2 does not exist \(expected 0 to 1\)/);
  });
});
