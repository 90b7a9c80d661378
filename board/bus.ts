/**
 * The Zynq-7000 system bus as a CPU sees it: 1 MB sections with MMU memory attributes in front of
 * an address decoder that maps regions to devices. Faults are data (`BusFault`), as the data
 * aborts and hung AXI transactions they stand for.
 *
 * Reference: UG585 chapter 4 (system address map, table 4-1) and chapter 5 (interconnect);
 * ARM ARM v7-A A3.2.1 (unaligned data access: with SCTLR.A = 0 Normal memory allows it, Device and
 * Strongly-ordered memory take an alignment fault) and chapter B3 (fault status: alignment 0b00001,
 * section translation 0b00101, synchronous external abort 0b01000).
 */
import { BusFault, type BusFaultKind } from './firmware/index.ts';
import { MemoryAttributes } from './memory-attributes.ts';

export type Width = 1 | 2 | 4;

/** A device's side of the bus: offsets are from the start of its region. */
export interface BusDevice {
  read(offset: number, width: Width, cpu: number): number;
  write(offset: number, value: number, width: Width, cpu: number): void;
}

export interface Region {
  readonly base: number;
  readonly size: number;
  readonly device: BusDevice;
  readonly name: string;
}

export { BusFault, type BusFaultInfo, type BusFaultKind } from './firmware/index.ts';

