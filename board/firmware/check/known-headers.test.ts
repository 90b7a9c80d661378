import { describe, expect, test } from 'vitest';
import { includeInsertionPoint } from './context.ts';
import { knownHeaderOf, missingHeaderNote } from './known-headers.ts';

describe('the C library names GCC 12 knows the header of (known-headers.cc)', () => {
  test('each name to its header; a name of no C library header to none', () => {
    expect(knownHeaderOf('uint32_t')).toBe('stdint.h');
    expect(knownHeaderOf('INT32_MAX')).toBe('stdint.h');
    expect(knownHeaderOf('size_t')).toBe('stddef.h');
    expect(knownHeaderOf('NULL')).toBe('stddef.h');
    expect(knownHeaderOf('true')).toBe('stdbool.h');
    expect(knownHeaderOf('printf')).toBe('stdio.h');
    // GCC 12's table has no ssize_t (POSIX) and no least/fast types.
    for (const name of ['ssize_t', 'uint_least8_t', 'u32', 'constructor', 'toString'])
      expect(knownHeaderOf(name), name).toBeUndefined();
  });

  test("the note in GCC 12's words", () => {
    expect(missingHeaderNote('bool', 'stdbool.h')).toBe(
      "'bool' is defined in header '<stdbool.h>'; did you forget to '#include <stdbool.h>'?",
    );
  });
});

describe('where GCC inserts a missing #include (c-common.cc, get_include_insert_loc_for_file)', () => {
  // main.c line 1, <a.h>'s 2 lines in place of main.c's line 2, main.c from line 3 on.
  const map = [
    { file: 'main.c', line: 1 },
    { file: 'a.h', line: 1 },
    { file: 'a.h', line: 2 },
    { file: 'main.c', line: 3 },
    { file: 'main.c', line: 4 },
  ];

  test('line 1 before any #include, the line after the last #include read so far after one', () => {
    expect(includeInsertionPoint(map, 'main.c', 0)).toEqual({ file: 'main.c', line: 1, column: 1 });
    expect(includeInsertionPoint(map, 'main.c', 4)).toEqual({ file: 'main.c', line: 3, column: 1 });
  });

  test("a use in a header: the header's own #includes count, not its includer's", () => {
    expect(includeInsertionPoint(map, 'a.h', 2)).toEqual({ file: 'a.h', line: 1, column: 1 });
  });
});
