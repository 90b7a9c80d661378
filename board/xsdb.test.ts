/**
 * xsdb commands as data: xsdb's own output lines and the message keys and parameters the site
 * words. How the site words them in each language is the site's test
 * (site/features/board-console/xsdb-format.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { executeXsdb, formatXsdb, hex8, parseNumber, XSDB_COMMANDS } from './xsdb.ts';
import { unbuiltBoard, xsdbBoard } from './xsdb-testing.ts';

/** Words a message as its key and parameters (`key name=value …`), so tests read the data. */
const keyed = (id: string, params: Record<string, string | number>) =>
  [id, ...Object.entries(params).map(([k, v]) => `${k}=${v}`)].join(' ');

const board = (main?: string) => xsdbBoard(keyed, main);

describe('xsdb commands', () => {
  it('reads numbers as xsdb does: 0x hex or decimal, 32 bits', () => {
    expect(parseNumber('0x41200000')).toBe(0x41200000);
    expect(parseNumber('0XfF')).toBe(255);
    expect(parseNumber('4096')).toBe(4096);
    expect(parseNumber('0xFFFFFFFF')).toBe(0xffffffff);
    for (const bad of ['0x100000000', '4294967296', 'xyz', '0x', '-1', '1.5', ''])
      expect(parseNumber(bad)).toBeNull();
    expect(hex8(0x41200000)).toBe('41200000');
  });

  it('runs, stops and reads the GPIO with mrd in xsdb format', async () => {
    const { s, run } = await board();
    s.setSwitches(0xa5);
    expect(run('con')).toEqual({
      ok: true,
      text: ['Info: ARM Cortex-A9 MPCore #0 (target 2) Running'],
    });
    expect(run('con')).toEqual({ ok: false, text: ['board.xsdb.alreadyRunning'] });
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
    expect(run('stop')).toEqual({ ok: false, text: ['board.xsdb.notRunning'] });
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
    expect(state[0]).toMatch(
      /^board\.xsdb\.stateCpuAt cpu=0 state=board\.cpu\.stopped function=main file=main\.c line=[5-7]$/,
    );
    expect(state[1]).toBe('board.xsdb.stateCpu cpu=1 state=board.cpu.parked');
    expect(state[2]).toMatch(
      /^board\.xsdb\.stateTime ms=1\.0\d\d cycles=\d+ status=board\.status\.stopped$/,
    );
    expect(state[3]).toBe('board.xsdb.stateIo leds=0x3C switches=0x00');
    expect(state).toHaveLength(4);
  });

  it('resets the board and the program with rst', async () => {
    const { s, run } = await board();
    s.con();
    s.runForMs(1);
    expect(run('rst')).toEqual({ ok: true, text: ['board.xsdb.reset'] });
    expect(s.status).toBe('stopped');
    expect(s.cycles).toBe(0);
    expect(run('rst -system').ok).toBe(true);
    expect(run('rst -all')).toEqual({
      ok: false,
      text: ['board.xsdb.badOption command=rst option=-all options=-system, -processor'],
    });
  });

  it('says what was wrong and what is expected', async () => {
    const { run } = await board();
    expect(run('mrd xyz').text).toEqual(['board.xsdb.notAddress command=mrd text=xyz']);
    expect(run('mrd').text).toEqual(['board.xsdb.missing command=mrd usage=mrd <address> [count]']);
    expect(run('mrd 0x41200000 0').text).toEqual([
      'board.xsdb.notCount command=mrd text=0 max=1024',
    ]);
    expect(run('mrd 0x41200000 2 3').text).toEqual(['board.xsdb.extra command=mrd text=3']);
    expect(run('mwr 0x41200000').text).toEqual([
      'board.xsdb.missing command=mwr usage=mwr <address> <value>',
    ]);
    expect(run('mwr 0x41200000 lots').text).toEqual(['board.xsdb.notValue command=mwr text=lots']);
    expect(run('mrd 0x41200002').text).toEqual([
      'board.xsdb.unaligned command=mrd address=0x41200002',
    ]);
    const unmapped = run('mrd 0xE0002000');
    expect(unmapped.ok).toBe(false);
    expect(unmapped.text[0]).toMatch(
      /^board\.xsdb\.busError command=mrd address=0xE0002000 detail=data abort \(external abort\).*no device decodes/,
    );
    expect(run('mwr 0x43C00000 1').text[0]).toMatch(/^board\.xsdb\.busError .*AXI DECERR/);
    expect(run('frobnicate 1')).toEqual({
      ok: false,
      text: [`board.xsdb.unknown command=frobnicate commands=${XSDB_COMMANDS.join(', ')}`],
    });
    expect(run('targets now').text).toEqual(['board.xsdb.extra command=targets text=now']);
    expect(run('   ')).toEqual({ ok: true, text: [] });
  });

  it('agrees with state after main returned while the board still runs (the UART draining)', async () => {
    const { s, run } = await board(`#include "xil_printf.h"
int main(void) {
  xil_printf("%s\\r\\n", "forty bytes take three and a half ms to go");
  return 0;
}`);
    run('con');
    s.runForMs(1);
    expect(s.status).toBe('running');
    expect(s.state().cpus[0]?.state).toBe('returned');
    expect(run('targets').text.slice(1, 3)).toEqual([
      '     2* ARM Cortex-A9 MPCore #0 (Exited, main returned 0)',
      '     3  ARM Cortex-A9 MPCore #1 (Running, WFE in the boot ROM)',
    ]);
    const state = run('state').text;
    expect(state[0]).toMatch(/^board\.xsdb\.stateCpu(At)? cpu=0 state=board\.cpu\.returned/);
    expect(state[1]).toBe('board.xsdb.stateCpu cpu=1 state=board.cpu.parked');
    s.runForMs(10);
    expect(s.status).toBe('ended');
    expect(run('targets').text[2]).toBe('     3  ARM Cortex-A9 MPCore #1 (Suspended)');
  });

  it('lists every command in help, each with its own message', async () => {
    const { run } = await board();
    expect(run('help').text).toEqual([
      'board.xsdb.help.intro',
      ...XSDB_COMMANDS.map((c) => `board.xsdb.help.${c}`),
    ]);
  });

  it('explains one command with help <command>, and names a bad one', async () => {
    const { run } = await board();
    expect(run('help jtagterminal').text).toEqual(['board.xsdb.help.jtagterminal']);
    expect(run('help mrd').text).toEqual(['board.xsdb.help.mrd']);
    expect(run('help bogus').text).toEqual([
      `board.xsdb.unknown command=bogus commands=${XSDB_COMMANDS.join(', ')}`,
    ]);
    expect(run('help mrd mwr').text).toEqual(['board.xsdb.extra command=help text=mrd mwr']);
  });

  it('refuses to run without a program, and after the program ended', async () => {
    const empty = unbuiltBoard();
    const say = (line: string) => formatXsdb(executeXsdb(line, empty).lines, keyed);
    expect(say('con')).toEqual(['board.xsdb.noProgram']);
    expect(say('state')).toEqual(['board.xsdb.noProgram']);
    expect(say('mrd 0x41200000')).toEqual(['board.xsdb.noProgram']);
    expect(say('targets')[1]).toBe('     2* ARM Cortex-A9 MPCore #0 (Power On Reset)');

    const { s, run } = await board(`#include "xil_io.h"
int main(void) {
  return (int)Xil_In32(0x40000001);
}`);
    run('con');
    s.runForMs(5);
    expect(run('con').text).toEqual(['board.xsdb.ended']);
    expect(run('targets').text[1]).toBe('     2* ARM Cortex-A9 MPCore #0 (Data Abort)');
    const state = run('state').text;
    expect(state[0]).toBe(
      'board.xsdb.stateCpuAt cpu=0 state=board.cpu.aborted function=main file=main.c line=3',
    );
    expect(state.at(-1)).toMatch(
      /^board\.xsdb\.stateFault reason=data abort \(alignment fault\).* at main\.c:3$/,
    );
  });

  it('keeps xsdb output as data: GPIO_TRI reads its reset value before the program runs', async () => {
    const { run } = await board();
    // Every pin an input until the program writes GPIO_TRI (PG144, C_TRI_DEFAULT).
    expect(run('mrd 0x41200004').text).toEqual(['41200004:   000000FF']);
  });

  it('jtagterminal shows what CPU0 sent on the JTAG UART since reset, line by line', async () => {
    const main = `#include "xil_printf.h"
int main(void) { xil_printf("one\\r\\ntwo\\n"); return 0; }`;
    const { s, run } = await xsdbBoard(keyed, main, 'jtag');
    const header = 'board.xsdb.jtagterminal target=ARM Cortex-A9 MPCore #0 (target 2)';
    expect(run('jtagterminal')).toEqual({ ok: true, text: [header, 'board.xsdb.jtagEmpty'] });
    s.con();
    s.runForMs(5);
    expect(run('jtagterminal -start')).toEqual({ ok: true, text: [header, 'one', 'two'] });
    expect(run('jtagterminal -socket')).toEqual({
      ok: false,
      text: ['board.xsdb.badOption command=jtagterminal option=-socket options=-start'],
    });
    s.reset();
    expect(run('jtagterminal').text).toEqual([header, 'board.xsdb.jtagEmpty']);
  });

  it('jtagterminal stays empty while the BSP prints on UART1', async () => {
    const { s, run } = await xsdbBoard(
      keyed,
      '#include "xil_printf.h"\nint main(void) { xil_printf("uart\\r\\n"); return 0; }',
    );
    s.con();
    s.runForMs(5);
    expect(run('jtagterminal').text[1]).toBe('board.xsdb.jtagEmpty');
    expect(run('jtagterminal').ok).toBe(true);
  });
});
