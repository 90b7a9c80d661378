/**
 * The C grading path: its helpers, and hostile submissions graded through the Node runner (a
 * worker per run, ended at the time limit) the way `learn check` grades them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeEnv } from '../../board/bsp/bsp.ts';
import {
  caseOutputs,
  expectLines,
  expectTranscript,
  ledsAt,
  showText,
  type BoardRun,
} from './board-run.ts';
import { CheckFailure } from './assert.ts';
import { compileC, compileErrorsOf } from './compile-c.ts';
import { gradeExercise } from './grade-exercise.ts';
import { NodeGradeRunner } from './node-runner.ts';

function fakeRun(uart: string, leds: { ms: number; value: number }[] = []): BoardRun {
  return {
    result: {
      status: 'returned',
      reason: '',
      simulatedMs: 1,
      cycles: 1,
      uart,
      jtag: '',
      leds: 0,
      diagnostics: '',
      fault: null,
      exitCode: 0,
      interrupts: [],
    },
    returnedAtMs: 1,
    irqs: { all: 0, timer: 0, timerAtMs: [], timerBySoftware: 0 },
    leds,
    registers: new Map(),
    outOfWallTime: false,
  };
}

describe('board-run helpers', () => {
  it('quotes a long wrong transcript cut short, with its length', () => {
    const flood = 'done after 5 ticks\r\n'.repeat(400);
    let failure: unknown;
    try {
      expectTranscript(fakeRun(flood), 'done after 5 ticks\r\n');
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(CheckFailure);
    const { actual, expected } = failure as CheckFailure;
    expect(expected).toBe('"done after 5 ticks\\r\\n"');
    expect(actual).toMatch(/^"(done after 5 ticks\\r\\n){15}"\.\.\. \(8000 characters in all\)$/);
    expect(actual!.length).toBeLessThan(400);
  });

  it('shows control characters and DEL as C escapes', () => {
    expect(showText('a\x7f\r\n"\\\x07\x1e\b')).toBe('a\\x7F\\r\\n\\"\\\\\\x07\\x1E\\b');
  });

  it('splits a transcript into cases and drops a case cut short', () => {
    expect(caseOutputs(fakeRun('1.000\x1e\x1e-0.5'))).toEqual(['1.000', '']);
  });

  it('finds required lines and refuses forbidden ones', () => {
    const run = fakeRun('hello\r\nLEDs = 0xA5\r\nERROR: x\r\n');
    expect(() => expectLines(run, { required: ['LEDs = 0xA5'] })).not.toThrow();
    expect(() => expectLines(run, { required: ['LEDs = 0xa5'] })).toThrow(CheckFailure);
    expect(() => expectLines(run, { forbidden: [/^ERROR/] })).toThrow(/must not have: "ERROR: x"/);
  });

  it('reads the LEDs at a time from their history', () => {
    const run = fakeRun('', [
      { ms: 0, value: 0 },
      { ms: 5, value: 3 },
    ]);
    expect([ledsAt(run, 4.9), ledsAt(run, 5), ledsAt(run, 100)]).toEqual([0, 3, 3]);
  });
});

describe('compile-c', () => {
  it('reports GCC errors in the learner files with file, line and column', async () => {
    const outcome = await compileC(
      { 'main.c': 'int main(void) {\n  return 0\n}\n' },
      'main.c',
      nodeEnv(),
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors[0]).toMatchObject({ file: 'main.c', line: 2 });
  });

  it('leaves link errors to the checks (a file of functions has no main)', async () => {
    const outcome = await compileC({ 'f.c': 'int f(void) { return 1; }\n' }, 'f.c', nodeEnv());
    expect(outcome.ok).toBe(true);
  });

  it('refuses odd file names and oversized submissions with a message saying what was expected', async () => {
    const named = await compileC({ 'a b.c': '' }, 'a b.c', nodeEnv());
    expect(!named.ok && named.errors[0]!.message).toMatch(/not a C file name/);
    const big = await compileC({ 'a.c': 'x'.repeat(300_000) }, 'a.c', nodeEnv());
    expect(!big.ok && big.errors[0]!.message).toMatch(/at most 262144/);
  });

  it('keeps only errors in the learner files', () => {
    const text = "main.c:3:5: error: expected ';'\n/bsp/include/x.h:1:1: error: y\nld: z\n";
    expect(compileErrorsOf(text, { 'main.c': '' })).toEqual([
      { file: 'main.c', line: 3, column: 5, message: "expected ';'" },
    ]);
  });
});

describe('hostile C ends in a failed verdict within the time limit', () => {
  const runner = new NodeGradeRunner({ seed: 1, typeCheck: false });
  const grade = (code: string, timeLimitMs = 10_000) =>
    runner.grade({
      exerciseId: 'zynq/01-fixed-point-print',
      files: { 'fixed-point.c': code },
      timeLimitMs,
    });

  it('an endless loop: the board time runs out', async () => {
    const result = await grade('void print_fixed3(int m) { for (;;) {} }');
    expect(result.status).toBe('fail');
    expect(result.checks[0]!.message).toMatch(/did not return within 200\.0 ms of board time/);
  });

  it('endless recursion: a stack overflow with its file and line', async () => {
    const result = await grade('void print_fixed3(int m) { print_fixed3(m + 1); }');
    expect(result.status).toBe('fail');
    expect(result.checks[0]!.message).toMatch(/stack overflow .* at fixed-point\.c:1/);
  });

  it('a macro bomb: a compile error at its line', async () => {
    const defs = 'ABCDEFG'
      .split('')
      .map((m, i) => `#define ${m} ${(i ? 'ABCDEFG'[i - 1]! + ' ' : 'x ').repeat(10)}`)
      .join('\n');
    const result = await grade(`${defs}\nint y = sizeof(G);\nvoid print_fixed3(int m) {}\n`);
    expect(result.status).toBe('error');
    expect(result.compileErrors[0]).toMatchObject({ file: 'fixed-point.c', line: 8 });
  });

  it('an array larger than the DDR: ld says it does not fit', async () => {
    const result = await grade(
      'char big[0x7fffffff];\nvoid print_fixed3(int m) { big[m & 7] = 1; }',
    );
    expect(result.status).toBe('fail');
    expect(result.checks[0]!.message).toMatch(/will not fit in region/);
  });

  it('a 400 MB array that fits: stopped at the time limit', async () => {
    const started = Date.now();
    const result = await grade(
      'int big[100000000];\nvoid print_fixed3(int m) { big[m & 7] = 1; }',
      4000,
    );
    expect(['timeout', 'fail']).toContain(result.status);
    expect(Date.now() - started).toBeLessThan(6000);
  }, 10_000);
});

/**
 * zynq/03-timer-ticks counts the interrupts at the board's GIC. A program that keeps the old
 * grader's counter in OCM (0xFFFFFE00: all IRQs, 0xFFFFFE04: timer IRQs) and writes it to 5 before
 * printing the expected line must still fail when the board delivered 4 or 6 timer interrupts.
 */
