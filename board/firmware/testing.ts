/**
 * Test helpers: build C sources with the real pipeline and run them through the session API on a
 * RAM-only bus (run.ts), with `__host_putchar` collected as stdout.
 */
import type { Bus } from './bus.ts';
import { build, type BuildOptions, type BuildResult } from './build.ts';
import { loadCParser } from './c-parser.ts';
import { formatDiagnostics } from './diagnostics.ts';
import type { Hooks, Machine, Thread } from './machine.ts';
import { BareSession } from './run.ts';

export interface RunOutcome {
  readonly build: BuildResult;
  /** GCC-style diagnostics then ld's lines, as the CLI prints them. */
  readonly messages: string;
  readonly stdout: string;
  readonly thread: Thread | null;
  readonly machine: Machine | null;
  readonly steps: number;
}

export async function buildC(
  files: Record<string, string>,
  options: BuildOptions = {},
): Promise<BuildResult> {
  const parser = await loadCParser();
  return build(
    parser,
    files,
    Object.keys(files).filter((f) => f.endsWith('.c')),
    options,
  );
}

export function messagesOf(r: BuildResult): string {
  return formatDiagnostics(r.diagnostics) + r.linkErrors.map((l) => l + '\n').join('');
}

/** Builds and runs `main` (BareSession) until it exits, faults, or `maxSteps` run out. */
export async function runC(
  files: Record<string, string> | string,
  options: BuildOptions & { maxSteps?: number; bus?: Bus; hooks?: Hooks } = {},
): Promise<RunOutcome> {
  const all = typeof files === 'string' ? { 'main.c': files } : files;
  const { maxSteps, bus, hooks, ...buildOptions } = options;
  const session = new BareSession({
    build: buildOptions,
    ...(bus ? { bus: () => bus } : {}),
    ...(hooks ? { hooks } : {}),
  });
  const r = await session.build(
    all,
    Object.keys(all).filter((f) => f.endsWith('.c')),
  );
  session.runFor(maxSteps ?? 50_000_000);
  const result = session.result();
  return {
    build: r,
    messages: messagesOf(r),
    stdout: result.output,
    thread: session.thread,
    machine: session.machine,
    steps: result.steps,
  };
}

/** A tiny printf for tests, written in C on top of <stdarg.h> (exercises AAPCS varargs). */
export const PRINTF_C = `#include <stdarg.h>
#include <host.h>
static void put_uint(unsigned long long v, unsigned base, int width, char pad) {
  char buf[24]; int n = 0;
  do { unsigned d = (unsigned)(v % base); buf[n++] = d < 10 ? '0' + d : 'a' + d - 10; v /= base; } while (v);
  while (n < width) buf[n++] = pad;
  while (n) __host_putchar(buf[--n]);
}
int printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  for (const char *p = fmt; *p; p++) {
    if (*p != '%') { __host_putchar(*p); continue; }
    p++;
    char pad = ' '; int width = 0; int longs = 0;
    if (*p == '0') { pad = '0'; p++; }
    while (*p >= '0' && *p <= '9') width = width * 10 + (*p++ - '0');
    while (*p == 'l') { longs++; p++; }
    switch (*p) {
      case 'd': {
        long long v = longs == 2 ? va_arg(ap, long long) : va_arg(ap, int);
        if (v < 0) { __host_putchar('-'); v = -v; }
        put_uint((unsigned long long)v, 10, width, pad);
        break;
      }
      case 'u': put_uint(longs == 2 ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned), 10, width, pad); break;
      case 'x': put_uint(longs == 2 ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned), 16, width, pad); break;
      case 'c': __host_putchar(va_arg(ap, int)); break;
      case 's': { const char *s = va_arg(ap, const char *); while (*s) __host_putchar(*s++); break; }
      case 'f': {
        double d = va_arg(ap, double);
        if (d < 0) { __host_putchar('-'); d = -d; }
        unsigned ip = (unsigned)d;
        put_uint(ip, 10, 0, ' ');
        __host_putchar('.');
        put_uint((unsigned)((d - ip) * 1000000.0 + 0.5), 10, 6, '0');
        break;
      }
      case '%': __host_putchar('%'); break;
      default: __host_putchar('?');
    }
  }
  va_end(ap);
  return 0;
}
`;
