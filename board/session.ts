/**
 * The one way to build and run firmware on the simulated board, for every host: the `board` CLI,
 * the unit tests, the graders and both of the site's consoles. A session is a Zybo on the desk with
 * xsdb in a terminal: build the firmware once (`build`), then reset it, run it for a span of
 * simulated time or until it ends (`runFor`, `runForMs`, or `pace` to follow the wall clock), type
 * into UART1, flip the switches, read or write memory through the debugger's view of the bus,
 * take the UART output as it comes (`drainOutput`) and the outcome at the end (`result`).
 * `runFirmware` is the batch form: build, reset, run, result in one call.
 *
 * Time only moves inside `runFor`, so a stopped session is a halted board: the CPUs, the timers and
 * the UART all wait (xsdb's `stop` halts only the CPUs; here nothing else would notice the
 * difference, since the devices only act when the CPUs' clock moves).
 *
 * Reference: UG585 chapter 19 (UART: one byte per frame on the line, a 64-byte RX FIFO), chapter
 * 26 (PS reset: `rst` starts the program again from its image); UG1208 (xsdb commands `con`,
 * `stop`, `rst`, `mrd`, `mwr`, `state`, `targets`).
 */
import type { Parser } from 'web-tree-sitter';
import type { Bsp } from './bsp/bsp.ts';
import { compileBsp, type BspUnitStore } from './bsp/cache.ts';
import { BSP_INCLUDE_DIR } from './bsp/paths.ts';
import { bspWithStdout, DEFAULT_STDOUT, type StdoutChoice } from './bsp/stdout.ts';
import { hex32, BusFault } from './bus.ts';
import { cyclesFromSeconds, secondsFromCycles } from './clock.ts';
import {
  build,
  formatDiagnostics,
  hasErrors,
  Machine,
  type BuildResult,
  type Program,
  type Thread,
} from './firmware/index.ts';
import { BoardRunner, FirmwareBus, firmwareHooks, type CpuState } from './runner.ts';
import { DBGDSCR_TXFULL } from './devices/dcc.ts';
import {
  boardFault,
  faultCycle,
  runtimeMessages,
  whereOf,
  type FirmwareFault,
} from './session-faults.ts';
import type { InterruptCount } from './devices/gic.ts';
export type { InterruptCount } from './devices/gic.ts';
import { FIFO_DEPTH } from './devices/uart.ts';
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
  /** Whether the PL holds its bitstream (default true); false: every PL access stalls. */
  readonly bitstream?: boolean;
  /** The BSP settings' stdout and stdin (default UART1; `jtag`: the JTAG UART over the DCC). */
  readonly stdout?: StdoutChoice;
}

export type FirmwareRunStatus = 'returned' | 'timeout' | 'build-error' | 'fault';

export type { FirmwareFault } from './session-faults.ts';

export interface FirmwareRunResult {
  readonly status: FirmwareRunStatus;
  /** One line: what happened, for the final `[board]` status line. */
  readonly reason: string;
  readonly simulatedMs: number;
  readonly cycles: number;
  /** UART1's bytes as transmitted, one character per byte (Latin-1). */
  readonly uart: string;
  /** The JTAG UART: the bytes the debugger read from CPU0's DCC (xsdb `jtagterminal`). */
  readonly jtag: string;
  readonly leds: number;
  /** GCC's and ld's messages, then run-time errors, as text. */
  readonly diagnostics: string;
  readonly fault: FirmwareFault | null;
  readonly exitCode: number | null;
  /**
   * The interrupts each CPU acknowledged through the GIC (ICCIAR) and completed (ICCEOIR), counted
   * by the board since reset, per CPU and ID; empty without a run.
   */
  readonly interrupts: readonly InterruptCount[];
}

/**
 * What a session needs from its host: the BSP's files and the C parser. Node reads both from disk
 * (`nodeEnv()` in bsp/bsp.ts); a browser worker imports the files as text and the wasm by URL.
 */
export interface FirmwareEnv {
  readonly bsp: Bsp;
  readonly parser: Promise<Parser>;
  /** Where the BSP's compiled units are kept between processes (Node); memory only without. */
  readonly bspStore?: BspUnitStore | null;
  /** Part of the store's key besides the BSP's content: a hash of the compiler's sources. */
  readonly bspSalt?: string;
}

