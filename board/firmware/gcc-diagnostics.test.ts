/**
 * The C mistakes a learner makes most (a missing ';', ')' or '}', an unknown type name, an
 * undeclared identifier, an implicitly declared function) must be reported as on a real Xilinx
 * toolchain: GCC 12's first message, at GCC's line and column, in GCC's words. Issue 14 item 7.
 *
 * Each `gcc` below is the first diagnostic line arm-none-eabi-gcc 12.2.1 (Debian
 * gcc-arm-none-eabi 15:12.2.rel1-1) printed for `source` saved as main.c, with the board's BSP
 * headers, from the repository root:
 *
 *   LC_ALL=C arm-none-eabi-gcc -fsyntax-only -std=gnu11 -Wall -I board/bsp/include main.c
 *
 * LC_ALL=C because GCC then quotes with ASCII apostrophes ('x') rather than the UTF-8 quotes it
 * uses in a UTF-8 locale; the engine always prints the ASCII form (diagnostics.ts), which reads
 * the same in every terminal and editor font and is what the graders' regular expressions match.
 * -Wall because the engine reports -Wall's warnings, as Vitis builds with it.
 * `ld` is GNU ld's message when the same file is linked:
 *
 *   LC_ALL=C arm-none-eabi-gcc -std=gnu11 -I board/bsp/include --specs=nosys.specs main.c
 *
 * The last test runs GCC itself on every case when it is installed (.ci/run installs it), so the
 * table cannot drift from the real compiler.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { nodeEnv } from '../bsp/bsp.ts';
import { BoardSession } from '../session.ts';

interface Case {
  readonly name: string;
  readonly source: string;
  /** GCC's first diagnostic line (an error, or the warning an implicit declaration gets). */
  readonly gcc: string;
  /** ld's message when the program is linked. */
  readonly ld?: string;
  /** Every error, warning and note line GCC prints, in order, where the engine prints them all. */
  readonly lines?: readonly string[];
}

/** GCC 12's note for a C library name used without its header (check/known-headers.ts). */
const forgot = (at: string, name: string, header: string): string =>
  `main.c:${at}: note: '${name}' is defined in header '<${header}>'; did you forget to '#include <${header}>'?`;
const EACH_ONCE =
  'note: each undeclared identifier is reported only once for each function it appears in';
/**
 * The BSP's include directory as the engine names it in messages; GCC's output names it by the -I
 * path it was given, which the live test below maps to this.
 */
const BSP = '/bsp/include';
const inDefinition = (at: string, macro: string): string =>
  `${at}: note: in definition of macro '${macro}'`;
const inExpansion = (at: string, macro: string): string =>
  `${at}: note: in expansion of macro '${macro}'`;

