/**
 * The compiler on its own: small C programs compiled with compileProgram, checked on the JS it
 * produces (the state machine's labels, spills, scaling, frame sizes) and on what that JS does
 * when the machine runs it. run.test.ts covers whole programs; these pin one construct each.
 */
import { describe, expect, test } from 'vitest';
import { RamBus } from './bus.ts';
import { compileProgram, convert } from './compile.ts';
import { Machine } from './machine.ts';
import { buildC, runC } from './testing.ts';
import { T, type CType } from './types.ts';

/** Compiles plain C (no preprocessor) and returns the program's JS and one function's step. */
async function compiled(source: string, name: string) {
  const main = source.includes('main(') ? '' : '\nint main(void) { return 0; }\n';
  const r = await buildC({ 'main.c': source + main }, { raw: true });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const program = r.program!;
  const out = compileProgram(program);
  const i = program.functions.find((f) => f.def.sym.name === name)!.index;
  const step = out.source.slice(
    out.source.indexOf(`function st${i}(th,fr){`),
    out.source.indexOf(`function mk${i}(`),
  );
  return { out, step, index: i };
}

/** Runs main.c (with <host.h>); returns main's exit code and what it printed. */
async function run(source: string, maxSteps?: number) {
  const r = await runC({ 'main.c': '#include <host.h>\n' + source }, { maxSteps });
  expect(r.messages).toBe('');
  expect(r.thread?.fault?.format() ?? null).toBe(null);
  expect(r.thread?.state).toBe('exited');
  return { code: r.thread!.exitCode, stdout: r.stdout, steps: r.steps };
}

/** `f(x)` prints the digit x and returns x: its output is the order of evaluation. */
const TRACE = `static int f(int x) { __host_putchar('0' + x); return x; }\n`;

describe('sequence points and evaluation order', () => {
  test('&& and || evaluate the right operand only when the left does not decide (C11 6.5.13-14)', async () => {
    const r = await run(
      TRACE +
        `int main(void) {
          int a = f(1) && f(0) && f(3);
          __host_putchar('|');
          int b = f(0) || f(2) || f(3);
          __host_putchar('|');
          int c = f(0) && f(4);
          return a * 100 + b * 10 + c;
        }`,
    );
    expect(r.stdout).toBe('10|02|0');
    expect(r.code).toBe(10);
  });

  test('a call on the right of && takes the suspendable path: a label after the call', async () => {
    const { step } = await compiled(
      `int h(int x) { return x; }
       int pure(int a, int b) { return a && b; }
       int calls(int a) { return a && h(a); }`,
      'calls',
    );
    // The right operand is a call that may suspend, so && becomes a branch over it.
    expect(step).toMatch(/v\d+=0;if\(!\(v0!==0\)\)\{pc=\d+;continue L;\}/);
    const pure = (await compiled(`int pure(int a, int b) { return a && b; }`, 'pure')).step;
    // Without a call both operands stay one JS expression, with JS's own short circuit.
    expect(pure).toContain('(((v0!==0)&&(v1!==0))?1:0)');
    expect(pure).not.toContain('continue L');
  });

  test('?: evaluates only the chosen operand (C11 6.5.15p4)', async () => {
    const r = await run(
      TRACE +
        `int main(void) {
          int x = f(1) ? f(2) : f(3);
          int y = f(0) ? f(4) : f(5);
          return x * 10 + y;
        }`,
    );
    expect(r.stdout).toBe('1205');
    expect(r.code).toBe(25);
  });

  test('the comma operator and binary operands run left to right, spilling across calls', async () => {
    const r = await run(
      TRACE +
        `static int n;
        static int next(void) { return ++n; }
        int main(void) {
          int c = (f(1), f(2), f(3));
          int s = f(4) + f(5) * f(6);
          int d = next() - next() * 10;  /* 1 - 2*10: the first result survives the second call */
          return c * 1000 + s * 10 + (d + 100);
        }`,
    );
    expect(r.stdout).toBe('123456');
    expect(r.code).toBe(3000 + 340 + 81);
  });
});

