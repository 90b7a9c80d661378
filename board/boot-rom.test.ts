import { describe, expect, it } from 'vitest';
import { BootRomPark } from './boot-rom.ts';
import { Bus } from './bus.ts';
import { CpuEvents } from './cpu-events.ts';
import { Ocm } from './devices/ocm.ts';

const CPU1_START = 0xfffffff0;
const CPU1_ENTRY = 0x02000000;

function board(): { bus: Bus; events: CpuEvents; park: BootRomPark } {
  const bus = new Bus();
  for (const w of new Ocm().windows()) bus.map(w.base, w.size, w.device, w.name);
  const events = new CpuEvents(2);
  return { bus, events, park: new BootRomPark(bus, events, 1) };
}

describe('boot ROM park loop for CPU1', () => {
  it('sleeps in WFE and jumps once CPU0 has written the entry and sent SEV', () => {
    const { bus, events, park } = board();
    let entry: number | null = null;
    events.wakeOnEvent(1, () => (entry = park.step()));
    expect(park.step()).toBeNull();
    bus.write(CPU1_START, CPU1_ENTRY, 4, 0);
    expect(park.step()).toBeNull(); // no SEV yet: still asleep
    events.sev(0);
    expect(entry).toBe(CPU1_ENTRY);
    expect(park.entry).toBe(CPU1_ENTRY);
  });

  it('goes back to sleep when woken with no address yet', () => {
    const { bus, events, park } = board();
    events.wakeOnEvent(1, () => park.step());
    park.step();
    events.sev(0);
    expect(park.entry).toBeNull();
    expect(events.isSleeping(1)).toBe(true);
    bus.write(CPU1_START, CPU1_ENTRY, 4, 0);
    events.sev(0);
    expect(park.entry).toBe(CPU1_ENTRY);
  });

  it('starts at once when the address and the SEV came before CPU1 reached WFE', () => {
    const { bus, events, park } = board();
    bus.write(CPU1_START, CPU1_ENTRY, 4, 0);
    events.sev(0);
    expect(park.step()).toBe(CPU1_ENTRY);
  });
});
