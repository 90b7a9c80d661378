import { describe, expect, test } from 'vitest';
import { buildC, messagesOf, runC } from './testing.ts';

async function messages(main: string, extra: Record<string, string> = {}): Promise<string> {
  return messagesOf(await buildC({ 'main.c': main, ...extra }));
}

describe('GCC 12 diagnostics', () => {
  test('undeclared identifiers: once per function, with the note after the first', async () => {
    expect(await messages('int main(void) {\n  int a = 1;\n  return a + x + x + y;\n}\n')).toBe(
      "main.c: In function 'main':\n" +
        "main.c:3:14: error: 'x' undeclared (first use in this function)\n" +
        'main.c:3:14: note: each undeclared identifier is reported only once for each function it appears in\n' +
        "main.c:3:22: error: 'y' undeclared (first use in this function)\n",
    );
  });

  test('implicit declaration is a warning (GCC 12), then ld cannot find the function', async () => {
    expect(await messages('int main(void) {\n  xil_printf("hi\\n");\n  return 0;\n}\n')).toBe(
      "main.c: In function 'main':\n" +
        "main.c:2:3: warning: implicit declaration of function 'xil_printf' [-Wimplicit-function-declaration]\n" +
        "ld: main.o: in function `main':\n" +
        "main.c:(.text+0xc): undefined reference to `xil_printf'\n" +
        'collect2: error: ld returned 1 exit status\n',
    );
  });

  test('C library functions used without their header: GCC names the header', async () => {
    expect(
      await messages(
        'int main(void) {\n  char b[4];\n  memset(b, 7, 4);\n  return strcmp(b, "x");\n}\n',
      ),
    ).toBe(
      "main.c: In function 'main':\n" +
        "main.c:3:3: warning: implicit declaration of function 'memset' [-Wimplicit-function-declaration]\n" +
        "main.c:1:1: note: include '<string.h>' or provide a declaration of 'memset'\n" +
        "main.c:3:3: warning: incompatible implicit declaration of built-in function 'memset' [-Wbuiltin-declaration-mismatch]\n" +
        // GCC suggests each #include once at its insertion point (line 1 here), then at the use.
        "main.c:3:3: note: include '<string.h>' or provide a declaration of 'memset'\n" +
        "main.c:4:10: warning: implicit declaration of function 'strcmp' [-Wimplicit-function-declaration]\n" +
        "main.c:4:10: note: include '<string.h>' or provide a declaration of 'strcmp'\n",
    );
  });

  test('type errors GCC rejects: struct to int, calling a non-function, argument counts', async () => {
    expect(
      await messages(
        'struct point { int x, y; };\nint main(void) {\n  struct point p = {1, 2};\n  int i;\n  i = p;\n  return i;\n}\n',
      ),
    ).toBe(
      "main.c: In function 'main':\nmain.c:5:3: error: incompatible types when assigning to type 'int' from type 'struct point'\n",
    );
    expect(await messages('int main(void) {\n  int x = 3;\n  return x(2);\n}\n')).toBe(
      "main.c: In function 'main':\nmain.c:3:10: error: called object 'x' is not a function or function pointer\n",
    );
    expect(
      await messages(
        'int add(int a, int b);\nint main(void) {\n  return add(1) + add(1, 2, 3);\n}\n',
      ),
    ).toBe(
      "main.c: In function 'main':\n" +
        "main.c:3:10: error: too few arguments to function 'add'\n" +
        'main.c:1:5: note: declared here\n' +
        "main.c:3:19: error: too many arguments to function 'add'\n" +
        'main.c:1:5: note: declared here\n',
    );
  });

  test('warnings GCC 12 gives for int/pointer mix-ups and unknown type names', async () => {
    const out = await messages(
      'int main(void) {\n  int *p = 5;\n  int i = p;\n  u32 x = 3;\n  return i + x;\n}\n',
    );
    expect(out).toContain(
      "main.c:2:12: warning: initialization of 'int *' from 'int' makes pointer from integer without a cast [-Wint-conversion]",
    );
    expect(out).toContain(
      "main.c:3:11: warning: initialization of 'int' from 'int *' makes integer from pointer without a cast [-Wint-conversion]",
    );
    expect(out).toContain("main.c:4:3: error: unknown type name 'u32'");
    expect(out).not.toContain("'x' undeclared");
  });

  test("types are spelled as GCC does: typedef names with {aka ...}, 'long unsigned int'", async () => {
    const out = await messages(
      'typedef unsigned long u32;\ntypedef struct { int a; } S;\nint main(void) {\n  S s = {1};\n  u32 v = s;\n  unsigned short *p = &v;\n  return 0;\n}\n',
    );
    expect(out).toContain(
      "main.c:5:11: error: incompatible types when initializing type 'u32' {aka 'long unsigned int'} using type 'S' {aka 'struct <anonymous>'}",
    );
    expect(out).toContain(
      "main.c:6:23: warning: initialization of 'short unsigned int *' from incompatible pointer type 'u32 *' {aka 'long unsigned int *'} [-Wincompatible-pointer-types]",
    );
  });

  test("<stdint.h>, <stddef.h>, <stdbool.h> declare their names, with GCC's {aka ...}", async () => {
    // arm-none-eabi-gcc 12 prints exactly the one error for this file.
    expect(
      await messages(
        '#include <stdint.h>\n#include <stddef.h>\n#include <stdbool.h>\nstruct S { int a; };\n' +
          'int main(void) {\n  uint32_t a = 1;\n  int8_t b = -1;\n  size_t n = sizeof a;\n' +
          '  bool t = true;\n  int *p = NULL;\n  struct S s = {1};\n  uint32_t v = s;\n' +
          '  return (int)(a + b + n + t + v) + (p == NULL);\n}\n',
      ),
    ).toBe(
      "main.c: In function 'main':\n" +
        "main.c:12:16: error: incompatible types when initializing type 'uint32_t' {aka 'long unsigned int'} using type 'struct S'\n",
    );
  });

  test('the standard names run with their types; _Bool is a keyword', async () => {
    const out = await runC(
      '#include <stdint.h>\n#include <stdbool.h>\n#include "host.h"\nint main(void) {\n' +
        '  uint8_t u = 255; u++;\n  int8_t i = 127; i++;\n  bool b = 7;\n  _Bool c = (_Bool)2;\n' +
        '  uint64_t w = UINT32_MAX; w++;\n' +
        '  __host_exit(u + (i == -128) * 10 + b * 100 + c * 1000 + (w == 4294967296ULL) * 10000);\n' +
        '  return 0;\n}\n',
    );
    expect(out.messages).toBe('');
    expect(out.thread?.exitCode).toBe(11110);
  });

  test("a program's own typedef of a <stdint.h> name works without the header", async () => {
    expect(
      await messages(
        'typedef unsigned int uint32_t;\ntypedef int bool;\nuint32_t x = 3;\nbool ok;\n' +
          'int main(void) {\n  return (int)x + ok;\n}\n',
      ),
    ).toBe('');
  });

  test("newlib's <string.h>, <stdlib.h>, <math.h> bring size_t and NULL, not <stdint.h>", async () => {
    expect(
      await messages(
        '#include <string.h>\n#include <stdlib.h>\n#include <math.h>\nsize_t n;\nvoid *p = NULL;\nuint8_t u;\n',
      ),
    ).toBe(
      "main.c:6:1: error: unknown type name 'uint8_t'\n" +
        "main.c:4:1: note: 'uint8_t' is defined in header '<stdint.h>'; did you forget to '#include <stdint.h>'?\n",
    );
  });

  test('-Wall (Vitis default): unused variables, falling off the end of a non-void function', async () => {
    expect(
      await messages(`int f(int x) { if (x) return 1; else return 2; }
int g(int x) { switch (x) { case 1: return 3; default: return 4; } }
int h(int x) { while (1) { if (x) return 5; } }
int k(int x) { if (x) return 1; }
int main(void) { int unused; int used = 2; return f(used) + g(1) + h(1) + k(0); }`),
    ).toBe(
      "main.c: In function 'k':\n" +
        'main.c:4:33: warning: control reaches end of non-void function [-Wreturn-type]\n' +
        "main.c: In function 'main':\n" +
        "main.c:5:22: warning: unused variable 'unused' [-Wunused-variable]\n",
    );
  });

  test('-Wall: assignment as a condition, unused static functions and variables (reported last)', async () => {
    expect(
      await messages(
        'static int helper(void) { return 1; }\nstatic int counter;\nstatic inline int quiet(void) { return 2; }\nint main(void) {\n  int x = 0;\n  if (x = 2) return 1;\n  while ((x = 0)) {}\n  return x;\n}\n',
      ),
    ).toBe(
      "main.c: In function 'main':\n" +
        'main.c:6:7: warning: suggest parentheses around assignment used as truth value [-Wparentheses]\n' +
        'main.c: At top level:\n' +
        "main.c:1:12: warning: 'helper' defined but not used [-Wunused-function]\n" +
        "main.c:2:12: warning: 'counter' defined but not used [-Wunused-variable]\n",
    );
  });

  test('interrupt handlers of the wrong type: a warning and the expected type, unless cast', async () => {
    const out = await messages(`typedef void (*Xil_InterruptHandler)(void *data);
void connect(int id, Xil_InterruptHandler h, void *ref);
void timer_isr(void *ref) { (void)ref; }
void bad_isr(int x) { (void)x; }
int main(void) {
  connect(29, timer_isr, 0);
  connect(29, (Xil_InterruptHandler)bad_isr, 0);
  connect(29, bad_isr, 0);
  return 0;
}
void connect(int id, Xil_InterruptHandler h, void *ref) { (void)id; (void)h; (void)ref; }
`);
    expect(out).toBe(
      "main.c: In function 'main':\n" +
        "main.c:8:15: warning: passing argument 2 of 'connect' from incompatible pointer type [-Wincompatible-pointer-types]\n" +
        "main.c:2:43: note: expected 'Xil_InterruptHandler' {aka 'void (*)(void *)'} but argument is of type 'void (*)(int)'\n",
    );
  });

  test('a syntax error is reported once: the checker adds nothing about the broken node', async () => {
    // arm-none-eabi-gcc 12: "d4.c:3:8: error: expected ')' before ';' token" first.
    const out = await messages('int main(void) {\n  int a = 1;\n  foo(a;\n  return a;\n}\n');
    expect(out).toContain("main.c:3:8: error: expected ')' before ';' token");
    expect(out).not.toContain('expected statement');
  });

  test('syntax errors come back with file:line:column', async () => {
    expect(await messages('int main(void) {\n  int x = 3\n  return x;\n}\n')).toBe(
      "main.c: In function 'main':\nmain.c:3:3: error: expected ',' or ';' before 'return'\n",
    );
    expect(await messages('int main(void) {\n  return x +;\n}\n')).toContain(
      "main.c:2:13: error: expected expression before ';' token",
    );
  });

  test('lvalues, const, break outside loops, duplicate cases, unsupported assembly', async () => {
    const out = await messages(
      'int main(void) {\n  const int c = 1;\n  c = 2;\n  (c + 1) = 2;\n  break;\n  switch (c) { case 1: case 1: break; }\n  __asm__ volatile ("mov r0, r1");\n  return 0;\n}\n',
    );
    expect(out).toContain("main.c:3:3: error: assignment of read-only variable 'c'");
    expect(out).toContain('main.c:4:3: error: lvalue required as left operand of assignment');
    expect(out).toContain('main.c:5:3: error: break statement not within loop or switch');
    expect(out).toContain('main.c:6:24: error: duplicate case value');
    expect(out).toContain("main.c:7:3: error: unsupported inline assembly 'mov r0, r1'");
  });

  test('the preprocessor reports a missing header as GCC does', async () => {
    expect(await messages('#include "xil_printf.h"\nint main(void) { return 0; }\n')).toBe(
      'main.c:1:10: fatal error: xil_printf.h: No such file or directory\ncompilation terminated.\n',
    );
  });

  test('locations map back through #include to the header line', async () => {
    const out = await messages('#include "util.h"\nint main(void) { return twice(2); }\n', {
      'util.h': '#pragma once\nstatic int twice(int v) {\n  return v * undefined_thing;\n}\n',
    });
    expect(out).toContain(
      "In file included from main.c:1:\nutil.h: In function 'twice':\nutil.h:3:14: error: 'undefined_thing' undeclared (first use in this function)",
    );
  });
});