describe('zynq/03-timer-ticks counts the interrupts the board delivered', () => {
  const id = 'zynq/03-timer-ticks';
  const solution = readFileSync(
    new URL('../zynq/03-timer-ticks/solution/timer-ticks.c', import.meta.url),
    'utf8',
  );
  const forge = 'Xil_Out32(0xFFFFFE00U, 5U);\n  Xil_Out32(0xFFFFFE04U, 5U);\n';
  const wait5 = 'while (ticks < 5) {\n    wfi();\n  }\n  XScuTimer_Stop(&timer);\n';
  const print = 'xil_printf("done after %d ticks\\r\\n", ticks);';

  function mutant(edits: [string, string][]): string {
    let source = `#include "sleep.h"\n#include "xil_io.h"\n${solution}`;
    for (const [from, to] of edits) {
      expect(source, `edit target missing: ${from}`).toContain(from);
      source = source.replace(from, to);
    }
    return source;
  }

  async function interruptCheck(source: string) {
    const result = await gradeExercise(
      { exerciseId: id, files: { 'timer-ticks.c': source }, timeLimitMs: 30_000 },
      { seed: 1, firmwareEnv: nodeEnv },
    );
    const byName = (part: string) => result.checks.find((c) => c.name.includes(part))!;
    return { result, interrupts: byName('timer interrupts'), transcript: byName('prints') };
  }

  it('fails four interrupts, padded to 0.5 s, with the counter in OCM forged to 5', async () => {
    const source = mutant([
      [wait5, wait5.replace('ticks < 5', 'ticks < 4') + `  usleep(100000);\n  ${forge}`],
      [print, 'xil_printf("done after %d ticks\\r\\n", 5);'],
    ]);
    const { result, interrupts, transcript } = await interruptCheck(source);
    expect(transcript.status).toBe('pass');
    expect(interrupts).toMatchObject({ status: 'fail', expected: '5', actual: '4' });
    expect(result.status).toBe('fail');
  }, 30_000);

  it('fails six interrupts (the first one at once), with the counter in OCM forged to 5', async () => {
    const source = mutant([
      [
        '  XScuTimer_Start(&timer);\n',
        '  XScuTimer_Start(&timer);\n  Xil_Out32(timer_cfg->BaseAddr + 0x04U, 100U); /* first tick now */\n',
      ],
      [wait5, wait5.replace('ticks < 5', 'ticks < 6') + `  ${forge}`],
      [print, 'xil_printf("done after %d ticks\\r\\n", 5);'],
    ]);
    const { result, interrupts, transcript } = await interruptCheck(source);
    expect(transcript.status).toBe('pass');
    expect(interrupts).toMatchObject({ status: 'fail', expected: '5', actual: '6' });
    expect(result.status).toBe('fail');
  }, 30_000);

  it("fails ID 29 pended through ICDISPR from the global timer's 10 Hz handler, the private timer never started", async () => {
    // The global timer's comparator (UG585 4.1: base 0xF8F00200, PPI 27) ticks at 10 Hz with
    // auto-increment; its handler pends the private timer's ID 29 by hand, whose handler counts.
    const globalTimer = `
static void gt_isr(void *ref) {
  (void)ref;
  Xil_Out32(0xF8F0020CU, 1U);          /* clear the comparator event */
  Xil_Out32(0xF8F01200U, 1U << 29);    /* ICDISPR0: pend ID 29 */
}
`;
    const start =
      '  XScuGic_Connect(&gic, 27, (Xil_InterruptHandler)gt_isr, 0);\n' +
      '  XScuGic_Enable(&gic, 27);\n' +
      '  Xil_Out32(0xF8F00210U, TIMER_LOAD + 1);\n  Xil_Out32(0xF8F00214U, 0U);\n' +
      '  Xil_Out32(0xF8F00218U, TIMER_LOAD + 1);\n  Xil_Out32(0xF8F00208U, 0xFU);\n';
    const source = mutant([
      ['static void timer_isr(', `${globalTimer}static void timer_isr(`],
      ['  XScuTimer_ClearInterruptStatus(t);\n', '  (void)t;\n'],
      ['  XScuTimer_Start(&timer);\n', start],
    ]);
    const { result, interrupts, transcript } = await interruptCheck(source);
    expect(transcript.status).toBe('pass');
    expect(interrupts).toMatchObject({ status: 'fail', actual: '5 software-pended' });
    expect(interrupts.message).toMatch(/ICDISPR/);
    expect(result.status).toBe('fail');
  }, 30_000);
});