const CASES: Case[] = [
  {
    name: "missing ';' after an assignment, before the next statement: at the gap",
    source: 'int main(void) {\n  int x, y;\n  x = 1\n  y = 2;\n  return x + y;\n}\n',
    gcc: "main.c:3:8: error: expected ';' before 'y'",
  },
  {
    name: "missing ';' before 'return'",
    source: 'int main(void) {\n  int x = 1;\n  x = x + 1\n  return x;\n}\n',
    gcc: "main.c:3:12: error: expected ';' before 'return'",
  },
  {
    name: "missing ';' after a call, before 'return'",
    source:
      '#include "xil_printf.h"\n\nint main(void) {\n  xil_printf("done\\n")\n  return 0;\n}\n',
    gcc: "main.c:4:23: error: expected ';' before 'return'",
  },
  {
    name: "missing ';' with tab indentation: display columns, tabs to 8",
    source: 'int main(void) {\n\tint x = 1;\n\tx = x + 1\n\treturn x;\n}\n',
    gcc: "main.c:3:18: error: expected ';' before 'return'",
  },
  {
    name: "missing ';' before '}' (return x })",
    source: 'int main(void) {\n  int x = 1;\n  return x\n}\n',
    gcc: "main.c:3:11: error: expected ';' before '}' token",
  },
  {
    name: "missing ';' before '}' in an if block",
    source: 'int main(void) {\n  int x = 1;\n  if (x) {\n    x = 2\n  }\n  return x;\n}\n',
    gcc: "main.c:4:10: error: expected ';' before '}' token",
  },
  {
    name: "missing ';' between two calls",
    source:
      '#include "xil_printf.h"\n\nint main(void) {\n  xil_printf("a")\n  xil_printf("b");\n  return 0;\n}\n',
    gcc: "main.c:4:18: error: expected ';' before 'xil_printf'",
  },
  {
    name: "missing ';' after break, before case",
    source:
      'int f(int k) {\n  int r = 0;\n  switch (k) {\n  case 1:\n    r = 10;\n    break\n  case 2:\n    r = 20;\n    break;\n  }\n  return r;\n}\n',
    gcc: "main.c:6:10: error: expected ';' before 'case'",
  },
  {
    name: "missing ';' after do-while",
    source: 'int main(void) {\n  int i = 0;\n  do {\n    i++;\n  } while (i < 3)\n  return i;\n}\n',
    gcc: "main.c:5:18: error: expected ';' before 'return'",
  },
  {
    name: "missing ';' after int n = 0, before a call (the issue's example)",
    source:
      '#include "xil_io.h"\n\nint main(void) {\n  int n = 0\n  Xil_Out32(0x41200000, n);\n  return 0;\n}\n',
    gcc: "main.c:5:3: error: expected ',' or ';' before 'Xil_Out32'",
  },
  {
    name: "missing ';' after a declaration, before another declaration",
    source: 'int main(void) {\n  int n = 0\n  int m = 1;\n  return n + m;\n}\n',
    gcc: "main.c:3:3: error: expected ',' or ';' before 'int'",
  },
  {
    name: "missing ';' after a declaration without initializer",
    source: 'int main(void) {\n  int n\n  n = 1;\n  return n;\n}\n',
    gcc: "main.c:3:3: error: expected '=', ',', ';', 'asm' or '__attribute__' before 'n'",
  },
  {
    name: "missing ';' after a struct definition",
    source:
      'struct point {\n  int x;\n  int y;\n}\n\nint main(void) {\n  struct point p = {1, 2};\n  return p.x + p.y;\n}\n',
    gcc: "main.c:6:1: error: expected ';', identifier or '(' before 'int'",
  },
  {
    name: "missing ';' after a typedef'd struct",
    source:
      'typedef struct {\n  int x;\n  int y;\n} point_t\n\nint main(void) {\n  point_t p = {1, 2};\n  return p.x;\n}\n',
    gcc: "main.c:4:10: error: expected ';' before 'int'",
  },
  {
    name: "missing ')' in a call",
    source:
      '#include "xil_printf.h"\n\nint main(void) {\n  int x = 5;\n  xil_printf("%d\\n", x;\n  return 0;\n}\n',
    gcc: "main.c:5:23: error: expected ')' before ';' token",
  },
  {
    name: "missing ')' in a nested call",
    source:
      '#include "xil_io.h"\n\nint main(void) {\n  Xil_Out32(0x41200000, Xil_In32(0x41200008);\n  return 0;\n}\n',
    gcc: "main.c:4:45: error: expected ')' before ';' token",
  },
  {
    name: "missing ')' in a call in an initializer",
    source: 'int add(int a, int b);\nint main(void) {\n  int s = add(1, 2;\n  return s;\n}\n',
    gcc: "main.c:3:19: error: expected ')' before ';' token",
  },
  {
    name: "missing ')' in a parenthesized expression",
    source: 'int main(void) {\n  int a = 1, b = 2, c = 3;\n  int x = (a + b * c;\n  return x;\n}\n',
    gcc: "main.c:3:21: error: expected ')' before ';' token",
  },
  {
    name: "missing ')' in an if condition, before '{'",
    source:
      '#include "xil_io.h"\n\nint main(void) {\n  u32 sw = Xil_In32(0x41200008);\n  if (sw & 1 {\n    Xil_Out32(0x41200000, 0xFF);\n  }\n  return 0;\n}\n',
    gcc: "main.c:5:13: error: expected ')' before '{' token",
  },
  {
    name: "missing ')' in an if condition ending in a call",
    source:
      'int ready(void);\nint main(void) {\n  if (ready() {\n    return 1;\n  }\n  return 0;\n}\n',
    gcc: "main.c:3:14: error: expected ')' before '{' token",
  },
  {
    name: "missing ')' in an if condition without braces",
    source: 'int main(void) {\n  int x = 0;\n  if (x > 0\n    x = 1;\n  return x;\n}\n',
    gcc: "main.c:3:12: error: expected ')' before 'x'",
  },
  {
    name: "missing ')' in a while condition",
    source: 'int main(void) {\n  int i = 0;\n  while (i < 10 {\n    i++;\n  }\n  return i;\n}\n',
    gcc: "main.c:3:16: error: expected ')' before '{' token",
  },
  {
    name: "missing ')' in a while condition without braces",
    source: 'int main(void) {\n  int i = 0;\n  while (i < 3\n    i++;\n  return i;\n}\n',
    gcc: "main.c:3:15: error: expected ')' before 'i'",
  },
  {
    name: "missing ')' in a for header",
    source:
      'int main(void) {\n  int s = 0;\n  for (int i = 0; i < 8; i++ {\n    s += i;\n  }\n  return s;\n}\n',
    gcc: "main.c:3:29: error: expected ')' before '{' token",
  },
  {
    name: "missing ')' in a static function's parameter list",
    source:
      '#include "xil_types.h"\n\nstatic u32 twice(u32 v {\n  return 2 * v;\n}\n\nint main(void) {\n  return (int)twice(2);\n}\n',
    gcc: "main.c:3:24: error: expected ';', ',' or ')' before '{' token",
  },
  {
    name: "missing ')' in a function definition's parameter list",
    source: 'int add(int a, int b {\n  return a + b;\n}\n',
    gcc: "main.c:1:22: error: expected ';', ',' or ')' before '{' token",
  },
  {
    name: "missing ')' in a prototype, before a function definition (GNU forward parameters)",
    source:
      '#include "xil_types.h"\n\nvoid blink(u32 mask, u32 times;\n\nint main(void) {\n  return 0;\n}\n',
    gcc: "main.c:5:16: error: expected ';', ',' or ')' before '{' token",
  },
  {
    name: "missing ')' in a prototype, followed by another prototype",
    source:
      'void blink(unsigned mask, unsigned times;\nvoid other(void);\n\nint main(void) {\n  return 0;\n}\n',
    gcc: "main.c:4:16: error: expected ';', ',' or ')' before '{' token",
  },
  {
    name: "missing ')' after the last parameter name",
    source: 'void blink(unsigned mask\n\nint main(void) {\n  return 0;\n}\n',
    gcc: "main.c:3:1: error: expected ';', ',' or ')' before 'int'",
  },
  {
    name: "an extra ')' in an initializer",
    source: 'int f(int v);\nint main(void) {\n  int x = f(1));\n  return x;\n}\n',
    gcc: "main.c:3:15: error: expected ',' or ';' before ')' token",
  },
  {
    name: "an extra ')' in a call statement",
    source: 'void f(int v);\nint main(void) {\n  f(1));\n  return 0;\n}\n',
    gcc: "main.c:3:7: error: expected ';' before ')' token",
  },
  {
    name: "missing '}' of a for loop: end of input",
    source:
      '#include "xil_io.h"\n\nint main(void) {\n  for (int i = 0; i < 8; i++) {\n    Xil_Out32(0x41200000, 1u << i);\n  return 0;\n}\n',
    gcc: 'main.c:7:1: error: expected declaration or statement at end of input',
  },
  {
    name: "missing '}' of a function: end of input",
    source: '#include "xil_printf.h"\n\nint main(void) {\n  xil_printf("hi\\n");\n  return 0;\n',
    gcc: 'main.c:5:3: error: expected declaration or statement at end of input',
  },
  {
    name: "missing '}' swallowing the next function (GNU nested function): end of input",
    source:
      'int main(void) {\n  int s = 0;\n  for (int i = 0; i < 8; i++) {\n    s += i;\n\n  return s;\n}\n\nint g(void) {\n  return 1;\n}\n',
    gcc: 'main.c:11:1: error: expected declaration or statement at end of input',
  },
  {
    name: "an extra '}' at the end of the file",
    source:
      '#include "xil_printf.h"\n\nint main(void) {\n  xil_printf("hi\\n");\n  return 0;\n}\n}\n',
    gcc: "main.c:7:1: error: expected identifier or '(' before '}' token",
  },
  {
    name: "an extra '}' closing the function early",
    source: 'int main(void) {\n  int x = 1;\n  if (x) {\n    x = 2;\n  }}\n  return x;\n}\n',
    gcc: "main.c:6:3: error: expected identifier or '(' before 'return'",
  },
  {
    name: 'unknown type name uint32, a near BSP typedef suggested',
    source: '#include "xil_types.h"\n\nint main(void) {\n  uint32 x = 3;\n  return (int)x;\n}\n',
    gcc: "main.c:4:3: error: unknown type name 'uint32'; did you mean 'sint32'?",
  },
  {
    name: 'unknown type name u23, a transposition of u32',
    source: '#include "xil_types.h"\n\nint main(void) {\n  u23 v = 3;\n  return (int)v;\n}\n',
    gcc: "main.c:4:3: error: unknown type name 'u23'; did you mean 'u32'?",
  },
  {
    name: 'unknown type name in a pointer declaration',
    source: '#include "xil_types.h"\n\nint main(void) {\n  uint32 *p = 0;\n  return p != 0;\n}\n',
    gcc: "main.c:4:3: error: unknown type name 'uint32'; did you mean 'sint32'?",
  },
  {
    name: 'unknown type name in a parameter: a keyword suggested',
    source: 'void show(uint8 v);\n\nint main(void) {\n  return 0;\n}\n',
    gcc: "main.c:1:11: error: unknown type name 'uint8'; did you mean 'int'?",
  },
  {
    name: "unknown type name in a parameter: xil_types.h brings <stdint.h>'s uint8_t",
    source: '#include "xil_types.h"\n\nvoid show(uint8 v);\n\nint main(void) {\n  return 0;\n}\n',
    gcc: "main.c:3:11: error: unknown type name 'uint8'; did you mean 'uint8_t'?",
  },
  {
    name: 'unknown type name after static: no suggestion (c_parser_declspecs)',
    source:
      '#include "xil_types.h"\n\nstatic Xuint32 count;\n\nint main(void) {\n  return (int)count;\n}\n',
    gcc: "main.c:3:8: error: unknown type name 'Xuint32'",
  },
  {
    name: 'unknown type name in a struct member',
    source:
      'struct regs {\n  uint32 data;\n  unsigned tri;\n};\n\nint main(void) {\n  return 0;\n}\n',
    gcc: "main.c:2:3: error: unknown type name 'uint32'",
  },
  {
    name: 'unknown type name in a struct member, no suggestion even when one is near',
    source: '#include "xil_types.h"\nstruct r { uint32 data; };\n',
    gcc: "main.c:2:12: error: unknown type name 'uint32'",
  },
  {
    name: 'unknown type name after const: no suggestion',
    source: '#include "xil_types.h"\nint main(void) {\n  const uint32 x = 1;\n  return x;\n}\n',
    gcc: "main.c:3:9: error: unknown type name 'uint32'",
  },
  {
    name: 'unknown type name after volatile',
    source:
      '#include "xil_types.h"\nint main(void) {\n  volatile u23 *p = 0;\n  return p != 0;\n}\n',
    gcc: "main.c:3:12: error: unknown type name 'u23'",
  },
  {
    name: 'unknown type name at file scope',
    source: '#include "xil_types.h"\nuint32 g;\n',
    gcc: "main.c:2:1: error: unknown type name 'uint32'; did you mean 'sint32'?",
  },
  {
    name: 'unknown type name in a file-scope pointer',
    source: '#include "xil_types.h"\nuint32 *g;\n',
    gcc: "main.c:2:1: error: unknown type name 'uint32'; did you mean 'sint32'?",
  },
  {
    name: 'unknown type name after const in a parameter',
    source: '#include "xil_types.h"\nvoid f(const uint32 v);\n',
    gcc: "main.c:2:14: error: unknown type name 'uint32'",
  },
  {
    name: 'unknown type name declaring two variables',
    source: '#include "xil_types.h"\nint main(void) {\n  uint32 x, y;\n  return 0;\n}\n',
    gcc: "main.c:3:3: error: unknown type name 'uint32'; did you mean 'sint32'?",
  },
  {
    name: "unknown type name in a for loop's declaration",
    source:
      '#include "xil_types.h"\nint main(void) {\n  for (uint32 i = 0; i < 3; i++) {}\n  return 0;\n}\n',
    gcc: "main.c:3:8: error: unknown type name 'uint32'; did you mean 'sint32'?",
  },
  {
    name: "unknown type name as a function's return type",
    source: '#include "xil_types.h"\nuint32 f(void) { return 0; }\n',
    gcc: "main.c:2:1: error: unknown type name 'uint32'; did you mean 'sint32'?",
  },
  {
    name: "a struct tag used without 'struct'",
    source: 'struct point { int x; };\nint main(void) {\n  point p;\n  p.x = 1;\n  return 0;\n}\n',
    gcc: "main.c:3:3: error: unknown type name 'point'; use 'struct' keyword to refer to the type",
  },
  {
    name: "an enum tag used without 'enum'",
    source: 'enum color { RED };\nint main(void) {\n  color c = RED;\n  return c;\n}\n',
    gcc: "main.c:3:3: error: unknown type name 'color'; use 'enum' keyword to refer to the type",
  },
  {
    name: 'an unknown type name in sizeof: undeclared',
    source: '#include "xil_types.h"\nint main(void) {\n  return sizeof(uint32);\n}\n',
    gcc: "main.c:3:17: error: 'uint32' undeclared (first use in this function); did you mean 'sint32'?",
  },
  {
    name: 'an unknown type name in a cast: undeclared',
    source: '#include "xil_types.h"\nint main(void) {\n  int x = (uint32)3;\n  return x;\n}\n',
    gcc: "main.c:3:12: error: 'uint32' undeclared (first use in this function); did you mean 'sint32'?",
  },
  {
    name: "undeclared identifier, with GCC's once-per-function note",
    source:
      '#include "xil_io.h"\n\nint main(void) {\n  u32 leds = 0;\n  Xil_Out32(LED_BASE, leds);\n  Xil_Out32(LED_BASE + 4, 0);\n  return 0;\n}\n',
    gcc: "main.c:5:13: error: 'LED_BASE' undeclared (first use in this function)",
  },
  {
    name: 'undeclared identifiers, each reported once',
    source: 'int main(void) {\n  int a = b + 1;\n  a += b;\n  return a + c;\n}\n',
    gcc: "main.c:2:11: error: 'b' undeclared (first use in this function)",
  },
  {
    name: 'undeclared identifier, a near local suggested',
    source:
      'int main(void) {\n  int count = 0;\n  for (int i = 0; i < 4; i++) {\n    cuont += i;\n  }\n  return count;\n}\n',
    gcc: "main.c:4:5: error: 'cuont' undeclared (first use in this function); did you mean 'count'?",
  },
  {
    name: 'undeclared identifier, a near BSP macro suggested',
    source:
      '#include "xparameters.h"\n\nint main(void) {\n  unsigned base = XPAR_AXI_GPIO_0_BASEADR;\n  return (int)base;\n}\n',
    gcc: "main.c:4:19: error: 'XPAR_AXI_GPIO_0_BASEADR' undeclared (first use in this function); did you mean 'XPAR_AXI_GPIO_0_BASEADDR'?",
  },
  {
    name: 'undeclared identifier at file scope',
    source: 'int table[SIZE];\n\nint main(void) {\n  return table[0];\n}\n',
    gcc: "main.c:1:11: error: 'SIZE' undeclared here (not in a function)",
  },
  {
    name: 'implicit declaration of a function, then the link error',
    source:
      '#include "xil_io.h"\n\nint main(void) {\n  Xil_Out32(0x41200000, 1);\n  delay_ms(100);\n  return 0;\n}\n',
    gcc: "main.c:5:3: warning: implicit declaration of function 'delay_ms' [-Wimplicit-function-declaration]",
    ld: "undefined reference to `delay_ms'",
  },
  {
    name: 'implicit declaration in an initializer, then the link error',
    source: 'int main(void) {\n  int r = compute(3);\n  return r;\n}\n',
    gcc: "main.c:2:11: warning: implicit declaration of function 'compute' [-Wimplicit-function-declaration]",
    ld: "undefined reference to `compute'",
  },
  {
    name: 'implicit declaration of a misspelt BSP function, a near function suggested',
    source:
      '#include "xil_printf.h"\n\nint main(void) {\n  xil_print("hello\\n");\n  return 0;\n}\n',
    gcc: "main.c:4:3: warning: implicit declaration of function 'xil_print'; did you mean 'xil_printf'? [-Wimplicit-function-declaration]",
    ld: "undefined reference to `xil_print'",
  },
  {
    name: 'a misspelt keyword (unsigend int): an undeclared name, as GCC reads it',
    source: 'int main(void) {\n  unsigend int m = 3;\n  return m;\n}\n',
    gcc: "main.c:2:3: error: 'unsigend' undeclared (first use in this function)",
  },
  {
    name: 'a misspelt keyword after other statements',
    source: 'int main(void) {\n  int x = 1;\n  unsigend char c = 3;\n  return x + c;\n}\n',
    gcc: "main.c:3:3: error: 'unsigend' undeclared (first use in this function)",
  },
  {
    name: 'a misspelt qualifier (cosnt int)',
    source: 'int main(void) {\n  cosnt int m = 3;\n  return m;\n}\n',
    gcc: "main.c:2:3: error: 'cosnt' undeclared (first use in this function)",
  },
  {
    name: 'a misspelt keyword at file scope',
    source: 'unsigend int g = 3;\nint main(void) {\n  return g;\n}\n',
    gcc: "main.c:1:9: error: expected ';' before 'int'",
  },
  {
    name: "',' instead of ';' in a for header",
    source:
      'int main(void) {\n  int s = 0;\n  for (int i = 0, i < 8; i++) {\n    s += i;\n  }\n  return s;\n}\n',
    gcc: "main.c:3:21: error: expected '=', ',', ';', 'asm' or '__attribute__' before '<' token",
  },
  {
    name: 'if without parentheses',
    source: 'int main(void) {\n  int x = 1;\n  if x > 0 {\n    x = 2;\n  }\n  return x;\n}\n',
    gcc: "main.c:3:6: error: expected '(' before 'x'",
  },
  {
    name: "missing ')' after a string argument",
    source: '#include "xil_printf.h"\nint main(void) {\n  xil_printf("hello\\n";\n  return 0;\n}\n',
    gcc: "main.c:3:23: error: expected ')' before ';' token",
  },
  {
    name: 'an unterminated string literal',
    source: '#include "xil_printf.h"\nint main(void) {\n  xil_printf("hello\\n);\n  return 0;\n}\n',
    gcc: 'main.c:3:14: warning: missing terminating " character',
  },
  {
    name: "missing ']' in a subscript",
    source: 'int main(void) {\n  int a[4] = {1, 2, 3, 4};\n  return a[2;\n}\n',
    gcc: "main.c:3:13: error: expected ']' before ';' token",
  },
  {
    name: "missing ',' between arguments",
    source: 'int f(int a, int b) {\n  return a + b;\n}\nint main(void) {\n  return f(1 2);\n}\n',
    gcc: "main.c:5:13: error: expected ')' before numeric constant",
  },
  {
    name: 'else without if',
    source: 'int main(void) {\n  int x = 1;\n  else {\n    x = 2;\n  }\n  return x;\n}\n',
    gcc: "main.c:3:3: error: 'else' without a previous 'if'",
  },
  {
    name: "'==' in a declaration",
    source: 'int main(void)\n{\n  int x == 1;\n  return x;\n}\n',
    gcc: "main.c:3:9: error: expected '=', ',', ';', 'asm' or '__attribute__' before '==' token",
  },
  {
    name: "a void function's value used",
    source: 'void f(void) {\n  return;\n}\nint main(void) {\n  int x = f();\n  return x;\n}\n',
    gcc: 'main.c:5:11: error: void value not ignored as it ought to be',
  },
  {
    name: "missing ';' after a BSP call in an initializer",
    source:
      '#include "xil_io.h"\nint main(void) {\n  u32 v = Xil_In32(0x41200008)\n  Xil_Out32(0x41200000, v);\n  return 0;\n}\n',
    gcc: "main.c:4:3: error: expected ',' or ';' before 'Xil_Out32'",
  },
  {
    name: "missing '}' of a while loop",
    source: 'int main(void) {\n  int x = 1;\n  while (x < 10) {\n    x++;\n  \n  return x;\n}\n',
    gcc: 'main.c:7:1: error: expected declaration or statement at end of input',
  },
  {
    name: "missing '}' of a switch",
    source:
      'int main(void) {\n  int x = 1;\n  switch (x) {\n  case 1:\n    x = 2;\n    break;\n  return x;\n}\n',
    gcc: 'main.c:8:1: error: expected declaration or statement at end of input',
  },
  {
    name: "missing ';' after x++ before '}'",
    source: 'int main(void) {\n  int x = 1;\n  x++\n}\n',
    gcc: "main.c:3:6: error: expected ';' before '}' token",
  },
  {
    name: 'undeclared identifier differing in case: a suggestion',
    source: 'int main(void) {\n  int count = 0;\n  Count++;\n  return count;\n}\n',
    gcc: "main.c:3:3: error: 'Count' undeclared (first use in this function); did you mean 'count'?",
  },
  {
    name: 'implicit declaration of a misspelt function: a suggestion',
    source: 'int add(int a, int b);\nint main(void) {\n  return ad(1, 2);\n}\n',
    gcc: "main.c:3:10: warning: implicit declaration of function 'ad'; did you mean 'add'? [-Wimplicit-function-declaration]",
    ld: "undefined reference to `ad'",
  },
  {
    name: "missing ';' between two declarations with a typedef",
    source:
      'typedef unsigned int u32;\nint main(void) {\n  u32 x = 1\n  u32 y = 2;\n  return x + y;\n}\n',
    gcc: "main.c:4:3: error: expected ',' or ';' before 'u32'",
  },
  {
    name: "an extra '}' after the function",
    source: 'int main(void) {\n  int x = 1;\n  return x;\n}\n}\n',
    gcc: "main.c:5:1: error: expected identifier or '(' before '}' token",
  },
  {
    name: "missing ')' in an assignment's parentheses",
    source: 'int main(void) {\n  int x = 1;\n  x = (x + 1;\n  return x;\n}\n',
    gcc: "main.c:3:13: error: expected ')' before ';' token",
  },
  {
    name: 'a binary operator with no right operand',
    source: 'int main(void) {\n  int x;\n  x = 1 +;\n  return x;\n}\n',
    gcc: "main.c:3:10: error: expected expression before ';' token",
  },
  {
    name: "missing ',' after a macro argument: at the next token",
    source:
      '#include "xil_io.h"\n#define LED_BASE 0x41200000\nint main(void) {\n  Xil_Out32(LED_BASE 0xFF);\n  return 0;\n}\n',
    gcc: "main.c:4:22: error: expected ')' before numeric constant",
  },
  {
    name: "missing ',' between two arguments",
    source:
      '#include "xil_io.h"\nint main(void) {\n  Xil_Out32(0x41200000 0xFF);\n  return 0;\n}\n',
    gcc: "main.c:3:23: error: expected ')' before numeric constant",
  },
  {
    name: "missing '}' of an initializer list",
    source: 'int main(void) {\n  int arr[3] = {1, 2, 3;\n  return arr[0];\n}\n',
    gcc: "main.c:2:24: error: expected '}' before ';' token",
  },
  {
    name: "missing operand before ';'",
    source: 'int main(void) {\n  int x = 5;\n  return x * ;\n}\n',
    gcc: "main.c:3:14: error: expected expression before ';' token",
  },
  {
    name: "a function body without '{'",
    source: 'int square(int v)\n  return v * v;\n}\n',
    gcc: "main.c:2:3: error: expected declaration specifiers before 'return'",
  },
  {
    name: 'an unterminated string in a declaration',
    source: 'int main(void) {\n  char *s = "abc;\n  return 0;\n}\n',
    gcc: 'main.c:2:13: warning: missing terminating " character',
  },
  {
    name: 'else if without a condition',
    source:
      'int main(void) {\n  int x = 1;\n  if (x) \n    x = 2;\n  else if {\n    x = 3;\n  }\n  return x;\n}\n',
    gcc: "main.c:5:11: error: expected '(' before '{' token",
  },
  {
    name: "missing ';' after a global declaration with an initializer",
    source:
      '#include "xil_types.h"\nu32 counter = 0\n\nint main(void) {\n  return (int)counter;\n}\n',
    gcc: "main.c:4:1: error: expected ',' or ';' before 'int'",
  },
  {
    name: "missing ';' before the closing '}' of a void function",
    source: '#include "xil_printf.h"\nvoid print_value(int v) {\n  xil_printf("%d\\n", v)\n}\n',
    gcc: "main.c:3:24: error: expected ';' before '}' token",
  },
  {
    name: "missing ';' in a for loop body without braces",
    source: 'int main(void) {\n  int i;\n  for (i = 0; i < 3; i++)\n    i = i\n  return i;\n}\n',
    gcc: "main.c:4:10: error: expected ';' before 'return'",
  },
  {
    name: "a member the struct does not have: at the '.'",
    source:
      'struct point { int x; int y; };\nint main(void) {\n  struct point p = {1, 2};\n  return p.z;\n}\n',
    gcc: "main.c:4:11: error: 'struct point' has no member named 'z'",
  },
  {
    name: 'undeclared identifier differing only in case from a local',
    source: 'int main(void) {\n  int x = 1;\n  return X;\n}\n',
    gcc: "main.c:3:10: error: 'X' undeclared (first use in this function)",
  },
  {
    name: 'implicit declaration of a misspelt BSP function',
    source:
      '#include "xil_io.h"\nint main(void) {\n  u32 v = Xil_in32(0x41200008);\n  return (int)v;\n}\n',
    gcc: "main.c:3:11: warning: implicit declaration of function 'Xil_in32'; did you mean 'Xil_In32'? [-Wimplicit-function-declaration]",
    ld: "undefined reference to `Xil_in32'",
  },
  {
    name: 'a misspelt return keyword',
    source: 'int main(void) {\n  int x = 1;\n  x = x + 1;;\n  retrun x;\n}\n',
    gcc: "main.c:4:3: error: unknown type name 'retrun'",
  },
  {
    name: "missing ';' in a for body before return",
    source:
      'int main(void) {\n  int total = 0;\n  for (int i = 0; i < 4; i++)\n    total += i\n  return total;\n}\n',
    gcc: "main.c:4:15: error: expected ';' before 'return'",
  },
  {
    name: "missing ';' after two declarations in a row",
    source: 'int main(void) {\n  int x = 1\n  int y = 2\n  return x + y;\n}\n',
    gcc: "main.c:3:3: error: expected ',' or ';' before 'int'",
  },
  {
    name: "missing '}' of an inner block",
    source: 'int main(void) {\n  int x = 1;\n  {\n    x = 2;\n  return x;\n}\n',
    gcc: 'main.c:6:1: error: expected declaration or statement at end of input',
  },
  {
    name: "missing ')' in a call in a declaration",
    source:
      '#include "xil_types.h"\nstatic u32 scale(u32 v) {\n  return v * 2;\n}\n\nint main(void) {\n  u32 r = scale(3;\n  return (int)r;\n}\n',
    gcc: "main.c:7:18: error: expected ')' before ';' token",
  },
  {
    name: "missing ')' in a cast expression's operand",
    source: 'int main(void) {\n  unsigned x = 3;\n  return (int)(x >> 1;\n}\n',
    gcc: "main.c:3:22: error: expected ')' before ';' token",
  },
  {
    name: "missing ';' after a macro: at the next token",
    source:
      '#define MASK 0xFFu\nint main(void) {\n  unsigned x = 1;\n  x = x & MASK\n  return (int)x;\n}\n',
    gcc: "main.c:5:3: error: expected ';' before 'return'",
  },
  {
    name: "missing ';' after a macro before '}'",
    source: '#define MASK 0xFFu\nunsigned f(unsigned x) {\n  return x & MASK\n}\n',
    gcc: "main.c:4:1: error: expected ';' before '}' token",
  },
  {
    name: "missing ';' in a for header, then missing ';' before a subscript",
    source:
      'int main(void) {\n  int s = 0;\n  for (int i = 0; i < 10 i++) {\n    s += i;\n  }\n  char buf[4];\n  int n = 0;\n  s = 1\n  buf[n] = 0;\n  s = 2\n  n++;\n  return s;\n}\n',
    gcc: "main.c:3:25: error: expected ';' before 'i'",
  },
  {
    name: "missing ';' before an assignment to an array element",
    source:
      'int main(void) {\n  char buf[4];\n  int n = 0;\n  n = 1\n  buf[n] = 0;\n  return n;\n}\n',
    gcc: "main.c:4:8: error: expected ';' before 'buf'",
  },
  {
    name: "missing ';' after a call before '}'",
    source:
      'void outbyte(char c);\nint main(void) {\n  char c = 1;\n  if (c) {\n    outbyte(c)\n  } else {\n    c = 2;\n  }\n  return c;\n}\n',
    gcc: "main.c:5:15: error: expected ';' before '}' token",
  },
  {
    name: "missing ';' after n-- in an if block",
    source:
      'void f(int v);\nint main(void) {\n  int n = 2;\n  if (n > 0) {\n    n--\n    f(n);\n  }\n  return n;\n}\n',
    gcc: "main.c:5:8: error: expected ';' before 'f'",
  },
  {
    name: "missing ';' after a call, before n++ (read as a macro type by tree-sitter)",
    source: 'void f(int v);\nint main(void) {\n  int n = 0;\n  f(n)\n  n++;\n  return n;\n}\n',
    gcc: "main.c:4:7: error: expected ';' before 'n'",
  },
  {
    name: "missing ';' after a call, before buf[n] = 0",
    source:
      'void f(int v);\nint main(void) {\n  char buf[3];\n  int n = 0;\n  f(1)\n  buf[n] = 0;\n  return n;\n}\n',
    gcc: "main.c:5:7: error: expected ';' before 'buf'",
  },
  {
    name: "missing ')' in int main(void {",
    source: 'int main(void {\n  return 0;\n}\n',
    gcc: "main.c:1:15: error: expected ';', ',' or ')' before '{' token",
  },
  {
    name: "missing ')' in a static helper's (void {",
    source: 'static void wait(void {\n  return;\n}\nint main(void) {\n  wait();\n  return 0;\n}\n',
    gcc: "main.c:1:23: error: expected ';', ',' or ')' before '{' token",
  },
  {
    name: "missing ')' in int main(void { after a prototype",
    source: 'void g(void);\n\nint main(void {\n  g();\n  return 0;\n}\n',
    gcc: "main.c:3:15: error: expected ';', ',' or ')' before '{' token",
  },
  {
    name: "missing '}' above main: GCC's -Wmain warning for the nested main",
    source:
      'void f(void) {\n  int x = 1;\n  if (x) {\n    x = 2;\n\n}\n\nint main(void) {\n  return 0;\n}\n',
    gcc: "main.c:8:5: warning: 'main' is normally a non-static function [-Wmain]",
  },
  {
    name: "missing '}' above a static function: invalid storage class",
    source:
      'void f(void) {\n  int x = 1;\n  if (x) {\n    x = 2;\n\n}\n\nstatic int g(void) {\n  return 0;\n}\n',
    gcc: "main.c:8:12: error: invalid storage class for function 'g'",
  },
  {
    name: "missing ')' in a call with no arguments, w(;",
    source:
      'void w(void);\nint main(void) {\n  for (int i = 0; i < 3; i++) {\n    w(;\n  }\n  w(;\n  return 0;\n}\n',
    gcc: "main.c:4:7: error: expected expression before ';' token",
  },
  {
    name: "missing ';' after a call with a pointer argument, before p++",
    source:
      'void outbyte(char c);\nvoid f(const char *p) {\n  while (*p) {\n    outbyte(*p)\n    p++;\n  }\n}\n',
    gcc: "main.c:4:16: error: expected ';' before 'p'",
  },
  {
    name: "missing ';' after a string initializer (tree-sitter's string concatenation)",
    source:
      'void f(void) {\n  const char digits[] = "0123"\n  char out[4];\n  out[0] = digits[0];\n}\n',
    gcc: "main.c:3:3: error: expected ',' or ';' before 'char'",
  },
  {
    name: "missing '}' before else",
    source:
      'unsigned f(int n) {\n  unsigned num;\n  if (n < 0) {\n    num = (unsigned)(-n);\n  else {\n    num = (unsigned)n;\n  }\n  return num;\n}\n',
    gcc: "main.c:5:3: error: expected '}' before 'else'",
  },
  {
    name: "missing ';' after a struct member, before the next member",
    source: 'struct regs {\n  int data\n  int tri;\n};\n',
    gcc: "main.c:3:3: error: expected ':', ',', ';', '}' or '__attribute__' before 'int'",
  },
  {
    name: "missing ';' after the last struct member: GCC only warns",
    source:
      'struct regs {\n  int data;\n  int tri\n};\nint main(void) {\n  struct regs r = {1, 2};\n  return r.tri;\n}\n',
    gcc: 'main.c:4:1: warning: no semicolon at end of struct or union',
  },
  // <stdint.h>, <stddef.h> and <stdbool.h> names without their header. The note naming the header
  // sits where GCC would insert the #include the first time that header is suggested (line 1, or
  // the line after the last #include so far), at the use after that.
  {
    name: 'stdint/stddef/stdbool names without their headers: unknown type names, notes',
    source:
      'uint32_t f(void) { return 1; }\nsize_t g; bool b;\nint main(void){ uint8_t x = 0; return x; }\n',
    gcc: "main.c:1:1: error: unknown type name 'uint32_t'",
    lines: [
      "main.c:1:1: error: unknown type name 'uint32_t'",
      forgot('1:1', 'uint32_t', 'stdint.h'),
      "main.c:2:1: error: unknown type name 'size_t'",
      forgot('1:1', 'size_t', 'stddef.h'),
      "main.c:2:11: error: unknown type name 'bool'",
      forgot('1:1', 'bool', 'stdbool.h'),
      "main.c:3:17: error: unknown type name 'uint8_t'",
      forgot('3:17', 'uint8_t', 'stdint.h'),
    ],
  },
  {
    name: 'a missing header is suggested after the last #include read so far',
    source: 'size_t a;\n#include <limits.h>\n#define X 1\n\nuint32_t b;\nint c = true;\n',
    gcc: "main.c:1:1: error: unknown type name 'size_t'",
    lines: [
      "main.c:1:1: error: unknown type name 'size_t'",
      forgot('1:1', 'size_t', 'stddef.h'),
      "main.c:5:1: error: unknown type name 'uint32_t'",
      forgot('3:1', 'uint32_t', 'stdint.h'),
      "main.c:6:9: error: 'true' undeclared here (not in a function)",
      forgot('3:1', 'true', 'stdbool.h'),
    ],
  },
  {
    name: 'a stdint name first used in a function, then at file scope',
    source: 'int main(void) {\n  uint32_t y = 0;\n  return y;\n}\nuint32_t a;\nint16_t q;\n',
    gcc: "main.c:2:3: error: unknown type name 'uint32_t'",
    lines: [
      "main.c:2:3: error: unknown type name 'uint32_t'",
      forgot('1:1', 'uint32_t', 'stdint.h'),
      "main.c:5:1: error: unknown type name 'uint32_t'",
      forgot('5:1', 'uint32_t', 'stdint.h'),
      "main.c:6:1: error: unknown type name 'int16_t'",
      forgot('6:1', 'int16_t', 'stdint.h'),
    ],
  },
  {
    name: 'a struct member gets no note; a parameter and a prototype parameter do',
    source: 'struct s { uint32_t m; };\nint f(uint8_t p) { return p; }\nint g2(int, uint16_t);\n',
    gcc: "main.c:1:12: error: unknown type name 'uint32_t'",
    lines: [
      "main.c:1:12: error: unknown type name 'uint32_t'",
      "main.c:2:7: error: unknown type name 'uint8_t'",
      forgot('1:1', 'uint8_t', 'stdint.h'),
      "main.c:3:13: error: unknown type name 'uint16_t'",
      forgot('3:13', 'uint16_t', 'stdint.h'),
    ],
  },
  {
    name: 'after const, static, extern, typedef: no note; true, false, NULL, INT32_MAX undeclared',
    source:
      '// a comment\nint flag = true;\nconst uint32_t k = 1;\nstatic uint16_t s;\nextern int8_t e;\n' +
      'typedef uint64_t big;\nint *p = NULL;\nlong m = INT32_MAX;\nint main(void) {\n' +
      '  bool ok = false;\n  volatile uint32_t *r = 0;\n  for (uint8_t i = 0; i < 3; i++) {}\n' +
      '  static int32_t z;\n  return ok + (int)r + z + false;\n}\n',
    gcc: "main.c:2:12: error: 'true' undeclared here (not in a function)",
    lines: [
      "main.c:2:12: error: 'true' undeclared here (not in a function)",
      forgot('1:1', 'true', 'stdbool.h'),
      "main.c:3:7: error: unknown type name 'uint32_t'",
      "main.c:4:8: error: unknown type name 'uint16_t'",
      "main.c:5:8: error: unknown type name 'int8_t'",
      "main.c:6:9: error: unknown type name 'uint64_t'",
      "main.c:7:10: error: 'NULL' undeclared here (not in a function)",
      forgot('1:1', 'NULL', 'stddef.h'),
      "main.c:8:10: error: 'INT32_MAX' undeclared here (not in a function)",
      forgot('1:1', 'INT32_MAX', 'stdint.h'),
      "main.c:10:3: error: unknown type name 'bool'",
      forgot('10:3', 'bool', 'stdbool.h'),
      "main.c:10:13: error: 'false' undeclared (first use in this function)",
      forgot('10:13', 'false', 'stdbool.h'),
      `main.c:10:13: ${EACH_ONCE}`,
      "main.c:11:12: error: unknown type name 'uint32_t'",
      "main.c:12:8: error: unknown type name 'uint8_t'",
      forgot('12:8', 'uint8_t', 'stdint.h'),
      "main.c:13:10: error: unknown type name 'int32_t'",
    ],
  },
  {
    name: 'in sizeof a stdint name is an undeclared identifier',
    source:
      '#include <limits.h>\n#include <float.h>\nint main(void) {\n  return (int)sizeof(uint64_t);\n}\n',
    gcc: "main.c:4:22: error: 'uint64_t' undeclared (first use in this function)",
    lines: [
      "main.c:4:22: error: 'uint64_t' undeclared (first use in this function)",
      forgot('3:1', 'uint64_t', 'stdint.h'),
      `main.c:4:22: ${EACH_ONCE}`,
    ],
  },
  {
    name: 'in a cast a stdint name is an undeclared identifier; what follows, as GCC reads it',
    source:
      'int f(int v);\n' +
      'int a[4];\n' +
      'int main(void) {\n' +
      '  int y = 1, z;\n' +
      '  z = (uint8_t)y;\n' +
      '  f((uint8_t)y);\n' +
      '  if ((uint8_t)y) z++;\n' +
      '  z = a[(uint8_t)y];\n' +
      '  z = (int)(uint16_t)-y;\n' +
      '  z = (uint32_t)(y);\n' +
      "  z = ((uint8_t)'c');\n" +
      '  while ((int8_t)y) {}\n' +
      '  return z + (uint8_t)"s";\n' +
      '}\n',
    gcc: "main.c:5:8: error: 'uint8_t' undeclared (first use in this function)",
    lines: [
      "main.c:5:8: error: 'uint8_t' undeclared (first use in this function)",
      "main.c:1:1: note: 'uint8_t' is defined in header '<stdint.h>'; did you forget to '#include <stdint.h>'?",
      'main.c:5:8: note: each undeclared identifier is reported only once for each function it appears in',
      "main.c:5:16: error: expected ';' before 'y'",
      "main.c:6:14: error: expected ')' before 'y'",
      "main.c:7:16: error: expected ')' before 'y'",
      "main.c:8:18: error: expected ']' before 'y'",
      "main.c:9:13: error: 'uint16_t' undeclared (first use in this function)",
      "main.c:9:13: note: 'uint16_t' is defined in header '<stdint.h>'; did you forget to '#include <stdint.h>'?",
      "main.c:10:8: error: 'uint32_t' undeclared (first use in this function)",
      "main.c:10:8: note: 'uint32_t' is defined in header '<stdint.h>'; did you forget to '#include <stdint.h>'?",
      "main.c:11:17: error: expected ')' before 'c'",
      "main.c:12:11: error: 'int8_t' undeclared (first use in this function)",
      "main.c:12:11: note: 'int8_t' is defined in header '<stdint.h>'; did you forget to '#include <stdint.h>'?",
      "main.c:12:18: error: expected ')' before 'y'",
      "main.c:13:23: error: expected ';' before string constant",
    ],
  },
  {
    name: 'in a cast at file scope: undeclared here, then the declaration expects , or ;',
    source: 'int x = (int)(uint16_t)1;\nint y = sizeof(int8_t);\n',
    gcc: "main.c:1:15: error: 'uint16_t' undeclared here (not in a function)",
    lines: [
      "main.c:1:15: error: 'uint16_t' undeclared here (not in a function)",
      "main.c:1:1: note: 'uint16_t' is defined in header '<stdint.h>'; did you forget to '#include <stdint.h>'?",
      "main.c:1:24: error: expected ',' or ';' before numeric constant",
      "main.c:2:16: error: 'int8_t' undeclared here (not in a function)",
      "main.c:2:16: note: 'int8_t' is defined in header '<stdint.h>'; did you forget to '#include <stdint.h>'?",
    ],
  },
  {
    name: "a character constant after a missing ';' is named by its value",
    source: "int main(void) {\n  int z = 1\n  'c';\n  return z;\n}\n",
    gcc: "main.c:3:3: error: expected ',' or ';' before 'c'",
  },
  {
    name: 'an implicit declaration and a stddef name share the #include suggestions',
    source:
      '#include <limits.h>\nint main(void) {\n  return (int)strlen("x") + (int)sizeof(size_t);\n}\n',
    gcc: "main.c:3:15: warning: implicit declaration of function 'strlen' [-Wimplicit-function-declaration]",
    lines: [
      "main.c:3:15: warning: implicit declaration of function 'strlen' [-Wimplicit-function-declaration]",
      "main.c:2:1: note: include '<string.h>' or provide a declaration of 'strlen'",
      "main.c:3:15: warning: incompatible implicit declaration of built-in function 'strlen' [-Wbuiltin-declaration-mismatch]",
      "main.c:3:15: note: include '<string.h>' or provide a declaration of 'strlen'",
      "main.c:3:41: error: 'size_t' undeclared (first use in this function)",
      forgot('2:1', 'size_t', 'stddef.h'),
      `main.c:3:41: ${EACH_ONCE}`,
    ],
  },
  {
    name: 'the BSP: xil_types.h brings <stdint.h> and <stddef.h>, not <stdbool.h>',
    source:
      '#include "xil_types.h"\nuint32_t a;\nsize_t n;\nint *p = NULL;\nint main(void) {\n  bool ok = 1;\n  return ok;\n}\n',
    gcc: "main.c:6:3: error: unknown type name 'bool'",
    lines: ["main.c:6:3: error: unknown type name 'bool'", forgot('2:1', 'bool', 'stdbool.h')],
  },
  // Errors inside macro expansions: GCC reports where the token is spelled, then notes on the
  // expansions (gcc/tree-diagnostic.cc, maybe_unwind_expanded_macro_loc).
  {
    name: "an undeclared name passed to a BSP macro: at the argument, in the macro's definition",
    source:
      '#include "xgpio.h"\nint main(void) {\n  XGpio_WriteReg(XPAR_GPIO_BASE, 0, leds);\n  return 0;\n}\n',
    gcc: "main.c:3:18: error: 'XPAR_GPIO_BASE' undeclared (first use in this function)",
    lines: [
      "main.c:3:18: error: 'XPAR_GPIO_BASE' undeclared (first use in this function)",
      inDefinition(`${BSP}/xgpio.h:26:65`, 'XGpio_WriteReg'),
      `main.c:3:18: ${EACH_ONCE}`,
      inDefinition(`${BSP}/xgpio.h:26:65`, 'XGpio_WriteReg'),
      "main.c:3:37: error: 'leds' undeclared (first use in this function)",
      inDefinition(`${BSP}/xgpio.h:26:99`, 'XGpio_WriteReg'),
    ],
  },
  {
    name: 'an undeclared mask passed to XScuGic_WriteReg (a parenthesized BSP macro)',
    source:
      '#include "xscugic_hw.h"\nint main(void) {\n  XScuGic_WriteReg(0xF8F01000U, 0x100, mask);\n  return 0;\n}\n',
    gcc: "main.c:3:40: error: 'mask' undeclared (first use in this function)",
    lines: [
      "main.c:3:40: error: 'mask' undeclared (first use in this function)",
      inDefinition(`${BSP}/xscugic_hw.h:59:105`, 'XScuGic_WriteReg'),
      `main.c:3:40: ${EACH_ONCE}`,
      inDefinition(`${BSP}/xscugic_hw.h:59:105`, 'XScuGic_WriteReg'),
    ],
  },
  {
    name: "a learner's macro whose body names an undeclared variable: in the body, then the use",
    source: '#define LED_ON() (leds = 1)\nint main(void) {\n  LED_ON();\n  return 0;\n}\n',
    gcc: "main.c:1:19: error: 'leds' undeclared (first use in this function)",
    lines: [
      "main.c:1:19: error: 'leds' undeclared (first use in this function)",
      inExpansion('main.c:3:3', 'LED_ON'),
      `main.c:1:19: ${EACH_ONCE}`,
      inExpansion('main.c:3:3', 'LED_ON'),
    ],
  },
  {
    name: 'nested macros: one note per expansion, innermost first',
    source:
      '#define SET(x) (x = COUNT)\n#define ON() SET(v)\nint main(void) {\n  int v;\n  ON();\n  return v;\n}\n',
    gcc: "main.c:1:21: error: 'COUNT' undeclared (first use in this function)",
    lines: [
      "main.c:1:21: error: 'COUNT' undeclared (first use in this function)",
      inExpansion('main.c:2:14', 'SET'),
      inExpansion('main.c:5:3', 'ON'),
      `main.c:1:21: ${EACH_ONCE}`,
      inExpansion('main.c:2:14', 'SET'),
      inExpansion('main.c:5:3', 'ON'),
    ],
  },
  {
    name: 'an argument passed on through a second macro: its parameter, then the outer use',
    source:
      '#define ADD(a, b) ((a) + (b))\n#define TWICE(a) ADD(a, a)\nint main(void) {\n  return TWICE(z);\n}\n',
    gcc: "main.c:4:16: error: 'z' undeclared (first use in this function)",
    lines: [
      "main.c:4:16: error: 'z' undeclared (first use in this function)",
      inDefinition('main.c:1:21', 'ADD'),
      inExpansion('main.c:4:10', 'TWICE'),
      `main.c:4:16: ${EACH_ONCE}`,
      inDefinition('main.c:1:21', 'ADD'),
      inExpansion('main.c:4:10', 'TWICE'),
    ],
  },
  {
    name: 'an undeclared name in a macro over a BSP call (Xil_Out32)',
    source:
      '#include "xil_io.h"\n#define LED_BASE 0x41200000\n#define LEDS(v) Xil_Out32(LED_BASE, v)\nint main(void) {\n  LEDS(count);\n  return 0;\n}\n',
    gcc: "main.c:5:8: error: 'count' undeclared (first use in this function)",
    lines: [
      "main.c:5:8: error: 'count' undeclared (first use in this function)",
      inDefinition('main.c:3:37', 'LEDS'),
      `main.c:5:8: ${EACH_ONCE}`,
      inDefinition('main.c:3:37', 'LEDS'),
    ],
  },
  {
    name: "a macro's argument used twice (MAX) is reported once, at the use",
    source:
      '#define MAX(a, b) ((a) > (b) ? (a) : (b))\nint main(void) {\n  int x = 1;\n  return MAX(x, y);\n}\n',
    gcc: "main.c:4:17: error: 'y' undeclared (first use in this function)",
    lines: [
      "main.c:4:17: error: 'y' undeclared (first use in this function)",
      inDefinition('main.c:1:27', 'MAX'),
      `main.c:4:17: ${EACH_ONCE}`,
      inDefinition('main.c:1:27', 'MAX'),
    ],
  },
  {
    name: 'too few arguments to a BSP macro: at the closing parenthesis, then the definition',
    source:
      '#include "xgpio.h"\nint main(void) {\n  XGpio_WriteReg(0x41200000, 0xff);\n  return 0;\n}\n',
    gcc: 'main.c:3:34: error: macro "XGpio_WriteReg" requires 3 arguments, but only 2 given',
  },
  {
    name: 'too many arguments to a BSP macro',
    source:
      '#include "xgpio.h"\nint main(void) {\n  u32 v = XGpio_ReadReg(0x41200000, 8, 1);\n  return v;\n}\n',
    gcc: 'main.c:3:41: error: macro "XGpio_ReadReg" passed 3 arguments, but takes just 2',
  },
  {
    name: "missing ';' after a BSP macro call: before the next token, not after the ')'",
    source:
      '#include "xgpio.h"\nint main(void) {\n  XGpio_WriteReg(0x41200000, 0, 1)\n  return 0;\n}\n',
    gcc: "main.c:4:3: error: expected ';' before 'return'",
  },
  {
    name: "missing ';' after a learner's macro in an initializer",
    source: '#define SQ(x) ((x)*(x))\nint main(void) {\n  int a = SQ(2)\n  return a;\n}\n',
    gcc: "main.c:4:3: error: expected ',' or ';' before 'return'",
  },
  {
    name: '-Wparentheses: at the assigned operand, not the =',
    source:
      'int main(void) {\n  int a = 0, b = 0;\n  if ((a) = 1) return 1;\n  while (b = a) b--;\n  return a;\n}\n',
    gcc: 'main.c:3:7: warning: suggest parentheses around assignment used as truth value [-Wparentheses]',
    lines: [
      'main.c:3:7: warning: suggest parentheses around assignment used as truth value [-Wparentheses]',
      'main.c:4:10: warning: suggest parentheses around assignment used as truth value [-Wparentheses]',
    ],
  },
  {
    name: "a -Wall warning inside a learner's macro: at the argument, in the macro's definition",
    source:
      '#define CHECK(x) if (x = 1) return 1\nint main(void) {\n  int a = 0;\n  CHECK(a);\n  return a;\n}\n',
    gcc: 'main.c:4:9: warning: suggest parentheses around assignment used as truth value [-Wparentheses]',
    lines: [
      'main.c:4:9: warning: suggest parentheses around assignment used as truth value [-Wparentheses]',
      inDefinition('main.c:1:22', 'CHECK'),
    ],
  },
  {
    name: 'a pointer passed to XGpio_WriteReg: at the + in the BSP macro, the note at the parameter',
    source:
      '#include "xgpio.h"\nint main(void) {\n  int *p = 0;\n  XGpio_WriteReg(p, 0, 1);\n  return 0;\n}\n',
    gcc: `${BSP}/xgpio.h:26:78: warning: passing argument 1 of 'Xil_Out32' makes integer from pointer without a cast [-Wint-conversion]`,
    lines: [
      `${BSP}/xgpio.h:26:78: warning: passing argument 1 of 'Xil_Out32' makes integer from pointer without a cast [-Wint-conversion]`,
      inExpansion('main.c:4:3', 'XGpio_WriteReg'),
      `${BSP}/xil_io.h:28:38: note: expected 'UINTPTR' {aka 'unsigned int'} but argument is of type 'int *'`,
    ],
  },
  {
    name: 'pointers passed to Xil_Out32: an operator at the operator, a parenthesized name at its (',
    source:
      '#include "xscugic_hw.h"\nint main(void) {\n  int *p = 0;\n  XScuGic_WriteReg(p, 0, 1);\n  Xil_Out32(p, 1);\n  Xil_Out32((p), 1);\n  Xil_Out32(p + 1, 1);\n  Xil_Out32((u32)1.0 + (u32)p + (u32)p * 2, p);\n  return 0;\n}\n',
    gcc: `${BSP}/xscugic_hw.h:59:82: warning: passing argument 1 of 'Xil_Out32' makes integer from pointer without a cast [-Wint-conversion]`,
    lines: [
      `${BSP}/xscugic_hw.h:59:82: warning: passing argument 1 of 'Xil_Out32' makes integer from pointer without a cast [-Wint-conversion]`,
      inExpansion('main.c:4:3', 'XScuGic_WriteReg'),
      `${BSP}/xil_io.h:28:38: note: expected 'UINTPTR' {aka 'unsigned int'} but argument is of type 'int *'`,
      "main.c:5:13: warning: passing argument 1 of 'Xil_Out32' makes integer from pointer without a cast [-Wint-conversion]",
      `${BSP}/xil_io.h:28:38: note: expected 'UINTPTR' {aka 'unsigned int'} but argument is of type 'int *'`,
      "main.c:6:13: warning: passing argument 1 of 'Xil_Out32' makes integer from pointer without a cast [-Wint-conversion]",
      `${BSP}/xil_io.h:28:38: note: expected 'UINTPTR' {aka 'unsigned int'} but argument is of type 'int *'`,
      "main.c:7:15: warning: passing argument 1 of 'Xil_Out32' makes integer from pointer without a cast [-Wint-conversion]",
      `${BSP}/xil_io.h:28:38: note: expected 'UINTPTR' {aka 'unsigned int'} but argument is of type 'int *'`,
      "main.c:8:45: warning: passing argument 2 of 'Xil_Out32' makes integer from pointer without a cast [-Wint-conversion]",
      `${BSP}/xil_io.h:28:48: note: expected 'u32' {aka 'unsigned int'} but argument is of type 'int *'`,
    ],
  },
  {
    name: 'a struct passed to XGpio_WriteReg: at the use, no notes (GCC reports it at input_location)',
    source:
      '#include "xgpio.h"\nint main(void) {\n  struct { int a; } s;\n  XGpio_WriteReg(0x41200000, 0, s);\n  return 0;\n}\n',
    gcc: 'main.c:4:3: error: aggregate value used where an integer was expected',
    lines: ['main.c:4:3: error: aggregate value used where an integer was expected'],
  },
  {
    name: 'a struct cast to int: at the start of the statement holding the cast',
    source:
      'struct S { int a; } g;\nint main(void) {\n  int x = 1;\n  if (x) x =   (int)g;\n  for (x = 0; x < (int)g; x++) {}\n  return   (int)g;\n}\n',
    gcc: 'main.c:4:3: error: aggregate value used where an integer was expected',
    lines: [
      'main.c:4:3: error: aggregate value used where an integer was expected',
      'main.c:5:3: error: aggregate value used where an integer was expected',
      'main.c:6:3: error: aggregate value used where an integer was expected',
    ],
  },
  {
    name: "a syntax error in a learner's macro body: in the body, then the use",
    source: '#define CALL(f) f(1 2)\nint g(int, int);\nint main(void) {\n  return CALL(g);\n}\n',
    gcc: "main.c:1:21: error: expected ')' before numeric constant",
  },
  {
    name: 'a syntax error in an argument of a BSP macro: at the argument',
    source:
      '#include "xgpio.h"\nint main(void) {\n  XGpio_WriteReg(0x41200000, 0, 1 2);\n  return 0;\n}\n',
    gcc: "main.c:3:35: error: expected ')' before numeric constant",
  },
];

