import { describe, expect, it } from 'vitest';
import { Bus } from '../bus.ts';
import { Clock } from '../clock.ts';
import { CpuEvents } from '../cpu-events.ts';
import { Gic } from './gic.ts';
import { ScuGlobalTimer } from './global-timer.ts';
import { SimWake } from './sim-wake.ts';

const GTIMER_LOWER = 0xf8f00200;
const GTIMER_CONTROL = 0xf8f00208;
const WAKE_AT_LOW = 0xf8f08000;
const WAKE_AT_HIGH = 0xf8f08004;

function board(): { bus: Bus; clock: Clock; events: CpuEvents } {
  const bus = new Bus();
  const clock = new Clock();
  const events = new CpuEvents(2);
  const timer = new ScuGlobalTimer(clock, new Gic(2));
  bus.map(0xf8f00200, 0x20, timer.device, 'global timer');
  bus.map(0xf8f08000, 0x10, new SimWake(clock, timer, events), 'sim wake');
  return { bus, clock, events };
}

describe('simulator wake-up at a global timer count', () => {
  it('wakes the arming CPU from WFE when the counter reaches the count', () => {
    const { bus, clock, events } = board();
    const woken: number[] = [];
    events.wakeOnEvent(1, () => woken.push(clock.cycles));
    bus.write(GTIMER_CONTROL, 1, 4);
    bus.write(WAKE_AT_LOW, 1000, 4, 1);
    bus.write(WAKE_AT_HIGH, 0, 4, 1);
    expect(events.wfe(1)).toBe(true);
    clock.advance(1999);
    expect(woken).toEqual([]);
    clock.advance(1);
    expect(woken).toEqual([2000]); // 1000 counts at CPU/2
    expect(bus.read(GTIMER_LOWER, 4)).toBe(1000);
    expect(events.isSleeping(0)).toBe(false);
  });

  it('leaves an event for a CPU that is not asleep yet, so its WFE falls through', () => {
    const { bus, clock, events } = board();
    bus.write(GTIMER_CONTROL, 1, 4);
    bus.write(WAKE_AT_LOW, 10, 4);
    bus.write(WAKE_AT_HIGH, 0, 4);
    clock.advance(100);
    expect(events.wfe(0)).toBe(false);
  });

  it('does nothing while the global timer is stopped', () => {
    const { bus, clock, events } = board();
    bus.write(WAKE_AT_LOW, 10, 4);
    bus.write(WAKE_AT_HIGH, 0, 4);
    clock.advance(1000);
    expect(events.isSet(0)).toBe(false);
  });
});
