import { describe, expect, it } from 'vitest';
import { markersFor, parseBuildMessages } from './build-messages.ts';

// Shapes as GCC 12 and the board print them.
const text = [
  "main.c: In function 'main':",
  "main.c:2:10: warning: implicit declaration of function 'Xil_In32' [-Wimplicit-function-declaration]",
  "shared.h:4:1: error: unknown type name 'u33'",
  'main.c:7: note: declared here',
  "/usr/bin/ld: main.o: in function `main': undefined reference to `Xil_In32'",
  '  at main (main.c:3)',
  '',
].join('\n');

describe('parseBuildMessages', () => {
  const lines = parseBuildMessages(text);
  it('keeps every line, in order, without the trailing blank', () => {
    expect(lines.map((l) => l.text)).toEqual(text.trimEnd().split('\n'));
  });
  it('finds GCC locations with and without a column', () => {
    expect(lines[1]!.at).toEqual({
      file: 'main.c',
      line: 2,
      column: 10,
      severity: 'warning',
      message: "implicit declaration of function 'Xil_In32' [-Wimplicit-function-declaration]",
    });
    expect(lines[3]!.at).toMatchObject({ file: 'main.c', line: 7, column: 1, severity: 'note' });
  });
  it('finds the board call stack lines', () => {
    expect(lines[5]!.at).toMatchObject({ file: 'main.c', line: 3, severity: 'error' });
  });
  it('leaves lines without a location plain', () => {
    expect(lines[0]!.at).toBeNull();
    expect(lines[4]!.at).toBeNull();
  });
  it('gives nothing for empty text', () => {
    expect(parseBuildMessages('  \n')).toEqual([]);
  });
  it('picks one file’s errors and warnings for its markers', () => {
    expect(markersFor(lines, 'main.c').map((m) => m.line)).toEqual([2, 3]);
    expect(markersFor(lines, 'shared.h').map((m) => m.severity)).toEqual(['error']);
  });
});
