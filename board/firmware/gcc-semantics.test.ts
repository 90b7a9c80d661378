/**
 * C semantics as GCC compiles them for the board: each program below was built with
 * `arm-none-eabi-gcc -O0 -mcpu=cortex-a9 -marm --specs=rdimon.specs` (GCC 12.2, newlib) and run
 * under `qemu-arm`; `gcc` is what it printed, verbatim. The engine must print the same.
 * (Issue #13; board/csmith/ compares random programs the same way.)
 */
import { describe, expect, test } from 'vitest';
import { compileProgram } from './compile.ts';
import { nodeEnv } from '../bsp/bsp.ts';
import { runFirmware } from '../session.ts';
import { buildC, PRINTF_C, runC } from './testing.ts';

const CASES: { name: string; source: string; gcc: string }[] = [
  {
    name: 'a decimal float constant is rounded once, to float',
    source:
      'int printf(const char *, ...);\nint main(void) {\n  union { float f; unsigned u; } a, b, c, d;\n  a.f = 1.00000005960464477539062500000000001f;\n  b.f = 1.00000005960464477539062499999999999f;\n  c.f = 1.000000059604644775390625f;\n  d.f = 3.4028235e38f;\n  printf("%x %x %x %x\\n", a.u, b.u, c.u, d.u);\n  return 0;\n}\n',
    gcc: '3f800001 3f800000 3f800000 7f7fffff\n',
  },
  {
    name: "pow, exp, log, sin, cos, tan and atan equal newlib's bit for bit on 500 argument pairs",
    source:
      'int printf(const char *, ...);\n#include <math.h>\nint main(void) {\n  unsigned s = 12345;\n  unsigned long long h = 0, e = 0;\n  for (int i = 0; i < 500; i++) {\n    s = s * 1103515245u + 12345u; double x = (s >> 8) / 16777216.0 * 20.0 - 10.0;\n    s = s * 1103515245u + 12345u; double y = (s >> 8) / 16777216.0 * 6.0 - 3.0;\n    union { double d; unsigned long long u; } a, b;\n    a.d = pow(fabs(x) + 0.001, y); b.d = exp(x) + log(fabs(x) + 0.001) + sin(x) + cos(y) + tan(x) + atan(y);\n    h = (h * 31) ^ a.u; e = (e * 31) ^ b.u;\n  }\n  printf("%llx %llx\\n", h, e);\n  return 0;\n}\n',
    gcc: 'cf3d132fb6fd3d21 fba7e8730de0a974\n',
  },
  {
    name: 'the value of an assignment to a bit-field is the bit-field after the store',
    source:
      'int printf(const char *, ...);\nstruct S { signed f4 : 7; unsigned f6 : 3; int x; };\nint main(void) {\n  struct S s = {0, 0, 0};\n  int a = (s.f4 = 100);\n  int b = (s.f6 = 13);\n  int c = (s.f4 += 30);\n  int d = ++s.f6;\n  int e = s.f6++;\n  printf("%d %d %d %d %d %d %d\\n", a, b, c, d, e, s.f4, s.f6);\n  return 0;\n}\n',
    gcc: '-28 5 2 6 6 2 7\n',
  },
  {
    name: 'side effects of ||, && and ?: operands run only when the operand is evaluated',
    source:
      'int printf(const char *, ...);\n\nint g, g1, one = 1, zero = 0;\nint main(void) {\n  int a = (one || ((g1 = 7), 0));\n  printf("%d %d\\n", a, g1);\n  int r = ((g = 1) && ((g = 2), g));\n  printf("%d %d\\n", r, g);\n  int b = (zero && (g1 = 9)) + 0;\n  int c = one ? g1 : (g1 = 11, 3);\n  int d = zero ? (g = 5, g) : (g++, g);\n  printf("%d %d %d %d %d\\n", b, c, d, g, g1);\n  if ((one || (g1++, 1)) && (g += 10, g > 5)) printf("in %d %d\\n", g, g1);\n  return 0;\n}\n',
    gcc: '1 0\n1 2\n0 0 3 3 0\nin 13 0\n',
  },
  {
    name: 'hexadecimal floating constants',
    source:
      'int printf(const char *, ...);\nstatic double c = 0x1.8p+1;\nstatic float f = 0x1p-2f;\ndouble tiny = 0x1p-1074, big = 0x1.fffffffffffffp+1023, half = 0x.8p1, odd = 0xA.Bp-3;\nfloat fl = 0x1.fffffep127f;\nint main(void) {\n  union { double d; unsigned long long u; } a;\n  union { float f; unsigned u; } b;\n  a.d = c; printf("%llx ", a.u); a.d = tiny; printf("%llx ", a.u); a.d = big; printf("%llx ", a.u);\n  a.d = half; printf("%llx ", a.u); a.d = odd; printf("%llx\\n", a.u);\n  b.f = f; printf("%x ", b.u); b.f = fl; printf("%x %d\\n", b.u, (int)(c * 1000));\n  return 0;\n}\n',
    gcc: '4008000000000000 1 7fefffffffffffff 3ff0000000000000 3ff5600000000000\n3e800000 7f7fffff 3000\n',
  },
  {
    name: 'unnamed bit-fields and bit-field packing (ARM EABI)',
    source:
      'int printf(const char *, ...);\nstruct A { unsigned a : 3; unsigned : 0; unsigned b : 5; signed : 4; signed c : 4; char d; };\nstruct B { char x; int : 0; char y; };\nstruct C { char x; unsigned : 4; unsigned char y : 4; short : 0; char z; long long : 0; char w; };\nstruct D { int a : 7; int : 0; };\nstruct E { char c; long long : 3; char d; };\nunion U { struct A a; unsigned char b[sizeof(struct A)]; };\nint main(void) {\n  printf("%u %u %u %u %u\\n", (unsigned)sizeof(struct A), (unsigned)sizeof(struct B), (unsigned)sizeof(struct C), (unsigned)sizeof(struct D), (unsigned)sizeof(struct E));\n  printf("%u %u %u %u\\n", (unsigned)_Alignof(struct A), (unsigned)_Alignof(struct B), (unsigned)_Alignof(struct C), (unsigned)_Alignof(struct E));\n  union U u;\n  for (unsigned i = 0; i < sizeof u.b; i++) u.b[i] = 0;\n  u.a.a = 5; u.a.b = 17; u.a.c = -3; u.a.d = \'q\';\n  for (unsigned i = 0; i < sizeof u.b; i++) printf("%x ", u.b[i]);\n  printf("\\n%d %d %d %d\\n", u.a.a, u.a.b, u.a.c, u.a.d);\n  struct C c = {1, 2, 3, 4};\n  unsigned char *p = (unsigned char *)&c;\n  for (unsigned i = 0; i < sizeof c; i++) printf("%x ", p[i]);\n  printf("\\n");\n  return 0;\n}\n',
    gcc: '8 8 16 4 8\n4 4 8 8\n5 0 0 0 11 1a 71 0 \n5 17 -3 113\n1 20 3 0 0 0 0 0 4 0 0 0 0 0 0 0 \n',
  },
  {
    name: '<math.h>, <float.h> and <stdint.h> values',
    source:
      'int printf(const char *, ...);\n#include <math.h>\n#include <float.h>\n#include <stdint.h>\n#include <limits.h>\nstatic void p(double d) { union { double d; unsigned long long u; } x; x.d = d; printf("%llx ", x.u); }\nstatic void pf(float f) { union { float f; unsigned u; } x; x.f = f; printf("%x ", x.u); }\nvolatile double x = 0.7, y = 2.5, z = -3.3, h = 2.5, nh = -2.5;\nvolatile float xf = 0.7f, yf = 2.5f;\nint main(void) {\n  p(sqrt(x)); p(exp(x)); p(log(y)); p(pow(x, y)); p(pow(z, 3.0)); p(pow(x, -7.25)); p(sin(y)); p(cos(y)); p(tan(x)); p(atan2(x, z)); printf("\\n");\n  p(fmod(z, x)); p(floor(z)); p(ceil(z)); p(fabs(z)); p(round(h)); p(round(nh)); p(trunc(z)); p(ldexp(x, -1070)); printf("\\n");\n  pf(sqrtf(xf)); pf(fabsf(-xf)); pf(floorf(yf)); pf(powf(xf, yf)); pf(expf(xf)); printf("\\n");\n  p(DBL_MAX); p(DBL_MIN); p(DBL_EPSILON); pf(FLT_MAX); pf(FLT_MIN); pf(FLT_EPSILON); printf("\\n");\n  printf("%d %d %d %d %lld %llu %d\\n", FLT_MANT_DIG, DBL_DIG, INT8_MIN, INT16_MIN, (long long)INT64_MIN, (unsigned long long)UINT64_MAX, (int)UINT8_MAX);\n  printf("%d %d %d\\n", isnan(NAN), isinf(HUGE_VAL), isinf(-INFINITY));\n  return 0;\n}\n',
    gcc: '3feac5eb3f7ab2f8 40001c2a61268987 3fed5240f0e0e078 3fda3cd72ed9866c c041f7ef9db22d0e 402a8cdf8d065fc7 3fe326af0dcfcab0 bfe9a2f7ef858b7d 3feaf406c2fc78ae 400775e71bc87187 \nbfe0000000000000 c010000000000000 c008000000000000 400a666666666666 4008000000000000 c008000000000000 c008000000000000 b \n3f562f5a 3f333333 40000000 3ed1e6b9 4000e153 \n7fefffffffffffff 10000000000000 3cb0000000000000 7f7fffff 800000 34000000 \n24 15 -128 -32768 -9223372036854775808 18446744073709551615 255\n1 1 -1\n',
  },
  {
    name: 'integer division and remainder by zero return what libgcc returns',
    source:
      'int printf(const char *, ...);\nvolatile int z = 0, five = 5, m5 = -5, zero = 0, big = 0x7fffffff, mn = -2147483647 - 1, m1 = -1;\nvolatile unsigned uz = 0, u7 = 7;\nvolatile long long lz = 0, l5 = 5, lm5 = -5;\nvolatile unsigned long long ulz = 0, ul7 = 7;\nvolatile int s32 = 32, s33 = 33, sm1 = -1, s255 = 255, s256 = 256, s31 = 31;\nvolatile int m8 = -8;\nvolatile unsigned one = 1;\nint main(void) {\n  printf("%d %d %d %u\\n", five / z, m5 / z, zero / z, u7 / uz);\n  printf("%d %d %d %u\\n", five % z, m5 % z, zero % z, u7 % uz);\n  printf("%d %d\\n", mn / m1, mn % m1);\n  printf("%lld %lld %lld %llu\\n", l5 / lz, lm5 / lz, lz / lz, ul7 / ulz);\n  printf("%lld %lld %llu\\n", l5 % lz, lm5 % lz, ul7 % ulz);\n  printf("%u %u %u %u %u\\n", one << s32, one << s33, one << sm1, one << s255, one << s256);\n  printf("%d %d %d %d\\n", m8 >> s32, m8 >> s33, m8 >> s255, m8 >> s256);\n  printf("%u %u %d\\n", 0x80000000u >> s32, 0x80000000u >> s31, five << s32);\n  printf("%d %d\\n", m8 >> sm1, five >> sm1);\n  long long ll = 1; printf("%lld %lld %lld\\n", ll << s32, ll << (s32 + 32), (-ll) >> (s32+32));\n  return 0;\n}\n',
    gcc: '2147483647 -2147483648 0 4294967295\n0 0 0 0\n-2147483648 0\n9223372036854775807 -9223372036854775808 0 18446744073709551615\n0 0 0\n0 0 0 0 1\n-1 -1 -1 -8\n0 1 0\n-1 0\n4294967296 0 -1\n',
  },
  {
    name: 'shifts by 32 or more, or negative: ARM register shifts (32- and 64-bit)',
    source:
      'int printf(const char *, ...);\nint main(void) {\n  volatile long long x = 0x123456789abcdefLL, y = -0x123456789abcdefLL;\n  volatile unsigned long long u = 0xfedcba9876543210ULL;\n  int ns[] = {0, 1, 31, 32, 33, 63, 64, 65, 95, 96, 127, 128, 200, 255, 256, 257, 300, -1, -31, -32, -33, -64, -65, -200};\n  for (int i = 0; i < (int)(sizeof ns / sizeof ns[0]); i++) {\n    volatile int n = ns[i];\n    printf("%d %llx %llx %llx %llx\\n", n, x << n, y >> n, u >> n, u << n);\n  }\n  volatile int a = 5; unsigned b = 7;\n  printf("%d %u %d %u\\n", a << 32, b >> 32, a >> 40, b << 33);\n  printf("%d %u\\n", 1 << 32, 7u >> 32);\n  printf("%d\\n", 5 / 0);\n  return 0;\n}\n',
    gcc: '0 123456789abcdef fedcba9876543211 fedcba9876543210 fedcba9876543210\n1 2468acf13579bde ff6e5d4c3b2a1908 7f6e5d4c3b2a1908 fdb97530eca86420\n31 c4d5e6f780000000 fffffffffdb97530 1fdb97530 3b2a190800000000\n32 89abcdef00000000 fffffffffedcba98 fedcba98 7654321000000000\n33 13579bde00000000 ffffffffff6e5d4c 7f6e5d4c eca8642000000000\n63 8000000000000000 ffffffffffffffff 1 0\n64 0 ffffffffffffffff 0 0\n65 0 ffffffffffffffff 0 0\n95 0 ffffffffffffffff 0 0\n96 0 ffffffffffffffff 0 0\n127 0 ffffffffffffffff 0 0\n128 0 ffffffffffffffff 0 0\n200 0 ffffffffffffffff 0 0\n255 0 ffffffffffffffff 0 0\n256 123456789abcdef fedcba98ffffffff fedcba9876543210 fedcba9876543210\n257 2468acf13579bde ff6e5d4cffffffff 7f6e5d4c3b2a1908 fdb97530eca86420\n300 bcdef00000000000 ffffffffffffedcb fedcb 4321000000000000\n-1 0 ffffffff00000000 0 0\n-31 0 ffffffff00000000 0 0\n-32 0 ffffffff00000000 0 0\n-33 0 ffffffff00000000 0 0\n-64 0 ffffffff00000000 0 0\n-65 0 ffffffff00000000 0 0\n-200 ef00000000000000 ffffffff00000000 fe 1000000000000000\n0 0 0 0\n0 0\n2147483647\n',
  },
  {
    name: 'shifts by constant counts: folded as GCC folds, variables through a register',
    source:
      'int printf(const char *, ...);\nint main(void) {\n  volatile int a = 5, m = -8; volatile unsigned b = 7; volatile long long l = 5, ml = -8;\n  printf("%d %d %u %d %d\\n", a << 256, a << -1, b >> 256, m >> 256, m >> -1);\n  printf("%lld %lld %lld\\n", l << 256, l << -1, ml >> 256);\n  printf("%d %d %d\\n", 5 << 256, -8 >> 256, 5 % 0);\n  return 0;\n}\n',
    gcc: '5 0 7 -8 -1\n5 0 -1\n0 -1 0\n',
  },
  {
    name: 'block-scope arrays in disjoint blocks share a stack slot',
    source:
      'int printf(const char *, ...);\nint f(int n) {\n  int r = 0;\n  { int a[700]; for (int i = 0; i < 700; i++) a[i] = i * n; r += a[n]; }\n  { int a[700]; for (int i = 0; i < 700; i++) a[i] = i + n; r += a[n + 1]; }\n  { int a[700]; for (int i = 0; i < 700; i++) a[i] = i - n; r += a[n + 2]; }\n  return r;\n}\nint main(void) { printf("%d\\n", f(3)); return 0; }\n',
    gcc: '18\n',
  },
];

