/**
 * Hostile inputs, generated from fixed seeds: deep nesting of every kind, macro bombs, arrays
 * larger than memory or the stack, long initializer lines. Each must end, within a bounded time,
 * in a diagnostic with a file and line, an ld message, or a modelled fault with a line; never in a
 * JavaScript exception (limits.ts gives the limits and their reasons).
 */
import { describe, expect, test } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { mulberry32 } from '../../runtime/random.ts';
import { build } from './build.ts';
import { RamBus } from './bus.ts';
import { loadCParser } from './c-parser.ts';
import { Machine } from './machine.ts';

/** Seconds one case may take at most; the slowest shape (a 20k-element line) takes about 0.3. */
const CASE_SECONDS = 5;

type Shape = (n: number) => string;

const MAIN = 'int main(void) { return 0; }\n';

/** Each shape with the range its size is drawn from (below and well above the limits). */
const SHAPES: Record<string, { shape: Shape; min: number; max: number }> = {
  braces: {
    shape: (n) => `int main(void) { ${'{'.repeat(n)}${'}'.repeat(n)} return 0; }\n`,
    min: 100,
    max: 3000,
  },
  parentheses: {
    shape: (n) => `int main(void) { int x = ${'('.repeat(n)}1${')'.repeat(n)}; return x; }\n`,
    min: 100,
    max: 5000,
  },
  subscripts: {
    shape: (n) => `int a[4];\nint main(void) { return ${'a['.repeat(n)}0${']'.repeat(n)}; }\n`,
    min: 100,
    max: 3000,
  },
  unaryChain: {
    shape: (n) => `int main(void) { int x = 3; return ${'- '.repeat(n)}x; }\n`,
    min: 100,
    max: 5000,
  },
  unaryChainMissingOperand: {
    shape: (n) => `int main(void) { int x = 3; return ${'- '.repeat(n)}; }\n`,
    min: 100,
    max: 5000,
  },
  binaryChain: {
    shape: (n) => `int main(void) { int x = 1; return x${' + x'.repeat(n)}; }\n`,
    min: 100,
    max: 20000,
  },
  nestedIf: {
    shape: (n) => `int main(void) { int x = 1; ${'if (x) '.repeat(n)}return 2; return 0; }\n`,
    min: 50,
    max: 3000,
  },
  elseIfChain: {
    shape: (n) =>
      `int main(void) { int x = 9; ${'if (x == 0) x = 1; else '.repeat(n)}x = 2; return x; }\n`,
    min: 50,
    max: 3000,
  },
  macroBomb: {
    shape: (n) =>
      `#define A0 x\n${Array.from({ length: n }, (_, i) => `#define A${i + 1} A${i} A${i}\n`).join('')}int A${n};\n${MAIN}`,
    min: 5,
    max: 60,
  },
  macroArguments: {
    shape: (n) => `#define F(x) x\nint main(void) { return ${'F('.repeat(n)}1${')'.repeat(n)}; }\n`,
    min: 50,
    max: 3000,
  },
  ifExpression: {
    shape: (n) => `#if ${'('.repeat(n)}1${')'.repeat(n)}\n${MAIN}#endif\n`,
    min: 100,
    max: 5000,
  },
  ifConditional: {
    shape: (n) => `#if ${'1 ? '.repeat(n)}1${' : 0'.repeat(n)}\n${MAIN}#endif\n`,
    min: 100,
    max: 20000,
  },
  globalArray: {
    shape: (n) => `char a[1 << ${n}];\nint main(void) { a[5] = 1; return a[5]; }\n`,
    min: 10,
    max: 30,
  },
  localArray: {
    shape: (n) => `int main(void) { char b[1 << ${n}]; b[0] = 1; return b[0]; }\n`,
    min: 8,
    max: 30,
  },
  localArrayInCall: {
    shape: (n) =>
      `int f(void) { char b[1 << ${n}]; b[0] = 1; return b[0]; }\nint main(void) { return f(); }\n`,
    min: 8,
    max: 30,
  },
  initializerLine: {
    shape: (n) => {
      const values = Array.from({ length: n }, (_, i) => ((i * 37) % 256) - 128).join(',');
      return `const signed char w[${n}] = {${values}};\nint main(void) { return w[3]; }\n`;
    },
    min: 1000,
    max: 20000,
  },
  manyLocals: {
    shape: (n) =>
      `int main(void) { int ${Array.from({ length: n }, (_, i) => `a${i}`).join(', ')}; a1 = 3; return a1; }\n`,
    min: 100,
    max: 50000,
  },
  longString: {
    shape: (n) => `const char *s = "${'a'.repeat(n)}";\nint main(void) { return s[3]; }\n`,
    min: 1000,
    max: 1_000_000,
  },
  variadicMacroArguments: {
    shape: (n) =>
      `#define W(...) {__VA_ARGS__}\nconst signed char w[${n}] = W(${'1,'.repeat(n - 1)}1);\n${MAIN}`,
    min: 1000,
    max: 50000,
  },
};

