/** Directives: conditional inclusion, #if expressions, #include, #error and #warning. */
import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from './diagnostics.ts';
import type { PreprocessOptions } from './preprocess.ts';
import { charConstantValue, integerConstantValue } from './preprocess-expr.ts';
import { clean, messages, pp, run, tokens } from './preprocess-testing.ts';

describe('conditional inclusion (C11 6.10.1)', () => {
  it('tests definedness with defined X, defined(X), #ifdef and #ifndef', () => {
    const src = [
      '#define A',
      '#if defined A && defined(A) && !defined B',
      'one',
      '#endif',
      '#ifdef A',
      'two',
      '#endif',
      '#ifndef B',
      'three',
      '#endif',
      '#ifdef B',
      'no',
      '#endif',
      '',
    ].join('\n');
    expect(clean(src)).toBe('one two three');
  });

  it('takes only the first true group of an #elif chain', () => {
    const src = (n: number) =>
      `#define N ${n}\n#if N == 1\none\n#elif N == 2\ntwo\n#elif N >= 2\nmany\n#else\nnone\n#endif\n`;
    expect(clean(src(1))).toBe('one');
    expect(clean(src(2))).toBe('two');
    expect(clean(src(5))).toBe('many');
    expect(clean(src(0))).toBe('none');
  });

  it('evaluates nothing in skipped groups, nested ones included', () => {
    const src = [
      '#if 0',
      '#if 1/0',
      '#error not me',
      '#else',
      '#error nor me',
      '#endif',
      'any text at all',
      '#foo',
      '#if 1 +',
      '#endif',
      '#endif',
      '#ifdef A',
      '#elif 1',
      'elif',
      '#elif 1/0',
      '#else',
      '#error no',
      '#endif',
      '',
    ].join('\n');
    expect(messages(pp(src))).toEqual([]);
    expect(tokens(pp(src).text)).toBe('elif');
  });

  it('does not evaluate #elif after a taken group', () => {
    expect(clean('#if 1\nyes\n#elif 1/0\n#elif\n#endif\n')).toBe('yes');
  });

  it('supports #elifdef and #elifndef', () => {
    expect(
      clean('#define B\n#ifdef A\na\n#elifdef B\nb\n#endif\n#ifdef A\n#elifndef C\nc\n#endif\n'),
    ).toBe('b c');
  });

  it('reports unterminated conditionals innermost first', () => {
    expect(messages(pp('\n#if 1\n#ifdef X\n#else\n'))).toEqual([
      'main.c:3: error: unterminated #else',
      'main.c:2: error: unterminated #if',
    ]);
  });

  it('reports #else after #else and #elif after #else, with where it began', () => {
    expect(messages(pp('#if 1\n#else\n#else\n#endif\n#if 0\n#else\n#elif 1\n#endif\n'))).toEqual([
      'main.c:3:2: error: #else after #else',
      'main.c:1: error: the conditional began here',
      'main.c:7:2: error: #elif after #else',
      'main.c:5: error: the conditional began here',
    ]);
  });

  it('reports branches without #if', () => {
    expect(messages(pp('#endif\n#else\n#elif 1\n'))).toEqual([
      'main.c:1:2: error: #endif without #if',
      'main.c:2:2: error: #else without #if',
      'main.c:3:2: error: #elif without #if',
    ]);
  });

  it('warns about extra tokens after #else and #endif', () => {
    expect(messages(pp('#if 0\n#else junk\n#endif junk\n'))).toEqual([
      'main.c:2:7: warning: extra tokens at end of #else directive [-Wendif-labels]',
      'main.c:3:8: warning: extra tokens at end of #endif directive [-Wendif-labels]',
    ]);
  });
});

