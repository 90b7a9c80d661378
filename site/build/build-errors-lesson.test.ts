/**
 * The lesson "Build errors, BSP settings and the PL side" quotes what the simulated build and
 * board print for its examples (build-errors/*). These tests build and run each example and check
 * that the lesson's text holds exactly those lines, so a change to the engine, the BSP or the
 * board that changes a message fails here instead of leaving the lesson wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeEnv } from '../../board/bsp/bsp.ts';
import { BareSession } from '../../board/firmware/index.ts';
import { runFirmware } from '../../board/session.ts';

const DIR = join('site', 'lessons', 'zynq', 'build-errors');
const LESSON = readFileSync(join('site', 'lessons', 'zynq', 'build-errors.mdx'), 'utf8');
const files = Object.fromEntries(
  readdirSync(DIR).map((name) => [name, readFileSync(join(DIR, name), 'utf8')]),
);

/** The lesson quotes `text` verbatim (one ```text block may hold more). */
function expectQuoted(text: string): void {
  expect(LESSON).toContain(text.trimEnd());
}

describe('the build-errors lesson', () => {
  it('lists exactly the example files the tests below use', () => {
    expect(Object.keys(files).sort()).toEqual([
      'main.c',
      'myled.h',
      'myled_selftest.c',
      'pl-hang.c',
      'stdout.c',
      'uart0.c',
    ]);
  });

  it('quotes the warnings and the undefined references of the driver without xil_io.h', async () => {
    const r = await runFirmware({ files, sources: ['main.c'] }, nodeEnv());
    expect(r.status).toBe('build-error');
    expectQuoted(r.diagnostics);
    expect(r.diagnostics).toMatch(/undefined reference to `Xil_Out32'/);
  });

  it('builds and runs once myled.h includes xil_io.h, as its fix says', async () => {
    const fixed = {
      ...files,
      'myled.h': files['myled.h']!.replace(
        '#include "xil_types.h"',
        '#include "xil_io.h"\n#include "xil_types.h"',
      ),
    };
    const r = await runFirmware({ files: fixed, sources: ['main.c'], ms: 20 }, nodeEnv());
    expect(r.status).toBe('returned');
    expect(r.diagnostics).toBe('');
    expect(r.uart).toBe('LEDs = 0x5A\r\n');
  });

  it('quotes the fatal error of a driver source compiled without the BSP include directory', async () => {
    const session = new BareSession();
    const built = await session.build(files, ['myled_selftest.c']);
    expect(built.program).toBeNull();
    const text = session.result().diagnostics;
    expect(text).toMatch(
      /^myled_selftest\.c:5:10: fatal error: xil_printf\.h: No such file or directory$/m,
    );
    expectQuoted(text);
  });

  it('quotes what reaches the console when one line goes to UART0', async () => {
    const r = await runFirmware({ files, sources: ['uart0.c'], ms: 50 }, nodeEnv());
    expect(r.status).toBe('returned');
    expect(r.uart).not.toContain('UART0');
    expectQuoted(r.uart.replace(/\r\n/g, '\n'));
  });

  it('quotes the JTAG UART text of stdout.c with stdout on ps7_coresight_comp_0, UART1 silent', async () => {
    const run = (stdout: 'jtag' | 'uart1' | 'none') =>
      runFirmware({ files, sources: ['stdout.c'], ms: 20, stdout }, nodeEnv());
    const jtag = await run('jtag');
    expect(jtag).toMatchObject({ status: 'returned', uart: '', diagnostics: '' });
    expectQuoted(jtag.jtag.replace(/\r\n/g, '\n'));
    expect(LESSON).toContain(
      '#define STDIN_BASEADDRESS 0xF8800000\n#define STDOUT_BASEADDRESS 0xF8800000\n#define XPAR_STDIN_IS_CORESIGHTPS_DCC',
    );
    const uart1 = await run('uart1');
    expect(uart1).toMatchObject({ uart: 'stdout at 0xE0001000\r\nhello from main\r\n', jtag: '' });
    expect(await run('none')).toMatchObject({
      status: 'returned',
      exitCode: 0,
      uart: '',
      jtag: '',
    });
  });

  it('quotes the DECERR abort of a write to a PL address without a slave', async () => {
    const r = await runFirmware({ files, sources: ['pl-hang.c'], ms: 20 }, nodeEnv());
    expect(r.status).toBe('fault');
    expect(r.fault).toMatchObject({ file: 'pl-hang.c', line: 9 });
    expectQuoted(`[board] ${r.reason}`);
  });
});
