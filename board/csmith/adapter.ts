/**
 * The csmith adapter: one generated program, built two ways. For the reference, GCC sees csmith's
 * own runtime headers (`/usr/include/csmith`, Debian's libcsmith-dev) and newlib's printf; for the
 * board, the same headers except `platform_generic.h`, which is replaced by one that prints
 * through the BSP's `xil_printf`. Both print `checksum = XXXXXXXX` (csmith's platform_main_end),
 * and with `hashes` every global's `...checksum after hashing g_1 : ...` line before it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where Debian's libcsmith-dev installs csmith's runtime headers. */
export const CSMITH_INCLUDE = '/usr/include/csmith';

/**
 * csmith's platform_generic.h for the board. xil_printf (embeddedsw common/xil_printf.c) has no
 * `%X` and no `l` length; its `%x` already prints upper-case digits, so csmith's `%X` and `%lX`
 * are rewritten to `%x` before the format reaches it.
 */
export const BOARD_PLATFORM_H = `#ifndef PLATFORM_GENERIC_H
#define PLATFORM_GENERIC_H
#include <stdarg.h>
#include "xil_printf.h"
static void csmith_printf(const char *fmt, ...) {
  char f[128];
  int n = 0;
  for (; *fmt && n < 127; fmt++) {
    if (*fmt == 'l') continue;
    f[n++] = *fmt == 'X' ? 'x' : *fmt;
  }
  f[n] = 0;
  va_list ap;
  va_start(ap, fmt);
  xil_vprintf(f, ap);
  va_end(ap);
}
#define printf csmith_printf
static void platform_main_begin(void) {}
static void platform_main_end(uint32_t crc, int flag) { printf("checksum = %X\\n", crc); }
#endif
`;

let headers: Record<string, string> | null = null;

/** csmith's runtime headers, read once from CSMITH_INCLUDE. */
export function csmithHeaders(): Record<string, string> {
  if (headers) return headers;
  const out: Record<string, string> = {};
  for (const name of readdirSync(CSMITH_INCLUDE)) {
    if (name.endsWith('.h')) out[name] = readFileSync(join(CSMITH_INCLUDE, name), 'utf8');
  }
  headers = out;
  return out;
}

/** Makes a generated program print every global's checksum (csmith's `print_hash_value`). */
export function withHashes(program: string): string {
  return program.replace('int print_hash_value = 0;', 'int print_hash_value = 1;');
}

/** The board's files for a program: it, csmith's headers and the board's platform_generic.h. */
export function boardFiles(program: string): Record<string, string> {
  return { ...csmithHeaders(), 'platform_generic.h': BOARD_PLATFORM_H, 'main.c': program };
}
