/**
 * The memory bus between the interpreted CPUs and everything they address: RAM, OCM and the
 * board's devices. Every load and store the C program makes reaches memory through a Bus; the
 * engine only bypasses read/write for `ram` regions it is told are plain memory (its fast path).
 */

/** Who is accessing and whether the address is a multiple of the access size. */
export interface Access {
  readonly cpu: number;
  /** False for an unaligned access: Device and Strongly-ordered memory fault on it (ARM ARM v7-A A3.2.1). */
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

/**
 * The ARMv7 memory types a 1 MB section can have (ARM ARM v7-A A3.5), plus `fault` for a section
 * whose descriptor is a fault entry.
 */
export type MemoryType = 'strongly-ordered' | 'device' | 'normal' | 'fault';

/**
 * Why an access failed: one vocabulary for the engine and the board.
 * - `alignment`: unaligned access to Device or Strongly-ordered memory (data abort, DFSR FS 0b00001).
 * - `translation`: the section's descriptor is a fault entry (data abort, FS 0b00101).
 * - `unmapped`: a mapped section with nothing decoding the address; the interconnect answers
 *   DECERR and the CPU takes a synchronous external abort (FS 0b01000). A RAM-only bus says this
 *   of everything outside its RAM.
 * - `no-slave`: an address in a PL window (M_AXI_GP0/1) that no AXI slave of the design decodes;
 *   the design's AXI interconnect answers DECERR and the CPU takes an external abort (imprecise for
 *   a write).
 * - `pl-stall`: an access to a PL that cannot answer (no bitstream, its clock stopped, held in
 *   reset): the transaction never completes, so the CPU stalls forever.
 */
export type BusFaultKind = 'alignment' | 'translation' | 'unmapped' | 'no-slave' | 'pl-stall';

export interface BusFaultInfo {
  readonly kind: BusFaultKind;
  readonly address: number;
  readonly width: 1 | 2 | 4;
  readonly write: boolean;
  readonly cpu: number;
  readonly memoryType: MemoryType;
  /** The section descriptor's attribute bits (as `Xil_SetTlbAttributes` takes them). */
  readonly attribute: number;
  /** True when the CPU never gets a response: the board reports it and the CPU hangs. */
  readonly stallsForever: boolean;
}

/** What a bus says about a failed access; only kind and address are required. */
export type BusFaultDetails = Pick<BusFaultInfo, 'kind' | 'address'> &
  Partial<Omit<BusFaultInfo, 'kind' | 'address' | 'stallsForever'>>;

/**
 * Thrown by a bus (the board's or a RAM-only one) or a device to abort an access; the engine
 * reports it with file:line and keeps it as the RuntimeFault's `origin`.
 */
export class BusFault extends Error implements BusFaultInfo {
  readonly kind: BusFaultKind;
  readonly address: number;
  readonly width: 1 | 2 | 4;
  readonly write: boolean;
  readonly cpu: number;
  readonly memoryType: MemoryType;
  readonly attribute: number;
  readonly stallsForever: boolean;
  constructor(details: BusFaultDetails, message?: string) {
    const info = {
      width: 4 as const,
      write: false,
      cpu: 0,
      memoryType: 'normal' as const,
      attribute: 0,
      ...details,
    };
    super(message ?? describeFault(info));
    this.name = 'BusFault';
    this.kind = info.kind;
    this.address = info.address;
    this.width = info.width;
    this.write = info.write;
    this.cpu = info.cpu;
    this.memoryType = info.memoryType;
    this.attribute = info.attribute;
    this.stallsForever = info.kind === 'pl-stall';
  }
}

export function hex32(n: number): string {
  return '0x' + (n >>> 0).toString(16).padStart(8, '0');
}

const WIDTH_NAME = { 1: 'byte', 2: 'halfword', 4: 'word' } as const;

/** The board's words for a fault, as the console's `[board]` line says them. */
function describeFault(f: Omit<BusFaultInfo, 'stallsForever'>): string {
  const at = '0x' + (f.address >>> 0).toString(16).toUpperCase().padStart(8, '0');
  const verb = f.write ? 'writing' : 'reading';
  const what = `${verb} ${WIDTH_NAME[f.width]} ${f.write ? 'to' : 'at'} ${at}`;
  switch (f.kind) {
    case 'alignment':
      return `data abort (alignment fault) ${what}: ${f.memoryType} memory needs ${f.width}-byte aligned accesses`;
    case 'translation':
      return `data abort (translation fault) ${what}: the MMU table marks this 1 MB section unassigned`;
    case 'unmapped':
      return `data abort (external abort) ${what}: no device decodes this address`;
    case 'no-slave':
      return `data abort (external abort, AXI DECERR) ${what}: no AXI slave decodes this address`;
    case 'pl-stall':
      return `${f.write ? 'write to' : 'read from'} ${at} never completes: the PL does not answer`;
  }
}

/** A RAM-only bus's words: a C programmer's view of a bad pointer. */
function ramFaultMessage(addr: number): string {
  return addr >>> 0 < 0x1000
    ? `null pointer dereference (address ${hex32(addr)})`
    : `access to unmapped address ${hex32(addr)}`;
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

  private find(addr: number, size: 1 | 2 | 4): { bytes: Uint8Array; offset: number } {
    for (const r of this.ram) {
      const offset = addr - r.base;
      if (offset >= 0 && offset + size <= r.bytes.length) return { bytes: r.bytes, offset };
    }
    throw new BusFault({ kind: 'unmapped', address: addr, width: size }, ramFaultMessage(addr));
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
