import { describe, expect, it } from 'vitest';
import {
  COMPILATION_TERMINATED,
  LD_EXIT_STATUS,
  displayColumn,
  expandTabs,
  formatSourceQuote,
  formatDiagnostic,
  formatDiagnostics,
  formatIncludeChain,
  formatLinkSite,
  formatMultipleDefinition,
  formatUndefinedReferences,
  hasErrors,
  hasFatalError,
} from './diagnostics.ts';
import type { Diagnostic } from './diagnostics.ts';

describe('formatDiagnostic (GCC shape)', () => {
  it('prints file:line:column: severity: message', () => {
    const d: Diagnostic = {
      file: 'main.c',
      line: 12,
      column: 5,
      severity: 'error',
      message: "'x' undeclared (first use in this function)",
    };
    expect(formatDiagnostic(d)).toBe(
      "main.c:12:5: error: 'x' undeclared (first use in this function)",
    );
  });

  it('prints a fatal error for a missing header', () => {
    const d: Diagnostic = {
      file: 'main.c',
      line: 3,
      column: 10,
      severity: 'fatal error',
      message: 'xil_printf.h: No such file or directory',
    };
    expect(formatDiagnostic(d)).toBe(
      'main.c:3:10: fatal error: xil_printf.h: No such file or directory',
    );
  });

  it('omits a zero column as GCC does for `unterminated #if`', () => {
    const d: Diagnostic = {
      file: 'c.c',
      line: 2,
      column: 0,
      severity: 'error',
      message: 'unterminated #if',
    };
    expect(formatDiagnostic(d)).toBe('c.c:2: error: unterminated #if');
  });
});

describe('formatDiagnostics (a listing)', () => {
  const fatal: Diagnostic = {
    file: 'main.c',
    line: 1,
    column: 10,
    severity: 'fatal error',
    message: 'xil_printf.h: No such file or directory',
  };

  it('ends a fatal error with `compilation terminated.` and prints nothing after it', () => {
    const later: Diagnostic = { ...fatal, severity: 'error', message: 'never shown' };
    expect(formatDiagnostics([fatal, later])).toBe(
      `main.c:1:10: fatal error: xil_printf.h: No such file or directory\n${COMPILATION_TERMINATED}\n`,
    );
  });

  it('is empty for no diagnostics', () => {
    expect(formatDiagnostics([])).toBe('');
  });

  it('prints the include chain once for consecutive messages from the same header', () => {
    const includedFrom = [
      { file: 'h1.h', line: 2 },
      { file: 'g.c', line: 1 },
    ];
    const a: Diagnostic = {
      file: 'h2.h',
      line: 1,
      column: 2,
      severity: 'error',
      message: '#error boom',
      includedFrom,
    };
    const b: Diagnostic = {
      file: 'h2.h',
      line: 2,
      column: 0,
      severity: 'error',
      message: 'unterminated #if',
      includedFrom,
    };
    expect(formatDiagnostics([a, b])).toBe(
      [
        'In file included from h1.h:2,',
        '                 from g.c:1:',
        'h2.h:1:2: error: #error boom',
        'h2.h:2: error: unterminated #if',
        '',
      ].join('\n'),
    );
  });

  it('prints function context lines as GCC does when entering and leaving a function', () => {
    const inMain: Diagnostic = {
      file: 'u.c',
      line: 2,
      column: 16,
      severity: 'error',
      message: "'x' undeclared (first use in this function)",
      inFunction: 'main',
    };
    const note: Diagnostic = {
      ...inMain,
      severity: 'note',
      message: 'each undeclared identifier is reported only once for each function it appears in',
    };
    const top: Diagnostic = {
      file: 'u.c',
      line: 5,
      column: 0,
      severity: 'warning',
      message: '"j" redefined',
    };
    expect(formatDiagnostics([inMain, note, top]).split('\n')).toEqual([
      "u.c: In function 'main':",
      "u.c:2:16: error: 'x' undeclared (first use in this function)",
      'u.c:2:16: note: each undeclared identifier is reported only once for each function it appears in',
      'u.c: At top level:',
      'u.c:5: warning: "j" redefined',
      '',
    ]);
  });

  it('shows each #include site once per compilation, as GCC 11+ does', () => {
    // gcc -E on main.c: #include <xil_io.h>; xil_io.h:2 includes xil_types.h, which has a
    // #warning; xil_io.h:3 includes a missing header.
    const toMain = { file: 'main.c', line: 1 };
    const warning: Diagnostic = {
      file: 'bsp/include/xil_types.h',
      line: 2,
      column: 2,
      severity: 'warning',
      message: '#warning types [-Wcpp]',
      includedFrom: [{ file: 'bsp/include/xil_io.h', line: 2 }, toMain],
    };
    const fatal: Diagnostic = {
      file: 'bsp/include/xil_io.h',
      line: 3,
      column: 10,
      severity: 'fatal error',
      message: 'missing.h: No such file or directory',
      includedFrom: [toMain],
    };
    expect(formatDiagnostics([warning, fatal]).split('\n')).toEqual([
      'In file included from bsp/include/xil_io.h:2,',
      '                 from main.c:1:',
      'bsp/include/xil_types.h:2:2: warning: #warning types [-Wcpp]',
      'bsp/include/xil_io.h:3:10: fatal error: missing.h: No such file or directory',
      'compilation terminated.',
      '',
    ]);
    // Another header under an already-shown site prints only its new site: the chain stops.
    const other: Diagnostic = {
      ...warning,
      file: 'b.h',
      includedFrom: [{ file: 'a.h', line: 5 }, toMain],
    };
    expect(formatDiagnostics([warning, other]).split('\n').slice(3, 5)).toEqual([
      'In file included from a.h:5:',
      'b.h:2:2: warning: #warning types [-Wcpp]',
    ]);
  });

  it('formats a one-level include chain ending in a colon', () => {
    expect(formatIncludeChain([{ file: 'main.c', line: 3 }])).toBe(
      'In file included from main.c:3:',
    );
  });

  it('tells errors from warnings', () => {
    const warning: Diagnostic = { ...fatal, severity: 'warning' };
    expect(hasErrors([warning])).toBe(false);
    expect(hasErrors([warning, { ...fatal, severity: 'error' }])).toBe(true);
    expect(hasFatalError([{ ...fatal, severity: 'error' }])).toBe(false);
    expect(hasFatalError([fatal])).toBe(true);
  });
});