describe('GNU ld', () => {
  test('an unresolved function, as ld prints it', async () => {
    expect(
      await messages(
        '#include "xil_io.h"\nint main(void) {\n  Xil_Out32(0x41200000, 1);\n  return 0;\n}\n',
        {
          'xil_io.h': 'void Xil_Out32(unsigned addr, unsigned v);\n',
        },
      ),
    ).toBe(
      "ld: main.o: in function `main':\nmain.c:(.text+0xc): undefined reference to `Xil_Out32'\ncollect2: error: ld returned 1 exit status\n",
    );
  });

  test('a static inline function from a header that was not included fails at link time', async () => {
    const files = {
      'xil_io.h':
        'static inline void Xil_Out32(unsigned a, unsigned v) { *(volatile unsigned *)a = v; }\n',
    };
    const without = await messages(
      'int main(void) {\n  Xil_Out32(0x41200000, 1);\n  return 0;\n}\n',
      files,
    );
    expect(without).toContain("undefined reference to `Xil_Out32'");
    expect(without).toContain('collect2: error: ld returned 1 exit status');
    const withHeader = await buildC({
      'main.c': '#include "xil_io.h"\nint main(void) {\n  return 0;\n}\n',
      ...files,
    });
    expect(withHeader.program).not.toBe(null);
  });

  test('a plain `inline` definition exports no symbol (C99 inline, GCC -O0): undefined reference', async () => {
    const header = { 'sq.h': 'inline int sq(int x) { return x * x; }\n' };
    const plain = await messages('#include "sq.h"\nint main(void) {\n  return sq(3);\n}\n', header);
    expect(plain).toContain("main.c:(.text+0x24): undefined reference to `sq'");
    // One unit with a non-inline declaration provides the external definition (C11 6.7.4p7).
    const fixed = await buildC({
      ...header,
      'main.c': '#include "sq.h"\nint main(void) {\n  return sq(3);\n}\n',
      'sq.c': '#include "sq.h"\nint sq(int x);\n',
    });
    expect(messagesOf(fixed)).toBe('');
    const staticInline = await buildC({
      'main.c': 'static inline int sq(int x) { return x * x; }\nint main(void) { return sq(3); }\n',
    });
    expect(messagesOf(staticInline)).toBe('');
  });

  test('weak definitions yield to strong ones, as the BSP stubs do', async () => {
    const r = await runC({
      'main.c': 'void outbyte(char c);\nint main(void) {\n  outbyte(65);\n  return 0;\n}\n',
      'bsp.c':
        "#include <host.h>\n__attribute__((weak)) void outbyte(char c) { __host_putchar('w'); }\n",
      'mine.c': '#include <host.h>\nvoid outbyte(char c) { __host_putchar(c); }\n',
    });
    expect(r.messages).toBe('');
    expect(r.stdout).toBe('A');
    const alone = await runC({
      'main.c': 'void outbyte(char c);\nint main(void) {\n  outbyte(65);\n  return 0;\n}\n',
      'bsp.c':
        "#include <host.h>\n__attribute__((weak)) void outbyte(char c) { __host_putchar('w'); }\n",
    });
    expect(alone.stdout).toBe('w');
  });

  test('multiple definitions of a function and of a variable', async () => {
    expect(
      await messages(
        'int counter;\nint helper(void) { return 1; }\nint main(void) { return helper(); }\n',
        {
          'other.c': 'int counter;\nint helper(void) { return 2; }\n',
        },
      ),
    ).toBe(
      "ld: other.o: in function `helper':\n" +
        "other.c:(.text+0x0): multiple definition of `helper'; main.o:main.c:(.text+0x0): first defined here\n" +
        "ld: other.o:(.bss+0x0): multiple definition of `counter'; main.o:(.bss+0x0): first defined here\n" +
        'collect2: error: ld returned 1 exit status\n',
    );
  });

  test('statics stay private to their unit; externs resolve across units; code starts at 0x00100000', async () => {
    const r = await buildC({
      'main.c':
        'static int hidden = 1;\nextern int shared;\nint get(void);\nint main(void) { return hidden + shared + get(); }\n',
      'other.c': 'static int hidden = 40;\nint shared = 2;\nint get(void) { return hidden; }\n',
    });
    expect(messagesOf(r)).toBe('');
    expect(r.program!.layout.textStart).toBe(0x00100000);
    expect(r.program!.functions[0]!.address).toBe(0x00100000);
  });
});