function buildProgram(
  parser: Parser,
  env: FirmwareEnv,
  files: Readonly<Record<string, string>>,
  sources: readonly string[],
  stdout: StdoutChoice,
  textBase?: number,
): BuildResult {
  const bspFiles = bspWithStdout(env.bsp, stdout);
  const bsp = compileBsp(parser, bspFiles, env.bspStore, env.bspSalt);
  const options = {
    systemDirs: [BSP_INCLUDE_DIR],
    ...(textBase === undefined ? {} : { link: { textBase } }),
  };
  // A BSP that does not compile (only while someone edits it) is built with the sources, as GCC
  // would report it.
  if (hasErrors(bsp.diagnostics))
    return build(
      parser,
      { ...files, ...bspFiles.files },
      [...sources, ...bspFiles.sources],
      options,
    );
  const r = build(parser, { ...files, ...bspFiles.files }, sources, {
    ...options,
    units: bsp.units,
  });
  return { ...r, diagnostics: [...r.diagnostics, ...bsp.diagnostics] };
}

function messagesOf(r: BuildResult): string {
  return formatDiagnostics(r.diagnostics) + r.linkErrors.map((l) => `${l}\n`).join('');
}

/** The learner's sources, without a run's time limit or input. */
export type FirmwareSources = Pick<
  FirmwareRunRequest,
  'files' | 'sources' | 'cpu1Sources' | 'stdout'
>;

interface FirmwareBuild {
  /** CPU0's program and CPU1's (null without CPU1 sources); null when either build failed. */
  readonly programs: { readonly cpu0: Program; readonly cpu1: Program | null } | null;
  /** GCC's and ld's messages, as text. */
  readonly diagnostics: string;
}

/** Builds CPU0's program and, with CPU1 sources, CPU1's (linked at CPU1_TEXT_BASE) with the BSP. */
function buildFirmware(parser: Parser, env: FirmwareEnv, request: FirmwareSources): FirmwareBuild {
  const stdout = request.stdout ?? DEFAULT_STDOUT;
  const built0 = buildProgram(parser, env, request.files, request.sources, stdout);
  let diagnostics = messagesOf(built0);
  const cpu1Sources = request.cpu1Sources ?? [];
  const built1 = cpu1Sources.length
    ? buildProgram(parser, env, request.files, cpu1Sources, stdout, CPU1_TEXT_BASE)
    : null;
  if (built1) diagnostics += messagesOf(built1);
  if (!built0.program || (built1 && !built1.program)) return { programs: null, diagnostics };
  return { programs: { cpu0: built0.program, cpu1: built1?.program ?? null }, diagnostics };
}

interface BootedBoard {
  readonly board: ZynqBoard;
  readonly fbus: FirmwareBus;
  readonly runner: BoardRunner;
  /** The engine's machine for each program (CPU1's thread runs in `cpu0` without its own). */
  readonly machines: { readonly cpu0: Machine; readonly cpu1: Machine | null };
}