export function hex32(n: number): string {
  return '0x' + (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

const WIDTH_NAME: Record<Width, string> = { 1: 'byte', 2: 'halfword', 4: 'word' };

export const MASK: Record<Width, number> = { 1: 0xff, 2: 0xffff, 4: 0xffffffff };

/** The PL windows behind M_AXI_GP0 and M_AXI_GP1 (UG585 table 4-1). */
export function isProgrammableLogic(addr: number): boolean {
  return addr >>> 0 >= 0x40000000 && addr >>> 0 <= 0xbfffffff;
}

/**
 * Why an access to the PL windows would never complete (devices/pl.ts), as the end of the stall's
 * message; null when the PL answers.
 */
export type PlGate = () => string | null;

export class Bus {
  readonly attributes = new MemoryAttributes();
  /** Set by the board with a PL: checked for every access to the PL windows before decoding. */
  plGate: PlGate | null = null;
  private readonly regions: Region[] = [];
  /** For each 1 MB section, the regions that touch it, newest first. */
  private readonly bySection: Region[][] = Array.from({ length: 4096 }, () => []);
  /** Regions that a newer one partly covers: never served from `lastHit`. */
  private readonly shadowed = new Set<Region>();
  /** The region of the last decode (polling loops hit the same one again and again). */
  private lastHit: Region | null = null;

  /**
   * Maps `[base, base + size)` to `device`. Overlapping an existing region is an error unless
   * `shadows` says it is meant (the low OCM over the start of DDR): then the newest one decodes.
   */
  map(
    base: number,
    size: number,
    device: BusDevice,
    name: string,
    options: { shadows?: boolean } = {},
  ): Region {
    const region: Region = { base: base >>> 0, size, device, name };
    const clash = this.regions.find(
      (r) => region.base < r.base + r.size && r.base < region.base + region.size,
    );
    if (clash && !options.shadows)
      throw new Error(
        `${name} at ${hex32(region.base)} overlaps ${clash.name} at ${hex32(clash.base)}`,
      );
    if (clash) this.shadowed.add(clash);
    this.lastHit = null;
    this.regions.push(region);
    const last = (region.base + size - 1) >>> 20;
    for (let s = region.base >>> 20; s <= last; s++) this.bySection[s]!.unshift(region);
    return region;
  }

  /** The region decoding `addr`, if any. */
  regionAt(addr: number): Region | undefined {
    const a = addr >>> 0;
    const hit = this.lastHit;
    if (hit !== null && a >= hit.base && a - hit.base < hit.size) return hit;
    const candidates = this.bySection[a >>> 20]!;
    for (let i = 0; i < candidates.length; i++) {
      const r = candidates[i]!;
      if (a >= r.base && a - r.base < r.size) {
        if (!this.shadowed.has(r)) this.lastHit = r;
        return r;
      }
    }
    return undefined;
  }

  get mappedRegions(): readonly Region[] {
    return this.regions;
  }

  read(addr: number, width: Width, cpu = 0): number {
    const a = addr >>> 0;
    const type = this.check(a, width, false, cpu);
    if (type === 'split') {
      let v = 0;
      for (let i = 0; i < width; i++) v |= this.read((a + i) >>> 0, 1, cpu) << (8 * i);
      return width === 4 ? v >>> 0 : v & MASK[width];
    }
    this.gate(a, width, false, cpu);
    const r = this.decode(a, width, false, cpu);
    const v = r.device.read(a - r.base, width, cpu);
    return width === 4 ? v >>> 0 : v & MASK[width];
  }

  write(addr: number, value: number, width: Width, cpu = 0): void {
    const a = addr >>> 0;
    const type = this.check(a, width, true, cpu);
    if (type === 'split') {
      for (let i = 0; i < width; i++) this.write((a + i) >>> 0, (value >>> (8 * i)) & 0xff, 1, cpu);
      return;
    }
    this.gate(a, width, true, cpu);
    const r = this.decode(a, width, true, cpu);
    r.device.write(a - r.base, width === 4 ? value >>> 0 : value & MASK[width], width, cpu);
  }

  /**
   * The MMU's part: a fault descriptor aborts; an unaligned access aborts on Device and
   * Strongly-ordered memory and is split into byte beats on Normal memory (as the A9's load/store
   * unit does with SCTLR.A = 0).
   */
  private check(a: number, width: Width, write: boolean, cpu: number): 'whole' | 'split' {
    const memoryType = this.attributes.typeAt(a);
    if (memoryType === 'fault') throw this.fault('translation', a, width, write, cpu);
    if ((a & (width - 1)) === 0) return 'whole';
    if (memoryType === 'normal') return 'split';
    throw this.fault('alignment', a, width, write, cpu);
  }

  /** A PL that cannot answer stalls the access, whatever the address in its windows. */
  private gate(a: number, width: Width, write: boolean, cpu: number): void {
    if (!this.plGate || !isProgrammableLogic(a)) return;
    const why = this.plGate();
    if (why === null) return;
    const at = hex32(a);
    const what = write ? `write to ${at}` : `read from ${at}`;
    throw this.fault('pl-stall', a, width, write, cpu, `${what} never completes: ${why}`);
  }

  /**
   * Outside the PL nothing decoding an address is a DECERR from the PS interconnect. In the PL the
   * design's AXI interconnect answers DECERR for an address none of its slaves decodes (AMBA AXI
   * spec A3.4.4; Vivado's AXI Interconnect and SmartConnect include a decode-error slave). Either way
   * the Cortex-A9 takes an external abort: precise for a load, imprecise for a store, which the
   * store buffer has already retired (Cortex-A9 TRM, "External aborts"). The BSP's default data
   * abort handler (embeddedsw vectors.c, DataAbortInterrupt) then loops forever without a word.
   */
  private decode(a: number, width: Width, write: boolean, cpu: number): Region {
    const r = this.regionAt(a);
    if (r && a - r.base + width <= r.size) return r;
    if (!isProgrammableLogic(a)) throw this.fault('unmapped', a, width, write, cpu);
    const verb = write ? `writing ${WIDTH_NAME[width]} to` : `reading ${WIDTH_NAME[width]} at`;
    const abort = write ? 'imprecise external abort' : 'external abort';
    throw this.fault(
      'no-slave',
      a,
      width,
      write,
      cpu,
      `data abort (${abort}, AXI DECERR) ${verb} ${hex32(a)}: no AXI slave in the PL design ` +
        `decodes this address; the BSP's default abort handler loops silently (check the address ` +
        `against xparameters.h)`,
    );
  }

  private fault(
    kind: BusFaultKind,
    address: number,
    width: Width,
    write: boolean,
    cpu: number,
    message?: string,
  ): BusFault {
    return new BusFault(
      {
        kind,
        address,
        width,
        write,
        cpu,
        memoryType: this.attributes.typeAt(address),
        attribute: this.attributes.attributeAt(address),
      },
      message,
    );
  }
}

/**
 * A device made of 32-bit registers. Narrow accesses select byte lanes of the word at
 * `offset & ~3`, as the APB and AXI4-Lite slaves do with their byte strobes.
 */
export abstract class RegisterBlock implements BusDevice {
  protected abstract readRegister(offset: number, cpu: number): number;
  /** `strobe` has 0xFF in each byte lane being written. */
  protected abstract writeRegister(
    offset: number,
    value: number,
    strobe: number,
    cpu: number,
  ): void;

  read(offset: number, width: Width, cpu: number): number {
    const word = this.readRegister(offset & ~3, cpu) >>> 0;
    return (word >>> ((offset & 3) * 8)) & MASK[width];
  }

  write(offset: number, value: number, width: Width, cpu: number): void {
    const shift = (offset & 3) * 8;
    const strobe = (MASK[width] << shift) >>> 0;
    this.writeRegister(offset & ~3, ((value << shift) & strobe) >>> 0, strobe, cpu);
  }
}

/** The bytes of `value` in the lanes `strobe` selects, the rest from `old`. */
export function merge(old: number, value: number, strobe: number): number {
  return ((old & ~strobe) | (value & strobe)) >>> 0;
}

/**
 * CPU-private devices answer at one address with one copy per CPU (the Cortex-A9 MPCore private
 * timers and GIC CPU interfaces; ARM DDI 0407, the Cortex-A9 MPCore TRM): this routes each access to the bank
 * of the CPU making it.
 */
export function banked(devices: readonly BusDevice[]): BusDevice {
  return {
    read: (offset, width, cpu) => devices[cpu]!.read(offset, width, cpu),
    write: (offset, value, width, cpu) => devices[cpu]!.write(offset, value, width, cpu),
  };
}