describe('diagnostics inside macro expansions, as GCC 12 prints them', () => {
  test('a syntax error in a macro body: in the body, then where the macro was used', async () => {
    const out = await messages(
      '#define CALL(f) f(1 2)\nint g(int, int);\nint main(void) {\n  return CALL(g);\n}\n',
    );
    expect(out).toContain(
      "main.c:1:21: error: expected ')' before numeric constant\n" +
        "main.c:4:10: note: in expansion of macro 'CALL'\n",
    );
  });

  test("a header's macro: the note names the header, after its include chain", async () => {
    const out = await messages(
      '#include "led.h"\nint main(void) {\n  LED(count);\n  return 0;\n}\n',
      {
        'led.h': 'void put(int);\n#define LED(v) put(v)\n',
      },
    );
    expect(out).toContain(
      "main.c:3:7: error: 'count' undeclared (first use in this function)\n" +
        'In file included from main.c:1:\n' +
        "led.h:2:20: note: in definition of macro 'LED'\n",
    );
  });

  test('runtime locations stay at the use: a fault inside a macro names the line of the call', async () => {
    const r = await runC(
      '#define POKE(a) (*(volatile int *)(a) = 1)\nint main(void) {\n  POKE(0xF0000000);\n  return 0;\n}\n',
    );
    expect(r.thread?.fault?.format()).toMatch(/main\.c:3\b/);
  });
});
