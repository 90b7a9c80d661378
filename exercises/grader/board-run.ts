/**
 * Runs a C submission on the simulated board for a check, through the board's one host path
 * (`BoardSession`, board/session.ts): build the learner's file with the BSP (and, where the
 * exercise asks for functions, the grader's own `main`), reset, run for a span of simulated time,
 * and record what a real board would show: the UART transcript, the LEDs over time, the moment
 * `main` returned, registers read after the run, and the interrupts taken.
 *
 * Interrupts are counted by the board, not by the program: the GIC model counts, per CPU and ID,
 * the interrupts acknowledged through ICCIAR (board/devices/gic.ts), and the session reports the
 * counts (`SessionState.interrupts`). A counter the program keeps in memory could be written to
 * any value; the GIC's count is what the hardware actually delivered.
 */
import {
  BoardSession,
  type FirmwareEnv,
  type FirmwareRunResult,
  type InterruptCount,
} from '../../board/session.ts';
import { fail } from './assert.ts';
import type { LearnerModule } from './engine.ts';

/** The key under which a compiled C submission sits in the learner module (compile-c.ts). */
export const FIRMWARE_KEY = '__firmware';

/** A C submission that compiled, as checks receive it. */
export interface FirmwareSubmission {
  readonly files: Readonly<Record<string, string>>;
  readonly entry: string;
  readonly env: FirmwareEnv;
}

/** The C submission of `learner`; throws if the module did not come from compile-c.ts. */
export function firmwareOf(learner: LearnerModule): FirmwareSubmission {
  const submission = learner[FIRMWARE_KEY] as FirmwareSubmission | undefined;
  if (!submission?.env) throw new Error('this check needs a C submission compiled for the board');
  return submission;
}

export interface BoardRunSpec {
  /** The grader's own C files (a `main` that calls the learner's functions), linked in. */
  readonly harness?: Readonly<Record<string, string>>;
  /** Simulated milliseconds to run at most. */
  readonly ms: number;
  /** Typed into UART1 from the start, one byte per frame. */
  readonly input?: string;
  /** The switches at reset. */
  readonly switches?: number;
  /** Switch changes during the run, at simulated milliseconds. */
  readonly switchesAt?: readonly { readonly ms: number; readonly value: number }[];
  /** Words written through the debugger after reset, before the CPU starts (e.g. BRAM data). */
  readonly memory?: readonly { readonly address: number; readonly words: readonly number[] }[];
  /** Words read through the debugger after the run (register state), by address. */
  readonly readBack?: readonly number[];
  /** How finely the run is sampled (time of return, interrupt times), in ms (default 0.5). */
  readonly stepMs?: number;
}

export interface BoardRun {
  /** The build's messages; `result.status` is 'build-error' when it failed. */
  readonly result: FirmwareRunResult;
  /** Simulated ms at which CPU0 left main (within `stepMs`), or null. */
  readonly returnedAtMs: number | null;
  /**
   * IRQs CPU0 acknowledged at the GIC (see the module comment): all of them, those of the private
   * timer (ID 29), and the simulated time (within `stepMs`) at which each timer interrupt came.
   */
  readonly irqs: {
    readonly all: number;
    readonly timer: number;
    readonly timerAtMs: number[];
    /** ID 29 acknowledged after the program pended it itself (ICDISPR), not counted in `timer`. */
    readonly timerBySoftware: number;
  };
  /** The LEDs at reset and after every change, with the simulated time of the change. */
  readonly leds: readonly { readonly ms: number; readonly value: number }[];
  /** `readBack`'s words, by address (null where the read faulted). */
  readonly registers: ReadonlyMap<number, number | null>;
  /** True when the run was cut short by the wall-clock budget rather than simulated time. */
  readonly outOfWallTime: boolean;
}

/** The SCU private timer's interrupt, a PPI (UG585 table 7-3). */
export const PRIVATE_TIMER_IRQ = 29;