describe('assignment', () => {
  test('compound assignment evaluates its lvalue once (C11 6.5.16.2p3)', async () => {
    const r = await run(
      TRACE +
        `int main(void) {
          int a[3] = {10, 10, 10};
          a[f(1)] += 5;
          int *p = a;
          *p++ += 7;
          return a[0] * 10000 + a[1] * 100 + (int)(p - a);
        }`,
    );
    expect(r.stdout).toBe('1');
    expect(r.code).toBe(17 * 10000 + 15 * 100 + 1);
  });

  test('compound assignment computes in the common type, then converts back', async () => {
    const r = await run(`int main(void) {
      unsigned char uc = 250; uc += 10;          /* 260 mod 256 */
      short s = 32767; s += 1;                    /* GCC: modulo 2^16 */
      int i = 7; i /= 2.5;                        /* 2.8 in double, truncated */
      signed char sc = 'a'; sc *= 2;              /* 194 as a signed char */
      unsigned u = 1; u -= 2;
      return (uc == 4) + 2 * (s == -32768) + 4 * (i == 2) + 8 * (sc == -62) + 16 * (u == 0xffffffffu);
    }`);
    expect(r.code).toBe(31);
  });

  test('pre and post increment yield the new and the old value', async () => {
    const r = await run(`int main(void) {
      int i = 5; int a = i++; int b = ++i;
      unsigned char c = 255; int d = c++;
      long long ll = -1; ll++;
      return a * 1000 + b * 100 + (c == 0) * 10 + (ll == 0) + (d == 255) * 2;
    }`);
    expect(r.code).toBe(5000 + 700 + 10 + 1 + 2);
  });
});

describe('pointers and records', () => {
  test('pointer arithmetic scales by the pointee size (C11 6.5.6p8-9)', async () => {
    const r = await run(`struct five { char c[5]; };
      int main(void) {
        int a[4]; long long q[3]; struct five s[4];
        int *p = a; p += 2; p--;
        int ok = ((char *)(a + 3) - (char *)a == 12)
          + 2 * ((char *)(q + 2) - (char *)q == 16)
          + 4 * ((char *)(s + 2) - (char *)s == 10)
          + 8 * (&a[3] - &a[0] == 3)
          + 16 * (p == &a[1])
          + 32 * (&s[3] - s == 3);
        return ok;
      }`);
    expect(r.code).toBe(63);
    const { step } = await compiled(`int *at(int *p, int i) { return p + i; }`, 'at');
    expect(step).toContain('((v0+v1*4)>>>0)');
    const back = (await compiled(`long long *back(long long *p, int i) { return p - i; }`, 'back'))
      .step;
    expect(back).toContain('((v0-v1*8)>>>0)');
  });

  test('struct members sit at their AAPCS offsets; bit-fields pack from bit 0', async () => {
    const r = await run(`struct t { char c; int i; short s; long long ll; char tail; };
      struct b { unsigned a : 3; signed b : 5; unsigned c : 24; };
      int main(void) {
        struct t t; struct b x;
        int offsets = ((char *)&t.i - (char *)&t) * 1000 + ((char *)&t.s - (char *)&t) * 100
          + ((char *)&t.ll - (char *)&t);
        if (offsets != 4816 || sizeof(struct t) != 32 || (char *)&t.tail - (char *)&t != 24)
          return 1;
        x.a = 13;          /* 3 bits keep 5 */
        x.b = -3;
        x.c = 0x123456;
        if (*(unsigned *)&x != 0x123456EDu) return 2;
        if (x.a != 5 || x.b != -3 || x.c != 0x123456) return 3;
        return 0;
      }`);
    expect(r.code).toBe(0);
  });

  test('structs are copied by assignment and returned through the caller-supplied address', async () => {
    const r = await run(`struct pair { int a; long long b; };
      static struct pair make(int a, long long b) { struct pair p = { a, b }; return p; }
      int main(void) {
        struct pair x = make(3, 40), y;
        y = x; x.a = 100;
        return y.a + (int)y.b + make(5, 0).a * 1000 + x.a;
      }`);
    expect(r.code).toBe(3 + 40 + 5000 + 100);
  });
});

