/**
 * The memory bus between the interpreted CPUs and everything they address: RAM, OCM and the
 * board's devices. Every load and store the C program makes reaches memory through a Bus; the
 * engine only bypasses read/write for `ram` regions it is told are plain memory (its fast path).
 */

/** Who is accessing and whether the address is a multiple of the access size. */
export interface Access {
  readonly cpu: number;
  /** False for an unaligned access: Device and Strongly-ordered memory fault on it (zynq.md 1.9). */
  readonly aligned: boolean;
}

/** Plain memory the engine may read and write directly through typed arrays. */
export interface RamRegion {
  readonly base: number;
  /** Length a multiple of 8; the engine views its buffer as 8-, 16-, 32- and 64-bit arrays. */
  readonly bytes: Uint8Array;
}

export interface Bus {
  read8(addr: number, access: Access): number;
  read16(addr: number, access: Access): number;
  read32(addr: number, access: Access): number;
  write8(addr: number, value: number, access: Access): void;
  write16(addr: number, value: number, access: Access): void;
  write32(addr: number, value: number, access: Access): void;
  /** The RAM regions of this bus, fastest path first (the engine inlines the first one). */
  readonly ram: readonly RamRegion[];
}

export type BusFaultKind = 'unmapped' | 'misaligned' | 'device';

/** Thrown by a bus (or device) to abort an access; the engine reports it with file:line. */
export class BusFault extends Error {
  readonly kind: BusFaultKind;
  readonly addr: number;
  constructor(kind: BusFaultKind, addr: number, message?: string) {
    super(message ?? defaultMessage(kind, addr));
    this.kind = kind;
    this.addr = addr;
  }
}

export function hex32(n: number): string {
  return '0x' + (n >>> 0).toString(16).padStart(8, '0');
}

function defaultMessage(kind: BusFaultKind, addr: number): string {
  if (kind === 'misaligned') return `unaligned access to device memory at ${hex32(addr)}`;
  if (kind === 'unmapped') {
    return addr >>> 0 < 0x1000
      ? `null pointer dereference (address ${hex32(addr)})`
      : `access to unmapped address ${hex32(addr)}`;
  }
  return `bus error at ${hex32(addr)}`;
}

/**
 * A bus with RAM regions and nothing else; for tests and the CLI. Unaligned accesses inside RAM
 * are allowed (Normal memory with SCTLR.A = 0, as the Xilinx BSP configures it); anything outside
 * faults as an unmapped address.
 */
export class RamBus implements Bus {
  readonly ram: RamRegion[];

  constructor(
    regions: { base: number; size: number }[] = [{ base: 0x00100000, size: 0x00400000 }],
  ) {
    this.ram = regions.map((r) => ({ base: r.base, bytes: new Uint8Array(r.size) }));
  }

  private find(addr: number, size: number): { bytes: Uint8Array; offset: number } {
    for (const r of this.ram) {
      const offset = addr - r.base;
      if (offset >= 0 && offset + size <= r.bytes.length) return { bytes: r.bytes, offset };
    }
    throw new BusFault('unmapped', addr);
  }

  read8(addr: number, _access?: Access): number {
    const { bytes, offset } = this.find(addr, 1);
    return bytes[offset]!;
  }
  read16(addr: number, _access?: Access): number {
    const { bytes, offset } = this.find(addr, 2);
    return bytes[offset]! | (bytes[offset + 1]! << 8);
  }
  read32(addr: number, _access?: Access): number {
    const { bytes, offset } = this.find(addr, 4);
    return (
      (bytes[offset]! |
        (bytes[offset + 1]! << 8) |
        (bytes[offset + 2]! << 16) |
        (bytes[offset + 3]! << 24)) >>>
      0
    );
  }
  write8(addr: number, value: number, _access?: Access): void {
    const { bytes, offset } = this.find(addr, 1);
    bytes[offset] = value;
  }
  write16(addr: number, value: number, _access?: Access): void {
    const { bytes, offset } = this.find(addr, 2);
    bytes[offset] = value;
    bytes[offset + 1] = value >>> 8;
  }
  write32(addr: number, value: number, _access?: Access): void {
    const { bytes, offset } = this.find(addr, 4);
    bytes[offset] = value;
    bytes[offset + 1] = value >>> 8;
    bytes[offset + 2] = value >>> 16;
    bytes[offset + 3] = value >>> 24;
  }
}

/** The board's bus shape (board/bus.ts): one read and one write taking the access width. */
export interface WidthBus {
  read(addr: number, width: 1 | 2 | 4, cpu: number): number;
  write(addr: number, value: number, width: 1 | 2 | 4, cpu: number): void;
}

/**
 * Plugs a width-based bus (the board's) into the engine. `ram` lists regions the engine may reach
 * directly (DDR's bytes): those accesses skip the bus, which is exact for Normal memory. The
 * board's bus decides alignment itself from the address, so `access.aligned` needs no passing on.
 */
export function fromWidthBus(bus: WidthBus, ram: readonly RamRegion[] = []): Bus {
  return {
    ram,
    read8: (a, access) => bus.read(a, 1, access.cpu),
    read16: (a, access) => bus.read(a, 2, access.cpu),
    read32: (a, access) => bus.read(a, 4, access.cpu),
    write8: (a, v, access) => bus.write(a, v, 1, access.cpu),
    write16: (a, v, access) => bus.write(a, v, 2, access.cpu),
    write32: (a, v, access) => bus.write(a, v, 4, access.cpu),
  };
}