describe('the engine prints what GCC-built code prints under qemu-arm', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const r = await runC({ 'main.c': PRINTF_C + c.source });
      expect(r.messages).not.toMatch(/error/);
      expect(r.thread?.fault?.format() ?? null).toBe(null);
      expect(r.stdout).toBe(c.gcc);
    });
  }
});

describe('stack slots', () => {
  test('three disjoint int a[700] blocks take one slot: the frame fits where GCC -O0 needs 2,832 bytes', async () => {
    // arm-none-eabi-gcc -O0 -fstack-usage reports f at 2832 bytes (one 2,800-byte slot).
    const source = CASES.find((c) => c.source.includes('a[700]'))!.source;
    const r = await buildC({ 'main.c': PRINTF_C + source });
    const program = r.program!;
    const f = program.functions.find((fn) => fn.def.sym.name === 'f')!;
    const size = compileProgram(program).frameSizes[f.index]!;
    expect(size).toBeGreaterThanOrEqual(2800);
    expect(size).toBeLessThanOrEqual(2832);
  });

  test('nested blocks do not share: an inner array lives beside the outer one', async () => {
    const r = await runC({
      'main.c':
        PRINTF_C +
        `int main(void) {
  { int a[10]; for (int i = 0; i < 10; i++) a[i] = i;
    { int b[10]; for (int i = 0; i < 10; i++) b[i] = 100 + i; printf("%d %d\\n", a[3], b[3]); } }
  return 0; }`,
    });
    expect(r.stdout).toBe('3 103\n');
  });
});

