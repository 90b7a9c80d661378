import { describe, expect, it } from 'vitest';
import {
  CPU_CLOCK_HZ,
  Clock,
  cyclesFromSeconds,
  deviceAccessCycles,
  secondsFromCycles,
} from './clock.ts';

describe('Clock', () => {
  it('runs at the CPU frequency Vivado writes into xparameters.h', () => {
    expect(CPU_CLOCK_HZ).toBe(666666687);
    expect(cyclesFromSeconds(0.001)).toBe(666667); // 1 ms
    expect(secondsFromCycles(CPU_CLOCK_HZ)).toBe(1);
  });

  it('fires events in time order as the clock advances, at their own cycle', () => {
    const clock = new Clock();
    const fired: string[] = [];
    clock.schedule(() => fired.push(`b@${clock.cycles}`), 200);
    clock.schedule(() => fired.push(`a@${clock.cycles}`), 100);
    clock.schedule(() => fired.push(`c@${clock.cycles}`), 300);
    clock.advance(250);
    expect(fired).toEqual(['a@100', 'b@200']);
    expect(clock.cycles).toBe(250);
    clock.advance(50);
    expect(fired).toEqual(['a@100', 'b@200', 'c@300']);
  });

  it('keeps scheduling order for events due at the same cycle', () => {
    const clock = new Clock();
    const fired: number[] = [];
    for (let i = 0; i < 5; i++) clock.schedule(() => fired.push(i), 10);
    clock.advance(10);
    expect(fired).toEqual([0, 1, 2, 3, 4]);
  });

  it('cancels and reschedules events', () => {
    const clock = new Clock();
    const fired: string[] = [];
    const a = clock.schedule(() => fired.push('a'), 100);
    const b = clock.schedule(() => fired.push(`b@${clock.cycles}`), 100);
    clock.cancel(a);
    expect(clock.isPending(a)).toBe(false);
    clock.advance(50);
    clock.reschedule(b, 100); // now due at 150
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual(['b@150']);
    clock.cancel(b); // already fired: nothing happens
    expect(clock.nextEventAt()).toBeUndefined();
  });

  it('fires events that callbacks schedule inside the same advance', () => {
    const clock = new Clock();
    const fired: number[] = [];
    const tick = (): void => {
      fired.push(clock.cycles);
      if (fired.length < 4) clock.schedule(tick, 10);
    };
    clock.schedule(tick, 10);
    clock.advance(1000);
    expect(fired).toEqual([10, 20, 30, 40]);
  });

  it('refuses to go back in time', () => {
    const clock = new Clock();
    clock.advance(10);
    expect(() => clock.advanceTo(5)).toThrow(RangeError);
  });
});

describe('cost model', () => {
  it('charges PL accesses most and CPU-private accesses least', () => {
    const pl = deviceAccessCycles(0x41200000); // AXI GPIO
    const uart = deviceAccessCycles(0xe0001030); // UART1 FIFO
    const gic = deviceAccessCycles(0xf8f0010c); // ICCIAR
    expect(pl).toBeGreaterThan(uart);
    expect(uart).toBeGreaterThan(gic);
  });
});
