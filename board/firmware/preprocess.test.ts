import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from './diagnostics.ts';
import { locateOutput, macroDefinedAt, preprocess, stringize } from './preprocess.ts';
import type { PreprocessOptions, PreprocessResult } from './preprocess.ts';
import { charConstantValue, integerConstantValue } from './preprocess-expr.ts';
import { lex, wouldPaste } from './preprocess-lex.ts';
import { macroHeavySource } from './macro-heavy-source.ts';
import { createVfs, dirnameOf, joinPath, normalizePath } from './vfs.ts';

function run(files: Record<string, string>, options?: PreprocessOptions): PreprocessResult {
  return preprocess(createVfs(files, ['bsp/include']), 'main.c', options);
}

function pp(source: string, options?: PreprocessOptions): PreprocessResult {
  return run({ 'main.c': source }, options);
}

/** The output as pp-tokens joined by single spaces: spacing is the implementation's choice. */
function tokens(text: string): string {
  return lex(text)
    .tokens.filter((t) => t.kind !== 'eof')
    .map((t) => t.text)
    .join(' ');
}

function messages(result: PreprocessResult): string[] {
  return formatDiagnostics(result.diagnostics).split('\n').filter(Boolean);
}

/** The output's tokens when the source preprocesses with no diagnostics. */
function clean(source: string, options?: PreprocessOptions): string {
  const result = pp(source, options);
  expect(messages(result)).toEqual([]);
  return tokens(result.text);
}

describe('object-like and function-like macros', () => {
  it('replaces object-like macros and rescans the result', () => {
    expect(clean('#define A B + 1\n#define B 2\nint x = A;\n')).toBe('int x = 2 + 1 ;');
  });

  it('substitutes fully expanded arguments into function-like macros', () => {
    const src = '#define SQ(x) ((x) * (x))\n#define N 3\nint y = SQ(N + 1);\n';
    expect(clean(src)).toBe('int y = ( ( 3 + 1 ) * ( 3 + 1 ) ) ;');
  });

  it('leaves a function-like macro name alone when no ( follows', () => {
    expect(clean('#define f(x) x\nint f; f = f(2);\n')).toBe('int f ; f = 2 ;');
  });

  it('treats `#define F (x)` with a space as object-like', () => {
    expect(clean('#define F (x)\nF(1)\n')).toBe('( x ) ( 1 )');
  });

  it('splits arguments only at commas outside parentheses', () => {
    expect(clean('#define SECOND(a, b) b\nSECOND((1, 2), (3, 4))\n')).toBe('( 3 , 4 )');
  });

  it('accepts empty arguments and `m()` for a macro of no parameters', () => {
    expect(clean('#define m() 7\n#define e(a) [a]\nm() e() e( )\n')).toBe('7 [ ] [ ]');
  });

  it('expands nested invocations in arguments before substitution', () => {
    const src = '#define ADD(a, b) (a + b)\n#define TWICE(a) ADD(a, a)\nTWICE(ADD(1, 2))\n';
    expect(clean(src)).toBe('( ( 1 + 2 ) + ( 1 + 2 ) )');
  });

  it('reports argument count mismatches as GCC does and leaves the name', () => {
    const result = pp('#define f(a,b) a b\n#define g() 1\nf(1)\nf(1,2,3)\ng(1)\n');
    expect(messages(result)).toEqual([
      'main.c:3:4: error: macro "f" requires 2 arguments, but only 1 given',
      'main.c:1: note: macro "f" defined here',
      'main.c:4:8: error: macro "f" passed 3 arguments, but takes just 2',
      'main.c:1: note: macro "f" defined here',
      'main.c:5:4: error: macro "g" passed 1 arguments, but takes just 0',
      'main.c:2: note: macro "g" defined here',
    ]);
    expect(tokens(result.text)).toBe('f f g');
  });

  it('reports an unterminated argument list', () => {
    expect(messages(pp('#define f(a) a\nf(1, \n'))).toEqual([
      'main.c:2:6: error: unterminated argument list invoking macro "f"',
    ]);
  });

  it('honours #undef and redefinition, warning only for a different body', () => {
    const result = pp('#define j 1\n#define j  1\n#define j 2\nj\n#undef j\nj\n');
    expect(messages(result)).toEqual([
      'main.c:3: warning: "j" redefined',
      // GCC: an identical redefinition still becomes "the previous definition".
      'main.c:2: note: this is the location of the previous definition',
    ]);
    expect(tokens(result.text)).toBe('2 j');
  });

  it('diagnoses malformed #define lines with GCC messages and columns', () => {
    const src = [
      '#define',
      '#define 3',
      '#define f(x,x) x',
      '#define g(x',
      '#define h(x) #y',
      '#define i(x) ## x',
      '#define k(x) x ##',
      '#define defined 1',
      '#undef',
    ].join('\n');
    expect(messages(pp(`${src}\n`))).toEqual([
      'main.c:1:8: error: no macro name given in #define directive',
      'main.c:2:9: error: macro names must be identifiers',
      'main.c:3:13: error: duplicate macro parameter "x"',
      "main.c:4:12: error: expected ')' before end of line",
      "main.c:5:12: error: '#' is not followed by a macro parameter",
      "main.c:6:12: error: '##' cannot appear at either end of a macro expansion",
      "main.c:7:12: error: '##' cannot appear at either end of a macro expansion",
      'main.c:8:9: error: "defined" cannot be used as a macro name',
      'main.c:9:7: error: no macro name given in #undef directive',
    ]);
  });
});

