import { describe, expect, it } from 'vitest';
import { Bus, banked } from '../bus.ts';
import { Clock } from '../clock.ts';
import { Gic } from './gic.ts';
import { ScuPrivateTimer } from './private-timer.ts';

// UG585 appendix B (mpcore) and xscutimer_hw.h.
const TIMER = 0xf8f00600;
const LOAD = TIMER + 0x00;
const COUNTER = TIMER + 0x04;
const CONTROL = TIMER + 0x08;
const ISR = TIMER + 0x0c;
const ENABLE = 0x1;
const AUTO_RELOAD = 0x2;
const IRQ_ENABLE = 0x4;
const PRESCALER_SHIFT = 8;

const ICD = 0xf8f01000;
const ICC = 0xf8f00100;
const ICCIAR = ICC + 0x0c;
const ICCEOIR = ICC + 0x10;
const PRIVATE_TIMER_ID = 29;

function board(): { bus: Bus; clock: Clock; gic: Gic } {
  const bus = new Bus();
  const clock = new Clock();
  const gic = new Gic(2);
  bus.map(ICD, 0x1000, gic.distributor, 'gic-distributor');
  bus.map(ICC, 0x100, gic.cpuInterface, 'gic-cpu-interface');
  const timers = [0, 1].map((cpu) => new ScuPrivateTimer(clock, gic, cpu));
  bus.map(TIMER, 0x20, banked(timers), 'private-timer');
  // GIC set up as XScuGic_CfgInitialize + XScuGic_Enable(29) do, on both CPUs.
  bus.write(ICD, 1, 4);
  for (const cpu of [0, 1]) {
    bus.write(ICD + 0x400 + PRIVATE_TIMER_ID, 0xa0, 1, cpu);
    bus.write(ICD + 0x100, 1 << PRIVATE_TIMER_ID, 4, cpu);
    bus.write(ICC + 0x04, 0xf0, 4, cpu);
    bus.write(ICC, 0x07, 4, cpu);
  }
  return { bus, clock, gic };
}

describe('SCU private timer', () => {
  it('loads the counter with LOAD and counts down at half the CPU clock', () => {
    const { bus, clock } = board();
    bus.write(LOAD, 1000, 4);
    expect(bus.read(COUNTER, 4)).toBe(1000);
    clock.advance(100); // disabled: no counting
    expect(bus.read(COUNTER, 4)).toBe(1000);
    bus.write(CONTROL, ENABLE, 4);
    clock.advance(200); // 200 CPU cycles = 100 PERIPHCLK counts
    expect(bus.read(COUNTER, 4)).toBe(900);
    clock.advance(1);
    expect(bus.read(COUNTER, 4)).toBe(900);
  });

  it('divides PERIPHCLK by PRESCALER + 1', () => {
    const { bus, clock } = board();
    bus.write(LOAD, 1000, 4);
    bus.write(CONTROL, ENABLE | (9 << PRESCALER_SHIFT), 4);
    clock.advance(2000); // 20 CPU cycles per count
    expect(bus.read(COUNTER, 4)).toBe(900);
    expect(bus.read(CONTROL, 4)).toBe(ENABLE | (9 << PRESCALER_SHIFT));
  });

  it('sets the event flag at zero and stops there without auto-reload; ISR is write-one-to-clear', () => {
    const { bus, clock } = board();
    bus.write(LOAD, 100, 4);
    bus.write(CONTROL, ENABLE, 4);
    clock.advance(199);
    expect(bus.read(ISR, 4)).toBe(0);
    expect(bus.read(COUNTER, 4)).toBe(1);
    clock.advance(1); // 100 counts: zero
    expect(bus.read(ISR, 4)).toBe(1);
    clock.advance(10_000);
    expect(bus.read(COUNTER, 4)).toBe(0);
    bus.write(ISR, 0, 4);
    expect(bus.read(ISR, 4)).toBe(1);
    bus.write(ISR, 1, 4);
    expect(bus.read(ISR, 4)).toBe(0);
    clock.advance(10_000);
    expect(bus.read(ISR, 4)).toBe(0);
  });

  it('reloads with auto-reload: a period of (LOAD + 1) counts', () => {
    const { bus, clock } = board();
    bus.write(LOAD, 99, 4);
    bus.write(CONTROL, ENABLE | AUTO_RELOAD, 4);
    clock.advance(198); // 99 counts: zero
    expect(bus.read(COUNTER, 4)).toBe(0);
    clock.advance(2); // reloaded
    expect(bus.read(COUNTER, 4)).toBe(99);
    clock.advance(2 * 100 * 7 - 4); // count 798: two counts before the 8th zero (count 799)
    expect(bus.read(COUNTER, 4)).toBe(1);
    clock.advance(2);
    expect(bus.read(COUNTER, 4)).toBe(0);
  });

  it('interrupts through PPI 29 at the programmed rate when the handler clears ISR', () => {
    const { bus, clock, gic } = board();
    bus.write(LOAD, 999, 4); // 1000 counts = 2000 CPU cycles per period
    bus.write(CONTROL, ENABLE | AUTO_RELOAD | IRQ_ENABLE, 4);
    const ticks: number[] = [];
    for (let step = 0; step < 10_000; step += 100) {
      clock.advance(100);
      if (gic.pendingFor(0)) {
        const iar = bus.read(ICCIAR, 4);
        ticks.push(clock.cycles);
        expect(iar).toBe(PRIVATE_TIMER_ID);
        bus.write(ISR, 1, 4); // XScuTimer_ClearInterruptStatus
        bus.write(ICCEOIR, iar, 4);
      }
    }
    expect(ticks).toEqual([2000, 4000, 6000, 8000, 10000]);
  });

  it('gives one interrupt only while the event flag is left set (rising edge)', () => {
    const { bus, clock, gic } = board();
    bus.write(LOAD, 99, 4);
    bus.write(CONTROL, ENABLE | AUTO_RELOAD | IRQ_ENABLE, 4);
    let taken = 0;
    for (let i = 0; i < 10; i++) {
      clock.advance(200);
      if (gic.pendingFor(0)) {
        bus.write(ICCEOIR, bus.read(ICCIAR, 4), 4);
        taken++;
      }
    }
    expect(taken).toBe(1);
  });

  it('raises the interrupt when IRQ Enable is set after the event', () => {
    const { bus, clock, gic } = board();
    bus.write(LOAD, 10, 4);
    bus.write(CONTROL, ENABLE, 4);
    clock.advance(100);
    expect(gic.pendingFor(0)).toBe(false);
    bus.write(CONTROL, ENABLE | IRQ_ENABLE, 4);
    expect(gic.pendingFor(0)).toBe(true);
  });

  it('is banked per CPU and interrupts only its own CPU', () => {
    const { bus, clock, gic } = board();
    bus.write(LOAD, 50, 4, 1);
    bus.write(CONTROL, ENABLE | IRQ_ENABLE, 4, 1);
    expect(bus.read(LOAD, 4, 0)).toBe(0);
    clock.advance(100);
    expect(gic.pendingFor(0)).toBe(false);
    expect(gic.pendingFor(1)).toBe(true);
    expect(bus.read(ICCIAR, 4, 1)).toBe(PRIVATE_TIMER_ID);
  });
});