/** A GCC-shaped diagnostic line in main.c or a BSP header: `main.c:3:8: error: ...`. */
const DIAGNOSTIC = /^(?:main\.c|\/bsp\/include\/[\w.]+):\d+:\d+: (?:error|warning): /;

function diagnosticLines(text: string): string[] {
  return text.split('\n').filter((line) => DIAGNOSTIC.test(line));
}

/** Every diagnostic line, notes too. */
function allLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) =>
      /^(?:main\.c|\/bsp\/include\/[\w.]+):\d+:\d+: (?:error|warning|note): /.test(line),
    );
}

/** Builds `source` as main.c on the board's one build path, as the site and the graders do. */
async function ours(source: string): Promise<string> {
  const session = new BoardSession(nodeEnv());
  const built = await session.build({ files: { 'main.c': source }, sources: ['main.c'] });
  return built.diagnostics;
}

describe("the first diagnostic is GCC 12's", () => {
  test.each(CASES)('$name', async (c) => {
    const messages = await ours(c.source);
    expect(diagnosticLines(messages)[0]).toBe(c.gcc);
    if (c.lines) expect(allLines(messages)).toEqual(c.lines);
    if (c.ld)
      expect(messages).toMatch(new RegExp(`^main\\.c:\\(\\.text\\+0x[0-9a-f]+\\): ${c.ld}$`, 'm'));
    else expect(messages).not.toContain('undefined reference');
  });
});

