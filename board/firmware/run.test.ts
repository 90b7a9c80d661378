import { describe, expect, test } from 'vitest';
import { PRINTF_C, runC } from './testing.ts';

/** Runs main.c with the C printf linked in; returns stdout, failing on any diagnostic error. */
async function output(main: string): Promise<string> {
  const r = await runC({
    'main.c': '#include <host.h>\nint printf(const char *fmt, ...);\n' + main,
    'printf.c': PRINTF_C,
  });
  expect(r.messages).not.toMatch(/error/);
  expect(r.thread?.fault?.format() ?? null).toBe(null);
  expect(r.thread?.state).toBe('exited');
  return r.stdout;
}

describe('execution with GCC ARM semantics', () => {
  test('hello, printf with varargs (AAPCS layout: doubles and long longs 8-aligned)', async () => {
    expect(
      await output(`int main(void) { printf("hi %d %s %c %x|%5d|%05u\\n", -42, "there", 'Z', 0xBEEFu, 7, 42u);
      printf("%lld %f %d\\n", -1234567890123LL, 3.25, 9); return 0; }`),
    ).toBe('hi -42 there Z beef|    7|00042\n-1234567890123 3.250000 9\n');
  });

  test('integer wrap-around, promotions, signed/unsigned, unsigned char', async () => {
    expect(
      await output(`int main(void) {
      int big = 2147483647; big = big + 1;
      unsigned u = 0; u = u - 1;
      char c = 200; signed char sc = 200; short sh = 40000; unsigned short us = 70000;
      printf("%d %u %d %d %d %d\\n", big, u, c, sc, sh, us);
      printf("%d %d\\n", -7 / 2, -7 % 2);
      printf("%d\\n", (unsigned)-1 > 0);
      printf("%d\\n", -1 < (unsigned)1);
      unsigned char x = 255; x++; printf("%d\\n", x);
      int sh2 = -16 >> 2; unsigned sh3 = 0x80000000u >> 4; printf("%d %x\\n", sh2, sh3);
      long long ll = 0x7fffffffffffffffLL; ll++; printf("%lld\\n", ll);
      unsigned long long ull = 1ULL << 40; printf("%llu\\n", ull * 3);
      printf("%d\\n", (int)sizeof(long) + (int)sizeof(long long) * 10 + (int)sizeof(void *) * 100);
      return 0; }`),
    ).toBe(
      '-2147483648 4294967295 200 -56 -25536 4464\n-3 -1\n1\n0\n0\n-4 8000000\n-9223372036854775808\n3298534883328\n484\n',
    );
  });

  test('float (single precision rounding) and double; conversions saturate like VCVT', async () => {
    expect(
      await output(`int main(void) {
      float f = 0.1f; double d = 0.1;
      printf("%d\\n", f == d);
      float acc = 0; for (int i = 0; i < 10; i++) acc += 0.1f;
      printf("%d %d\\n", acc == 1.0f, (int)(acc * 1000000));
      printf("%d %u %d\\n", (int)3e10, (unsigned)-5.0, (int)-2.7);
      printf("%f\\n", 1.0 / 3);
      return 0; }`),
    ).toBe('0\n0 1000000\n2147483647 0 -2\n0.333333\n');
  });

  test('pointers, arrays, pointer arithmetic, strings', async () => {
    expect(
      await output(`
      int sum(const int *p, int n) { int s = 0; while (n--) s += *p++; return s; }
      int main(void) {
        int a[5] = {1, 2, 3};
        int *p = a + 4; *p = 10;
        printf("%d %d %d\\n", sum(a, 5), (int)(p - a), a[3]);
        char s[] = "abc"; char *q = s; q[1] = 'X';
        printf("%s %d\\n", s, (int)sizeof s);
        int m[3][4]; for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) m[i][j] = i * 10 + j;
        printf("%d %d\\n", m[2][3], *(*(m + 1) + 2));
        int **pp = &p; **pp = 99; printf("%d\\n", a[4]);
        return 0; }`),
    ).toBe('16 4 0\naXc 4\n23 12\n99\n');
  });

  test('structs and unions: AAPCS layout, copies, by-value arguments and returns, nesting', async () => {
    expect(
      await output(`#include <stddef.h>
      struct inner { char c; double d; };
      struct outer { char tag; struct inner in; short s[3]; };
      struct point { int x, y; };
      union u { unsigned int w; unsigned char b[4]; };
      struct point add(struct point a, struct point b) { struct point r = { a.x + b.x, a.y + b.y }; return r; }
      void bump(struct point p) { p.x = 1000; }
      int main(void) {
        printf("%d %d %d\\n", (int)sizeof(struct inner), (int)sizeof(struct outer), (int)offsetof(struct outer, s));
        struct point a = {1, 2}, b = {.y = 20, .x = 10};
        struct point c = add(a, b);
        bump(c);
        printf("%d %d\\n", c.x, c.y);
        struct point d; d = c; d.x++; printf("%d %d\\n", c.x, d.x);
        union u v; v.w = 0x11223344; printf("%x %x\\n", v.b[0], v.b[3]);
        struct outer o = { 'a', { 'b', 2.5 }, { 1, 2, 3 } };
        struct outer *po = &o; po->in.d *= 2;
        printf("%c %f %d\\n", po->in.c, o.in.d, o.s[2]);
        struct point ps[2] = {{1, 2}, {3, 4}};
        printf("%d\\n", ps[1].y + add(ps[0], ps[1]).x);
        return 0; }`),
    ).toBe('16 32 24\n11 22\n11 12\n44 11\nb 5.000000 3\n8\n');
  });

  test('control flow: switch fall-through, break/continue, goto, do-while, comma, ?:', async () => {
    expect(
      await output(`
      int classify(int n) {
        int r = 0;
        switch (n) { case 0: r += 1; case 1: r += 10; break; case 5: case 6: r = 56; break; default: r = -1; }
        return r;
      }
      int main(void) {
        printf("%d %d %d %d\\n", classify(0), classify(1), classify(6), classify(9));
        int s = 0;
        for (int i = 0; i < 10; i++) { if (i == 2) continue; if (i == 7) break; s += i; }
        int k = 0; do { k += 3; } while (k < 10);
        int n = 0; again: n++; if (n < 5) goto again;
        int c = (s++, s * 2);
        printf("%d %d %d %d %d\\n", s, k, n, c, s > 10 ? 1 : 2);
        return 0; }`),
    ).toBe('11 10 56 -1\n20 12 5 40 1\n');
  });

  test('every operator, compound assignment, ++/-- on pointers and memory', async () => {
    expect(
      await output(`
      int g[4] = {5, 6, 7, 8};
      int main(void) {
        int a = 13, b = 4;
        printf("%d %d %d %d %d %d %d %d %d %d\\n", a + b, a - b, a * b, a / b, a % b, a << 2, a >> 1, a & b, a | b, a ^ b);
        printf("%d %d %d %d %d %d %d %d\\n", a == b, a != b, a < b, a > b, !a, ~a, a && 0, b || 0);
        a += 2; a -= 1; a *= 3; a /= 2; a %= 8; a <<= 3; a >>= 1; a &= 0xff; a |= 1; a ^= 3;
        int *p = g; p += 2; int x = *p--; int y = *++p;
        g[1] *= 10; g[0]++; --g[3];
        printf("%d %d %d %d %d %d %d\\n", a, x, y, g[0], g[1], g[3], (int)(p - g));
        unsigned char uc = 250; uc += 10; short sv = 1; sv <<= 15;
        printf("%d %d\\n", uc, sv);
        return 0; }`),
    ).toBe('17 9 52 3 1 52 6 4 13 9\n0 1 0 1 0 -14 0 1\n22 7 7 6 60 7 2\n4 -32768\n');
  });

  test('recursion, function pointers, enums, typedefs, static locals, bit-fields', async () => {
    expect(
      await output(`
      typedef int (*binop)(int, int);
      typedef enum { RED, GREEN = 5, BLUE } color;
      static int mul(int a, int b) { return a * b; }
      static int sub(int a, int b) { return a - b; }
      int apply(binop f, int a, int b) { return f(a, b); }
      int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
      int sum(int n) { return n == 0 ? 0 : n + sum(n - 1); }
      int counter(void) { static int n = 100; return n++; }
      struct flags { unsigned a : 3; unsigned b : 5; int c : 4; };
      int main(void) {
        binop ops[2] = { mul, sub };
        color c = BLUE;
        counter(); counter();
        struct flags fl = { 5, 17, -3 };
        fl.a++;
        printf("%d %d %d %d %d\\n", apply(ops[0], 6, 7), (*ops[1])(6, 7), fact(10), c, counter());
        printf("%d %d %d %d\\n", fl.a, fl.b, fl.c, (int)sizeof fl);
        printf("%d\\n", sum(800));
        return 0; }`),
    ).toBe('42 -1 3628800 6 102\n6 17 -3 4\n320400\n');
  });

  test('casts through typedefs that tree-sitter reads as calls and subtractions', async () => {
    expect(
      await output(`
      typedef unsigned short u16;
      typedef unsigned int u32;
      int main(void) {
        int i = 70;
        u16 a = (u16)(i * 1000);
        u32 b = (u32)-1;
        int t = 3; int x = 5;
        t * x;
        int s = (u16)-1 * 2;
        printf("%d %u %d %d\\n", a, b, (int)sizeof(u16) + (int)sizeof(i), s);
        return 0; }`),
    ).toBe('4464 4294967295 6 131070\n');
  });

  test('volatile MMIO through the bus: *(volatile u32 *)ADDR writes reach the device', async () => {
    const writes: string[] = [];
    const { RamBus } = await import('./bus.ts');
    const bus = new RamBus();
    const device = {
      ...bus,
      ram: bus.ram,
      read8: (a: number) => bus.read8(a),
      read16: (a: number) => bus.read16(a),
      read32: (a: number) => (a === 0x41200008 ? 0xcafe : bus.read32(a)),
      write8: (a: number, v: number) => bus.write8(a, v),
      write16: (a: number, v: number) => bus.write16(a, v),
      write32: (a: number, v: number) =>
        a >>> 0 >= 0x41200000
          ? void writes.push(`${a.toString(16)}=${v.toString(16)}`)
          : bus.write32(a, v),
    };
    const r = await (
      await import('./testing.ts')
    ).runC(
      `typedef unsigned int u32;
       #define GPIO 0x41200000
       int main(void) { *(volatile u32 *)GPIO = 1; *(volatile u32 *)(GPIO + 4) = 0xff; return *(volatile u32 *)(GPIO + 8) == 0xcafe; }`,
      { bus: device },
    );
    expect(writes).toEqual(['41200000=1', '41200004=ff']);
    expect(r.thread?.exitCode).toBe(1);
  });
});