describe('recursion: the painted-blue rule (C11 6.10.3.4p2)', () => {
  it('does not re-expand a macro inside its own expansion', () => {
    expect(clean('#define foo foo\nfoo\n')).toBe('foo');
    expect(clean('#define foo a foo b\nfoo\n')).toBe('a foo b');
  });

  it('stops mutual recursion', () => {
    expect(clean('#define a b\n#define b a\na b\n')).toBe('a b');
    expect(clean('#define f(x) g(x + 1)\n#define g(x) f(x * 2)\nf(0)\n')).toBe('f ( 0 + 1 * 2 )');
  });

  it('keeps a painted token painted when it is rescanned later', () => {
    // The inner `foo` is painted while foo expands; passing it through id() must not revive it.
    expect(clean('#define foo id(foo)\n#define id(x) x\nfoo\n')).toBe('foo');
  });
});

describe('# and ## (C11 6.10.3.2, 6.10.3.3)', () => {
  it('reproduces C11 6.10.3.5 EXAMPLE 3', () => {
    const src = [
      '#define x 3',
      '#define f(a) f(x * (a))',
      '#undef x',
      '#define x 2',
      '#define g f',
      '#define z z[0]',
      '#define h g(~',
      '#define m(a) a(w)',
      '#define w 0,1',
      '#define t(a) a',
      '#define p() int',
      '#define q(x) x',
      '#define r(x,y) x ## y',
      '#define str(x) # x',
      'f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);',
      'g(x+(3,4)-w) | h 5) & m',
      '(f)^m(m);',
      'p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };',
      'char c[2][6] = { str(hello), str() };',
      '',
    ].join('\n');
    const expected = [
      'f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);',
      'f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);',
      'int i[] = { 1, 23, 4, 5, };',
      'char c[2][6] = { "hello", "" };',
    ].join('\n');
    expect(clean(src)).toBe(tokens(expected));
  });

  it('reproduces C11 6.10.3.5 EXAMPLE 4, computed #include included', () => {
    const src = [
      '#define str(s) # s',
      '#define xstr(s) str(s)',
      '#define debug(s, t) printf("x" # s "= %d, x" # t "= %s", \\',
      ' x ## s, x ## t)',
      '#define INCFILE(n) vers ## n',
      '#define glue(a, b) a ## b',
      '#define xglue(a, b) glue(a, b)',
      '#define HIGHLOW "hello"',
      '#define LOW LOW ", world"',
      'debug(1, 2);',
      'fputs(str(strncmp("abc\\0d", "abc", \'\\4\') // this goes away',
      ' == 0) str(: @\\n), s);',
      '#include xstr(INCFILE(2).h)',
      'glue(HIGH, LOW);',
      'xglue(HIGH, LOW)',
      '',
    ].join('\n');
    const result = run({ 'main.c': src, 'vers2.h': 'int from_vers2;\n' });
    expect(messages(result)).toEqual([]);
    const expected = [
      'printf("x" "1" "= %d, x" "2" "= %s", x1, x2);',
      'fputs("strncmp(\\"abc\\\\0d\\", \\"abc\\", \'\\\\4\') == 0" ": @\\n", s);',
      'int from_vers2;',
      '"hello";',
      '"hello" ", world"',
    ].join('\n');
    expect(tokens(result.text)).toBe(tokens(expected));
    expect(result.includes).toEqual(['vers2.h']);
  });

  it('reproduces C11 6.10.3.5 EXAMPLE 5: placemarkers', () => {
    const src =
      '#define t(x,y,z) x ## y ## z\nint j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),\nt(10,,), t(,11,), t(,,12), t(,,) };\n';
    expect(clean(src)).toBe(tokens('int j[] = { 123, 45, 67, 89, 10, 11, 12, };'));
  });

  it('reproduces C11 6.10.3.5 EXAMPLE 7: variadic macros', () => {
    const src = [
      '#define debug(...) fprintf(stderr, __VA_ARGS__)',
      '#define showlist(...) puts(#__VA_ARGS__)',
      '#define report(test, ...) ((test)?puts(#test):\\',
      'printf(__VA_ARGS__))',
      'debug("Flag");',
      'debug("X = %d\\n", x);',
      'showlist(The first, second, and third items.);',
      'report(x>y, "x is %d but y is %d", x, y);',
      '',
    ].join('\n');
    const expected = [
      'fprintf(stderr, "Flag" );',
      'fprintf(stderr, "X = %d\\n", x );',
      'puts( "The first, second, and third items." );',
      '((x>y)?puts("x>y"): printf("x is %d but y is %d", x, y));',
    ].join('\n');
    expect(clean(src)).toBe(tokens(expected));
  });

  it('stringizes with single spaces and escapes only inside literals', () => {
    const src = "#define h(x) #x\nh(  a  \"\\n\"  '\\'' +b  )\n";
    expect(pp(src).text.trim()).toBe('"a \\"\\\\n\\" \'\\\\\'\' +b"');
    expect(stringize(lex('a\n  b').tokens.slice(0, 2))).toBe('"a b"');
    const backslash = pp('#define f(x) #x\nf(\\) f(@)\n');
    expect(messages(backslash)).toEqual([
      "main.c:2:4: warning: invalid string literal, ignoring final '\\'",
    ]);
    expect(tokens(backslash.text)).toBe('"" "@"');
  });

  it('pastes into identifiers that are then expanded', () => {
    expect(
      clean('#define CAT(a, b) a ## b\n#define XY 42\nCAT(X, Y) CAT(1, 2.5e) CAT(<, <=)\n'),
    ).toBe('42 12.5e <<=');
  });

  it('reports a paste that does not form one token and keeps both', () => {
    const result = pp('#define p(x,y) x ## y\np(/,/) p(+,-)\n#define q(x) x ## -\nq(+)\n');
    expect(messages(result)).toEqual([
      'main.c:2:3: error: pasting "/" and "/" does not give a valid preprocessing token',
      "main.c:1:16: note: in definition of macro 'p'",
      'main.c:2:10: error: pasting "+" and "-" does not give a valid preprocessing token',
      "main.c:1:16: note: in definition of macro 'p'",
      'main.c:4:3: error: pasting "+" and "-" does not give a valid preprocessing token',
      "main.c:3:14: note: in definition of macro 'q'",
    ]);
    // Spelled in the replacement list: GCC points at the definition, then the invocation.
    expect(messages(pp('#define A(x) , , ## x ,\n\nA(A());\n'))).toEqual([
      'main.c:1:16: error: pasting "," and "A" does not give a valid preprocessing token',
      "main.c:3:1: note: in expansion of macro 'A'",
    ]);
    expect(tokens(result.text)).toBe('/ / + - + -');
  });

  it('supports GNU named variadic parameters and `, ## __VA_ARGS__` comma elision', () => {
    const src = [
      '#define E(fmt, ...) f(fmt, ## __VA_ARGS__)',
      '#define N(fmt, args...) g(fmt, ## args)',
      '#define V(...) q(0, ## __VA_ARGS__)',
      'E(1) E(1,2,3) N("x") N("x", y) V() V(x)',
      // GCC drops the comma only when the variable arguments are left out, not when empty.
      'E(1,)',
      '',
    ].join('\n');
    expect(clean(src)).toBe(
      'f ( 1 ) f ( 1 , 2 , 3 ) g ( "x" ) g ( "x" , y ) q ( 0 ) q ( 0 , x ) f ( 1 , )',
    );
  });

  it('supports __VA_OPT__', () => {
    expect(clean('#define V(a, ...) [a __VA_OPT__(, ) __VA_ARGS__]\nV(1) V(1, 2)\n')).toBe(
      '[ 1 ] [ 1 , 2 ]',
    );
    // As GCC 12 (and C23): the test is whether the variable arguments expand to nothing.
    expect(clean('#define EMP\n#define F(...) f(0 __VA_OPT__(,) __VA_ARGS__)\nF(EMP) F(a)\n')).toBe(
      'f ( 0 ) f ( 0 , a )',
    );
  });
});

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