/** Wall-clock time one run may take before it is cut short (the worker's limit is the backstop). */
const WALL_BUDGET_MS = 6000;

interface BuiltSession {
  readonly session: BoardSession;
  /** Where the session's LED listener records; the run in progress points it at its own list. */
  readonly sink: { leds: { ms: number; value: number }[] };
}

/** Builds per submission and harness: checks that share a harness share the build. */
const sessions = new WeakMap<FirmwareSubmission, Map<string, Promise<BuiltSession | string>>>();

function buildKey(spec: BoardRunSpec): string {
  return JSON.stringify(spec.harness ?? null);
}

/** The files and sources of one build: the learner's and the harness's. */
function buildInput(submission: FirmwareSubmission, spec: BoardRunSpec) {
  const files: Record<string, string> = { ...submission.files };
  const sources = [submission.entry];
  for (const [name, text] of Object.entries(spec.harness ?? {})) {
    files[name] = text;
    if (name.endsWith('.c')) sources.push(name);
  }
  return { files, sources };
}

/** The built session for this harness (built on first use), or the build's messages. */
function sessionFor(
  submission: FirmwareSubmission,
  spec: BoardRunSpec,
): Promise<BuiltSession | string> {
  let builds = sessions.get(submission);
  if (!builds) sessions.set(submission, (builds = new Map()));
  const key = buildKey(spec);
  let pending = builds.get(key);
  if (!pending) {
    pending = (async () => {
      const sink: BuiltSession['sink'] = { leds: [] };
      const session: BoardSession = new BoardSession(
        submission.env,
        { leds: (value) => sink.leds.push({ ms: session.state().simulatedMs, value }) },
        { end: 'cpu0' },
      );
      const built = await session.build(buildInput(submission, spec));
      return built.ok ? { session, sink } : built.diagnostics;
    })();
    builds.set(key, pending);
  }
  return pending;
}

