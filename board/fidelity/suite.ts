/**
 * The fidelity suite: programs written against the BSP (UART, GIC, private and global timers, OCM,
 * MMU attributes) run twice, once on the simulated board (`runFirmware`, the one host path) and
 * once built for real with arm-none-eabi-gcc (the BSP's own C sources from board/bsp, the minimal
 * boot in hw/) on QEMU's `xilinx-zynq-a9` system emulation with UART1 on stdout. Their UART
 * transcripts must be equal byte for byte.
 *
 * Programs whose behaviour QEMU does not model are excluded by name, each with the reason (QEMU
 * 7.2, the Debian 12 package; the facts are from QEMU's source, hw/arm/xilinx_zynq.c, and from
 * running it):
 * - `alignment-device`: QEMU takes no alignment fault on Device or Strongly-ordered memory with
 *   short-descriptor tables; a Cortex-A9 does (ARM ARM v7-A A3.2.1).
 * - `pl-gpio`, `pl-decerr`: QEMU's zynq machine has no PL (no AXI GPIO, no BRAM, no interconnect)
 *   and sets `ignore_memory_transaction_failures`, so a store nobody decodes does nothing.
 * - `cpu1-start`: the machine has one CPU before QEMU 10 (7.2 rejects `-smp 2`).
 * Also not compared, by construction: absolute times (QEMU's SCU timers count at 100 MHz, the
 * board's at CPU/2 = 333 MHz), so the programs print counts and orderings, not durations.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeEnv } from '../bsp/bsp.ts';
import { runFirmware } from '../session.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const BSP_DIR = fileURLToPath(new URL('../bsp/', import.meta.url));

export const GCC = 'arm-none-eabi-gcc';
export const QEMU = 'qemu-system-arm';

/** What QEMU cannot be the reference for, by program name (see the module comment). */
export const EXCLUDED: Readonly<Record<string, string>> = {
  'alignment-device': 'QEMU takes no alignment fault on Device/Strongly-ordered memory',
  'pl-gpio': "QEMU's xilinx-zynq-a9 has no PL (no AXI GPIO)",
  'pl-decerr': 'QEMU has no PL and ignores failed bus transactions (no DECERR, no abort)',
  'cpu1-start': 'QEMU before 10 emulates one CPU on xilinx-zynq-a9',
};

/** GCC for the Zynq's Cortex-A9 in ARM state; soft float keeps the IRQ entry to r0-r3, r12, lr. */
const CFLAGS = ['-mcpu=cortex-a9', '-marm', '-mfloat-abi=soft', '-O2', '-ffreestanding'];
/** The simulated board's time limit for one program, and QEMU's wall-clock one. */
const BOARD_MS = 2000;
const QEMU_TIMEOUT_MS = 10_000;
/**
 * A program that says `fidelity: hangs` in its source ends in a data abort on purpose, which the
 * BSP's default handler would loop in: the harness's handler ends QEMU with status 1 once UART1 has
 * sent everything, and that transcript is compared with what the board's terminal shows after its
 * fault.
 */
const HANG_MARKER = 'fidelity: hangs';

export interface FidelityOutcome {
  readonly name: string;
  readonly verdict: 'passed' | 'failed' | 'excluded';
  /** Why it failed or was excluded; empty when it passed. */
  readonly detail: string;
}

export interface FidelityReport {
  readonly outcomes: readonly FidelityOutcome[];
  readonly passed: number;
  readonly failed: number;
  readonly excluded: number;
  /** The last line `npm run fidelity` prints. */
  readonly summary: string;
}

/** The suite's programs: name to path (programs/ to compare, excluded/ listed by name). */
export function fidelityPrograms(): { compared: string[]; excluded: string[] } {
  const list = (dir: string) =>
    readdirSync(join(HERE, dir))
      .filter((f) => f.endsWith('.c'))
      .sort()
      .map((f) => join(HERE, dir, f));
  return { compared: list('programs'), excluded: list('excluded') };
}

/** Where two transcripts first differ, as one line; null when they are equal. */
export function firstDifference(reference: string, board: string): string | null {
  if (reference === board) return null;
  let i = 0;
  while (i < reference.length && i < board.length && reference[i] === board[i]) i++;
  const show = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 10), i + 20));
  return `transcripts differ at byte ${i}: QEMU ${show(reference)}, board ${show(board)}`;
}

function requireTool(tool: string, debianPackage: string): void {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      `fidelity: ${tool} was not found on PATH; install the Debian package ${debianPackage}`,
    );
  }
}

/** Compiles the boot and the BSP once; each program is then compiled and linked with them. */
class QemuBuild {
  readonly dir = mkdtempSync(join(tmpdir(), 'shufflenet-fidelity-'));
  private readonly common: string[] = [];

  constructor() {
    const start = join(this.dir, 'start.o');
    execFileSync(GCC, [...CFLAGS, '-c', join(HERE, 'hw', 'start.S'), '-o', start]);
    this.common.push(start);
    const sources = [
      join(HERE, 'hw', 'hw.c'),
      ...readdirSync(join(BSP_DIR, 'src'))
        .filter((f) => f.endsWith('.c'))
        .sort()
        .map((f) => join(BSP_DIR, 'src', f)),
    ];
    for (const src of sources) this.common.push(this.compile(src, `bsp-${basename(src, '.c')}`));
  }