describe('library and GNU C extensions', () => {
  test('string.h and stdlib.h members link on demand; malloc uses the lscript heap', async () => {
    expect(
      await output(`#include <string.h>
      #include <stdlib.h>
      int main(void) {
        char buf[16];
        strcpy(buf, "zynq");
        strcat(buf, "-7000");
        int *a = malloc(10 * sizeof(int));
        int *b = malloc(4);
        for (int i = 0; i < 10; i++) a[i] = i * i;
        free(b);
        int *c = malloc(4);
        memset(buf + 4, '!', 1);
        printf("%s %d %d %d %d %d\\n", buf, (int)strlen(buf), strcmp("abc", "abd") < 0, a[9], b == c, atoi("-42"));
        exit(0);
        printf("not reached\\n");
        return 1; }`),
    ).toBe('zynq!7000 9 1 81 1 -42\n');
  });

  test('a learner-defined memset wins over the library (archive semantics)', async () => {
    expect(
      await output(`void *memset(void *d, int c, unsigned n) { printf("mine\\n"); return d; }
      int main(void) { char b[4]; memset(b, 0, 4); return 0; }`),
    ).toBe('mine\n');
  });

  test('statement expressions and mrs/msr, as the Xilinx BSP writes mfcpsr()/mtcpsr()', async () => {
    expect(
      await output(`typedef unsigned int u32;
      #define mfcpsr() ({ u32 rval = 0U; __asm__ __volatile__("mrs %0, cpsr\\n" : "=r" (rval)); rval; })
      #define mtcpsr(v) __asm__ __volatile__("msr cpsr,%0\\n" : : "r" (v))
      int main(void) {
        u32 before = mfcpsr();
        mtcpsr(before & ~0x80u);
        printf("%x %x\\n", before, mfcpsr());
        return 0; }`),
    ).toBe('df 5f\n');
  });
});

