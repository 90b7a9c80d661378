/**
 * One seed of the differential test: the reference (GCC + qemu-arm) and the board run the same
 * csmith program, and the outcome is one of the sweep's classes. Programs the reference cannot run
 * (GCC rejects them, they fault, or they run past REFERENCE_LIMIT_MS) are `unusable`: excluded
 * and counted, decided each time the test runs.
 */
import { nodeEnv } from '../bsp/bsp.ts';
import { BoardSession } from '../session.ts';
import { boardFiles, withHashes } from './adapter.ts';
import {
  BOARD_STACK_BYTES,
  generate,
  reference,
  type GenerateOptions,
  type ReferenceResult,
} from './reference.ts';

/** Room on the board's stack for what runs before main and for main's own frame. */
const STACK_MARGIN = 512;

export type Outcome = 'agree' | 'differ' | 'build-error' | 'runtime-error' | 'timeout' | 'unusable';

export const OUTCOMES: readonly Outcome[] = [
  'agree',
  'differ',
  'build-error',
  'runtime-error',
  'timeout',
  'unusable',
];

export interface SeedResult {
  readonly seed: number;
  readonly float: boolean;
  readonly outcome: Outcome;
  /** Why, in one line (the first differing line, the diagnostics, the fault). */
  readonly detail: string;
  readonly expected?: string;
  readonly actual?: string;
  /** Wall-clock milliseconds of each side's execution (the board's excludes its build). */
  readonly referenceMs?: number;
  readonly boardMs?: number;
}

export interface CompareOptions extends GenerateOptions {
  /** Print every global's checksum, not only the final one (to find where runs part). */
  readonly hashes?: boolean;
  /** Wall-clock limit of the board's run (default 60 s). */
  readonly boardLimitMs?: number;
}

/** Simulated time the board may use: far more than any program the reference finishes in 10 s. */
const BOARD_SIMULATED_MS = 3_600_000;

/** The reference side of one seed: its program and what GCC + qemu-arm print for it. */
export interface Prepared {
  readonly options: CompareOptions;
  readonly program: string;
  readonly ref: ReferenceResult;
}

export async function prepareSeed(options: CompareOptions): Promise<Prepared> {
  let program = await generate(options);
  if (options.hashes) program = withHashes(program);
  return { options, program, ref: await reference(program) };
}

export async function compareSeed(options: CompareOptions): Promise<SeedResult> {
  return comparePrepared(await prepareSeed(options));
}

/** Runs a prepared seed on the board and classifies the outcome. */
export async function comparePrepared(prepared: Prepared): Promise<SeedResult> {
  const { options, program, ref } = prepared;
  const base = { seed: options.seed, float: options.float ?? false };
  if (ref.status !== 'ok')
    return { ...base, outcome: 'unusable', detail: `reference ${ref.status}` };
  if (ref.stack > BOARD_STACK_BYTES - STACK_MARGIN) {
    return { ...base, outcome: 'unusable', detail: `reference needs ${ref.stack} bytes of stack` };
  }
  const board = await runOnBoard(program, options.boardLimitMs ?? 60_000);
  const common = { ...base, expected: ref.output, referenceMs: ref.ms, boardMs: board.ms };
  if (board.status === 'build-error')
    return { ...common, outcome: 'build-error', detail: board.detail };
  if (board.status === 'timeout') return { ...common, outcome: 'timeout', detail: board.detail };
  if (board.status === 'fault')
    return { ...common, outcome: 'runtime-error', detail: board.detail };
  if (board.output === ref.output)
    return { ...common, outcome: 'agree', detail: '', actual: board.output };
  return {
    ...common,
    outcome: 'differ',
    detail: firstDifference(ref.output, board.output),
    actual: board.output,
  };
}

function firstDifference(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return `line ${i + 1}: expected ${e[i] ?? '(end)'}, got ${a[i] ?? '(end)'}`;
  }
  return 'outputs differ';
}

interface BoardRun {
  readonly status: 'ok' | 'build-error' | 'fault' | 'timeout';
  readonly output: string;
  readonly detail: string;
  readonly ms: number;
}

/** Builds and runs the program on the board until main returns, a fault, or `limitMs` of wall time. */
export async function runOnBoard(program: string, limitMs: number): Promise<BoardRun> {
  const session = new BoardSession(nodeEnv(), {}, { end: 'cpu0' });
  const built = await session.build({ files: boardFiles(program), sources: ['main.c'] });
  if (!built.ok) {
    const errors = session
      .result()
      .diagnostics.split('\n')
      .filter((l) => / error: /.test(l));
    return { status: 'build-error', output: '', detail: errors[0] ?? 'build failed', ms: 0 };
  }
  session.con();
  const start = performance.now();
  session.runForMs(BOARD_SIMULATED_MS, () => performance.now() - start > limitMs);
  const ms = performance.now() - start;
  const r = session.result();
  const output = r.uart;
  if (r.status === 'returned') return { status: 'ok', output, detail: '', ms };
  if (r.status === 'fault')
    return { status: 'fault', output, detail: r.diagnostics.split('\n')[0] ?? r.reason, ms };
  return { status: 'timeout', output, detail: `board over ${limitMs} ms (${r.reason})`, ms };
}