/** A fresh board with the programs loaded: CPU0 at main, CPU1 in the boot ROM loop. */
function bootFirmware(
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

/** The time UART1 takes to send a full TX FIFO and its shift register (65 frames). */
function drainCycles(board: ZynqBoard): number {
  const uart = board.uart1;
  return uart.baudRate > 0 ? (FIFO_DEPTH + 1) * uart.frameCycles : 0;
}

/**
 * - `empty`: nothing built yet (or the last build failed).
 * - `stopped`: built and halted (after a build, `stop` or `rst`).
 * - `running`: `runFor` moves time.
 * - `ended`: every CPU is done (main returned or the board faulted) and the UART has drained.
 */
export type SessionStatus = 'empty' | 'stopped' | 'running' | 'ended';

/**
 * When a session has ended:
 * - `all` (the interactive console): every CPU is done (CPU1 may still sit in the boot ROM);
 * - `cpu0` (a batch run, the CLI's and the graders'): CPU0 has left main, whatever CPU1 does.
 * Either way a fault ends it at once, and after a return the UART first sends what its FIFO holds.
 */
export type SessionEnd = 'all' | 'cpu0';

export interface SessionOptions {
  readonly end?: SessionEnd;
  /** Whether the PL is configured at each reset (default true; see `setBitstream`). */
  readonly bitstream?: boolean;
}

export interface SessionListeners {
  /** Each byte UART1 finishes transmitting, at the simulated time it leaves the line. */
  uart?(byte: number): void;
  /** The eight LEDs, whenever AXI GPIO channel 1's driven outputs change. */
  leds?(leds: number): void;
  /** Each byte the JTAG UART's debugger reads from CPU0's DCC (xsdb `jtagterminal`). */
  jtag?(byte: number): void;
  status?(status: SessionStatus): void;
}

export interface SessionBuildResult {
  readonly ok: boolean;
  /** GCC's and ld's messages, as text with file:line:column. */
  readonly diagnostics: string;
}

/** Where a CPU is: the innermost frame in the learner's code (not the BSP), else the innermost. */
export interface CodeLocation {
  readonly function: string;
  readonly file: string;
  readonly line: number;
}

export interface CpuStatus {
  readonly cpu: number;
  readonly state: CpuState;
  readonly exitCode: number | null;
  /** The statement it is at (running, sleeping) or faulted at; null in the boot ROM. */
  readonly where: CodeLocation | null;
  /** For a fault or a bad CPU1 start, what happened (the board's words). */
  readonly reason: string | null;
}

export interface SessionState {
  readonly status: SessionStatus;
  readonly cycles: number;
  readonly simulatedMs: number;
  readonly leds: number;
  readonly switches: number;
  /** The push buttons held (bit 0 BTNC, 1 BTND, 2 BTNL, 3 BTNR, 4 BTNU). */
  readonly buttons: number;
  /** Whether the PL holds its bitstream: the DONE LED of a Zynq board. */
  readonly bitstream: boolean;
  /** Bytes typed into UART1 that were lost (receiver disabled or RX FIFO full). */
  readonly inputLost: number;
  /** Both CPUs; empty before a successful build. */
  readonly cpus: readonly CpuStatus[];
  /** The first fault of the board, as the CLI's `[board]` line says it; null if none. */
  readonly fault: string | null;
  /** The GIC's count of interrupts acknowledged and completed since reset (see FirmwareRunResult). */
  readonly interrupts: readonly InterruptCount[];
}

/** Why `readMemory` or `writeMemory` refused or failed, as data for the caller to word. */
export class MemoryAccessError extends Error {
  readonly code: 'not-built' | 'range' | 'unaligned' | 'count' | 'value' | 'bus';
  readonly address: number;
  constructor(code: MemoryAccessError['code'], address: number, message: string) {
    super(message);
    this.name = 'MemoryAccessError';
    this.code = code;
    this.address = address;
  }
}

/** How much JTAG UART text a session keeps for xsdb's jtagterminal. */
const JTAG_LOG_BYTES = 65536;

/** The most words one `mrd` may read: a page of output, not a memory dump. */
export const MAX_READ_WORDS = 1024;

/** Cycles per `runner.run` call: 300 us, so a slice ends soon after its wall-clock budget. */
const CHUNK_CYCLES = 200_000;

/** Real time one `pace` call may run before it hands back (the worker reads its messages then). */
const PACE_SLICE_MS = 10;
/** How far simulated time may fall behind real time before pacing gives up on catching up. */
const PACE_MAX_LAG_MS = 100;

/** 8N1 at 115200 baud, for input sent while the program has UART1 switched off. */
const DEFAULT_FRAME_CYCLES = cyclesFromSeconds(10 / 115200);

export class BoardSession {
  private readonly env: FirmwareEnv;
  private readonly listeners: SessionListeners;
  private readonly end: SessionEnd;
  private programs: FirmwareBuild['programs'] = null;
  /** The last build's messages; null before any build. */
  private built: SessionBuildResult | null = null;
  /** UART1's bytes since the last `drainOutput` (or reset). */
  private output: number[] = [];
  /** CPU0's JTAG UART bytes since the last `drainJtagOutput` (or reset). */
  private jtagPending: number[] = [];
  /** CPU0's JTAG UART bytes since reset, the last JTAG_LOG_BYTES of them (xsdb's jtagterminal). */
  private jtagLog: number[] = [];
  /** Wall-clock time and cycles when `pace` last started following real time. */
  private anchor: { real: number; cycles: number } | null = null;
  private booted: BootedBoard | null = null;
  private current: SessionStatus = 'empty';
  private switchBits = 0;
  private buttonBits = 0;
  private bitstream: boolean;
  private lost = 0;
  /** The cycle the last typed byte reaches the receiver: input keeps one byte per frame. */
  private inputAt = 0;

  constructor(env: FirmwareEnv, listeners: SessionListeners = {}, options: SessionOptions = {}) {
    this.env = env;
    this.listeners = listeners;
    this.end = options.end ?? 'all';
    this.bitstream = options.bitstream ?? true;
  }

  get status(): SessionStatus {
    return this.current;
  }

  get cycles(): number {
    return this.booted?.board.cycles ?? 0;
  }

  /**
   * Builds the sources with the BSP. On success the board is reset with the new program and
   * stopped; on failure the previous program is dropped and the session is `empty`.
   */
  async build(sources: FirmwareSources): Promise<SessionBuildResult> {
    const parser = await this.env.parser;
    const built = buildFirmware(parser, this.env, sources);
    this.programs = built.programs;
    this.built = { ok: built.programs !== null, diagnostics: built.diagnostics };
    if (!built.programs) {
      this.booted = null;
      this.output = [];
      this.setStatus('empty');
      return this.built;
    }
    this.reset();
    return this.built;
  }

  /**
   * A power-on reset with the same program: a fresh board (DDR, devices, clock at 0) and CPU0 at
   * main. The switches keep their positions. The session is stopped afterwards unless `run`.
   */
  reset(options: { run?: boolean } = {}): void {
    if (!this.programs) return;
    this.booted = bootFirmware(this.programs, {
      switches: this.switchBits,
      buttons: this.buttonBits,
      bitstream: this.bitstream,
      onUartByte: (b) => {
        this.output.push(b);
        this.listeners.uart?.(b);
      },
      onLeds: (v) => this.listeners.leds?.(v),
      onJtagByte: (b, cpu) => {
        if (cpu !== 0) return; // xsdb's jtagterminal shows the selected target: CPU0
        this.jtagPending.push(b);
        this.jtagLog.push(b);
        if (this.jtagLog.length > JTAG_LOG_BYTES) this.jtagLog.splice(0, JTAG_LOG_BYTES / 2);
        this.listeners.jtag?.(b);
      },
    });
    this.jtagPending = [];
    this.jtagLog = [];
    this.lost = 0;
    this.inputAt = 0;
    this.output = [];
    this.anchor = null;
    this.listeners.leds?.(this.booted.board.leds);
    this.setStatus(options.run ? 'running' : 'stopped');
  }

  /** xsdb `con`: false when there is nothing to run (not built, or the program has ended). */
  con(): boolean {
    if (this.current !== 'stopped') return this.current === 'running';
    this.setStatus('running');
    return true;
  }

  /** xsdb `stop`: false when it was not running. */
  stop(): boolean {
    if (this.current !== 'running') return false;
    this.setStatus('stopped');
    return true;
  }

  /**
   * Runs up to `cycles` of simulated time while the session is running, in chunks of 300 us;
   * `shouldYield` (checked after each chunk) ends the slice early, e.g. at a wall-clock budget.
   * Returns the cycles that passed.
   */
  runFor(cycles: number, shouldYield: () => boolean = () => false): number {
    const b = this.booted;
    if (!b || this.current !== 'running') return 0;
    const start = b.board.cycles;
    const end = start + Math.max(0, cycles);
    while (b.board.cycles < end && this.current === 'running') {
      b.runner.run(Math.min(CHUNK_CYCLES, end - b.board.cycles), () => this.finished());
      if (this.finished()) this.setStatus('ended');
      else if (shouldYield()) break;
    }
    return b.board.cycles - start;
  }

  /** Runs for `ms` of simulated time (see `runFor`). */
  runForMs(ms: number, shouldYield?: () => boolean): number {
    return this.runFor(cyclesFromSeconds(ms / 1000), shouldYield);
  }

  /**
   * Runs in step with the wall clock `now()` (milliseconds), for about 10 ms of real time at most:
   * a `sleep(1)` takes a second, as on the desk. A simulation slower than real time runs flat out
   * and lags at most 100 ms behind, so it never builds up a debt of time to burst through. Returns
   * true when simulated time has caught up with real time (the caller may wait a little).
   */
  pace(now: () => number = () => performance.now()): boolean {
    if (this.current !== 'running') {
      this.anchor = null;
      return true;
    }
    const start = now();
    this.anchor ??= { real: start, cycles: this.cycles };
    const maxLag = cyclesFromSeconds(PACE_MAX_LAG_MS / 1000);
    let target = this.anchor.cycles + cyclesFromSeconds((start - this.anchor.real) / 1000);
    if (target - this.cycles > maxLag) {
      this.anchor = { real: start - PACE_MAX_LAG_MS, cycles: this.cycles };
      target = this.cycles + maxLag;
    }
    if (target > this.cycles)
      this.runFor(target - this.cycles, () => now() - start >= PACE_SLICE_MS);
    return this.cycles >= target;
  }

  /** UART1's bytes transmitted since the last call (or the last reset), oldest first. */
  drainOutput(): number[] {
    const bytes = this.output;
    this.output = [];
    return bytes;
  }

  /** CPU0's JTAG UART bytes since the last call (or the last reset), oldest first. */
  drainJtagOutput(): number[] {
    const bytes = this.jtagPending;
    this.jtagPending = [];
    return bytes;
  }

  /** CPU0's JTAG UART text since reset (its last 64 KB at most), as xsdb's jtagterminal shows it. */
  jtagText(): string {
    return this.jtagLog.map((c) => String.fromCharCode(c)).join('');
  }

  /**
   * How the run stands, as the CLI and the graders report it: the build's messages, the UART bytes
   * not yet drained, the LEDs and, for a fault, what happened and where.
   */
  result(): FirmwareRunResult {
    const diagnostics = this.built?.diagnostics ?? '';
    const b = this.booted;
    if (!b)
      return {
        status: 'build-error',
        reason: this.built ? 'build failed' : 'nothing built',
        simulatedMs: 0,
        cycles: 0,
        uart: '',
        jtag: '',
        leds: 0,
        diagnostics,
        fault: null,
        exitCode: null,
        interrupts: [],
      };
    const main = b.runner.report(0);
    const fault = boardFault(b.runner);
    const simulatedMs = secondsFromCycles(b.board.cycles) * 1000;
    const base = {
      simulatedMs,
      cycles: b.board.cycles,
      uart: this.output.map((c) => String.fromCharCode(c)).join(''),
      jtag: this.jtagPending.map((c) => String.fromCharCode(c)).join(''),
      leds: b.board.leds,
      diagnostics: diagnostics + runtimeMessages(b.runner),
      exitCode: main.exitCode,
      interrupts: b.board.gic.interruptCounts(),
    };
    if (fault) return { ...base, status: 'fault', reason: fault.reason, fault: fault.fault };
    if (main.state === 'returned') {
      // The time main returned, not the end of the run (the UART may have drained after it).
      const returnedMs = secondsFromCycles(b.runner.endedAt(0) ?? b.board.cycles) * 1000;
      return {
        ...base,
        status: 'returned',
        reason: `returned ${main.exitCode ?? 0} after ${returnedMs.toFixed(1)} ms`,
        fault: null,
      };
    }
    return {
      ...base,
      status: 'timeout',
      reason: `still running after ${simulatedMs.toFixed(1)} ms (the time limit)`,
      fault: null,
    };
  }

  /**
   * Bytes typed on the console into UART1's receiver, one per frame time as a terminal sends
   * them (UG585 19.2: the RX FIFO holds 64). They arrive as simulated time moves.
   */
  sendInput(bytes: Iterable<number>): void {
    const b = this.booted;
    if (!b) return;
    const frame = b.board.uart1.baudRate > 0 ? b.board.uart1.frameCycles : DEFAULT_FRAME_CYCLES;
    let at = Math.max(this.inputAt, b.board.cycles);
    for (const byte of bytes) {
      at += frame;
      const value = byte & 0xff;
      b.board.clock.schedule(
        () => {
          if (!b.board.sendUartByte(value)) this.lost++;
        },
        at - b.board.cycles,
        'console input',
      );
    }
    this.inputAt = at;
  }

  /** The eight slide switches (AXI GPIO channel 2); kept across resets and builds. */
  setSwitches(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value > 0xff)
      throw new RangeError(`switches: ${value} is not 0-255 (one bit per switch, SW0 = bit 0)`);
    this.switchBits = value;
    this.booted?.board.setSwitches(value);
  }

  get switches(): number {
    return this.switchBits;
  }

  /**
   * The five push buttons held down (the buttons' AXI GPIO, `XPAR_AXI_GPIO_1_BASEADDR`): bit 0
   * BTNC, 1 BTND, 2 BTNL, 3 BTNR, 4 BTNU. A bit stays set while its button is held; kept across
   * resets, as a finger on a button would be.
   */
  setButtons(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value > 0x1f)
      throw new RangeError(
        `buttons: ${value} is not 0-31 (one bit per button: BTNC, BTND, BTNL, BTNR, BTNU)`,
      );
    this.buttonBits = value;
    this.booted?.board.setButtons(value);
  }

  get buttons(): number {
    return this.buttonBits;
  }

  /**
   * Programs the PL with the design's bitstream (true) or leaves it unconfigured (false), as the
   * JTAG programmer would; kept across resets and builds. Without it every access to the PL
   * windows stalls the CPU.
   */
  setBitstream(loaded: boolean): void {
    this.bitstream = loaded;
    this.booted?.board.pl.setBitstream(loaded);
  }

  get bitstreamLoaded(): boolean {
    return this.bitstream;
  }

  /**
   * xsdb `mrd`: `count` 32-bit words from `address` through CPU0's view of the bus (its MMU
   * attributes and banked devices). As on hardware, reading a FIFO or a clear-on-read register
   * has its side effect.
   */
  readMemory(address: number, count = 1): number[] {
    const b = this.debugTarget(address);
    if (!Number.isInteger(count) || count < 1 || count > MAX_READ_WORDS)
      throw new MemoryAccessError(
        'count',
        address,
        `cannot read ${count} words: expected 1 to ${MAX_READ_WORDS}`,
      );
    const words: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = (address + 4 * i) >>> 0;
      words.push(this.access(at, () => b.board.bus.read(at, 4, 0)));
    }
    return words;
  }

  /** xsdb `mwr`: one 32-bit word, through CPU0's view of the bus. */
  writeMemory(address: number, value: number): void {
    const b = this.debugTarget(address);
    if (!Number.isInteger(value) || value < -0x80000000 || value > 0xffffffff)
      throw new MemoryAccessError('value', address, `${value} does not fit in 32 bits`);
    this.access(address, () => b.board.bus.write(address, value >>> 0, 4, 0));
  }

  state(): SessionState {
    const b = this.booted;
    const cycles = b?.board.cycles ?? 0;
    return {
      status: this.current,
      cycles,
      simulatedMs: secondsFromCycles(cycles) * 1000,
      leds: b?.board.leds ?? 0,
      switches: this.switchBits,
      buttons: this.buttonBits,
      bitstream: this.bitstream,
      inputLost: this.lost,
      cpus: b ? [0, 1].map((cpu) => this.cpuStatus(b, cpu)) : [],
      fault: b ? (boardFault(b.runner)?.reason ?? null) : null,
      interrupts: b ? b.board.gic.interruptCounts() : [],
    };
  }

  /** The engine's run-time errors so far (file:line and the C call stack), as text. */
  runtimeMessages(): string {
    return this.booted ? runtimeMessages(this.booted.runner) : '';
  }

  private cpuStatus(b: BootedBoard, cpu: number): CpuStatus {
    const report = b.runner.report(cpu);
    const badEntry = b.runner.badEntry(cpu);
    let where: CodeLocation | null = null;
    if (report.fault) {
      const at = whereOf(report.fault);
      const frame = report.fault.callStack.find((f) => f.file === at.file && f.line === at.line);
      where = { function: frame?.function ?? '?', ...at };
    } else {
      const thread = threadOf(b, cpu);
      if (thread && report.state !== 'parked') where = locate(thread);
    }
    return {
      cpu,
      state: report.state,
      exitCode: report.exitCode,
      where,
      reason: badEntry ?? report.busFault?.message ?? report.fault?.message ?? null,
    };
  }

  /** The CPUs that count are done (see SessionEnd) and nothing is left on the UART line. */
  private finished(): boolean {
    const b = this.booted;
    if (!b) return true;
    const alive = (s: CpuState) => s === 'running' || s === 'sleeping';
    if (alive(b.runner.report(0).state)) return false;
    if (this.end === 'all' && alive(b.runner.report(1).state)) return false;
    // The JTAG UART's last word waits in DBGDTRTX until the debugger polls (devices/dcc.ts).
    const jtagBusy = (b.board.dcc.status(0) & DBGDSCR_TXFULL) !== 0;
    if (!b.board.uart1.transmitting && !jtagBusy) return true;
    // After main returns the UART drains its FIFO. After a fault or a stall too: the UART is not
    // stopped by a hung CPU, so the line printed just before a hang reaches the terminal (UG585
    // 19.2: the transmitter empties its FIFO on its own). The board runs on (timers, the other
    // CPU) for as long as a full FIFO takes to go out, and no longer: a hang is reported promptly.
    const faulted = boardFault(b.runner) ? faultCycle(b.runner) : null;
    return faulted !== null && b.board.cycles >= faulted + drainCycles(b.board);
  }

  private debugTarget(address: number): BootedBoard {
    if (!this.booted) throw new MemoryAccessError('not-built', address, 'no program on the board');
    if (!Number.isInteger(address) || address < 0 || address > 0xffffffff)
      throw new MemoryAccessError('range', address, `${address} is not a 32-bit address`);
    if (address % 4 !== 0)
      throw new MemoryAccessError(
        'unaligned',
        address,
        `${hex32(address)} is not word-aligned (a multiple of 4)`,
      );
    return this.booted;
  }

  private access<T>(address: number, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof BusFault) throw new MemoryAccessError('bus', address, e.message);
      throw e;
    }
  }

  private setStatus(status: SessionStatus): void {
    if (status === this.current) return;
    this.current = status;
    this.anchor = null;
    this.listeners.status?.(status);
  }
}