describe('a Vitis-style program over several files', () => {
  test('BSP headers with static inline Xil_Out32, xil_printf written in C, GPIO writes on the bus', async () => {
    const { RamBus } = await import('./bus.ts');
    const gpio: string[] = [];
    class Board extends RamBus {
      override write32(addr: number, value: number): void {
        if (addr >>> 0 >= 0x41200000 && addr >>> 0 < 0x41210000)
          gpio.push(`${(addr - 0x41200000).toString(16)}:${value}`);
        else super.write32(addr, value);
      }
      override read32(addr: number): number {
        return addr >>> 0 === 0x41200008 ? 5 : super.read32(addr); // switches on channel 2
      }
    }
    const files = {
      'xil_types.h':
        '#ifndef XIL_TYPES_H\n#define XIL_TYPES_H\ntypedef unsigned char u8;\ntypedef unsigned int u32;\ntypedef int s32;\ntypedef u32 UINTPTR;\n#endif\n',
      'xil_io.h':
        '#ifndef XIL_IO_H\n#define XIL_IO_H\n#include "xil_types.h"\n' +
        'static inline void Xil_Out32(UINTPTR Addr, u32 Value) { volatile u32 *LocalAddr = (volatile u32 *)Addr; *LocalAddr = Value; }\n' +
        'static inline u32 Xil_In32(UINTPTR Addr) { return *(volatile u32 *)Addr; }\n#endif\n',
      'xparameters.h': '#define XPAR_AXI_GPIO_0_BASEADDR 0x41200000\n',
      'xil_printf.h': 'void xil_printf(const char8 *ctrl1, ...);\n'.replace('char8', 'char'),
      'xil_printf.c': `#include <stdarg.h>
#include <host.h>
static void outbyte(char c) { __host_putchar(c); }
void xil_printf(const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  while (*fmt) {
    if (*fmt == '%' && fmt[1] == 'd') {
      int v = va_arg(args, int);
      char digits[12]; int n = 0;
      if (v < 0) { outbyte('-'); v = -v; }
      do { digits[n++] = '0' + v % 10; v /= 10; } while (v > 0);
      while (n > 0) outbyte(digits[--n]);
      fmt += 2;
    } else outbyte(*fmt++);
  }
  va_end(args);
}`,
      'main.c': `#include "xparameters.h"
#include "xil_io.h"
#include "xil_printf.h"
#define GPIO_DATA 0x0
#define GPIO2_DATA 0x8
int main(void) {
  u32 switches = Xil_In32(XPAR_AXI_GPIO_0_BASEADDR + GPIO2_DATA);
  for (int i = 0; i < 3; i++) {
    Xil_Out32(XPAR_AXI_GPIO_0_BASEADDR + GPIO_DATA, (1u << i) | switches);
    xil_printf("LED %d\\r\\n", i);
  }
  return 0;
}`,
    };
    const r = await runC(files, { bus: new Board() });
    expect(r.messages).toBe('');
    expect(r.stdout).toBe('LED 0\r\nLED 1\r\nLED 2\r\n');
    expect(gpio).toEqual(['0:5', '0:7', '0:5']);
  });
});