const BSP_INCLUDE = fileURLToPath(new URL('../bsp/include', import.meta.url));
const hasGcc = spawnSync('arm-none-eabi-gcc', ['--version']).status === 0;

describe.runIf(hasGcc)('arm-none-eabi-gcc itself, run on every case', () => {
  test('prints the same first line, and nothing the engine prints is missing from its output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gcc-diagnostics-'));
    const env = { ...process.env, LC_ALL: 'C' };
    const run = (args: string[]): string =>
      spawnSync('arm-none-eabi-gcc', args, { cwd: dir, env, encoding: 'utf8' })
        .stderr.split(`${BSP_INCLUDE}/`)
        .join(`${BSP}/`);
    try {
      for (const c of CASES) {
        writeFileSync(join(dir, 'main.c'), c.source);
        const output = run(['-fsyntax-only', '-std=gnu11', '-Wall', '-I', BSP_INCLUDE, 'main.c']);
        const gcc = diagnosticLines(output);
        const engine = await ours(c.source);
        expect(gcc[0], c.name).toBe(c.gcc);
        if (c.lines) expect(allLines(output), c.name).toEqual(c.lines);
        expect(diagnosticLines(engine)[0], c.name).toBe(gcc[0]);
        // Follow-on messages: the engine may stop earlier than GCC, but never says more.
        for (const line of diagnosticLines(engine)) expect(gcc, c.name).toContain(line);
        if (c.ld) {
          const elf = join(dir, 'a.elf');
          const ld = run([
            '-std=gnu11',
            '-I',
            BSP_INCLUDE,
            '--specs=nosys.specs',
            'main.c',
            '-o',
            elf,
          ]);
          expect(ld, c.name).toContain(`: ${c.ld}\n`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
