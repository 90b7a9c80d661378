import { describe, expect, it } from 'vitest';
import { Bus } from '../bus.ts';
import { Gic } from './gic.ts';

// UG585 appendix B (mpcore) and xscugic_hw.h.
const ICD = 0xf8f01000;
const ICDDCR = ICD + 0x000;
const ICDICTR = ICD + 0x004;
const ICDISER = ICD + 0x100;
const ICDICER = ICD + 0x180;
const ICDISPR = ICD + 0x200;
const ICDICPR = ICD + 0x280;
const ICDABR = ICD + 0x300;
const ICDIPR = ICD + 0x400;
const ICDIPTR = ICD + 0x800;
const ICDICFR = ICD + 0xc00;
const ICDSGIR = ICD + 0xf00;
const ICC = 0xf8f00100;
const ICCICR = ICC + 0x00;
const ICCPMR = ICC + 0x04;
const ICCIAR = ICC + 0x0c;
const ICCEOIR = ICC + 0x10;
const ICCRPR = ICC + 0x14;
const ICCHPIR = ICC + 0x18;

const SPURIOUS = 1023;
const PRIVATE_TIMER = 29;
const UART1 = 82;
const TTC0 = 42;

function board(): { bus: Bus; gic: Gic } {
  const bus = new Bus();
  const gic = new Gic(2);
  bus.map(ICD, 0x1000, gic.distributor, 'gic-distributor');
  bus.map(ICC, 0x100, gic.cpuInterface, 'gic-cpu-interface');
  return { bus, gic };
}

/** What XScuGic_CfgInitialize and XScuGic_Enable leave behind (embeddedsw xscugic.c), for `cpus`. */
function initialize(bus: Bus, cpus: number[] = [0]): void {
  bus.write(ICDDCR, 1, 4);
  for (const cpu of cpus) {
    bus.write(ICCPMR, 0xf0, 4, cpu);
    bus.write(ICCICR, 0x07, 4, cpu);
  }
}

function enableSpi(bus: Bus, id: number, priority: number, targets: number): void {
  bus.write(ICDIPR + id, priority, 1);
  bus.write(ICDIPTR + id, targets, 1);
  bus.write(ICDISER + 4 * (id >> 5), 1 << (id & 31), 4);
}