describe('initializers', () => {
  test('brace elision, nested braces, designators, unknown sizes, strings in structs', async () => {
    expect(
      await output(`struct pt { int x, y; };
      struct named { char name[8]; struct pt at; int tags[2]; };
      float k[3][3] = {1, 2, 1, 2, 4, 2, 1, 2, 1};
      int m[][2] = {1, 2, 3};
      struct pt line[] = {1, 2, {3, 4}, [3] = {7, 8}};
      struct pt two[] = {1, 2, {3, 4}};
      int main(void) {
        struct named n = {"led", 5, 6, {9}};
        struct named copy = n;
        int sparse[5] = {[1] = 10, [3] = 30, 40};
        struct pt *pp = &(struct pt){5, 6};
        int lit = (struct pt){.y = 9}.y + ((int[]){1, 2, 3})[2] + pp->y;
        printf("%d %d %d %d\\n", (int)(k[1][1] + k[2][2]), (int)(sizeof m / sizeof m[0]), m[1][0], m[1][1]);
        printf("%d %d %d %d %d\\n", (int)(sizeof line / sizeof line[0]), line[1].y, line[2].x, line[3].y, (int)(sizeof two / sizeof two[0]));
        printf("%s %d %d %d %d\\n", copy.name, copy.at.x, copy.at.y, copy.tags[0], copy.tags[1]);
        printf("%d %d %d %d %d %d\\n", sparse[0], sparse[1], sparse[2], sparse[3], sparse[4], lit);
        return 0; }`),
    ).toBe('5 2 3 0\n4 4 0 8 2\nled 5 6 9 0\n0 10 0 30 40 18\n');
  });
});