describe('displayColumn', () => {
  it('expands tabs to multiples of 8 as GCC 11+ reports columns', () => {
    // GCC: `\treturn x;` reports x at 2:16.
    expect(displayColumn('\treturn x;', 8)).toBe(16);
    expect(displayColumn('  x', 2)).toBe(3);
    expect(displayColumn('ab\tc', 3)).toBe(9);
  });
});

describe('formatSourceQuote (GCC caret lines)', () => {
  it('quotes the line with a caret and tildes under the token', () => {
    expect(formatSourceQuote('#include "xil_printf.h"', 3, 10, 14)).toEqual([
      '    3 | #include "xil_printf.h"',
      '      |          ^~~~~~~~~~~~~~',
    ]);
  });

  it('expands tabs and widens the gutter for long files, as GCC 12', () => {
    expect(formatSourceQuote('\treturn x;', 2, 16)).toEqual([
      '    2 |         return x;',
      '      |                ^',
    ]);
    expect(formatSourceQuote('int y = z;', 12345, 9)).toEqual([
      '12345 | int y = z;',
      '      |         ^',
    ]);
    expect(formatSourceQuote('x', 123456, 1)[1]).toBe('       | ^');
    expect(expandTabs('a\tb\t\tc')).toBe('a       b               c');
  });

  it('leaves the caret line empty without a column', () => {
    expect(formatSourceQuote('#if 1', 2, 0)).toEqual(['    2 | #if 1', '      | ']);
  });
});

describe('GNU ld messages', () => {
  it('prints undefined references under one `in function` header per function', () => {
    const site = { object: 'main.o', source: 'main.c', section: '.text', function: 'main' };
    expect(
      formatUndefinedReferences([
        { site: { ...site, offset: 0x14 }, symbol: 'Xil_Out32' },
        { site: { ...site, offset: 0x2c }, symbol: 'Xil_Out32' },
      ]),
    ).toEqual([
      "/usr/bin/ld: main.o: in function `main':",
      "main.c:(.text+0x14): undefined reference to `Xil_Out32'",
      "/usr/bin/ld: main.c:(.text+0x2c): undefined reference to `Xil_Out32'",
    ]);
    expect(LD_EXIT_STATUS).toBe('collect2: error: ld returned 1 exit status');
  });

  it('starts a new header for another function and uses line info when present', () => {
    expect(
      formatUndefinedReferences(
        [
          {
            site: { object: 'a.o', source: 'a.c', section: '.text', offset: 4, function: 'f' },
            symbol: 'g',
          },
          {
            site: {
              object: 'a.o',
              source: 'a.c',
              section: '.text',
              offset: 9,
              line: 7,
              function: 'h',
            },
            symbol: 'g',
          },
        ],
        'arm-none-eabi-ld',
      ),
    ).toEqual([
      "arm-none-eabi-ld: a.o: in function `f':",
      "a.c:(.text+0x4): undefined reference to `g'",
      "arm-none-eabi-ld: a.o: in function `h':",
      "a.c:7: undefined reference to `g'",
    ]);
  });

  it('prints a multiple definition of a function with its header', () => {
    expect(
      formatMultipleDefinition(
        'foo',
        { object: 'r.o', source: 'r.c', section: '.text', offset: 0, function: 'foo' },
        { object: 'q.o', source: 'q.c', section: '.text', offset: 0, function: 'foo' },
      ),
    ).toEqual([
      "/usr/bin/ld: r.o: in function `foo':",
      "r.c:(.text+0x0): multiple definition of `foo'; q.o:q.c:(.text+0x0): first defined here",
    ]);
  });

  it('prints a multiple definition of data on one line', () => {
    expect(
      formatMultipleDefinition(
        'dup',
        { object: 'n.o', section: '.data', offset: 0 },
        { object: 'm.o', section: '.data', offset: 0 },
      ),
    ).toEqual([
      "/usr/bin/ld: n.o:(.data+0x0): multiple definition of `dup'; m.o:(.data+0x0): first defined here",
    ]);
  });

  it('formats sites with and without the object name', () => {
    const site = { object: 'q.o', source: 'q.c', section: '.text', offset: 0x1f };
    expect(formatLinkSite(site)).toBe('q.c:(.text+0x1f)');
    expect(formatLinkSite(site, true)).toBe('q.o:q.c:(.text+0x1f)');
    expect(formatLinkSite({ ...site, line: 3 }, true)).toBe('q.o:q.c:3');
  });
});