describe('GIC', () => {
  it('describes itself and starts with nothing to acknowledge', () => {
    const { bus } = board();
    expect(bus.read(ICDICTR, 4)).toBe(0x422); // 96 IDs, 2 CPUs, security extensions
    expect(bus.read(ICDISER, 4)).toBe(0x0000ffff); // SGIs are always enabled
    initialize(bus);
    expect(bus.read(ICCIAR, 4)).toBe(SPURIOUS);
    expect(bus.read(ICCRPR, 4)).toBe(0xff);
  });

  it('keeps ICDICFR0 and ICDICFR1 read-only and the SPI fields writable', () => {
    const { bus } = board();
    bus.write(ICDICFR, 0, 4);
    bus.write(ICDICFR + 4, 0, 4);
    expect(bus.read(ICDICFR, 4)).toBe(0xaaaaaaaa);
    expect(bus.read(ICDICFR + 4, 4)).toBe(0x7dc00000); // 27, 29, 30 edge; 28, 31 level
    bus.write(ICDICFR + 8, 0x3, 4);
    expect(bus.read(ICDICFR + 8, 4)).toBe(0x3);
  });

  it('acknowledges a level SPI, keeps it active until EOI and re-pends it while the line is high', () => {
    const { bus, gic } = board();
    initialize(bus);
    enableSpi(bus, UART1, 0xa0, 0x01);
    expect(gic.pendingFor(0)).toBe(false);
    gic.raise(UART1);
    expect(gic.pendingFor(0)).toBe(true);
    expect(bus.read(ICCHPIR, 4)).toBe(UART1);
    expect(bus.read(ICCIAR, 4)).toBe(UART1);
    expect(gic.pendingFor(0)).toBe(false);
    expect(bus.read(ICDABR + 8, 4)).toBe(1 << (UART1 - 64));
    expect(bus.read(ICCRPR, 4)).toBe(0xa0);
    bus.write(ICCEOIR, UART1, 4);
    expect(bus.read(ICDABR + 8, 4)).toBe(0);
    // The handler did not clear the UART's interrupt: the line is still high.
    expect(bus.read(ICCIAR, 4)).toBe(UART1);
    gic.lower(UART1);
    bus.write(ICCEOIR, UART1, 4);
    expect(bus.read(ICCIAR, 4)).toBe(SPURIOUS);
  });

  it('sets and clears pending from software', () => {
    const { bus } = board();
    initialize(bus);
    enableSpi(bus, TTC0, 0x80, 0x01);
    bus.write(ICDISPR + 4, 1 << (TTC0 - 32), 4);
    expect(bus.read(ICDISPR + 4, 4)).toBe(1 << (TTC0 - 32));
    bus.write(ICDICPR + 4, 1 << (TTC0 - 32), 4);
    expect(bus.read(ICCIAR, 4)).toBe(SPURIOUS);
  });

  it('picks the highest priority (lowest value), then the lowest ID', () => {
    const { bus } = board();
    initialize(bus);
    enableSpi(bus, 40, 0xa0, 1);
    enableSpi(bus, 50, 0x80, 1);
    enableSpi(bus, 45, 0x80, 1);
    bus.write(ICDISPR + 4, (1 << 8) | (1 << 18) | (1 << 13), 4);
    expect(bus.read(ICCIAR, 4)).toBe(45);
    bus.write(ICCEOIR, 45, 4);
    expect(bus.read(ICCIAR, 4)).toBe(50);
    bus.write(ICCEOIR, 50, 4);
    expect(bus.read(ICCIAR, 4)).toBe(40);
  });

  it('implements only priority bits [7:3]', () => {
    const { bus } = board();
    bus.write(ICDIPR + 40, 0xff, 1);
    expect(bus.read(ICDIPR + 40, 1)).toBe(0xf8);
    bus.write(ICCPMR, 0xff, 4);
    expect(bus.read(ICCPMR, 4)).toBe(0xf8);
  });

  it('masks interrupts at or below the priority mask', () => {
    const { bus, gic } = board();
    initialize(bus);
    enableSpi(bus, TTC0, 0xf0, 1);
    gic.raise(TTC0);
    expect(gic.pendingFor(0)).toBe(false); // 0xF0 is not above the mask 0xF0
    bus.write(ICCPMR, 0xf8, 4);
    expect(gic.pendingFor(0)).toBe(true);
  });

  it('lets only a higher priority preempt an active interrupt', () => {
    const { bus, gic } = board();
    initialize(bus);
    enableSpi(bus, 40, 0xa0, 1);
    enableSpi(bus, 41, 0xa0, 1);
    enableSpi(bus, 42, 0x80, 1);
    bus.write(ICDISPR + 4, 1 << 8, 4);
    expect(bus.read(ICCIAR, 4)).toBe(40);
    bus.write(ICDISPR + 4, 1 << 9, 4);
    expect(gic.pendingFor(0)).toBe(false); // same priority waits
    bus.write(ICDISPR + 4, 1 << 10, 4);
    expect(bus.read(ICCIAR, 4)).toBe(42); // nested
    expect(bus.read(ICCRPR, 4)).toBe(0x80);
    bus.write(ICCEOIR, 42, 4);
    expect(bus.read(ICCRPR, 4)).toBe(0xa0);
    bus.write(ICCEOIR, 40, 4);
    expect(bus.read(ICCIAR, 4)).toBe(41);
  });

  it('signals nothing while the distributor or the CPU interface is disabled', () => {
    const { bus, gic } = board();
    enableSpi(bus, TTC0, 0x80, 1);
    gic.raise(TTC0);
    bus.write(ICCPMR, 0xf0, 4);
    bus.write(ICCICR, 1, 4);
    expect(bus.read(ICCIAR, 4)).toBe(SPURIOUS);
    bus.write(ICDDCR, 1, 4);
    bus.write(ICCICR, 0, 4);
    expect(bus.read(ICCIAR, 4)).toBe(SPURIOUS);
    bus.write(ICCICR, 1, 4);
    expect(bus.read(ICCIAR, 4)).toBe(TTC0);
  });

  it('sends an SPI only to its target CPUs', () => {
    const { bus, gic } = board();
    initialize(bus, [0, 1]);
    enableSpi(bus, UART1, 0xa0, 0x02);
    gic.raise(UART1);
    expect(gic.pendingFor(0)).toBe(false);
    expect(gic.pendingFor(1)).toBe(true);
    expect(bus.read(ICCIAR, 4, 1)).toBe(UART1);
  });

  it('banks IDs 0-31 per CPU: enables, priorities, pending and the read-only targets', () => {
    const { bus, gic } = board();
    initialize(bus, [0, 1]);
    expect(bus.read(ICDIPTR + 28, 4, 0)).toBe(0x01010101);
    expect(bus.read(ICDIPTR + 28, 4, 1)).toBe(0x02020202);
    bus.write(ICDIPR + PRIVATE_TIMER, 0xa0, 1, 1);
    bus.write(ICDISER, 1 << PRIVATE_TIMER, 4, 1); // only CPU1 enables its private timer
    gic.raise(PRIVATE_TIMER, 0);
    expect(gic.pendingFor(0)).toBe(false);
    gic.raise(PRIVATE_TIMER, 1);
    expect(gic.pendingFor(1)).toBe(true);
    expect(bus.read(ICDIPR + PRIVATE_TIMER, 1, 0)).toBe(0);
    expect(bus.read(ICCIAR, 4, 1)).toBe(PRIVATE_TIMER);
    // The edge latch was consumed by the acknowledge.
    bus.write(ICCEOIR, PRIVATE_TIMER, 4, 1);
    expect(gic.pendingFor(1)).toBe(false);
    bus.write(ICDICER, 1 << PRIVATE_TIMER, 4, 1);
    expect(bus.read(ICDISER, 4, 1)).toBe(0x0000ffff);
  });

  it('delivers SGIs by CPU list, to all but self, and to self, naming the source', () => {
    const { bus } = board();
    initialize(bus, [0, 1]);
    bus.write(ICDSGIR, (0 << 24) | (0x02 << 16) | 3, 4, 0); // CPU0 -> CPU1, SGI 3
    expect(bus.read(ICCIAR, 4, 0)).toBe(SPURIOUS);
    expect(bus.read(ICCIAR, 4, 1)).toBe(3); // source CPU0 in [12:10]
    bus.write(ICCEOIR, 3, 4, 1);
    bus.write(ICDSGIR, (1 << 24) | 5, 4, 1); // CPU1 -> everyone else
    expect(bus.read(ICCIAR, 4, 1)).toBe(SPURIOUS);
    const iar = bus.read(ICCIAR, 4, 0);
    expect(iar & 0x3ff).toBe(5);
    expect((iar >> 10) & 0x7).toBe(1);
    bus.write(ICCEOIR, iar, 4, 0); // the driver writes the full IAR value back
    bus.write(ICDSGIR, (2 << 24) | 7, 4, 0); // CPU0 -> itself
    expect(bus.read(ICCIAR, 4, 0)).toBe(7);
  });

  it('keeps one pending SGI per source CPU', () => {
    const { bus } = board();
    initialize(bus, [0, 1]);
    bus.write(ICDSGIR, (0x01 << 16) | 2, 4, 0);
    bus.write(ICDSGIR, (0x01 << 16) | 2, 4, 1);
    expect(bus.read(ICCIAR, 4, 0)).toBe(2);
    bus.write(ICCEOIR, 2, 4, 0);
    expect(bus.read(ICCIAR, 4, 0)).toBe(2 | (1 << 10));
  });

  it('tells the host when a CPU IRQ line changes', () => {
    const { bus, gic } = board();
    const changes: string[] = [];
    gic.onIrqLineChange = (cpu, asserted) => changes.push(`${cpu}:${asserted}`);
    initialize(bus);
    enableSpi(bus, TTC0, 0x80, 1);
    gic.raise(TTC0);
    bus.read(ICCIAR, 4);
    expect(changes).toEqual(['0:true', '0:false']);
  });

  it('counts, per CPU and ID, the interrupts acknowledged through ICCIAR and completed through ICCEOIR', () => {
    const { bus, gic } = board();
    initialize(bus, [0, 1]);
    bus.write(ICDISER, 1 << PRIVATE_TIMER, 4, 0);
    bus.write(ICDISER, 1 << PRIVATE_TIMER, 4, 1);
    for (let tick = 0; tick < 3; tick++) {
      gic.raise(PRIVATE_TIMER, 0);
      expect(bus.read(ICCIAR, 4, 0)).toBe(PRIVATE_TIMER);
      bus.write(ICCEOIR, PRIVATE_TIMER, 4, 0);
    }
    // CPU1 acknowledges its own timer once and never ends it.
    gic.raise(PRIVATE_TIMER, 1);
    expect(bus.read(ICCIAR, 4, 1)).toBe(PRIVATE_TIMER);
    // A spurious read and an EOI of an inactive interrupt count nothing.
    expect(bus.read(ICCIAR, 4, 0)).toBe(SPURIOUS);
    bus.write(ICCEOIR, UART1, 4, 0);
    expect(gic.interruptCounts()).toEqual([
      { cpu: 0, id: PRIVATE_TIMER, acknowledged: 3, completed: 3, bySoftware: 0 },
      { cpu: 1, id: PRIVATE_TIMER, acknowledged: 1, completed: 0, bySoftware: 0 },
    ]);
    expect(gic.acknowledgedTimes(1, PRIVATE_TIMER)).toBe(1);
    expect(gic.completedTimes(1, PRIVATE_TIMER)).toBe(0);
    expect(gic.acknowledgedTimes(0, UART1)).toBe(0);
  });

  it('counts apart the acknowledges of a PPI that software pended through ICDISPR', () => {
    const { bus, gic } = board();
    initialize(bus);
    bus.write(ICDISER, 1 << PRIVATE_TIMER, 4);
    // Pended by a write, no device behind it: counted as software's.
    bus.write(ICDISPR, 1 << PRIVATE_TIMER, 4);
    expect(bus.read(ICCIAR, 4)).toBe(PRIVATE_TIMER);
    bus.write(ICCEOIR, PRIVATE_TIMER, 4);
    // The timer raises it: the device's, even if software pends it again before the acknowledge.
    gic.raise(PRIVATE_TIMER);
    bus.write(ICDISPR, 1 << PRIVATE_TIMER, 4);
    expect(bus.read(ICCIAR, 4)).toBe(PRIVATE_TIMER);
    gic.lower(PRIVATE_TIMER);
    bus.write(ICCEOIR, PRIVATE_TIMER, 4);
    // Pended by software, then cleared through ICDICPR: nothing to acknowledge.
    bus.write(ICDISPR, 1 << PRIVATE_TIMER, 4);
    bus.write(ICDICPR, 1 << PRIVATE_TIMER, 4);
    expect(bus.read(ICCIAR, 4)).toBe(SPURIOUS);
    expect(gic.interruptCounts()).toEqual([
      { cpu: 0, id: PRIVATE_TIMER, acknowledged: 2, completed: 2, bySoftware: 1 },
    ]);
  });

  it('counts an SGI once per acknowledge, one source at a time', () => {
    const { bus, gic } = board();
    initialize(bus, [0, 1]);
    bus.write(ICDSGIR, (1 << 24) | 3, 4, 1); // CPU1 sends SGI 3 to every other CPU
    bus.write(ICDSGIR, (2 << 24) | 3, 4, 0); // CPU0 sends SGI 3 to itself
    const first = bus.read(ICCIAR, 4, 0);
    bus.write(ICCEOIR, first, 4, 0);
    const second = bus.read(ICCIAR, 4, 0);
    expect([first & 0x3ff, second & 0x3ff]).toEqual([3, 3]);
    expect(gic.acknowledgedTimes(0, 3)).toBe(2);
    expect(gic.completedTimes(0, 3)).toBe(1);
  });

  it('refuses to count a CPU or an ID that does not exist, naming the range', () => {
    const { gic } = board();
    expect(() => gic.acknowledgedTimes(2, 29)).toThrow(/CPU 2 does not exist \(expected 0 to 1\)/);
    expect(() => gic.completedTimes(0, 96)).toThrow(/ID 96 does not exist \(expected 0 to 95\)/);
  });
});