describe('corner cases as GCC on ARM computes them', () => {
  test('narrowing, 64-bit division and shifts, VCVT, layout, bit-field packing, literal types', async () => {
    expect(
      await output(`struct s1 { char a; int b; char c; };
      struct s2 { char a; char b; short c; };
      struct s3 { long long x; char y; };
      union u1 { char c[5]; int i; };
      struct bf { unsigned a : 4, b : 4; unsigned c : 3; };
      int main(void) {
        signed char sc = -128; sc--;
        int i = -1; unsigned u = i;
        short s = -1; unsigned short us = s;
        long long a = -7;
        unsigned long long b = -1;
        double d = -7.9;
        float f = 16777217;
        char *p = "abc";
        struct bf bits = {0xf, 0x1, 5};
        printf("%d %u %d\\n", sc, u >> 28, (int)us);
        printf("%lld %lld %lld %llu\\n", a / 2, a % 2, a >> 1, b >> 60);
        printf("%d %d %d %d\\n", (int)d, (unsigned char)300.7, (int)f, p[3]);
        printf("%d %d %d %d %d\\n", (int)sizeof(struct s1), (int)sizeof(struct s2), (int)sizeof(struct s3), (int)sizeof(union u1), (int)sizeof bits);
        printf("%x %d\\n", *(unsigned char *)&bits, bits.c);
        printf("%d %d %d %d %d\\n", (1 ? -1 : 0u) > 0, (unsigned char)200 > (signed char)-1, -0x80000000 > 0, -2147483648 < 0, (int)sizeof(2147483648));
        switch (-3) { case -3: printf("neg\\n"); break; default: printf("def\\n"); }
        return 0; }`),
    ).toBe('127 15 65535\n-3 -1 -4 15\n-7 44 16777216 0\n12 4 16 8 4\n1f 5\n1 1 1 1 8\nneg\n');
  });
});

