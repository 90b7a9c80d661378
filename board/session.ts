/**
 * An interactive board session, as a learner has one with a Zybo on the desk and xsdb in a
 * terminal: build the firmware once, then run it, stop it, reset it, type into UART1, flip the
 * switches and read or write memory through the debugger's view of the bus. No DOM: the site's
 * worker (site/workers/board.worker.ts) drives it in slices, and so do the tests.
 *
 * Time only moves inside `runFor`, so a stopped session is a halted board: the CPUs, the timers and
 * the UART all wait (xsdb's `stop` halts only the CPUs; here nothing else would notice the
 * difference, since the devices only act when the CPUs' clock moves).
 *
 * Reference: UG585 chapter 19 (UART: one byte per frame on the line, a 64-byte RX FIFO), chapter
 * 26 (PS reset: `rst` starts the program again from its image); UG1208 (xsdb commands `con`,
 * `stop`, `rst`, `mrd`, `mwr`, `state`, `targets`).
 */
import { hex32, BusFault } from './bus.ts';
import { cyclesFromSeconds, secondsFromCycles } from './clock.ts';
import type { Thread } from './firmware/machine.ts';
import {
  boardFault,
  bootFirmware,
  buildFirmware,
  runtimeMessages,
  whereOf,
  type BootedBoard,
  type FirmwareBuild,
  type FirmwareEnv,
  type FirmwareSources,
} from './run-firmware.ts';
import type { CpuState } from './runner.ts';

/**
 * - `empty`: nothing built yet (or the last build failed).
 * - `stopped`: built and halted (after a build, `stop` or `rst`).
 * - `running`: `runFor` moves time.
 * - `ended`: every CPU is done (main returned or the board faulted) and the UART has drained.
 */
export type SessionStatus = 'empty' | 'stopped' | 'running' | 'ended';

export interface SessionListeners {
  /** Each byte UART1 finishes transmitting, at the simulated time it leaves the line. */
  uart?(byte: number): void;
  /** The eight LEDs, whenever AXI GPIO channel 1's driven outputs change. */
  leds?(leds: number): void;
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
  /** Bytes typed into UART1 that were lost (receiver disabled or RX FIFO full). */
  readonly inputLost: number;
  /** Both CPUs; empty before a successful build. */
  readonly cpus: readonly CpuStatus[];
  /** The first fault of the board, as the CLI's `[board]` line says it; null if none. */
  readonly fault: string | null;
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

/** The most words one `mrd` may read: a page of output, not a memory dump. */
export const MAX_READ_WORDS = 1024;

/** Cycles per `runner.run` call: 300 us, so a slice ends soon after its wall-clock budget. */
const CHUNK_CYCLES = 200_000;

/** 8N1 at 115200 baud, for input sent while the program has UART1 switched off. */
const DEFAULT_FRAME_CYCLES = cyclesFromSeconds(10 / 115200);

export class BoardSession {
  private readonly env: FirmwareEnv;
  private readonly listeners: SessionListeners;
  private programs: FirmwareBuild['programs'] = null;
  private booted: BootedBoard | null = null;
  private current: SessionStatus = 'empty';
  private switchBits = 0;
  private lost = 0;
  /** The cycle the last typed byte reaches the receiver: input keeps one byte per frame. */
  private inputAt = 0;

  constructor(env: FirmwareEnv, listeners: SessionListeners = {}) {
    this.env = env;
    this.listeners = listeners;
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
    const built = buildFirmware(parser, this.env.bsp, sources);
    this.programs = built.programs;
    if (!built.programs) {
      this.booted = null;
      this.setStatus('empty');
      return { ok: false, diagnostics: built.diagnostics };
    }
    this.reset();
    return { ok: true, diagnostics: built.diagnostics };
  }

  /**
   * A power-on reset with the same program: a fresh board (DDR, devices, clock at 0) and CPU0 at
   * main. The switches keep their positions. The session is stopped afterwards unless `run`.
   */
  reset(options: { run?: boolean } = {}): void {
    if (!this.programs) return;
    this.booted = bootFirmware(this.programs, {
      switches: this.switchBits,
      onUartByte: (b) => this.listeners.uart?.(b),
      onLeds: (v) => this.listeners.leds?.(v),
    });
    this.lost = 0;
    this.inputAt = 0;
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
      inputLost: this.lost,
      cpus: b ? [0, 1].map((cpu) => this.cpuStatus(b, cpu)) : [],
      fault: b ? (boardFault(b.runner)?.reason ?? null) : null,
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

  /** Every CPU done (CPU1 may still sit in the boot ROM) and nothing left on the UART line. */
  private finished(): boolean {
    const b = this.booted;
    if (!b) return true;
    const alive = (s: CpuState) => s === 'running' || s === 'sleeping';
    const cpu0 = b.runner.report(0).state;
    const cpu1 = b.runner.report(1).state;
    if (alive(cpu0) || alive(cpu1)) return false;
    // A fault ends the run at once; after main returns the UART drains its FIFO first.
    if (boardFault(b.runner)) return true;
    return !b.board.uart1.transmitting;
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