function buildFailure(diagnostics: string): FirmwareRunResult {
  return {
    status: 'build-error',
    reason: 'build failed',
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
}

/** Runs per submission and spec: checks that look at one run from several sides share it. */
const runs = new WeakMap<FirmwareSubmission, Map<string, Promise<BoardRun>>>();

/**
 * Builds (once per harness) and runs the submission on a freshly reset board; the same spec
 * twice gives the same run (the board is deterministic).
 */
export function runOnBoard(learner: LearnerModule, spec: BoardRunSpec): Promise<BoardRun> {
  const submission = firmwareOf(learner);
  let mine = runs.get(submission);
  if (!mine) runs.set(submission, (mine = new Map()));
  const key = JSON.stringify(spec);
  let run = mine.get(key);
  if (!run) mine.set(key, (run = runFresh(submission, spec)));
  return run;
}

async function runFresh(submission: FirmwareSubmission, spec: BoardRunSpec): Promise<BoardRun> {
  const leds: { ms: number; value: number }[] = [];
  const built = await sessionFor(submission, spec);
  const registers = new Map<number, number | null>();
  const irqs = { all: 0, timer: 0, timerAtMs: [] as number[], timerBySoftware: 0 };
  if (typeof built === 'string') {
    return {
      result: buildFailure(built),
      returnedAtMs: null,
      irqs,
      leds,
      registers,
      outOfWallTime: false,
    };
  }
  const { session, sink } = built;
  session.setSwitches((spec.switches ?? 0) & 0xff);
  session.reset();
  sink.leds = leds;
  leds.push({ ms: 0, value: session.state().leds });
  for (const { address, words } of spec.memory ?? [])
    words.forEach((word, i) => session.writeMemory(address + 4 * i, word >>> 0));
  session.sendInput(Array.from(spec.input ?? '', (c) => c.charCodeAt(0) & 0xff));
  session.con();
  const stepMs = spec.stepMs ?? 0.5;
  const changes = [...(spec.switchesAt ?? [])].sort((a, b) => a.ms - b.ms);
  const deadline = Date.now() + WALL_BUDGET_MS;
  let returnedAtMs: number | null = null;
  let outOfWallTime = false;
  /** Below this, a step is rounding left-over: the board moves in quanta of 6 us. */
  const epsilonMs = 0.01;
  let now = 0;
  while (session.status === 'running' && now < spec.ms - epsilonMs) {
    while (changes.length && changes[0]!.ms <= now + epsilonMs)
      session.setSwitches(changes.shift()!.value);
    const next = Math.min(spec.ms, now + stepMs, changes[0]?.ms ?? Infinity);
    const moved = session.runForMs(next - now, () => Date.now() > deadline);
    const state = session.state();
    now = state.simulatedMs;
    if (returnedAtMs === null && state.cpus[0]?.state === 'returned') returnedAtMs = now;
    // CPU0 takes no IRQ once main has returned: the counts stop there.
    const { all, timer, timerBySoftware } = cpu0Interrupts(state.interrupts);
    for (let n = irqs.timer; n < timer; n++) irqs.timerAtMs.push(now);
    irqs.all = all;
    irqs.timer = timer;
    irqs.timerBySoftware = timerBySoftware;
    if (Date.now() > deadline) {
      outOfWallTime = true;
      break;
    }
    if (moved === 0) break;
  }
  sink.leds = [];
  for (const address of spec.readBack ?? []) {
    try {
      registers.set(address, session.readMemory(address, 1)[0]!);
    } catch {
      registers.set(address, null);
    }
  }
  return { result: session.result(), returnedAtMs, irqs, leds, registers, outOfWallTime };
}

/**
 * CPU0's acknowledged interrupts in the board's counts: all IDs, and the private timer's. A
 * program can pend ID 29 itself through ICDISPR (e.g. from another timer's handler) and take it:
 * the GIC counts those apart (`bySoftware`), so `timer` holds only what the timer raised.
 */
export function cpu0Interrupts(counts: readonly InterruptCount[]): {
  all: number;
  timer: number;
  timerBySoftware: number;
} {
  let all = 0;
  let timer = 0;
  let timerBySoftware = 0;
  for (const c of counts) {
    if (c.cpu !== 0) continue;
    all += c.acknowledged;
    if (c.id !== PRIVATE_TIMER_IRQ) continue;
    timer += c.acknowledged - c.bySoftware;
    timerBySoftware += c.bySoftware;
  }
  return { all, timer, timerBySoftware };
}

/** The diagnostics' first lines, for a message (the whole text can be long). */
function firstLines(text: string, count = 6): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(0, count).join('\n') + (lines.length > count ? '\n...' : '');
}

/**
 * Fails the check unless the program built and ran without a fault (and, with `returned`, left
 * main within the run). The messages say what the board showed: ld's errors, the fault with its
 * file:line, or that main was still running.
 */
export function expectRan(run: BoardRun, options: { returned?: boolean } = {}): void {
  const { result } = run;
  if (result.status === 'build-error')
    fail(`the program does not build:\n${firstLines(result.diagnostics)}`);
  if (result.status === 'fault') fail(`the board stopped with a fault: ${result.reason}`);
  if (run.outOfWallTime)
    fail(
      `the simulation took too long in real time (more than ${WALL_BUDGET_MS / 1000} s) after ${result.simulatedMs.toFixed(1)} ms of board time`,
    );
  if (options.returned && run.returnedAtMs === null)
    fail(
      `main did not return within ${result.simulatedMs.toFixed(1)} ms of board time (an endless loop, or a wait for something that never comes?)`,
    );
}

/** The transcript's lines, without their line ends (CR LF, LF or CR). */
export function transcriptLines(run: BoardRun): string[] {
  return run.result.uart.split(/\r\n|\n|\r/).filter((line, i, all) => line || i < all.length - 1);
}