describe('driver-style code', () => {
  test('a GIC-like handler table of function pointers with void * refs, struct returns, varargs of doubles and structs', async () => {
    expect(
      await output(`#include <stdarg.h>
typedef void (*Handler)(void *ref);
typedef struct { Handler handler; void *ref; } Entry;
typedef struct { int id; Entry table[4]; } Gic;
static int hits;
static void timer(void *ref) { hits += *(int *)ref; }
static void uart(void *ref) { hits += 100 * ((Gic *)ref)->id; }
void dispatch(Gic *g, int id) { Entry *e = &g->table[id]; if (e->handler) e->handler(e->ref); }
struct big { int a[5]; double d; };
struct big make(int k) { struct big b = {{k, k + 1}, k * 0.5}; return b; }
double sumd(int n, ...) { va_list ap; va_start(ap, n); double s = 0; while (n--) s += va_arg(ap, double); va_end(ap); return s; }
struct pair { short x; char y; };
int sump(int n, ...) { va_list ap; va_start(ap, n); int s = 0; while (n--) { struct pair p = va_arg(ap, struct pair); s += p.x * 10 + p.y; } va_end(ap); return s; }
int main(void) {
  Gic gic = { 7 };
  int inc = 3;
  gic.table[1].handler = timer; gic.table[1].ref = &inc;
  gic.table[2] = (Entry){ uart, &gic };
  dispatch(&gic, 1); dispatch(&gic, 2); dispatch(&gic, 0);
  struct big arr[2];
  arr[1] = make(4);
  struct big *pb = &arr[1];
  struct big **ppb = &pb;
  float fl = 1.5f;
  struct pair p1 = {2, 3}, p2 = {4, 5};
  printf("%d %d %d %f %f %d\\n", hits, (*ppb)->a[1], make(9).a[0], arr[1].d, sumd(3, 1.0, fl, 2.25), sump(2, p1, p2));
  return 0;
}`),
    ).toBe('703 5 9 2.000000 4.750000 68\n');
  });
});

describe('nested designators', () => {
  test('.at.x = 1 and [2].y = 3 reach the named sub-object', async () => {
    expect(
      await output(`struct pt { int x, y; };
      struct box { struct pt at; struct pt size; };
      struct box b = { .at.x = 1, .size.y = 2 };
      struct pt line[3] = { [2].y = 3, [0].x = 4 };
      int main(void) {
        struct box local = { .size.x = 5, .at = { 6, 7 } };
        printf("%d %d %d %d %d %d %d %d\\n", b.at.x, b.size.y, b.at.y, line[2].y, line[0].x, local.size.x, local.at.y, line[1].x);
        return 0; }`),
    ).toBe('1 2 0 3 4 5 7 0\n');
  });
});

describe('const sizes', () => {
  test('`const int N = 8; int a[N];` (a VLA to GCC) is laid out as a fixed array', async () => {
    expect(
      await output(`const int ROWS = 3;
      int main(void) {
        const int COLS = 4;
        int grid[ROWS][COLS];
        for (int r = 0; r < ROWS; r++) for (int c = 0; c < COLS; c++) grid[r][c] = r * COLS + c;
        printf("%d %d\\n", (int)sizeof grid, grid[2][3]);
        return 0; }`),
    ).toBe('48 11\n');
  });
});

describe('GNU attributes', () => {
  test('aligned(N) on globals and locals, packed structs (prefix and postfix), as Xilinx DMA examples write them', async () => {
    expect(
      await output(`typedef unsigned char u8;
static u8 pad;
static u8 TxBuffer[100] __attribute__ ((aligned(64)));
struct __attribute__((packed)) hdr { u8 kind; unsigned len; };
struct tail { u8 kind; unsigned short len; } __attribute__((packed));
int main(void) {
  u8 local[16] __attribute__((aligned(32)));
  pad = 1;
  struct hdr h = { 1, 0x01020304 };
  printf("%d %d %d %d %d %d\\n", ((unsigned)TxBuffer & 63) == 0, ((unsigned)local & 31) == 0, (int)sizeof(struct hdr), (int)sizeof(struct tail), ((u8 *)&h)[1], (int)h.len);
  return 0;
}`),
    ).toBe('1 1 5 3 4 16909060\n');
  });
});
