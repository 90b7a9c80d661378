/** The preprocessor end to end: line map, lexing, whole programs, GCC parity, the include tree. */
import { describe, expect, it } from 'vitest';
import { locateOutput } from './preprocess.ts';
import { lex, wouldPaste } from './preprocess-lex.ts';
import { clean, messages, pp, run, tokens } from './preprocess-testing.ts';
import { macroHeavySource } from './macro-heavy-source.ts';
import { createVfs, dirnameOf, joinPath, normalizePath } from './vfs.ts';

describe('line map', () => {
  it('keeps one output line per source line through includes', () => {
    const files = {
      'main.c': 'int a;\n#include "h.h"\nint b;\n',
      'h.h': '#pragma once\nint h1;\n\nint h2;\n',
    };
    const result = run(files);
    expect(result.text.split('\n').slice(0, -1)).toEqual([
      'int a;',
      '',
      '',
      'int h1;',
      '',
      'int h2;',
      'int b;',
    ]);
    expect(result.lineMap).toEqual([
      { file: 'main.c', line: 1 },
      { file: 'main.c', line: 2 },
      { file: 'h.h', line: 1 },
      { file: 'h.h', line: 2 },
      { file: 'h.h', line: 3 },
      { file: 'h.h', line: 4 },
      { file: 'main.c', line: 3 },
    ]);
  });

  it('keeps lines through block comments and line splices', () => {
    const src = 'int a; /* one\ntwo\nthree */ int b;\nint c = 1 + \\\n  2;\n// tail\nint d;\n';
    const result = pp(src);
    const lines = result.text.split('\n');
    expect(result.lineMap.map((o) => o.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(lines[0]).toBe('int a;');
    expect(lines[2]!.trim()).toBe('int b;');
    expect(tokens(lines[3]!)).toBe('int c = 1 +');
    expect(lines[4]!.trim()).toBe('2;');
    expect(lines[6]).toBe('int d;');
  });

  it('puts a multi-line invocation on its first line and keeps the count', () => {
    const src = '#define CALL(a, b) f(a, b)\nx = CALL(1,\n         2);\ny;\n';
    const result = pp(src);
    const lines = result.text.split('\n');
    expect(tokens(lines[1]!)).toBe('x = f ( 1 , 2 )');
    expect(lines[2]!.trim()).toBe(';');
    expect(lines[3]).toBe('y;');
    expect(result.lineMap).toHaveLength(4);
  });

  it('keeps source columns where the line has room', () => {
    const result = pp('#define N 8\n\tint  x = N;\n');
    expect(result.text.split('\n')[1]).toBe('        int  x = 8;');
    expect(result.columnMap[1]).toEqual([
      [9, 9],
      [14, 14],
      [16, 16],
      // N's 8: from an expansion, spelled at column 11 of N's definition on line 1
      [
        18,
        18,
        {
          expansion: { macro: 'N', at: { file: 'main.c', line: 2, column: 18 } },
          definition: { file: 'main.c', line: 1, column: 11 },
          spelling: { file: 'main.c', line: 1, column: 11 },
        },
      ],
      [19, 19],
    ]);
  });

  it('never lets adjacent tokens paste in the output', () => {
    expect(tokens(pp('#define NEG -1\nint x = -NEG;\n#define S /\nint y = 1 S/ 2;\n').text)).toBe(
      'int x = - - 1 ; int y = 1 / / 2 ;',
    );
    const [minus] = lex('-').tokens;
    expect(wouldPaste(minus!, minus!)).toBe(true);
  });
});

describe('lexing', () => {
  it('splits pp-numbers, literals with prefixes, and punctuators by maximal munch', () => {
    const src = `0x1fUL 1.5e+3 .5 u8"s" L'x' U"w" a+++++b x->y <<= ... %:`;
    expect(lex(src).tokens.map((t) => t.text)).toEqual([
      '0x1fUL',
      '1.5e+3',
      '.5',
      'u8"s"',
      "L'x'",
      'U"w"',
      'a',
      '++',
      '++',
      '+',
      'b',
      'x',
      '->',
      'y',
      '<<=',
      '...',
      '%:',
      '',
    ]);
  });

  it('reports an unterminated comment', () => {
    expect(messages(pp('int a;\n/* open\n'))).toEqual(['main.c:2:1: error: unterminated comment']);
  });

  it('warns about a lone quote, in skipped groups too, and rejects it in code as gcc -c', () => {
    expect(messages(pp('#if 0\nit\'s\n#endif\nchar *s = "abc;\n'))).toEqual([
      "main.c:2:3: warning: missing terminating ' character",
      'main.c:4:11: warning: missing terminating " character',
      'main.c:4:11: error: missing terminating " character',
    ]);
  });
});

describe('a Xilinx-style program', () => {
  it('expands BSP register macros', () => {
    const files = {
      'main.c': [
        '#include "xparameters.h"',
        '#include "xil_io.h"',
        '',
        '#define GPIO_TRI_OFFSET 8',
        '',
        'int main(void) {',
        '\tXil_Out32(XPAR_AXI_GPIO_0_BASEADDR + 8, 0);',
        '\tXil_Out32(XPAR_AXI_GPIO_0_BASEADDR + GPIO_TRI_OFFSET, LED_MASK);',
        '\treturn 0;',
        '}',
        '',
      ].join('\n'),
      'xparameters.h': [
        '#ifndef XPARAMETERS_H   /* prevent circular inclusions */',
        '#define XPARAMETERS_H   /* by using protection macros */',
        '#define XPAR_AXI_GPIO_0_BASEADDR 0x41200000',
        '#define XPAR_AXI_GPIO_0_HIGHADDR 0x4120FFFF',
        '#define LED_MASK (0xFU)',
        '#endif',
        '',
      ].join('\n'),
      'bsp/include/xil_io.h': [
        '#ifndef XIL_IO_H',
        '#define XIL_IO_H',
        '#include "xil_types.h"',
        'void Xil_Out32(UINTPTR Addr, u32 Value);',
        '#endif',
        '',
      ].join('\n'),
      'bsp/include/xil_types.h': 'typedef unsigned int u32;\ntypedef unsigned int UINTPTR;\n',
    };
    const result = run(files);
    expect(messages(result)).toEqual([]);
    const lines = result.text.split('\n');
    const at = (file: string, line: number) =>
      lines[result.lineMap.findIndex((o) => o.file === file && o.line === line)]!;
    expect(at('main.c', 7).trim()).toBe('Xil_Out32(0x41200000 + 8, 0);');
    expect(tokens(at('main.c', 8))).toBe('Xil_Out32 ( 0x41200000 + 8 , ( 0xFU ) ) ;');
    expect(at('bsp/include/xil_io.h', 4)).toBe('void Xil_Out32(UINTPTR Addr, u32 Value);');
    expect(result.includes).toEqual([
      'xparameters.h',
      'bsp/include/xil_io.h',
      'bsp/include/xil_types.h',
    ]);
  });

  it('expands BSP idioms: spaced directives, assert macros with __FILE__, two-level stringify', () => {
    const files = {
      'main.c': [
        '#include <bsp_util.h>',
        '#define LED_BASE 0x41200000',
        'void set(u32 v) {',
        '\tCHECK(v < 16);',
        '\tputs(ADDR_TEXT(LED_BASE));',
        '}',
        '',
      ].join('\n'),
      'bsp/include/bsp_util.h': [
        '#ifndef BSP_UTIL_H  /* guard */',
        '#define BSP_UTIL_H',
        '#if defined (__GNUC__) && ! defined(__MICROBLAZE__)',
        '#  define INLINE_FN  static inline',
        '# else',
        '#  define INLINE_FN',
        '#endif',
        'typedef unsigned int u32;',
        'void report_failure(const char *file, int line);',
        '#define CHECK(cond)                         \\',
        '  do {                                      \\',
        '    if (!(cond)) report_failure(__FILE__, __LINE__); \\',
        '  } while (0)',
        '#define TEXT_OF(x)  #x',
        '#define ADDR_TEXT(x) TEXT_OF(x)',
        'INLINE_FN u32 twice(u32 x) { return x << 1; }',
        '#endif',
        '',
      ].join('\n'),
    };
    const result = run(files);
    expect(messages(result)).toEqual([]);
    const lines = result.text.split('\n');
    const at = (line: number) =>
      lines[result.lineMap.findIndex((o) => o.file === 'main.c' && o.line === line)]!;
    expect(tokens(at(4))).toBe(
      'do { if ( ! ( v < 16 ) ) report_failure ( "main.c" , 4 ) ; } while ( 0 ) ;',
    );
    expect(tokens(at(5))).toBe('puts ( "0x41200000" ) ;');
    expect(tokens(result.text)).toContain('static inline u32 twice');
  });
});

describe('a macro-heavy file', () => {
  // Its speed is measured by bench-preprocess.ts, not here.
  it('preprocesses 2,000 lines with 330 macros line for line and without diagnostics', () => {
    const result = pp(macroHeavySource());
    expect(result.lineMap).toHaveLength(1983);
    expect(messages(result)).toEqual([]);
    const lines = result.text.split('\n');
    expect(tokens(lines[332]!)).toBe(
      'v0 = ( ( ( 0x41200000 + 0 ) ) * 0 + ( x + 0 ) - ( 0x41200000 + 0 ) ) ; if ( v0 > 3 ) w ++ ;',
    );
  });
});

describe('edge cases of real sources', () => {
  it('processes directives inside a multi-line macro invocation', () => {
    const src = [
      '#define CALL(...) f(__VA_ARGS__)',
      'CALL(1,',
      '#ifdef DEBUG',
      '     2,',
      '#else',
      '     3,',
      '#endif',
      '     4)',
      '',
    ].join('\n');
    const result = pp(src);
    expect(messages(result)).toEqual([]);
    expect(tokens(result.text.split('\n')[1]!)).toBe('f ( 1 , 3 , 4 )');
    expect(result.lineMap).toHaveLength(8);
  });

  it('does not look past a directive for the ( of an invocation, as GCC', () => {
    expect(clean('#define f(x) x\nf\n#define g 1\n(g)\nf\n#undef f\n(3)\n')).toBe(
      'f ( 1 ) f ( 3 )',
    );
  });

  it('expands __LINE__ in arguments to the argument line, as GCC does', () => {
    expect(clean('#define f(a, b) a b\nf(\n__LINE__,\n__LINE__)\n')).toBe('3 4');
  });

  it('skips a byte order mark, reads CR LF, and accepts a missing final newline', () => {
    const result = pp('\uFEFF#define A 1\r\nint a = A;\r\nint b;');
    expect(messages(result)).toEqual([]);
    expect(result.text).toBe('\nint a = 1;\nint b;\n');
    expect(result.lineMap).toHaveLength(3);
  });

  it('warns about #pragma once in the main file', () => {
    expect(messages(pp('#pragma once\n'))).toEqual([
      'main.c:1:2: warning: #pragma once in main file',
    ]);
  });

  it('maps output columns back through expansions', () => {
    const result = pp('#define BASE 0x41200000\nXil_Out32(BASE + 8, 0);\n');
    const line = result.text.split('\n')[1]!;
    expect(line).toBe('Xil_Out32(0x41200000 + 8, 0);');
    const where = (text: string) => locateOutput(result, 1, line.indexOf(text));
    expect(where('Xil_Out32')).toEqual({ file: 'main.c', line: 2, column: 1 });
    expect(where('0x41200000')).toEqual({ file: 'main.c', line: 2, column: 11 });
    expect(where('+')).toEqual({ file: 'main.c', line: 2, column: 16 });
    expect(where('8')).toEqual({ file: 'main.c', line: 2, column: 18 });
  });
});

describe('GCC parity details', () => {
  it('points at the end of the line, trailing blanks included, for a missing operand', () => {
    expect(messages(pp('#if - \n#endif\n#if 0\n#elif\n#endif\n'))).toEqual([
      "main.c:1:7: error: operator '-' has no right operand",
      'main.c:4:6: error: #elif with no expression',
    ]);
  });

  it('only warns about __VA_ARGS__ outside a variadic macro', () => {
    const result = pp('#define __VA_ARGS__ 1\n__VA_ARGS__\n#define f(x) __VA_ARGS__\n');
    expect(messages(result)).toEqual([
      'main.c:1:9: warning: __VA_ARGS__ can only appear in the expansion of a C99 variadic macro',
      'main.c:2:1: warning: __VA_ARGS__ can only appear in the expansion of a C99 variadic macro',
      'main.c:3:14: warning: __VA_ARGS__ can only appear in the expansion of a C99 variadic macro',
    ]);
    expect(tokens(result.text)).toBe('1');
  });

  it('reports presumed locations after #line and linemarkers, keeping the real line map', () => {
    const result = pp('#line 5 "foo.c"\n#foo\n# 7 "bar.c"\n#error here\nx\n');
    expect(messages(result)).toEqual([
      'foo.c:5:2: error: invalid preprocessing directive #foo',
      'bar.c:7:2: error: #error here',
    ]);
    expect(result.lineMap[4]).toEqual({ file: 'main.c', line: 5 });
  });

  it('warns about an octal escape out of range', () => {
    expect(messages(pp("#if '\\400'\n#endif\n"))).toEqual([
      'main.c:1:5: warning: octal escape sequence out of range',
    ]);
  });
});

describe('virtual include tree (vfs.ts)', () => {
  it('normalises paths', () => {
    expect(normalizePath('src/../inc//a.h')).toBe('inc/a.h');
    expect(normalizePath('./a.h')).toBe('a.h');
    expect(normalizePath('../up.h')).toBe('../up.h');
    expect(normalizePath('/usr/lib/../include/x.h')).toBe('/usr/include/x.h');
    expect(dirnameOf('src/main.c')).toBe('src/');
    expect(dirnameOf('main.c')).toBe('');
    expect(joinPath('src/', '../inc/a.h')).toBe('inc/a.h');
    expect(joinPath('src/', '/abs/a.h')).toBe('/abs/a.h');
  });

  it('resolves quoted names beside the includer first, then in system directories in order', () => {
    const vfs = createVfs(
      {
        'src/main.c': '',
        'src/local.h': '',
        'sys1/both.h': '',
        'sys2/both.h': '',
        '/usr/lib/gcc/arm-none-eabi/include/stdint.h': '',
      },
      ['sys1', 'sys2', '/usr/lib/gcc/arm-none-eabi/include'],
    );
    expect(vfs.resolveQuoted('local.h', 'src/main.c')?.path).toBe('src/local.h');
    expect(vfs.resolveQuoted('both.h', 'src/main.c')?.path).toBe('sys1/both.h');
    expect(vfs.resolveAngled('local.h')).toBeUndefined();
    expect(vfs.resolveAngled('stdint.h')?.path).toBe('/usr/lib/gcc/arm-none-eabi/include/stdint.h');
    expect(vfs.read('./src//main.c')?.path).toBe('src/main.c');
  });
});
