import { describe, expect, it } from 'vitest';
import { flattenMessage, typeErrorsOf } from './type-diagnostics.ts';

describe('typeErrorsOf', () => {
  it('turns the TypeScript worker diagnostics into errors at line and column', () => {
    const source = 'export function f(): number {\n  return "x";\n}\n';
    const errors = typeErrorsOf(
      [
        {
          category: 1,
          code: 2322,
          start: source.indexOf('return'),
          messageText: "Type 'string' is not assignable to type 'number'.",
        },
        { category: 2, code: 80001, start: 0, messageText: 'a suggestion, not an error' },
      ],
      source,
      'f.ts',
    );
    expect(errors).toEqual([
      {
        file: 'f.ts',
        line: 2,
        column: 3,
        message: "Type 'string' is not assignable to type 'number'. (TS2322)",
      },
    ]);
  });

  it('flattens message chains as tsc prints them', () => {
    expect(
      flattenMessage({ messageText: 'outer', next: [{ messageText: 'inner', next: [] }] }),
    ).toBe('outer\n  inner');
  });
});