/**
 * Fails unless every `required` line appears in the transcript and no line matches a
 * `forbidden` pattern (other lines are allowed).
 */
export function expectLines(
  run: BoardRun,
  lines: { required?: readonly string[]; forbidden?: readonly RegExp[] },
): void {
  const seen = transcriptLines(run);
  for (const line of lines.required ?? [])
    if (!seen.includes(line))
      fail(
        `the UART output has no line "${showText(line)}"`,
        `"${showText(line)}"`,
        showLines(seen),
      );
  for (const pattern of lines.forbidden ?? []) {
    const bad = seen.find((line) => pattern.test(line));
    if (bad !== undefined)
      fail(
        `the UART output has a line it must not have: "${showText(bad)}"`,
        `no line matching ${pattern}`,
        `"${showText(bad)}"`,
      );
  }
}

function showLines(lines: readonly string[]): string {
  return lines.length ? lines.map((line) => `"${showText(line)}"`).join(', ') : 'no output';
}

/** The LEDs at simulated time `ms`, from a run's LED history. */
export function ledsAt(run: BoardRun, ms: number): number {
  let value = run.leds[0]?.value ?? 0;
  for (const change of run.leds) if (change.ms <= ms) value = change.value;
  return value;
}

const ESCAPES: Record<string, string> = {
  '\r': '\\r',
  '\n': '\\n',
  '\t': '\\t',
  '\b': '\\b',
  '"': '\\"',
  '\\': '\\\\',
};

/** Shows text as a C string literal's contents: control characters and DEL escaped. */
export function showText(text: string): string {
  let shown = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    const control = code < 0x20 || (code >= 0x7f && code <= 0xff);
    shown += ESCAPES[c] ?? (control ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : c);
  }
  return shown;
}

/**
 * How much of a wrong transcript a failure quotes: a program printing in a loop fills 600 ms of
 * 115200 baud with ~7000 characters, a wall of text in which the message is lost.
 */
const QUOTED_MAX = 300;

/** `text` quoted as a C string, cut after QUOTED_MAX characters with the total length said. */
export function quoted(text: string): string {
  if (text.length <= QUOTED_MAX) return `"${showText(text)}"`;
  return `"${showText(text.slice(0, QUOTED_MAX))}"... (${text.length} characters in all)`;
}

/** Fails unless the UART transcript is exactly `expected`. */
export function expectTranscript(run: BoardRun, expected: string, what = 'the UART output'): void {
  if (run.result.uart !== expected)
    fail(`${what} is not as expected`, quoted(expected), quoted(run.result.uart));
}

/**
 * The grader's main prints each case's output followed by this record separator (ASCII RS), so
 * one run covers several cases and a case's output can be told from the next.
 */
export const CASE_SEPARATOR = '\x1e';

/** The output of each case, from a transcript made of outputs each ended by CASE_SEPARATOR. */
export function caseOutputs(run: BoardRun): string[] {
  const parts = run.result.uart.split(CASE_SEPARATOR);
  parts.pop(); // what follows the last separator: nothing, or a case cut short
  return parts;
}

/** A C string literal for `text` (ASCII), for harness sources. */
export function cString(text: string): string {
  return JSON.stringify(text);
}

/** "1 value" or "3 values": a check's confirmation. */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `0x%08X`-style text of a 32-bit value. */
export function hex(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * The grader's `main` for exercises that ask for functions: `prelude` (includes and the
 * learner's prototypes), then each call in `calls` followed by one CASE_SEPARATOR byte, then
 * `return 0`. `outbyte` is the BSP's one-character output (xil_printf.h).
 */
export function casesHarness(prelude: string, calls: readonly string[]): Record<string, string> {
  const body = calls.map((call) => `  ${call}\n  outbyte(0x1E);\n`).join('');
  return {
    '__grader_main.c': `#include "xil_printf.h"\n${prelude}\nint main(void) {\n${body}  return 0;\n}\n`,
  };
}
