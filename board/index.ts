/**
 * The simulated Zynq-7000 board: one barrel with explicit exports. The BSP loader (bsp/bsp.ts) is
 * not here: it reads files with node:fs.
 */
export { BootRomPark, CPU1_START_ADDRESS_WORD } from './boot-rom.ts';
export { Bus, BusFault, RegisterBlock, banked, hex32, isProgrammableLogic, merge } from './bus.ts';
export type { BusDevice, BusFaultInfo, BusFaultKind, Region, Width } from './bus.ts';
export {
  CPU_CLOCK_HZ,
  CPU_PRIVATE_ACCESS_CYCLES,
  CYCLES_PER_STATEMENT,
  Clock,
  IOP_ACCESS_CYCLES,
  PL_ACCESS_CYCLES,
  cyclesFromSeconds,
  deviceAccessCycles,
  secondsFromCycles,
} from './clock.ts';
export type { ClockEvent } from './clock.ts';
export { CpuEvents } from './cpu-events.ts';
export { AxiBramController } from './devices/axi-bram.ts';
export { AxiGpio } from './devices/axi-gpio.ts';
export { Gic, SPURIOUS_INTERRUPT } from './devices/gic.ts';
export { MmuTableWindow } from './devices/mmu-table.ts';
export type { InterruptLines } from './devices/gic.ts';
export { ScuGlobalTimer } from './devices/global-timer.ts';
export { Ocm } from './devices/ocm.ts';
export { ScuPrivateTimer } from './devices/private-timer.ts';
export { Ram } from './devices/ram.ts';
export { SimWake } from './devices/sim-wake.ts';
export { ScuControl } from './devices/scu.ts';
export { Slcr } from './devices/slcr.ts';
export { CadenceUart } from './devices/uart.ts';
export {
  DEVICE_MEMORY,
  MemoryAttributes,
  NORM_NONCACHE,
  NORM_WB_CACHE,
  NORM_WT_CACHE,
  STRONG_ORDERED,
  memoryTypeOf,
} from './memory-attributes.ts';
export type { MemoryType } from './memory-attributes.ts';
export { CPU_COUNT, DDR_APPLICATION_BASE, createZynqBoard } from './zynq.ts';
export type { ZynqBoard, ZynqBoardOptions } from './zynq.ts';
export { BoardBusFault, FirmwareBus, firmwareHooks } from './firmware-adapter.ts';
export { BoardRunner } from './runner.ts';
export type { CpuReport, CpuState, RunnerOptions } from './runner.ts';
export { BoardSession, MAX_READ_WORDS, MemoryAccessError } from './session.ts';
export type {
  CodeLocation,
  CpuStatus,
  SessionBuildResult,
  SessionListeners,
  SessionState,
  SessionStatus,
} from './session.ts';
export { XSDB_COMMANDS, executeXsdb, formatXsdb, parseNumber } from './xsdb.ts';
export type { XsdbLine, XsdbMessage, XsdbMessageId, XsdbResult, XsdbTarget } from './xsdb.ts';