  /** One C file with the BSP's headers, as the hardware build (BSP_ON_HARDWARE) sees them. */
  private compile(src: string, name: string): string {
    const out = join(this.dir, `${name}.o`);
    execFileSync(GCC, [
      ...CFLAGS,
      '-Wall',
      '-DBSP_ON_HARDWARE',
      '-include',
      join(HERE, 'hw', 'intrinsics.h'),
      '-I',
      join(BSP_DIR, 'include'),
      '-c',
      src,
      '-o',
      out,
    ]);
    return out;
  }

  /** The program's UART1 transcript under QEMU, or why there is none. */
  run(src: string, hangs: boolean): { uart: string } | { error: string } {
    const name = basename(src, '.c');
    const elf = join(this.dir, `${name}.elf`);
    try {
      const obj = this.compile(src, `program-${name}`);
      execFileSync(GCC, [
        ...CFLAGS,
        '-nostdlib',
        '-T',
        join(HERE, 'hw', 'link.ld'),
        ...this.common,
        obj,
        '-lgcc',
        '-o',
        elf,
      ]);
    } catch (e) {
      return {
        error: `arm-none-eabi-gcc failed: ${String((e as { stderr?: Buffer }).stderr ?? e)}`,
      };
    }
    // UART0 is the first serial port and UART1 (the console) the second; semihosting ends the run.
    const r = spawnSync(
      QEMU,
      [
        '-M',
        'xilinx-zynq-a9',
        '-m',
        '512M',
        '-display',
        'none',
        '-monitor',
        'none',
        '-serial',
        'null',
        '-serial',
        'stdio',
        '-semihosting',
        // Virtual time from the instruction count, not the host's clock: the timers cannot run
        // ahead of the program while the host is busy, so every run gives the same transcript.
        '-icount',
        'shift=0,sleep=off',
        '-kernel',
        elf,
      ],
      { timeout: QEMU_TIMEOUT_MS, maxBuffer: 1 << 20 },
    );
    if (hangs)
      return r.status === 1
        ? { uart: r.stdout.toString('latin1') }
        : { error: `QEMU ended with status ${r.status}, not 1 (a data abort)` };
    if (r.error || r.status !== 0)
      return {
        error: `QEMU did not exit cleanly within ${QEMU_TIMEOUT_MS / 1000} s (${r.error?.message ?? `status ${r.status}`}): ${r.stderr?.toString('latin1') ?? ''}`,
      };
    return { uart: r.stdout.toString('latin1') };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The board's transcript for the same source (a batch run, as the CLI and graders make). */
async function onBoard(src: string, hangs: boolean): Promise<{ uart: string } | { error: string }> {
  const name = basename(src);
  const r = await runFirmware(
    { files: { [name]: readFileSync(src, 'utf8') }, sources: [name], ms: BOARD_MS },
    nodeEnv(),
  );
  const expected = hangs ? 'fault' : 'returned';
  if (r.status !== expected)
    return {
      error: `the board's run ended ${r.status}, not ${expected}: ${r.reason}\n${r.diagnostics}`,
    };
  return { uart: r.uart };
}

/**
 * Runs the suite (or the programs named in `only`), reporting each outcome through `log` as it
 * comes. Throws when the compiler or QEMU is missing, naming the package to install.
 */
export async function runFidelity(
  options: { only?: readonly string[]; log?: (line: string) => void } = {},
): Promise<FidelityReport> {
  requireTool(GCC, 'gcc-arm-none-eabi');
  requireTool(QEMU, 'qemu-system-arm');
  const log = options.log ?? (() => undefined);
  const { compared, excluded } = fidelityPrograms();
  const wanted = (p: string) => !options.only || options.only.includes(basename(p, '.c'));
  const outcomes: FidelityOutcome[] = [];
  const build = new QemuBuild();
  try {
    for (const src of compared.filter(wanted)) {
      const name = basename(src, '.c');
      const hangs = readFileSync(src, 'utf8').includes(HANG_MARKER);
      const reference = build.run(src, hangs);
      const board = await onBoard(src, hangs);
      const detail =
        'error' in reference
          ? reference.error
          : 'error' in board
            ? board.error
            : firstDifference(reference.uart, board.uart);
      const outcome: FidelityOutcome = detail
        ? { name, verdict: 'failed', detail }
        : { name, verdict: 'passed', detail: '' };
      outcomes.push(outcome);
      log(detail ? `FAIL ${name}: ${detail}` : `pass ${name}`);
    }
  } finally {
    build.dispose();
  }
  for (const src of excluded.filter(wanted)) {
    const name = basename(src, '.c');
    const detail = EXCLUDED[name] ?? 'excluded without a reason: add one to EXCLUDED';
    outcomes.push({ name, verdict: EXCLUDED[name] ? 'excluded' : 'failed', detail });
    log(`${EXCLUDED[name] ? 'excluded' : 'FAIL'} ${name}: ${detail}`);
  }
  const count = (v: FidelityOutcome['verdict']) => outcomes.filter((o) => o.verdict === v).length;
  const [passed, failed, excludedCount] = [count('passed'), count('failed'), count('excluded')];
  return {
    outcomes,
    passed,
    failed,
    excluded: excludedCount,
    summary: `fidelity: ${passed} passed, ${failed} failed, ${excludedCount} excluded`,
  };
}
