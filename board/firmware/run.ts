/**
 * The session API (board/session.ts) for a program on its own: no board, no BSP, a RAM-only bus
 * (or one the caller gives) and `__host_putchar` as the output. The `firmware run` CLI and the
 * engine's unit tests (testing.ts) build and run through it, with the same steps as on the board:
 * `build`, `reset`, `runFor` until it ends, `drainOutput`, `result`. Without a clock, time here is
 * counted in statements.
 */
import { RamBus, type Bus } from './bus.ts';
import { build, type BuildOptions, type BuildResult } from './build.ts';
import { loadCParser } from './c-parser.ts';
import { formatDiagnostics } from './diagnostics.ts';
import { Machine, type Hooks, type RuntimeFault, type Thread } from './machine.ts';

export interface BareSessionOptions {
  /** Defaults to RAM at 0x00100000-0x004FFFFF, where programs link. */
  readonly bus?: () => Bus;
  /** Hooks besides `putchar`, which collects the output. */
  readonly hooks?: Hooks;
  readonly build?: BuildOptions;
}

export type BareRunStatus = 'returned' | 'timeout' | 'build-error' | 'fault';

export interface BareRunResult {
  readonly status: BareRunStatus;
  /** GCC's and ld's messages, as text. */
  readonly diagnostics: string;
  /** `__host_putchar`'s bytes not yet drained, one character per byte. */
  readonly output: string;
  readonly exitCode: number | null;
  readonly fault: RuntimeFault | null;
  /** Statements run since the reset. */
  readonly steps: number;
}

/** Statements per `machine.run` call: a slice, as the board's runner runs them. */
const SLICE_STEPS = 1_000_000;

export class BareSession {
  private readonly options: BareSessionOptions;
  private built: BuildResult | null = null;
  private output: number[] = [];
  private current: { machine: Machine; thread: Thread } | null = null;
  private executed = 0;

  constructor(options: BareSessionOptions = {}) {
    this.options = options;
  }

  /** Builds the sources (paths into `files`); on success the program is reset, ready to run. */
  async build(files: Record<string, string>, sources: readonly string[]): Promise<BuildResult> {
    this.built = build(await loadCParser(), files, sources, this.options.build);
    this.current = null;
    if (this.built.program) this.reset();
    return this.built;
  }

  /** A fresh bus with the program's image and a thread at main. */
  reset(): void {
    const program = this.built?.program;
    if (!program) return;
    const machine = new Machine(program, this.options.bus?.() ?? new RamBus(), {
      putchar: (_cpu, c) => void this.output.push(c),
      ...this.options.hooks,
    });
    this.current = { machine, thread: machine.spawn() };
    this.output = [];
    this.executed = 0;
  }

  get machine(): Machine | null {
    return this.current?.machine ?? null;
  }

  get thread(): Thread | null {
    return this.current?.thread ?? null;
  }

  get ended(): boolean {
    return !this.current || this.current.thread.state !== 'running';
  }

  /** Runs up to `steps` statements, or until main returns, faults or sleeps; returns those run. */
  runFor(steps: number): number {
    const c = this.current;
    let ran = 0;
    while (c && c.thread.state === 'running' && ran < steps) {
      const r = c.machine.run(c.thread, Math.min(SLICE_STEPS, steps - ran));
      ran += r.executed;
      if (r.executed === 0) break;
    }
    this.executed += ran;
    return ran;
  }

  /** The output since the last call (or the reset). */
  drainOutput(): number[] {
    const bytes = this.output;
    this.output = [];
    return bytes;
  }

  result(): BareRunResult {
    const r = this.built;
    const diagnostics = r
      ? formatDiagnostics(r.diagnostics) + r.linkErrors.map((l) => `${l}\n`).join('')
      : '';
    const th = this.current?.thread;
    const base = {
      diagnostics,
      output: this.output.map((c) => String.fromCharCode(c)).join(''),
      exitCode: th?.exitCode ?? null,
      fault: th?.fault ?? null,
      steps: this.executed,
    };
    if (!th) return { ...base, status: 'build-error' };
    if (th.fault) return { ...base, status: 'fault' };
    return { ...base, status: th.state === 'exited' ? 'returned' : 'timeout' };
  }
}
