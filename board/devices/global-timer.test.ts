import { describe, expect, it } from 'vitest';
import { Bus } from '../bus.ts';
import { Clock } from '../clock.ts';
import { Gic } from './gic.ts';
import { ScuGlobalTimer } from './global-timer.ts';

// UG585 appendix B (mpcore) and xtime_l.h.
const GTIMER = 0xf8f00200;
const COUNTER_LOWER = GTIMER + 0x00;
const COUNTER_UPPER = GTIMER + 0x04;
const CONTROL = GTIMER + 0x08;
const ISR = GTIMER + 0x0c;
const COMPARATOR_LOWER = GTIMER + 0x10;
const COMPARATOR_UPPER = GTIMER + 0x14;
const AUTO_INCREMENT = GTIMER + 0x18;
const TIMER_ENABLE = 0x1;
const COMP_ENABLE = 0x2;
const IRQ_ENABLE = 0x4;
const AUTO_INC = 0x8;

const ICD = 0xf8f01000;
const ICC = 0xf8f00100;
const GLOBAL_TIMER_ID = 27;

function board(): { bus: Bus; clock: Clock; gic: Gic } {
  const bus = new Bus();
  const clock = new Clock();
  const gic = new Gic(2);
  bus.map(ICD, 0x1000, gic.distributor, 'gic-distributor');
  bus.map(ICC, 0x100, gic.cpuInterface, 'gic-cpu-interface');
  bus.map(GTIMER, 0x20, new ScuGlobalTimer(clock, gic).device, 'global-timer');
  bus.write(ICD, 1, 4);
  for (const cpu of [0, 1]) {
    bus.write(ICD + 0x100, 1 << GLOBAL_TIMER_ID, 4, cpu);
    bus.write(ICD + 0x400 + GLOBAL_TIMER_ID, 0xa0, 1, cpu);
    bus.write(ICC + 0x04, 0xf0, 4, cpu);
    bus.write(ICC, 1, 4, cpu);
  }
  return { bus, clock, gic };
}

function readTime(bus: Bus): number {
  // XTime_GetTime reads upper, lower, upper again until the upper word is stable.
  return bus.read(COUNTER_UPPER, 4) * 2 ** 32 + bus.read(COUNTER_LOWER, 4);
}

describe('SCU global timer', () => {
  it('is stopped at reset and counts at half the CPU clock once enabled', () => {
    const { bus, clock } = board();
    clock.advance(1000);
    expect(readTime(bus)).toBe(0);
    bus.write(CONTROL, TIMER_ENABLE, 4); // XTime_StartTimer
    clock.advance(666_666_687); // 1 s
    expect(readTime(bus)).toBe(333_333_343);
  });

  it('carries into the upper word', () => {
    const { bus, clock } = board();
    bus.write(COUNTER_LOWER, 0xfffffffe, 4);
    bus.write(COUNTER_UPPER, 5, 4);
    bus.write(CONTROL, TIMER_ENABLE, 4);
    clock.advance(8); // 4 counts
    expect(bus.read(COUNTER_UPPER, 4)).toBe(6);
    expect(bus.read(COUNTER_LOWER, 4)).toBe(2);
  });

  it('shares the counter and the enable between CPUs', () => {
    const { bus, clock } = board();
    bus.write(CONTROL, TIMER_ENABLE | (1 << 8), 4, 0); // prescaler 1: 4 CPU cycles per count
    clock.advance(400);
    expect(bus.read(COUNTER_LOWER, 4, 1)).toBe(100);
    expect(bus.read(CONTROL, 4, 1) & 0xff01).toBe(TIMER_ENABLE | (1 << 8));
  });

  it('sets the event flag and interrupts through PPI 27 when the comparator is reached', () => {
    const { bus, clock, gic } = board();
    bus.write(COMPARATOR_LOWER, 500, 4);
    bus.write(COMPARATOR_UPPER, 0, 4);
    bus.write(CONTROL, TIMER_ENABLE | COMP_ENABLE | IRQ_ENABLE, 4);
    clock.advance(998);
    expect(bus.read(ISR, 4)).toBe(0);
    expect(gic.pendingFor(0)).toBe(false);
    clock.advance(2); // 500 counts
    expect(bus.read(ISR, 4)).toBe(1);
    expect(gic.pendingFor(0)).toBe(true);
    expect(gic.pendingFor(1)).toBe(false); // the comparator is CPU0's
    expect(bus.read(ICC + 0x0c, 4)).toBe(GLOBAL_TIMER_ID);
    bus.write(ISR, 1, 4);
    expect(bus.read(ISR, 4)).toBe(0);
  });

  it('moves the comparator by the auto-increment value each match', () => {
    const { bus, clock } = board();
    bus.write(COMPARATOR_LOWER, 100, 4);
    bus.write(AUTO_INCREMENT, 100, 4);
    bus.write(CONTROL, TIMER_ENABLE | COMP_ENABLE | AUTO_INC, 4);
    clock.advance(2 * 250);
    expect(bus.read(COMPARATOR_LOWER, 4)).toBe(300);
    expect(bus.read(ISR, 4)).toBe(1);
    bus.write(ISR, 1, 4);
    clock.advance(2 * 50);
    expect(bus.read(ISR, 4)).toBe(1);
    expect(bus.read(COMPARATOR_LOWER, 4)).toBe(400);
  });
});