describe('calls without a prototype', () => {
  test('a variadic function called through an implicit declaration gets the promoted arguments', async () => {
    const r = await runC({
      'main.c':
        PRINTF_C +
        'int printf(const char *, ...);\nint main(void) {\n  char c = \'A\'; short h = -2; float f = 1.5f;\n  printf("%d\\n", sum(4, 1, c, h, 100));\n  printf("%d\\n", avg(2, f, 2.25));\n  return 0;\n}\n',
      'va.c':
        '#include <stdarg.h>\nint sum(int n, ...) { va_list ap; va_start(ap, n); int s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, int); va_end(ap); return s; }\nint avg(int n, ...) { va_list ap; va_start(ap, n); double s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, double); va_end(ap); return (int)(1000 * s / n); }\n',
    });
    // GCC 12 warns the same way, and the program prints "164\n1875\n" under qemu-arm.
    expect(r.messages).toContain("warning: implicit declaration of function 'sum'");
    expect(r.stdout).toBe('164\n1875\n');
  });

  test('xil_printf without #include warns, then prints as on the board', async () => {
    const r = await runFirmware(
      {
        files: {
          'main.c': 'int main(void) {\n  xil_printf("x=%d %s\\r\\n", 42, "ok");\n  return 0;\n}\n',
        },
        sources: ['main.c'],
        ms: 100,
      },
      nodeEnv(),
    );
    expect(r.diagnostics).toContain(
      "main.c:2:3: warning: implicit declaration of function 'xil_printf' [-Wimplicit-function-declaration]",
    );
    expect(r.status).toBe('returned');
    expect(r.uart).toBe('x=42 ok\r\n');
  });
});

describe('stack slots in code that cannot run', () => {
  test('an array in the arm GCC drops (a constant condition) shares the slot', async () => {
    // arm-none-eabi-gcc -O0 -fstack-usage: 224 bytes for g. `&g_obj == 0` folds to false, so c
    // is never live and shares a's slot although its block is nested in a's.
    const source = `int g_obj;
int g(int n) {
  int r = 0;
  if (n) { int a[50] = {1, 2, 3}; r += a[n];
    if (&g_obj == (void *)0) { int c[50] = {7}; r += c[n]; }
    r += a[2]; }
  return r;
}
int main(void) { return g(1); }
`;
    const r = await buildC({ 'main.c': source });
    const program = r.program!;
    const g = program.functions.find((fn) => fn.def.sym.name === 'g')!;
    expect(compileProgram(program).frameSizes[g.index]!).toBeLessThanOrEqual(224);
  });
});
