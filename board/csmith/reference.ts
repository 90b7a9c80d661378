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
  const { stdout } = await run('csmith', args, { maxBuffer: 64 << 20 });
  return stdout;
}

export type ReferenceResult =
  | { readonly status: 'ok'; readonly output: string; readonly ms: number }
  | { readonly status: 'build-error' | 'fault' | 'timeout'; readonly detail: string };

/** Builds `program` with GCC and runs it under qemu-arm, at most REFERENCE_LIMIT_MS. */
export async function reference(program: string): Promise<ReferenceResult> {
  const dir = await mkdtemp(join(tmpdir(), 'csmith-'));
  try {
    const src = join(dir, 'p.c');
    const elf = join(dir, 'p.elf');
    await writeFile(src, program);
    try {
      await run('arm-none-eabi-gcc', [
        ...['-O0', '-mcpu=cortex-a9', '-marm', '--specs=rdimon.specs', '-w'],
        ...['-I', CSMITH_INCLUDE, src, '-o', elf],
      ]);
    } catch (e) {
      return { status: 'build-error', detail: String((e as { stderr?: string }).stderr ?? e) };
    }
    const start = performance.now();
    try {
      const { stdout } = await run('qemu-arm', [elf], {
        timeout: REFERENCE_LIMIT_MS,
        killSignal: 'SIGKILL',
        maxBuffer: 64 << 20,
      });
      return { status: 'ok', output: stdout, ms: performance.now() - start };
    } catch (e) {
      const err = e as { killed?: boolean; code?: unknown; signal?: string };
      if (err.killed) return { status: 'timeout', detail: `over ${REFERENCE_LIMIT_MS} ms` };
      return { status: 'fault', detail: `exit ${String(err.code ?? err.signal)}` };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