describe('control flow', () => {
  test('switch jumps to its case and falls through until break (C11 6.8.4.2)', async () => {
    const r = await run(`static int sw(int x) {
        int r = 0;
        switch (x) {
          case 1: r += 1;
          case 2: r += 10; break;
          default: r += 1000;
          case 3: r += 100;
        }
        return r;
      }
      int main(void) {
        int skipped = 0;
        for (int i = 0; i < 4; i++) {
          switch (i) { case 1: continue; }  /* continue belongs to the loop */
          skipped += i;
        }
        return sw(1) == 11 && sw(2) == 10 && sw(3) == 100 && sw(9) == 1100 && skipped == 5;
      }`);
    expect(r.code).toBe(1);
  });

  test('every statement is a resumable point: one step at a time gives the same result', async () => {
    const source =
      TRACE +
      `static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
      int main(void) {
        int s = 0;
        for (int i = 0; i < 5; i++) { s += fib(i); f(i); }
        do s++; while (s < 12);
        return s;
      }`;
    const whole = await run(source);
    expect(whole.stdout).toBe('01234');
    expect(whole.code).toBe(12);
    const r = await buildC({ 'main.c': '#include <host.h>\n' + source });
    let stdout = '';
    const m = new Machine(r.program!, new RamBus(), {
      putchar: (_cpu, c) => void (stdout += String.fromCharCode(c)),
    });
    const th = m.spawn();
    let slices = 0;
    while (th.state === 'running' && slices < 100_000) {
      m.run(th, 1);
      slices++;
    }
    expect(stdout).toBe('01234');
    expect(th.exitCode).toBe(12);
    expect(slices).toBe(whole.steps);
  });

  test('every pc label has a source line, and frames hold the locals that live in memory', async () => {
    const { out, step, index } = await compiled(
      `int g(void) {
         int a[3];           /* an aggregate: 0..12 */
         double d;           /* address taken, 8-aligned: 16..24 */
         int n = 2;          /* a JS local: no frame space */
         double *q = &d;
         int *p = &a[1];
         *q = 1.5;
         *p = n;
         return *p + (int)d;
       }`,
      'g',
    );
    // alignUp(24, 8) + the saved fp/lr pair of an ARM frame.
    expect(out.frameSizes[index]).toBe(32);
    const labels = [...step.matchAll(/case (\d+):/g)].map((m) => Number(m[1]));
    expect(labels.length).toBeGreaterThanOrEqual(6);
    for (const label of labels) expect(out.lines[index]![label]?.line).toBeGreaterThanOrEqual(1);
    // Two addressed locals, reached through the frame pointer; `n` stays a JS local.
    expect(step).toContain('wf64(v');
    expect(step).toMatch(/\(fp\+16\)/);
  });

  test('a volatile access first makes the step count current (the board syncs its clock)', async () => {
    const { step } = await compiled(
      `volatile unsigned reg;
       unsigned poll(void) { return reg; }
       void poke(unsigned v) { reg = v; }`,
      'poll',
    );
    expect(step).toMatch(/\(th\.b=b,\(r32\(\d+\)>>>0\)\)/);
    const poke = (
      await compiled(`volatile unsigned reg;\nvoid poke(unsigned v) { reg = v; }`, 'poke')
    ).step;
    expect(poke).toMatch(/th\.b=b;\nw32\(\d+,v0\);/);
  });
});

describe('conversions (C11 6.3)', () => {
  test('casts truncate, sign-extend, and saturate float to int as VCVT does', async () => {
    const r = await run(`int main(void) {
      volatile double big = 1e10, neg = -3.7, m1 = -1.0;
      volatile long long wide = 0x123456789LL;
      int bits = 0;
      bits |= ((unsigned char)300 == 44) << 0;
      bits |= ((signed char)200 == -56) << 1;
      bits |= ((short)70000 == 4464) << 2;
      bits |= ((unsigned short)-1 == 65535) << 3;
      bits |= ((int)neg == -3) << 4;
      bits |= ((int)big == 2147483647) << 5;
      bits |= ((unsigned)m1 == 0) << 6;
      bits |= ((int)wide == 0x23456789) << 7;
      bits |= ((signed char)(neg * 100) == -114) << 8;  /* -370 truncated to 8 bits */
      bits |= ((float)16777217 == 16777216.0f) << 9;
      bits |= ((unsigned long long)-1 == 0xffffffffffffffffULL) << 10;
      bits |= ((long long)(unsigned)-1 == 4294967295LL) << 11;
      return bits;
    }`);
    expect(r.code).toBe(0xfff);
  });

  test('convert() spells integer conversions as JS normalizations', () => {
    const evalAs = (from: CType, to: CType, x: number | bigint) =>
      new Function('x', `return ${convert('x', from, to)};`)(x) as number | bigint;
    expect(convert('x', T.short, T.int)).toBe('x'); // widening needs no code
    expect(evalAs(T.int, T.schar, 200)).toBe(-56);
    expect(evalAs(T.int, T.uchar, -1)).toBe(255);
    expect(evalAs(T.int, T.ushort, 70000)).toBe(4464);
    expect(evalAs(T.int, T.uint, -1)).toBe(4294967295);
    expect(evalAs(T.int, T.bool, 7)).toBe(1);
    expect(evalAs(T.uint, T.ullong, 4294967295)).toBe(4294967295n);
    expect(evalAs(T.int, T.ullong, -1)).toBe(18446744073709551615n);
    expect(evalAs(T.llong, T.int, 0x1_8000_0000n)).toBe(-2147483648);
    expect(evalAs(T.ullong, T.uint, -1n)).toBe(4294967295);
    expect(evalAs(T.double, T.float, 0.1)).toBe(Math.fround(0.1));
  });
});
