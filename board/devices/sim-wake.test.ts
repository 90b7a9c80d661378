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
const WAKE_AFTER = 0xf8f08008;

function board(): { bus: Bus; clock: Clock; events: CpuEvents; woken: number[] } {
  const bus = new Bus();
  const clock = new Clock();
  const events = new CpuEvents(2);
  const timer = new ScuGlobalTimer(clock, new Gic(2));
  bus.map(0xf8f00200, 0x20, timer.device, 'global timer');
  bus.map(0xf8f08000, 0x10, new SimWake(clock, timer, events), 'sim wake');
  const woken: number[] = [];
  for (const cpu of [0, 1]) events.wakeOnEvent(cpu, () => woken.push(clock.cycles));
  return { bus, clock, events, woken };
}

describe('simulator doze for the BSP', () => {
  it('wakes the dozing CPU when the global timer reaches the count', () => {
    const { bus, clock, events, woken } = board();
    bus.write(GTIMER_CONTROL, 1, 4);
    bus.write(WAKE_AT_LOW, 1000, 4, 1);
    bus.write(WAKE_AT_HIGH, 0, 4, 1);
    expect(events.wfe(1)).toBe(true);
    clock.advance(1999);
    expect(woken).toEqual([]);
    clock.advance(1);
    expect(woken).toEqual([2000]); // 1000 counts at CPU/2
    expect(bus.read(GTIMER_LOWER, 4)).toBe(1000);
  });

  it('dozes for a number of cycles', () => {
    const { bus, clock, events, woken } = board();
    bus.write(WAKE_AFTER, 500, 4);
    expect(events.wfe(0)).toBe(true);
    clock.advance(1000);
    expect(woken).toEqual([500]);
  });

  it('neither uses nor loses an event the program is waiting for', () => {
    const { bus, clock, events } = board();
    events.sev(1); // an event for CPU0's own WFE later
    bus.write(WAKE_AFTER, 100, 4);
    expect(events.wfe(0)).toBe(true); // the doze sleeps despite the pending event
    clock.advance(100);
    expect(events.isSet(0)).toBe(true);
    bus.write(WAKE_AFTER, 100, 4);
    events.wfe(0);
    events.sev(1); // ends the doze early and stays pending
    expect(events.isSleeping(0)).toBe(false);
    expect(events.wfe(0)).toBe(false);
  });

  it('lets the WFE fall through when the time was up before it', () => {
    const { bus, clock, events } = board();
    bus.write(WAKE_AFTER, 10, 4);
    clock.advance(100);
    expect(events.wfe(0)).toBe(false);
  });

  it('does not doze while the global timer is stopped', () => {
    const { bus, clock, events } = board();
    bus.write(WAKE_AT_LOW, 10, 4);
    bus.write(WAKE_AT_HIGH, 0, 4);
    clock.advance(0);
    expect(events.wfe(0)).toBe(false);
  });
});
