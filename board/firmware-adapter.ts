/**
 * Connects the firmware engine (board/firmware/) to this board: the engine's `Bus` interface over
 * the board's bus, its `BusFault` carrying the board's fault, and its `Hooks` (WFI, WFE, SEV,
 * barriers) over the GIC and the CPU event registers.
 *
 *   const fbus = new FirmwareBus(board);
 *   const machine = new Machine(program, fbus, firmwareHooks(board));
 *
 * then `BoardRunner` (runner.ts) runs the machine's threads against the board's clock.
 */
import { BusFault, type Width } from './bus.ts';
import { deviceAccessCycles } from './clock.ts';
import { Ram } from './devices/ram.ts';
import {
  BusFault as EngineBusFault,
  type Access,
  type BusFaultKind as EngineBusFaultKind,
  type Bus as EngineBus,
  type RamRegion,
} from './firmware/bus.ts';
import type { Hooks } from './firmware/machine.ts';
import { DDR_APPLICATION_BASE, type ZynqBoard } from './zynq.ts';

const ENGINE_KIND: Record<BusFault['kind'], EngineBusFaultKind> = {
  alignment: 'misaligned',
  translation: 'unmapped',
  unmapped: 'unmapped',
  'no-slave': 'device',
};

/** The engine's fault with the board's description of it (`fault`) attached. */
export class BoardBusFault extends EngineBusFault {
  readonly fault: BusFault;
  constructor(fault: BusFault) {
    super(ENGINE_KIND[fault.kind], fault.address, fault.message);
    this.fault = fault;
  }
}

export class FirmwareBus implements EngineBus {
  /**
   * DDR from 0x00100000 up: the engine reads and writes it straight through the typed arrays.
   * (That fast path skips the MMU attributes, which for DDR stay Normal unless a program remaps
   * it with Xil_SetTlbAttributes.)
   */
  readonly ram: readonly RamRegion[];
  /** Called before each device access, so the runner can bring the clock up to this statement. */
  beforeDeviceAccess: ((cpu: number) => void) | null = null;
  /** Extra cycles device accesses cost each CPU since the runner last took them (clock.ts). */
  readonly deviceCycles: number[];
  /** The last fault each CPU's accesses raised (the engine keeps only kind and message). */
  readonly lastFault: (BusFault | null)[];
  private readonly board: ZynqBoard;

  constructor(board: ZynqBoard) {
    this.board = board;
    const cpus = board.events.cpus;
    this.deviceCycles = new Array<number>(cpus).fill(0);
    this.lastFault = new Array<BusFault | null>(cpus).fill(null);
    this.ram = [
      { base: DDR_APPLICATION_BASE, bytes: board.ddr.bytes.subarray(DDR_APPLICATION_BASE) },
    ];
  }

  read8(addr: number, access: Access): number {
    return this.read(addr, 1, access.cpu);
  }
  read16(addr: number, access: Access): number {
    return this.read(addr, 2, access.cpu);
  }
  read32(addr: number, access: Access): number {
    return this.read(addr, 4, access.cpu);
  }
  write8(addr: number, value: number, access: Access): void {
    this.write(addr, value, 1, access.cpu);
  }
  write16(addr: number, value: number, access: Access): void {
    this.write(addr, value, 2, access.cpu);
  }
  write32(addr: number, value: number, access: Access): void {
    this.write(addr, value, 4, access.cpu);
  }

  private read(addr: number, width: Width, cpu: number): number {
    this.charge(addr, cpu);
    try {
      return this.board.bus.read(addr, width, cpu);
    } catch (e) {
      throw this.translate(e, cpu);
    }
  }

  private write(addr: number, value: number, width: Width, cpu: number): void {
    this.charge(addr, cpu);
    try {
      this.board.bus.write(addr, value, width, cpu);
    } catch (e) {
      throw this.translate(e, cpu);
    }
  }

  private charge(addr: number, cpu: number): void {
    const region = this.board.bus.regionAt(addr);
    if (region?.device instanceof Ram) return;
    this.deviceCycles[cpu] = (this.deviceCycles[cpu] ?? 0) + deviceAccessCycles(addr);
    this.beforeDeviceAccess?.(cpu);
  }

  private translate(e: unknown, cpu: number): unknown {
    if (!(e instanceof BusFault)) return e;
    this.lastFault[cpu] = e;
    return new BoardBusFault(e);
  }
}

/**
 * The engine's intrinsics on this board: WFI sleeps unless the GIC already signals the CPU (WFI
 * wakes on an interrupt even with CPSR.I set, ARM ARM v7-A B1.8); WFE and SEV use the event
 * registers; barriers need nothing (the board's bus is in order). `extra` adds or overrides hooks.
 */
export function firmwareHooks(board: ZynqBoard, extra: Hooks = {}): Hooks {
  return {
    wfi: (cpu) => !board.gic.pendingFor(cpu),
    wfe: (cpu) => board.events.wfe(cpu),
    sev: (cpu) => board.events.sev(cpu),
    barrier: () => undefined,
    ...extra,
  };
}
