/**
 * What the board console's xsdb log shows: the board's xsdb answers (board/xsdb.ts, tested there
 * as message keys and parameters) worded with the site's translations (site/i18n/ui.ts).
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/ui.ts';
import { executeXsdb, formatXsdb, XSDB_COMMANDS } from '../../../board/xsdb.ts';
import { unbuiltBoard, xsdbBoard } from '../../../board/xsdb-testing.ts';

const en = translator('en');

const board = (main?: string) => xsdbBoard(en, main);

describe("xsdb output in the site's words", () => {
  it('runs, stops and reads the GPIO with mrd in xsdb format', async () => {
    const { s, run } = await board();
    s.setSwitches(0xa5);
    expect(run('con')).toEqual({
      ok: true,
      text: ['Info: ARM Cortex-A9 MPCore #0 (target 2) Running'],
    });
    expect(run('con')).toEqual({ ok: false, text: ['Already running.'] });
    expect(run('targets').text).toEqual([
      '  1  APU',
      '     2* ARM Cortex-A9 MPCore #0 (Running)',
      '     3  ARM Cortex-A9 MPCore #1 (Running, WFE in the boot ROM)',
      '  4  xc7z020',
    ]);
    s.runForMs(1);
    const stopped = run('stop');
    expect(stopped.ok).toBe(true);
    expect(stopped.text[0]).toMatch(
      /^Info: ARM Cortex-A9 MPCore #0 \(target 2\) Stopped at main\.c:[5-7] \(Suspended\)$/,
    );
    expect(run('stop')).toEqual({ ok: false, text: ['Not running.'] });
    expect(run('targets').text[1]).toBe('     2* ARM Cortex-A9 MPCore #0 (Suspended)');
    expect(run('mrd 0x41200000 3').text).toEqual([
      '41200000:   000000A5',
      '41200004:   00000000',
      '41200008:   000000A5',
    ]);
    expect(run('mrd 1092616200').text).toEqual(['41200008:   000000A5']);
  });

  it('writes with mwr and reports the state of both CPUs', async () => {
    const { s, run } = await board();
    s.con();
    s.runForMs(1);
    s.stop();
    expect(run('mwr 0x41200000 0x3C')).toEqual({ ok: true, text: [] });
    expect(s.state().leds).toBe(0x3c);
    const state = run('state').text;
    expect(state[0]).toMatch(/^CPU0: stopped in main \(main\.c:[5-7]\)$/);
    expect(state[1]).toBe('CPU1: in the boot ROM, waiting for a start address');
    expect(state[2]).toMatch(/^Simulated time 1\.0\d\d ms \(\d+ cycles\); board stopped$/);
    expect(state[3]).toBe('LEDs 0x3C, switches 0x00');
    expect(state).toHaveLength(4);
  });

  it('resets the board and the program with rst', async () => {
    const { s, run } = await board();
    s.con();
    s.runForMs(1);
    expect(run('rst')).toEqual({
      ok: true,
      text: ['Board reset: CPU0 is stopped at the start of main; con runs it.'],
    });
    expect(s.status).toBe('stopped');
    expect(s.cycles).toBe(0);
    expect(run('rst -system').ok).toBe(true);
    expect(run('rst -all')).toEqual({
      ok: false,
      text: ["rst: unknown option '-all'; expected -system, -processor"],
    });
  });

  it('says what was wrong and what is expected', async () => {
    const { run } = await board();
    expect(run('mrd xyz').text).toEqual([
      "mrd: 'xyz' is not an address; expected a number like 0x41200000",
    ]);
    expect(run('mrd').text).toEqual(['mrd: an argument is missing; usage: mrd <address> [count]']);
    expect(run('mrd 0x41200000 0').text).toEqual([
      "mrd: '0' is not a word count; expected 1 to 1024",
    ]);
    expect(run('mrd 0x41200000 2 3').text).toEqual(["mrd: unexpected argument '3'; see help"]);
    expect(run('mwr 0x41200000').text).toEqual([
      'mwr: an argument is missing; usage: mwr <address> <value>',
    ]);
    expect(run('mwr 0x41200000 lots').text).toEqual([
      "mwr: 'lots' is not a value; expected a 32-bit number like 0xFF or 255",
    ]);
    expect(run('mrd 0x41200002').text).toEqual([
      'mrd: 0x41200002 is not word-aligned; mrd and mwr access 32-bit words at multiples of 4',
    ]);
    const unmapped = run('mrd 0xE0002000');
    expect(unmapped.ok).toBe(false);
    expect(unmapped.text[0]).toMatch(
      /^mrd: memory access error at 0xE0002000: data abort \(external abort\).*no device decodes/,
    );
    expect(run('mwr 0x43C00000 1').text[0]).toMatch(/AXI DECERR/);
    expect(run('frobnicate 1')).toEqual({
      ok: false,
      text: [`Unknown command 'frobnicate'; expected one of: ${XSDB_COMMANDS.join(', ')}`],
    });
    expect(run('targets now').text).toEqual(["targets: unexpected argument 'now'; see help"]);
    expect(run('   ')).toEqual({ ok: true, text: [] });
  });

  it('lists every command in help, each with its own line', async () => {
    const { run } = await board();
    const help = run('help').text;
    expect(help).toHaveLength(XSDB_COMMANDS.length + 1);
    for (const c of XSDB_COMMANDS) expect(help.some((l) => l.startsWith(`${c}`))).toBe(true);
  });

  it('refuses to run without a program, and after the program ended', async () => {
    const empty = unbuiltBoard();
    const say = (line: string) => formatXsdb(executeXsdb(line, empty).lines, en);
    expect(say('con')).toEqual(['No program on the board: build it first.']);
    expect(say('state')).toEqual(['No program on the board: build it first.']);
    expect(say('mrd 0x41200000')).toEqual(['No program on the board: build it first.']);
    expect(say('targets')[1]).toBe('     2* ARM Cortex-A9 MPCore #0 (Power On Reset)');

    const { s, run } = await board(`#include "xil_io.h"
int main(void) {
  return (int)Xil_In32(0x40000001);
}`);
    run('con');
    s.runForMs(5);
    expect(run('con').text).toEqual(['The program has ended; rst starts it again.']);
    expect(run('targets').text[1]).toBe('     2* ARM Cortex-A9 MPCore #0 (Data Abort)');
    const state = run('state').text;
    expect(state[0]).toBe('CPU0: data abort in main (main.c:3)');
    expect(state.at(-1)).toMatch(/^Fault: data abort \(alignment fault\).* at main\.c:3$/);
  });

  it('words its messages in another language through the same table', async () => {
    const { run } = await board();
    const zh = translator('zh-CN');
    const r = executeXsdb('mrd xyz', unbuiltBoard());
    expect(formatXsdb(r.lines, zh)[0]).toBe("mrd：'xyz' 不是地址；应为 0x41200000 这样的数字");
    // xsdb's own output is data and reads the same in every language. Before the program runs,
    // GPIO_TRI still has its reset value: every pin an input (PG144, C_TRI_DEFAULT).
    expect(run('mrd 0x41200004').text).toEqual(['41200004:   000000FF']);
  });
});
