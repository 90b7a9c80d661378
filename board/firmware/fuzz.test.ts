/**
 * Robustness: with a fixed seed and budget, mutated and generated C programs must never crash the
 * toolchain or the machine. Every failure is a diagnostic with a line, an ld message, or a
 * runtime fault with a line; no internal errors, no hangs (each run has a step budget).
 */
import { describe, expect, test } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { RamBus } from './bus.ts';
import { build } from './build.ts';
import { loadCParser } from './c-parser.ts';
import { Machine } from './machine.ts';
import { mulberry32 } from '../../runtime/random.ts';

// mulberry32, the project's one seeded generator: small, fast and reproducible.
const rng = mulberry32;

const CORPUS = [
  `typedef unsigned int u32;
struct point { int x, y; };
static int g[8] = {1, 2, 3};
int sum(const int *p, int n) { int s = 0; while (n--) s += *p++; return s; }
int main(void) {
  struct point pt = {3, 4};
  u32 v = (u32)(pt.x * 1000) >> 2;
  for (int i = 0; i < 8; i++) g[i] += i * pt.y;
  switch (v & 3) { case 0: v++; case 1: break; default: v = 0; }
  return sum(g, 8) + (int)v;
}`,
  `#include <stdarg.h>
int total(int n, ...) { va_list ap; va_start(ap, n); int s = 0; while (n--) s += va_arg(ap, int); va_end(ap); return s; }
typedef int (*op)(int);
int twice(int x) { return x * 2; }
int main(void) { op f = twice; double d = 2.5; long long big = 1LL << 40; char buf[4] = "ab";
  return total(3, 1, 2, f(3)) + (int)d + (int)(big >> 38) + buf[1]; }`,
  `union u { unsigned w; unsigned char b[4]; };
enum color { RED, GREEN = 4 };
int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int main(void) { union u x; x.w = 0x01020304; enum color c = GREEN; int k = 0;
  do { k += x.b[k & 3]; } while (k < 40); label: if (k > 100) goto label2; k *= 2; goto label; label2:
  return fib(10) + c + k; }`,
];

const TOKENS = [
  ';',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '*',
  '&',
  ',',
  '=',
  '+',
  '-',
  '/',
  '%',
  '<<',
  '?',
  ':',
  'int',
  'char',
  'struct',
  'typedef',
  'return',
  'if',
  'else',
  'while',
  'for',
  'x',
  'g',
  'main',
  '0',
  '1',
  '0x80000000',
  '-1',
  '"s"',
  "'c'",
  'sizeof',
  'void',
  '->',
  '.',
  '++',
  '--',
  'unsigned',
  'long',
  'double',
  'case',
  'switch',
  'break',
  'goto',
  '#define',
  '#include "x.h"',
  '...',
  'static',
  'volatile',
  '__asm__("sev");',
  '({ 1; })',
  'NULL',
  '/ 0',
  '*(int*)0',
];

function mutate(src: string, random: () => number): string {
  const parts = src.split(/(\s+|[;{}()[\],])/).filter((p) => p !== '');
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(random() * parts.length);
    const kind = random();
    if (kind < 0.3) parts.splice(i, 1 + Math.floor(random() * 3));
    else if (kind < 0.6)
      parts.splice(i, 0, ' ' + TOKENS[Math.floor(random() * TOKENS.length)]! + ' ');
    else if (kind < 0.8) parts.splice(i, 0, parts[Math.floor(random() * parts.length)] ?? '');
    else parts[i] = TOKENS[Math.floor(random() * TOKENS.length)]!;
  }
  return parts.join('');
}

/** A random, well-typed program over int, unsigned, char, long long and double. */
function generate(random: () => number): string {
  const vars = ['a', 'b', 'c', 'u', 'ch', 'll', 'd'];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const expr = (depth: number): string => {
    if (depth <= 0 || random() < 0.3)
      return random() < 0.5 ? pick(vars) : String(Math.floor(random() * 200) - 50);
    const op = pick([
      '+',
      '-',
      '*',
      '/',
      '%',
      '<<',
      '>>',
      '&',
      '|',
      '^',
      '<',
      '==',
      '&&',
      '||',
      '?:',
      'cast',
      'neg',
    ]);
    const l = expr(depth - 1);
    const r = expr(depth - 1);
    if (op === '?:') return `(${l} ? ${r} : ${expr(depth - 1)})`;
    if (op === 'cast')
      return `((${pick(['int', 'unsigned', 'char', 'short', 'long long', 'double', 'float'])})(${l}))`;
    if (op === 'neg') return `(-(${l}))`;
    if (op === '%' || op === '<<' || op === '>>' || op === '&' || op === '|' || op === '^')
      return `((long long)(${l}) ${op} (int)(${r}))`;
    return `(${l} ${op} ${r})`;
  };
  const stmts: string[] = [];
  for (let i = 0; i < 6; i++) {
    const target = pick(vars);
    const kind = random();
    if (kind < 0.6) stmts.push(`${target} ${pick(['=', '+=', '-=', '*=', '/='])} ${expr(3)};`);
    else if (kind < 0.8) stmts.push(`if (${expr(2)}) { ${target}++; } else { ${target}--; }`);
    else stmts.push(`for (int i = 0; i < 5; i++) { ${target} += i; if (${expr(1)}) break; }`);
  }
  return `int a = 7, b = -3, c = 100; unsigned u = 4000000000u; char ch = 200; long long ll = -5; double d = 1.5;
int main(void) {
  ${stmts.join('\n  ')}
  return (int)(a + b + c + u + ch + ll + d);
}`;
}

function checkProgram(parser: Parser, src: string): void {
  const r = build(parser, { 'main.c': src, 'x.h': 'int x;\n' }, ['main.c']);
  for (const d of r.diagnostics) {
    expect(d.file).toBeTruthy();
    if (d.severity !== 'note') expect(d.line, `${d.message}\n${src}`).toBeGreaterThan(0);
  }
  if (!r.program) {
    if (r.diagnostics.every((d) => d.severity !== 'error' && d.severity !== 'fatal error')) {
      expect(r.linkErrors.length, src).toBeGreaterThan(0);
    }
    return;
  }
  const m = new Machine(r.program, new RamBus());
  const th = m.spawn();
  m.run(th, 20_000);
  if (th.fault) {
    expect(th.fault.kind, `${th.fault.message}\n${src}`).not.toBe('internal');
    expect(th.fault.loc.line).toBeGreaterThan(0);
  }
}

describe('fuzzing the toolchain (fixed seed)', () => {
  test('mutated corpus programs: diagnostics or faults with lines, never a crash', async () => {
    const parser = await loadCParser();
    const random = rng(20261128);
    for (let i = 0; i < 240; i++) checkProgram(parser, mutate(CORPUS[i % CORPUS.length]!, random));
  });

  test('generated well-typed programs compile cleanly and run without internal errors', async () => {
    const parser = await loadCParser();
    const random = rng(7);
    for (let i = 0; i < 60; i++) {
      const src = generate(random);
      const r = build(parser, { 'main.c': src }, ['main.c']);
      expect(
        r.diagnostics.filter((d) => d.severity === 'error'),
        src,
      ).toEqual([]);
      checkProgram(parser, src);
    }
  });
});
