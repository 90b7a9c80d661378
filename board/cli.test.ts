import { describe, expect, it } from 'vitest';
import { boardCli, type CliIo } from './cli.ts';

function fakeIo(files: Record<string, string>): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readFile: (p: string) => {
      const text = files[p];
      if (text === undefined) throw new Error(`ENOENT ${p}`);
      return text;
    },
    listDir: (d: string) =>
      Object.keys(files)
        .filter((p) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.') === d)
        .map((p) => p.slice(p.lastIndexOf('/') + 1)),
  };
  return io;
}

describe('board CLI', () => {
  it('prints the UART on stdout and a [board] line on stderr; exit 0', async () => {
    const io = fakeIo({
      'fw/main.c':
        '#include "msg.h"\n#include "xil_printf.h"\nint main(void) { xil_printf(MSG); return 0; }',
      'fw/msg.h': '#define MSG "hi\\r\\n"',
    });
    expect(await boardCli(['run', 'fw/main.c', '--ms', '20'], io)).toBe(0);
    expect(io.out).toBe('hi\r\n');
    expect(io.err).toMatch(/^\[board\] returned 0 after \d+\.\d ms\n$/);
  });

  it('--stdout jtag prints the JTAG UART text instead of UART1; a bad --stdout is named', async () => {
    const files = {
      'main.c': '#include "xil_printf.h"\nint main(void) { xil_printf("dcc\\r\\n"); return 0; }',
    };
    const io = fakeIo(files);
    expect(await boardCli(['run', 'main.c', '--ms', '20', '--stdout', 'jtag'], io)).toBe(0);
    expect(io.out).toBe('dcc\r\n');
    const none = fakeIo(files);
    expect(await boardCli(['run', 'main.c', '--ms', '20', '--stdout', 'none'], none)).toBe(0);
    expect(none.out).toBe('');
    const bad = fakeIo(files);
    expect(await boardCli(['run', 'main.c', '--stdout', 'usb'], bad)).toBe(1);
    expect(bad.err).toBe(
      "board: invalid value for --stdout: 'usb' is not a choice (expected uart1, uart0, jtag, none)\n",
    );
  });

  it('prints one JSON object with --json and exits 2 on a fault', async () => {
    const io = fakeIo({
      'main.c': '#include "xil_io.h"\nint main(void) { Xil_Out32(0x44A00000, 1); return 0; }',
    });
    expect(await boardCli(['run', 'main.c', '--json'], io)).toBe(2);
    const result = JSON.parse(io.out);
    expect(result.status).toBe('fault');
    expect(result.fault).toMatchObject({ kind: 'no-slave', address: 0x44a00000, line: 2 });
    expect(io.err).toBe('');
  });

  it('runs with the PL unconfigured with --no-bitstream: a GPIO access stalls', async () => {
    const io = fakeIo({
      'main.c':
        '#include "xil_io.h"\n#include "xil_printf.h"\nint main(void) { xil_printf("led\\r\\n"); Xil_Out32(0x41200000, 1); return 0; }',
    });
    expect(await boardCli(['run', 'main.c', '--no-bitstream', '--ms', '20'], io)).toBe(2);
    expect(io.out).toBe('led\r\n');
    expect(io.err).toContain(
      '[board] CPU0 stalled: write to 0x41200000 never completes: the PL is not configured',
    );
  });

  it('exits 1 on a build error and on bad usage', async () => {
    const io = fakeIo({ 'main.c': 'int main(void) { return x; }' });
    expect(await boardCli(['run', 'main.c'], io)).toBe(1);
    expect(io.err).toContain("error: 'x' undeclared");
    expect(io.err).toContain('[board] build failed');
    expect(await boardCli(['run'], fakeIo({}))).toBe(1);
    expect(await boardCli(['run', 'missing.c'], fakeIo({}))).toBe(1);
  });

  it('exits 2 on a --switches value that is not 0-255, naming the option and the value', async () => {
    for (const bad of ['abc', '256', '-1', '1.5', '']) {
      const io = fakeIo({ 'main.c': 'int main(void) { return 0; }' });
      expect(await boardCli(['run', 'main.c', '--switches', bad], io)).toBe(2);
      expect(io.err).toBe(
        `board: invalid value '${bad}' for --switches: expected an integer from 0 to 255 (one bit per slide switch, e.g. 5 or 0x05 or 0b101)\n`,
      );
    }
  });
});

describe('board CLI: how long to run', () => {
  // sleep() dozes (WFE), so seconds of simulated time cost milliseconds of wall time.
  const sleeper = {
    'main.c':
      '#include "sleep.h"\n#include "xil_printf.h"\nint main(void) { sleep(2); xil_printf("done\\r\\n"); return 7; }',
  };

  it('stops after 1000 ms by default, before a 2 s program returns', async () => {
    const io = fakeIo(sleeper);
    expect(await boardCli(['run', 'main.c'], io)).toBe(0);
    expect(io.out).toBe('');
    expect(io.err).toBe('[board] still running after 1000.0 ms (the time limit)\n');
  });

  it('--until-return runs until main returns', async () => {
    const io = fakeIo(sleeper);
    expect(await boardCli(['run', 'main.c', '--until-return'], io)).toBe(0);
    expect(io.out).toBe('done\r\n');
    expect(io.err).toMatch(/^\[board\] returned 7 after 2\d{3}\.\d ms\n$/);
  });

  it('--until-return exits 3 when main has not returned by the --ms cap', async () => {
    const io = fakeIo(sleeper);
    expect(await boardCli(['run', 'main.c', '--until-return', '--ms', '1500'], io)).toBe(3);
    expect(io.err).toContain('[board] still running after 1500.0 ms (the time limit)');
    expect(io.err).toContain('main did not return within 1500 ms of simulated time');
  });

  it('--help documents --until-return on stdout; a bad --ms is named', async () => {
    const io = fakeIo({});
    expect(await boardCli(['--help'], io)).toBe(0);
    expect(io.out).toContain('--until-return   run until main returns');
    const bad = fakeIo(sleeper);
    expect(await boardCli(['run', 'main.c', '--ms', 'soon'], bad)).toBe(1);
    expect(bad.err).toContain('invalid value for --ms');
  });
});