describe('#if expressions', () => {
  function truth(expr: string, options?: PreprocessOptions): boolean {
    const result = pp(`#if ${expr}\nyes\n#else\nno\n#endif\n`, options);
    expect(messages(result)).toEqual([]);
    return result.text.includes('yes');
  }

  it('evaluates operators with C precedence and associativity', () => {
    expect(truth('1 + 2 * 3 == 7 && (1 + 2) * 3 == 9')).toBe(true);
    expect(truth('10 - 4 - 3 == 3 && 100 / 10 / 5 == 2 && 17 % 5 == 2')).toBe(true);
    expect(
      truth('(1 << 4) == 16 && (256 >> 4) == 16 && (6 & 3) == 2 && (6 | 3) == 7 && (6 ^ 3) == 5'),
    ).toBe(true);
    expect(truth('~0 == -1 && !0 == 1 && -(-3) == 3 && +4 == 4')).toBe(true);
    expect(truth('1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3 && 1 != 2')).toBe(true);
    expect(truth('0 ? 1 : 2 == 2')).toBe(true);
    expect(truth('1 ? 0 : 1')).toBe(false);
    expect(truth('(2, 0)')).toBe(false);
  });

  it('uses intmax_t and uintmax_t semantics', () => {
    expect(truth('-1 < 0')).toBe(true);
    expect(truth('-1 > 0u')).toBe(true);
    expect(truth('0xffffffffffffffff == -1')).toBe(true);
    expect(truth('0x7fffffffffffffff > 0 && -0x7fffffffffffffff - 1 < 0')).toBe(true);
    expect(truth('(-7) / 2 == -3 && (-7) % 2 == -1')).toBe(true);
    expect(truth('-1 >> 1 == -1 && (1u << 63) > 0 && 0x80000000 > 0')).toBe(true);
    expect(truth('1 ? -1 : 0u > 0')).toBe(true);
  });

  it('treats undefined identifiers as 0 and expands macros first', () => {
    expect(truth('UNDEFINED == 0')).toBe(true);
    expect(truth('VERSION >= 0x0200', { defines: { VERSION: '0x0210' } })).toBe(true);
    expect(truth('defined(FOO) && FOO(2) == 4', { defines: { 'FOO(x)': '((x) * 2)' } })).toBe(true);
  });

  it('evaluates `defined` produced by macro expansion', () => {
    expect(truth('HAVE_FOO', { defines: { HAVE_FOO: 'defined(FOO)', FOO: '1' } })).toBe(true);
    expect(truth('HAVE_BAR', { defines: { HAVE_BAR: 'defined BAR' } })).toBe(false);
  });

  it('evaluates character constants with unsigned plain char (arm-none-eabi)', () => {
    expect(
      truth("'A' == 65 && '\\n' == 10 && '\\377' == 255 && '\\x41' == 0x41 && L'a' == 97"),
    ).toBe(true);
    expect(charConstantValue("'ab'")).toEqual({
      value: { value: 24930n, unsigned: false },
      warning: 'multi-character character constant [-Wmultichar]',
    });
  });

  it('short-circuits: no division by zero in unevaluated operands', () => {
    expect(truth('0 && 1 / 0')).toBe(false);
    expect(truth('1 || 1 / 0')).toBe(true);
    expect(truth('1 ? 2 : 1 / 0')).toBe(true);
  });

  it('reports GCC errors in expressions, and skips the group', () => {
    const cases: Array<[string, string]> = [
      ['1/0', 'main.c:1:6: error: division by zero in #if'],
      ['1 % 0', 'main.c:1:7: error: division by zero in #if'],
      // `#if ` with its trailing blank: GCC points at the end of the line.
      ['', 'main.c:1:5: error: #if with no expression'],
      ['(1', "main.c:1:5: error: missing ')' in expression"],
      ['1 +', "main.c:1:8: error: operator '+' has no right operand"],
      ['1 2', 'main.c:1:7: error: missing binary operator before token "2"'],
      ['0x', 'main.c:1:5: error: invalid suffix "x" on integer constant'],
      ['"s"', 'main.c:1:5: error: token ""s"" is not valid in preprocessor expressions'],
      ['1.0', 'main.c:1:5: error: floating constant in preprocessor expression'],
      ['defined', 'main.c:1:12: error: operator "defined" requires an identifier'],
      ['defined(X', 'main.c:1:14: error: missing \')\' after "defined"'],
      ['1 ? 2', "main.c:1:10: error: '?' without following ':'"],
      ['1 : 2', "main.c:1:7: error:  ':' without preceding '?'"],
      ['()', "main.c:1:6: error: missing expression between '(' and ')'"],
      ['09', 'main.c:1:5: error: invalid digit "9" in octal constant'],
    ];
    for (const [expr, message] of cases) {
      const result = pp(`#if ${expr}\nyes\n#endif\n`);
      expect(messages(result)).toEqual([message]);
      expect(result.text).not.toContain('yes');
    }
  });

  it('warns about overflow and large constants as GCC does', () => {
    expect(messages(pp('#if 0x7fffffffffffffff + 1 < 0\n#endif\n'))).toEqual([
      'main.c:1:28: warning: integer overflow in preprocessor expression',
    ]);
    expect(messages(pp('#if 18446744073709551615 == -1\n#endif\n'))).toEqual([
      'main.c:1:5: warning: integer constant is so large that it is unsigned',
    ]);
    expect(integerConstantValue('18446744073709551616')).toEqual({
      value: { value: 0n, unsigned: true },
      warning: 'integer constant is too large for its type',
    });
    expect(integerConstantValue('10UL')).toEqual({ value: { value: 10n, unsigned: true } });
    expect(integerConstantValue('0b101')).toEqual({ value: { value: 5n, unsigned: false } });
    expect(integerConstantValue('1lL')).toEqual({
      error: 'invalid suffix "lL" on integer constant',
    });
  });

  it('supports __has_include', () => {
    const files = {
      'main.c':
        '#if __has_include("here.h") && __has_include(<xil_io.h>) && !__has_include("gone.h")\nok\n#endif\n',
      'here.h': '',
      'bsp/include/xil_io.h': '',
    };
    const result = run(files);
    expect(messages(result)).toEqual([]);
    expect(tokens(result.text)).toBe('ok');
  });
});

