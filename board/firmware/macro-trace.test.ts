import { describe, expect, test } from 'vitest';
import { expansionNotes, spellingOf } from './macro-trace.ts';
import type { MacroLocation, SourcePoint } from './preprocess-macros.ts';
import { locateDiagnostic, withColumns } from './report.ts';
import { pp } from './preprocess-testing.ts';

const at = (file: string, line: number, column: number): SourcePoint => ({ file, line, column });

describe('GCC 12 notes for a token from a macro expansion', () => {
  // #define SET(x) (x = COUNT)   (main.c:1)
  // #define ON() SET(v)          (main.c:2)
  //   ON();                      (main.c:5)
  const on = { macro: 'ON', at: at('main.c', 5, 3) };
  const setName: MacroLocation = {
    expansion: on,
    definition: at('main.c', 2, 14),
    spelling: at('main.c', 2, 14),
  };
  const count: MacroLocation = {
    expansion: { macro: 'SET', at: setName },
    definition: at('main.c', 1, 21),
    spelling: at('main.c', 1, 21),
  };

  test('a body token is spelled in the definition, with one note per expansion', () => {
    expect(spellingOf(count)).toEqual(at('main.c', 1, 21));
    expect(expansionNotes(count, 1)).toEqual([
      { ...at('main.c', 2, 14), message: "in expansion of macro 'SET'" },
      { ...at('main.c', 5, 3), message: "in expansion of macro 'ON'" },
    ]);
  });

  test("an argument's token stays at the use; the note points at its parameter", () => {
    // XGpio_WriteReg(base, 0, leds) with xgpio.h:26's Data at column 99
    const leds: MacroLocation = {
      expansion: { macro: 'XGpio_WriteReg', at: at('main.c', 3, 3) },
      definition: at('xgpio.h', 26, 99),
      spelling: at('main.c', 3, 37),
    };
    expect(spellingOf(leds)).toEqual(at('main.c', 3, 37));
    expect(expansionNotes(leds, 3)).toEqual([
      { ...at('xgpio.h', 26, 99), message: "in definition of macro 'XGpio_WriteReg'" },
    ]);
  });

  test('GCC compares lines only: a parameter on the line of the message gets the expansion note', () => {
    const same: MacroLocation = {
      expansion: { macro: 'F', at: at('main.c', 3, 3) },
      definition: at('f.h', 3, 20),
      spelling: at('main.c', 3, 5),
    };
    expect(expansionNotes(same, 3)).toEqual([
      { ...at('main.c', 3, 3), message: "in expansion of macro 'F'" },
    ]);
  });
});

describe('the preprocessor tracks where expanded tokens come from', () => {
  const source = '#define ADD(a, b) ((a) + (b))\n#define TWICE(a) ADD(a, a)\nint r = TWICE(z);\n';
  const result = pp(source);
  const map = withColumns(result.lineMap, result.columnMap);
  const line = result.text.split('\n')[2]!;

  test('an argument passed through two macros: at the use, in the inner definition', () => {
    const z = line.indexOf('z');
    expect(locateDiagnostic(map, 2, z)).toEqual({
      at: at('main.c', 3, 15),
      notes: [
        { ...at('main.c', 1, 21), message: "in definition of macro 'ADD'" },
        { ...at('main.c', 3, 9), message: "in expansion of macro 'TWICE'" },
      ],
    });
  });

  test('a body token: in the definition, then each expansion', () => {
    const plus = line.indexOf('+');
    expect(locateDiagnostic(map, 2, plus)).toEqual({
      at: at('main.c', 1, 24),
      notes: [
        { ...at('main.c', 2, 18), message: "in expansion of macro 'ADD'" },
        { ...at('main.c', 3, 9), message: "in expansion of macro 'TWICE'" },
      ],
    });
  });

  test('a token read from the file has no notes', () => {
    expect(locateDiagnostic(map, 2, 4)).toEqual({ at: at('main.c', 3, 5), notes: [] });
  });

  test('a token pasted with ## or made by # is placed in the definition too', () => {
    const r = pp('#define CAT(a, b) a ## b\n#define STR(x) #x\nint CAT(x, y) = sizeof STR(q);\n');
    const m = withColumns(r.lineMap, r.columnMap);
    const text = r.text.split('\n')[2]!;
    const pasted = locateDiagnostic(m, 2, text.indexOf('xy'));
    expect(pasted.notes.map((n) => n.message)).toEqual(["in definition of macro 'CAT'"]);
    const string = locateDiagnostic(m, 2, text.indexOf('"q"'));
    expect(string.at).toEqual(at('main.c', 2, 16));
    expect(string.notes).toEqual([
      { ...at('main.c', 3, 24), message: "in expansion of macro 'STR'" },
    ]);
  });
});
