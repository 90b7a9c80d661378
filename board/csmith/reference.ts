/**
 * The reference side of the differential test: csmith generates a program per seed, and
 * `arm-none-eabi-gcc -O0 -mcpu=cortex-a9 -marm --specs=rdimon.specs` (newlib semihosting) builds
 * it to run under `qemu-arm`. Debian packages: csmith, libcsmith-dev, gcc-arm-none-eabi,
 * libnewlib-arm-none-eabi, qemu-user.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CSMITH_INCLUDE } from './adapter.ts';

const run = promisify(execFile);

/** The programs the reference cannot run in this long are excluded (issue #13). */
export const REFERENCE_LIMIT_MS = 10_000;

export interface GenerateOptions {
  readonly seed: number;
  /** csmith --float: float and double variables, <math.h>, hexadecimal float constants. */
  readonly float?: boolean;
}

/** csmith's program for a seed (deterministic per seed and options). */
export async function generate(options: GenerateOptions): Promise<string> {
  const args = ['--seed', String(options.seed)];
  if (options.float) args.push('--float');
  // csmith writes a platform.info file into its working directory: keep it out of the checkout.
  const { stdout } = await run('csmith', args, { maxBuffer: 64 << 20, cwd: tmpdir() });
  return stdout;
}

/**
 * Linked into the reference: -finstrument-functions calls the enter hook at every function entry
 * (GCC manual, "Program Instrumentation Options"), which keeps the lowest stack pointer seen; at
 * exit the depth in bytes goes to stderr. A program that needs more stack than the board's BSP
 * gives main (lscript.ld's 8 KB) would overflow on the board too, and is excluded.
 */
const STACK_PROBE_C = `#include <stdio.h>
#include <stdlib.h>
static unsigned long top, low;
__attribute__((no_instrument_function)) static void report(void) {
  fprintf(stderr, "stack %lu\\n", top - low);
}
__attribute__((no_instrument_function)) void __cyg_profile_func_enter(void *f, void *c) {
  unsigned long sp = (unsigned long)__builtin_frame_address(0);
  if (!top) { top = sp; low = sp; atexit(report); }
  if (sp < low) low = sp;
}
__attribute__((no_instrument_function)) void __cyg_profile_func_exit(void *f, void *c) {}
`;

/** The stack the board's BSP gives main (board/bsp lscript: _STACK_SIZE 0x2000). */
export const BOARD_STACK_BYTES = 8192;

export type ReferenceResult =
  | {
      readonly status: 'ok';
      readonly output: string;
      readonly ms: number;
      /** Bytes of stack below main's frame at the deepest call. */
      readonly stack: number;
    }
  | { readonly status: 'build-error' | 'fault' | 'timeout'; readonly detail: string };

/**
 * Builds `program` with GCC and runs it under qemu-arm, at most REFERENCE_LIMIT_MS. A run that
 * ends without csmith's final line is run once more (seen once in a sweep: an empty stdout from
 * qemu-arm on a loaded machine), then counted as a fault.
 */
export async function reference(program: string, probe = true): Promise<ReferenceResult> {
  const first = await referenceOnce(program, probe);
  if (first.status !== 'ok' || first.output.includes('checksum = ')) return first;
  const second = await referenceOnce(program, probe);
  if (second.status !== 'ok' || second.output.includes('checksum = ')) return second;
  return { status: 'fault', detail: 'no checksum line in the output' };
}

/** One build and run; without `probe` the program is built as is (for timing it). */
async function referenceOnce(program: string, probe: boolean): Promise<ReferenceResult> {
  const dir = await mkdtemp(join(tmpdir(), 'csmith-'));
  try {
    const src = join(dir, 'p.c');
    const elf = join(dir, 'p.elf');
    const probeFile = join(dir, 'probe.c');
    await writeFile(src, program);
    await writeFile(probeFile, STACK_PROBE_C);
    try {
      await run('arm-none-eabi-gcc', [
        ...['-O0', '-mcpu=cortex-a9', '-marm', '--specs=rdimon.specs', '-w'],
        ...['-I', CSMITH_INCLUDE, src, '-o', elf],
        ...(probe ? ['-finstrument-functions', probeFile] : []),
      ]);
    } catch (e) {
      return { status: 'build-error', detail: String((e as { stderr?: string }).stderr ?? e) };
    }
    const start = performance.now();
    try {
      const { stdout, stderr } = await run('qemu-arm', [elf], {
        timeout: REFERENCE_LIMIT_MS,
        killSignal: 'SIGKILL',
        maxBuffer: 64 << 20,
      });
      const stack = Number(/stack (\d+)/.exec(stderr)?.[1] ?? 0);
      return { status: 'ok', output: stdout, ms: performance.now() - start, stack };
    } catch (e) {
      const err = e as { killed?: boolean; code?: unknown; signal?: string };
      if (err.killed) return { status: 'timeout', detail: `over ${REFERENCE_LIMIT_MS} ms` };
      return { status: 'fault', detail: `exit ${String(err.code ?? err.signal)}` };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
