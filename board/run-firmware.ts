/**
 * Builds learner firmware with the BSP and runs it on a fresh board for a span of simulated time:
 * what the `board run` CLI, the graders and the tests share. The result says how the run ended
 * (returned, out of time, build error, fault), with the UART transcript, the LEDs and, for a
 * fault, what happened and where (file:line), as the console and the CLI report it.
 */
import type { Parser } from 'web-tree-sitter';
import type { Bsp } from './bsp/bsp.ts';
import { BSP_INCLUDE_DIR } from './bsp/paths.ts';
import { cyclesFromSeconds, secondsFromCycles } from './clock.ts';
import { FirmwareBus, firmwareHooks } from './firmware-adapter.ts';
import { build, type BuildResult } from './firmware/build.ts';
import { formatDiagnostics } from './firmware/diagnostics.ts';
import type { Program } from './firmware/link.ts';
import { Machine, type RuntimeFault } from './firmware/machine.ts';
import { BoardRunner, type CpuReport } from './runner.ts';
import { createZynqBoard, type ZynqBoard, type ZynqBoardOptions } from './zynq.ts';

/** Where a CPU1 program links unless told otherwise (a common XAPP1079-style layout). */
export const CPU1_TEXT_BASE = 0x02000000;

export interface FirmwareRunRequest {
  /** Path to text: the learner's sources and headers. */
  readonly files: Record<string, string>;
  /** CPU0's C sources (paths into `files`). */
  readonly sources: readonly string[];
  /** CPU1's C sources, built as a second program linked at 0x02000000. */
  readonly cpu1Sources?: readonly string[];
  /** Simulated milliseconds to run (default 1000). */
  readonly ms?: number;
  /** Typed into UART1's receiver, one byte per frame time from the start. */
  readonly input?: string;
  /** The eight slide switches (0-255). */
  readonly switches?: number;
}

export type FirmwareRunStatus = 'returned' | 'timeout' | 'build-error' | 'fault';

export interface FirmwareFault {
  readonly kind: string;
  readonly address: number | null;
  readonly file: string;
  readonly line: number;
  readonly cpu: number;
}

export interface FirmwareRunResult {
  readonly status: FirmwareRunStatus;
  /** One line: what happened, for the final `[board]` status line. */
  readonly reason: string;
  readonly simulatedMs: number;
  readonly cycles: number;
  /** UART1's bytes as transmitted, one character per byte (Latin-1). */
  readonly uart: string;
  readonly leds: number;
  /** GCC's and ld's messages, then run-time errors, as text. */
  readonly diagnostics: string;
  readonly fault: FirmwareFault | null;
  readonly exitCode: number | null;
}

/**
 * What a run needs from its host: the BSP's files and the C parser. Node reads both from disk
 * (`run-firmware-node.ts`); a browser worker imports the files as text and the wasm by URL.
 */
export interface FirmwareEnv {
  readonly bsp: Bsp;
  readonly parser: Promise<Parser>;
}

function buildProgram(
  parser: Parser,
  bsp: Bsp,
  files: Readonly<Record<string, string>>,
  sources: readonly string[],
  textBase?: number,
): BuildResult {
  return build(parser, { ...files, ...bsp.files }, [...sources, ...bsp.sources], {
    systemDirs: [BSP_INCLUDE_DIR],
    ...(textBase === undefined ? {} : { link: { textBase } }),
  });
}

function messagesOf(r: BuildResult): string {
  return formatDiagnostics(r.diagnostics) + r.linkErrors.map((l) => `${l}\n`).join('');
}

/** The learner's sources, without a run's time limit or input. */
export type FirmwareSources = Pick<FirmwareRunRequest, 'files' | 'sources' | 'cpu1Sources'>;

export interface FirmwareBuild {
  /** CPU0's program and CPU1's (null without CPU1 sources); null when either build failed. */
  readonly programs: { readonly cpu0: Program; readonly cpu1: Program | null } | null;
  /** GCC's and ld's messages, as text. */
  readonly diagnostics: string;
}

/** Builds CPU0's program and, with CPU1 sources, CPU1's (linked at CPU1_TEXT_BASE) with the BSP. */
export function buildFirmware(parser: Parser, bsp: Bsp, request: FirmwareSources): FirmwareBuild {
  const built0 = buildProgram(parser, bsp, request.files, request.sources);
  let diagnostics = messagesOf(built0);
  const cpu1Sources = request.cpu1Sources ?? [];
  const built1 = cpu1Sources.length
    ? buildProgram(parser, bsp, request.files, cpu1Sources, CPU1_TEXT_BASE)
    : null;
  if (built1) diagnostics += messagesOf(built1);
  if (!built0.program || (built1 && !built1.program)) return { programs: null, diagnostics };
  return { programs: { cpu0: built0.program, cpu1: built1?.program ?? null }, diagnostics };
}

export interface BootedBoard {
  readonly board: ZynqBoard;
  readonly fbus: FirmwareBus;
  readonly runner: BoardRunner;
  /** The engine's machine for each program (CPU1's thread runs in `cpu0` without its own). */
  readonly machines: { readonly cpu0: Machine; readonly cpu1: Machine | null };
}