describe('predefined and builtin macros', () => {
  it('predefines what arm-none-eabi-gcc 12 does for a Cortex-A9', () => {
    const src = [
      '#if __GNUC__ == 12 && defined(__arm__) && __ARM_ARCH == 7 && defined(__ARM_ARCH_7A__) \\',
      '  && defined(__CHAR_UNSIGNED__) && __SIZEOF_INT__ == 4 && __SIZEOF_POINTER__ == 4 \\',
      '  && __SIZEOF_LONG__ == 4 && __SIZEOF_LONG_LONG__ == 8 && __STDC__ == 1 \\',
      '  && __STDC_VERSION__ == 201710L && __INT_MAX__ == 2147483647 \\',
      '  && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__',
      'arm',
      '#endif',
      '',
    ].join('\n');
    expect(clean(src)).toBe('arm');
    expect(clean('#ifdef __arm__\narm\n#endif\n', { predefined: false })).toBe('');
  });

  it('expands __FILE__ and __LINE__ where they are used, in headers too', () => {
    const files = {
      'main.c': 'int a = __LINE__;\n#include "inc/where.h"\nconst char *f = __FILE__;\n',
      'inc/where.h': '\n\nint b = __LINE__; const char *g = __FILE__;\n#define HERE __LINE__\n',
    };
    const result = run(files);
    expect(tokens(result.text)).toBe(
      'int a = 1 ; int b = 3 ; const char * g = "inc/where.h" ; const char * f = "main.c" ;',
    );
    expect(clean('#define HERE __LINE__\n\nint x = HERE;\n#line 100\nint y = __LINE__;\n')).toBe(
      'int x = 3 ; int y = 100 ;',
    );
  });

  it('expands __DATE__, __TIME__ and __COUNTER__ reproducibly', () => {
    expect(
      clean('__DATE__ __TIME__ __COUNTER__ __COUNTER__\n', {
        date: 'Nov 28 2026',
        time: '09:00:00',
      }),
    ).toBe('"Nov 28 2026" "09:00:00" 0 1');
  });

  it('takes command-line -D and -U', () => {
    expect(
      clean('DEBUG MAX(1, 2) __arm__\n', {
        defines: { DEBUG: '1', 'MAX(a,b)': '((a)>(b)?(a):(b))' },
        undefines: ['__arm__'],
      }),
    ).toBe('1 ( ( 1 ) > ( 2 ) ? ( 1 ) : ( 2 ) ) __arm__');
  });

  it('reports where a macro was defined', () => {
    const result = run({ 'main.c': '#include "x.h"\n', 'x.h': '\n#define LED 3\n' });
    expect(macroDefinedAt(result, 'LED')).toEqual({ file: 'x.h', line: 2, column: 9 });
    expect(macroDefinedAt(result, '__LINE__')).toBeUndefined();
    expect(result.macros.get('LED')?.body.map((t) => t.text)).toEqual(['3']);
  });
});

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
      [18, 18],
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
