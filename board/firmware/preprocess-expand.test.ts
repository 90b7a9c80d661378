/** Macro expansion: definitions, rescanning, # and ##, predefined and builtin macros. */
import { describe, expect, it } from 'vitest';
import { macroDefinedAt, stringize } from './preprocess.ts';
import { lex } from './preprocess-lex.ts';
import { clean, messages, pp, run, tokens } from './preprocess-testing.ts';

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

  it("points a header macro's notes into the header, after its include chain (GCC 12)", () => {
    const result = run({
      'main.c': '#include "io.h"\nint x = W(1);\n#define W(a, b) a\n',
      'io.h': '\n#define W(a, b) a + b\n',
    });
    expect(messages(result)).toEqual([
      'main.c:2:12: error: macro "W" requires 2 arguments, but only 1 given',
      'In file included from main.c:1:',
      'io.h:2: note: macro "W" defined here',
      'main.c:3: warning: "W" redefined',
      'io.h:2: note: this is the location of the previous definition',
    ]);
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