function threadOf(b: BootedBoard, cpu: number): Thread | undefined {
  const mine = (m: { threads: Thread[] } | null) => m?.threads.find((t) => t.cpu === cpu);
  return (cpu === 1 ? mine(b.machines.cpu1) : undefined) ?? mine(b.machines.cpu0);
}

/** The statement a thread resumes at, in the learner's code if any frame is theirs. */
function locate(thread: Thread): CodeLocation | null {
  let innermost: CodeLocation | null = null;
  for (let fr = thread.top; fr; fr = fr.caller) {
    const loc = fr.fn.lines[fr.pc];
    if (!loc) continue;
    const here = { function: fr.fn.name, file: loc.file, line: loc.line };
    innermost ??= here;
    if (!loc.file.startsWith('/bsp/')) return here;
  }
  return innermost;
}

/**
 * A batch run: builds the sources, resets the board with the switches set, types `input` into
 * UART1 from the start and runs until CPU0 has left main (and the UART has drained) or `ms` of
 * simulated time (default 1000) have passed.
 */
export async function runFirmware(
  request: FirmwareRunRequest,
  env: FirmwareEnv,
): Promise<FirmwareRunResult> {
  const session = new BoardSession(env, {}, { end: 'cpu0', bitstream: request.bitstream ?? true });
  session.setSwitches((request.switches ?? 0) & 0xff);
  const built = await session.build(request);
  if (!built.ok) return session.result();
  session.sendInput(Array.from(request.input ?? '', (c) => c.charCodeAt(0) & 0xff));
  session.con();
  session.runForMs(request.ms ?? 1000);
  return session.result();
}