/** One case: what it ended in, checked to be a diagnostic, an ld message or a modelled fault. */
function runCase(parser: Parser, src: string): string {
  const r = build(parser, { 'main.c': src }, ['main.c']);
  for (const d of r.diagnostics)
    if (d.severity !== 'note' && d.severity !== 'warning')
      expect(d.line, `${d.file}: ${d.message}`).toBeGreaterThan(0);
  if (!r.program) {
    const errors = r.diagnostics.filter(
      (d) => d.severity === 'error' || d.severity === 'fatal error',
    );
    expect(errors.length + r.linkErrors.length).toBeGreaterThan(0);
    return errors[0]?.message ?? r.linkErrors[0]!;
  }
  const m = new Machine(r.program, new RamBus());
  const th = m.spawn();
  m.run(th, 100_000);
  if (!th.fault) return `state ${th.state}`;
  expect(th.fault.kind, th.fault.message).not.toBe('internal');
  expect(th.fault.loc.line).toBeGreaterThan(0);
  return `fault: ${th.fault.message}`;
}

describe('hostile inputs (fixed seeds): a diagnostic or a modelled fault, in bounded time', () => {
  for (const [name, { shape, min, max }] of Object.entries(SHAPES)) {
    test(name, async () => {
      const parser = await loadCParser();
      const random = mulberry32(20261203 + name.length);
      // The smallest and largest sizes, and three drawn between them.
      const sizes = [min, max, ...[0, 1, 2].map(() => min + Math.floor(random() * (max - min)))];
      for (const n of sizes) {
        const started = performance.now();
        const outcome = runCase(parser, shape(n));
        const seconds = (performance.now() - started) / 1000;
        expect(seconds, `${name}(${n}): ${outcome}`).toBeLessThan(CASE_SECONDS);
      }
    });
  }

  test('the limits are the documented ones', async () => {
    const parser = await loadCParser();
    expect(runCase(parser, SHAPES.braces!.shape(300))).toBe(
      'bracket nesting level exceeded maximum of 256',
    );
    expect(runCase(parser, SHAPES.macroBomb!.shape(40))).toBe(
      'macro expansion exceeds 1000000 tokens',
    );
    expect(runCase(parser, SHAPES.globalArray!.shape(30))).toBe(
      "ld: a.out section `.bss' will not fit in region `ps7_ddr_0'",
    );
    expect(runCase(parser, SHAPES.localArray!.shape(27))).toMatch(/^fault: stack overflow/);
    // A long else-if chain is ordinary code: 1,500 branches still compile and run.
    expect(runCase(parser, SHAPES.elseIfChain!.shape(1500))).toBe('state exited');
    expect(runCase(parser, SHAPES.unaryChain!.shape(1000))).toBe(
      'expression or statement nesting exceeds maximum of 450',
    );
  });
});
