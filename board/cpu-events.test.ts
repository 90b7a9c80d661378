import { describe, expect, it } from 'vitest';
import { CpuEvents } from './cpu-events.ts';

describe('CPU event registers', () => {
  it('lets WFE sleep until another CPU executes SEV', () => {
    const events = new CpuEvents(2);
    const woken: number[] = [];
    events.wakeOnEvent(1, (cpu) => woken.push(cpu));
    expect(events.wfe(1)).toBe(true);
    expect(events.isSleeping(1)).toBe(true);
    events.sev(0);
    expect(woken).toEqual([1]);
    expect(events.isSleeping(1)).toBe(false);
    expect(events.isSet(1)).toBe(false); // the wake-up used the event
  });

  it('keeps an event for a CPU that is awake, so its next WFE falls through once', () => {
    const events = new CpuEvents(2);
    events.sev(0);
    expect(events.isSet(0)).toBe(true); // SEV reaches the sender too
    expect(events.isSet(1)).toBe(true);
    expect(events.wfe(1)).toBe(false);
    expect(events.wfe(1)).toBe(true);
  });
});

describe('CPU event registers after an interrupt wake-up', () => {
  it('keeps a later SEV for the next WFE once the CPU is awake again', () => {
    const events = new CpuEvents(2);
    expect(events.wfe(1)).toBe(true);
    events.awake(1); // an interrupt woke it
    events.sev(0);
    expect(events.wfe(1)).toBe(false);
  });
});

describe('dozes (the BSP waits on the simulated board)', () => {
  it('sleep in WFE until endDoze, leaving the event register alone', () => {
    const events = new CpuEvents(2);
    const woken: number[] = [];
    events.wakeOnEvent(0, (cpu) => woken.push(cpu));
    events.sev(1);
    events.armDoze(0);
    expect(events.wfe(0)).toBe(true);
    events.endDoze(0);
    expect(woken).toEqual([0]);
    expect(events.isSet(0)).toBe(true);
    expect(events.wfe(0)).toBe(false); // the program's own WFE still sees the SEV
  });
});