describe('#include', () => {
  it('looks up "..." relative to the including file first, then the system directories', () => {
    const files = {
      'main.c': '#include "drivers/led.h"\n#include "xil_types.h"\n',
      'drivers/led.h': '#include "regs.h"\nint led;\n',
      'drivers/regs.h': 'int drivers_regs;\n',
      'regs.h': 'int wrong_regs;\n',
      'bsp/include/xil_types.h': 'typedef unsigned int u32;\n',
    };
    const result = run(files);
    expect(messages(result)).toEqual([]);
    expect(tokens(result.text)).toBe('int drivers_regs ; int led ; typedef unsigned int u32 ;');
    expect(result.includes).toEqual(['drivers/led.h', 'drivers/regs.h', 'bsp/include/xil_types.h']);
  });

  it('looks up <...> in the system directories only', () => {
    const files = {
      'main.c': '#include <xil_io.h>\n#include <local.h>\n',
      'local.h': 'int local;\n',
      'bsp/include/xil_io.h': 'int xil_io;\n',
    };
    const result = run(files);
    expect(messages(result)).toEqual([
      'main.c:2:10: fatal error: local.h: No such file or directory',
      'compilation terminated.',
    ]);
  });

  it('stops at a missing header with GCC exact fatal error', () => {
    const result = pp('#include <xil_types.h>\n  #include "xil_printf.h"\nint after;\n');
    expect(formatDiagnostics(result.diagnostics)).toBe(
      'main.c:1:10: fatal error: xil_types.h: No such file or directory\ncompilation terminated.\n',
    );
    expect(result.diagnostics).toHaveLength(1);
    expect(result.text).not.toContain('after');
    expect(messages(pp('int x;\n#include "xil_printf.h"\n'))[0]).toBe(
      'main.c:2:10: fatal error: xil_printf.h: No such file or directory',
    );
  });

  it('includes a header with #pragma once only once, and include guards work', () => {
    const files = {
      'main.c': '#include "once.h"\n#include "once.h"\n#include "guard.h"\n#include "guard.h"\n',
      'once.h': '#pragma once\nint once;\n',
      'guard.h': '#ifndef GUARD_H\n#define GUARD_H\nint guard;\n#endif\n',
    };
    const result = run(files);
    expect(messages(result)).toEqual([]);
    expect(tokens(result.text)).toBe('int once ; int guard ;');
  });

  it('reports malformed #include lines', () => {
    expect(messages(pp('#include\n#include foo\n'))).toEqual([
      'main.c:1:9: error: #include expects "FILENAME" or <FILENAME>',
      'main.c:2:10: error: #include expects "FILENAME" or <FILENAME>',
    ]);
  });

  it('expands computed includes of both forms', () => {
    const files = {
      'main.c': '#define HDR "a.h"\n#define SYS <xil_io.h>\n#include HDR\n#include SYS\n',
      'a.h': 'int a;\n',
      'bsp/include/xil_io.h': 'int io;\n',
    };
    expect(tokens(run(files).text)).toBe('int a ; int io ;');
  });

  it('stops runaway recursion at GCC include depth limit', () => {
    const result = run({ 'main.c': '#include "self.h"\n', 'self.h': '#include "self.h"\n' });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe(
      '#include nested depth 200 exceeds maximum of 200 (use -fmax-include-depth=DEPTH to increase the maximum)',
    );
    expect(errors[0]!.includedFrom).toHaveLength(199);
    expect(`${errors[0]!.line}:${errors[0]!.column}`).toBe('1:18');
  });

  it('prints the include chain for diagnostics in headers', () => {
    const files = {
      'main.c': '#include "h1.h"\n',
      'h1.h': '\n#include "h2.h"\n',
      'h2.h': '#error boom\n#if 1\n',
    };
    expect(messages(run(files))).toEqual([
      'In file included from h1.h:2,',
      '                 from main.c:1:',
      'h2.h:1:2: error: #error boom',
      'h2.h:2: error: unterminated #if',
    ]);
  });
});

describe('diagnostic directives', () => {
  it('prints #error and #warning as GCC does', () => {
    expect(messages(pp('\n\n\n\n#error hello  world  \n  #warning  be careful\n#error\n'))).toEqual(
      [
        'main.c:5:2: error: #error hello world',
        'main.c:6:4: warning: #warning be careful [-Wcpp]',
        'main.c:7:2: error: #error ',
      ],
    );
  });

  it('reports an unknown directive and ignores unknown pragmas', () => {
    expect(messages(pp('#foo\n#pragma GCC optimize("O0")\n#\n'))).toEqual([
      'main.c:1:2: error: invalid preprocessing directive #foo',
    ]);
  });
});
