import { describe, expect, it } from 'vitest';
import { Bus } from '../bus.ts';
import { ScuControl } from './scu.ts';

// UG585 appendix B (mpcore).
const SCU = 0xf8f00000;
const SCU_CONTROL = SCU + 0x00;
const SCU_CONFIGURATION = SCU + 0x04;
const SCU_INVALIDATE_ALL = SCU + 0x0c;
const FILTERING_START = SCU + 0x40;

function board(): { bus: Bus; scu: ScuControl } {
  const bus = new Bus();
  const scu = new ScuControl(2);
  bus.map(SCU, 0x100, scu, 'scu');
  return { bus, scu };
}

describe('SCU registers', () => {
  it('reports two CPUs in SMP mode, as QEMU does', () => {
    expect(board().bus.read(SCU_CONFIGURATION, 4)).toBe(0x31);
  });

  it('takes the enable bit that boot code sets before starting CPU1', () => {
    const { bus, scu } = board();
    bus.write(SCU_CONTROL, bus.read(SCU_CONTROL, 4) | 1, 4);
    expect(scu.enabled).toBe(true);
    bus.write(SCU_INVALIDATE_ALL, 0xffff, 4); // boot.S: accepted, nothing to invalidate
    expect(bus.read(SCU_CONTROL, 4)).toBe(1);
  });

  it('filters DDR from 0x00100000', () => {
    expect(board().bus.read(FILTERING_START, 4)).toBe(0x00100000);
  });
});
