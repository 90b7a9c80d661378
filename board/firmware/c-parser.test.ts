import { describe, expect, test } from 'vitest';
import { loadCParser, nameUnnamedBitFields, parseC, tokenName } from './c-parser.ts';
import { identityLineMap } from './report.ts';
import { buildC, messagesOf, runC } from './testing.ts';

describe('tree-sitter-c and typedef names (docs/toolchain-notes.md#typedef-names)', () => {
  test('tree-sitter alone reads (u16)(x) as a call and (T)-1 as a subtraction', async () => {
    const parser = await loadCParser();
    const text = 'void f(void) { int i; u16 a = (u16)(i * 1000); int b = (T)-1; }';
    const { tree, diagnostics } = parseC(parser, text, identityLineMap('t.c', text));
    expect(diagnostics).toEqual([]);
    const s = tree.rootNode.toString();
    expect(s).toContain(
      'value: (call_expression function: (parenthesized_expression (identifier))',
    );
    expect(s).toContain(
      'value: (binary_expression left: (parenthesized_expression (identifier)) right: (number_literal))',
    );
    tree.delete();
  });

  test('the checker re-reads them with the symbol table: casts when the name is a typedef', async () => {
    const r = await runC(`typedef unsigned short u16;
typedef int T;
int main(void) {
  int i = 70, p = 4;
  int *q = &p;
  u16 a = (u16)(i * 1000);
  T b = (T)-1 * 3;
  T c = (T)*q + 1;
  T * x;
  x = &b;
  (i) - 1;
  return a == 4464 && b == -3 && c == 5 && *x == -3;
}`);
    expect(r.messages).toBe('');
    expect(r.thread!.exitCode).toBe(1);
  });

  test('`x * y;` is a multiplication when x is a variable, a declaration when x is a type', async () => {
    const r = await buildC({
      'main.c':
        'typedef int T;\nint main(void) {\n  int x = 2, y = 3;\n  x * y;\n  T * z = &x;\n  return *z;\n}\n',
    });
    expect(messagesOf(r)).toBe('');
    const unknown = await buildC({ 'main.c': 'int main(void) {\n  U * z;\n  return 0;\n}\n' });
    expect(messagesOf(unknown)).toContain("main.c:2:3: error: unknown type name 'U'");
  });

  test('sizeof of a parenthesized name: a type when it is a typedef, else the variable', async () => {
    const r = await runC(
      'typedef long long T;\nint main(void) {\n  char T2[5];\n  return sizeof(T) * 10 + sizeof(T2);\n}\n',
    );
    expect(r.thread!.exitCode).toBe(85);
  });
});

describe('syntax errors', () => {
  // Expected diagnostics are arm-none-eabi-gcc 12.2's for the same text.
  test('a missing semicolon after a statement: at the gap, naming the next token', async () => {
    const parser = await loadCParser();
    const text = 'int main(void) {\n  int x = 1;\n  x = 2\n  return x;\n}\n';
    const { diagnostics } = parseC(parser, text, identityLineMap('m.c', text));
    expect(diagnostics).toEqual([
      {
        file: 'm.c',
        line: 3,
        column: 8,
        severity: 'error',
        message: "expected ';' before 'return'",
        inFunction: 'main',
      },
    ]);
  });

  test("a missing semicolon after a declaration: \"expected ',' or ';'\" at the next token", async () => {
    const parser = await loadCParser();
    const text = 'int main(void) {\n  int x = 3\n  return x;\n}\n';
    const { diagnostics } = parseC(parser, text, identityLineMap('m.c', text));
    expect(diagnostics).toEqual([
      {
        file: 'm.c',
        line: 3,
        column: 3,
        severity: 'error',
        message: "expected ',' or ';' before 'return'",
        inFunction: 'main',
      },
    ]);
    const global = 'int x = 5\nint y;\n';
    expect(parseC(parser, global, identityLineMap('d1.c', global)).diagnostics).toEqual([
      {
        file: 'd1.c',
        line: 2,
        column: 1,
        severity: 'error',
        message: "expected ',' or ';' before 'int'",
      },
    ]);
  });

  test('a missing comma in an initializer list ends the list, as GCC says', async () => {
    const parser = await loadCParser();
    const text = 'int main(void) {\n  int a[3] = {1, 2 3};\n  return a[0];\n}\n';
    expect(parseC(parser, text, identityLineMap('d5.c', text)).diagnostics).toEqual([
      {
        file: 'd5.c',
        line: 2,
        column: 20,
        severity: 'error',
        message: "expected '}' before numeric constant",
        inFunction: 'main',
      },
    ]);
  });

  test('tokens are named as GCC names them', () => {
    expect(tokenName('return')).toBe("'return'");
    expect(tokenName('42')).toBe('numeric constant');
    expect(tokenName('"s"')).toBe('string constant');
    // A character constant by its value (arm-none-eabi-gcc 12: `expected ';' before '\xa'`).
    expect(tokenName("'c'")).toBe("'c'");
    expect(tokenName("'\\n'")).toBe("'\\xa'");
    expect(tokenName("' '")).toBe("'\\x20'");
    expect(tokenName("L'c'")).toBe('character constant');
    expect(tokenName('}')).toBe("'}' token");
  });
});

describe('unnamed bit-fields', () => {
  test('get the reserved member name; named ones, labels, cases and ?: are left alone', () => {
    expect(nameUnnamedBitFields('struct A { unsigned : 0; signed c : 4, : 2; u8 : 3; };')).toBe(
      'struct A { unsigned __unnamed_bf : 0; signed c : 4, __unnamed_bf : 2; u8 __unnamed_bf : 3; };',
    );
    const code = 'int f(int x) { lbl: switch (x) { case 1: return x ? 2 : 3; } goto lbl; }';
    expect(nameUnnamedBitFields(code)).toBe(code);
    const named = 'struct B { unsigned a : 4, b : 4; const char *s; };';
    expect(nameUnnamedBitFields(named)).toBe(named);
  });
});