/** A fresh board with the programs loaded: CPU0 at main, CPU1 in the boot ROM loop. */
export function bootFirmware(
  programs: NonNullable<FirmwareBuild['programs']>,
  options: ZynqBoardOptions = {},
): BootedBoard {
  const board = createZynqBoard(options);
  const fbus = new FirmwareBus(board);
  const cpu0 = new Machine(programs.cpu0, fbus, firmwareHooks(board));
  const cpu1 = programs.cpu1 ? new Machine(programs.cpu1, fbus, firmwareHooks(board)) : null;
  const runner = new BoardRunner(board, fbus, cpu1 ? { cpu0, cpu1 } : { cpu0 });
  return { board, fbus, runner, machines: { cpu0, cpu1 } };
}

/** The innermost frame in the learner's code (not the BSP), else the innermost one. */
export function whereOf(fault: RuntimeFault): { file: string; line: number } {
  const frame = fault.callStack.find((f) => !f.file.startsWith('/bsp/')) ?? fault.loc;
  return { file: frame.file, line: frame.line };
}

/** A CPU's end as a fault, or null when it returned or is still going. */
export function faultOf(report: CpuReport): { reason: string; fault: FirmwareFault } | null {
  if (report.state !== 'aborted' && report.state !== 'stalled' && report.state !== 'crashed')
    return null;
  const where = report.fault ? whereOf(report.fault) : { file: '<unknown>', line: 0 };
  const at = ` at ${where.file}:${where.line}`;
  const bus = report.busFault;
  const reason =
    report.state === 'stalled' && bus
      ? `CPU${report.cpu} stalled: ${bus.message}${at}`
      : `${bus ? bus.message : (report.fault?.message ?? 'fault')}${at}`;
  return {
    reason: report.cpu === 0 ? reason : reason.startsWith('CPU') ? reason : `CPU1: ${reason}`,
    fault: {
      kind: bus?.kind ?? report.fault?.kind ?? 'fault',
      address: bus?.address ?? null,
      file: where.file,
      line: where.line,
      cpu: report.cpu,
    },
  };
}

/** The engine's run-time errors of both CPUs and CPU1's bad start, as text. */
export function runtimeMessages(runner: BoardRunner): string {
  let text = '';
  for (const cpu of [0, 1]) {
    const fault = runner.report(cpu).fault;
    if (fault) text += `${fault.format()}\n`;
  }
  const badEntry = runner.badEntry(1);
  return badEntry ? `${text}${badEntry}\n` : text;
}

/** How the board stopped working, if it did: CPU0's fault, else CPU1's bad start or fault. */
export function boardFault(runner: BoardRunner): { reason: string; fault: FirmwareFault } | null {
  const badEntry = runner.badEntry(1);
  return (
    faultOf(runner.report(0)) ??
    (badEntry
      ? {
          reason: badEntry,
          fault: { kind: 'bad-entry', address: null, file: '<boot rom>', line: 0, cpu: 1 },
        }
      : faultOf(runner.report(1)))
  );
}

export async function runFirmwareWith(
  request: FirmwareRunRequest,
  env: FirmwareEnv,
): Promise<FirmwareRunResult> {
  const parser = await env.parser;
  const bsp = env.bsp;
  let diagnostics = '';
  const failed = (reason: string): FirmwareRunResult => ({
    status: 'build-error',
    reason,
    simulatedMs: 0,
    cycles: 0,
    uart: '',
    leds: 0,
    diagnostics,
    fault: null,
    exitCode: null,
  });
  const built = buildFirmware(parser, bsp, request);
  diagnostics += built.diagnostics;
  if (!built.programs) return failed('build failed');

  let uart = '';
  const { board, runner } = bootFirmware(built.programs, {
    switches: request.switches ?? 0,
    onUartByte: (b) => (uart += String.fromCharCode(b)),
  });

  // Console input arrives as a terminal sends it: one character per frame on the line.
  const input = request.input ?? '';
  const frame = board.uart1.frameCycles;
  for (let i = 0; i < input.length; i++) {
    const byte = input.charCodeAt(i) & 0xff;
    board.clock.schedule(() => board.sendUartByte(byte), (i + 1) * frame, 'console input');
  }

  const limit = cyclesFromSeconds((request.ms ?? 1000) / 1000);
  const main = runner.runMain(limit);
  // After main returns, let the UART finish sending what is already in its FIFO.
  if (main.state === 'returned') runner.run(limit - board.cycles, () => !board.uart1.transmitting);

  diagnostics += runtimeMessages(runner);
  const fault = boardFault(runner);
  const simulatedMs = secondsFromCycles(board.cycles) * 1000;
  const base = {
    simulatedMs,
    cycles: board.cycles,
    uart,
    leds: board.leds,
    diagnostics,
    exitCode: main.exitCode,
  };
  if (fault) return { ...base, status: 'fault', reason: fault.reason, fault: fault.fault };
  if (main.state === 'returned')
    return {
      ...base,
      status: 'returned',
      reason: `returned ${main.exitCode ?? 0} after ${simulatedMs.toFixed(1)} ms`,
      fault: null,
    };
  return {
    ...base,
    status: 'timeout',
    reason: `still running after ${simulatedMs.toFixed(1)} ms (the time limit)`,
    fault: null,
  };
}
