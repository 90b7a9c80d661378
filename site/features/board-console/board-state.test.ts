import { describe, expect, it } from 'vitest';
import { formatXsdb } from '../../../board/xsdb-lines.ts';
import { translator } from '../../i18n/ui.ts';
import {
  boardReducer,
  formatMs,
  initialBoardState,
  needsBuild,
  noticeText,
  withSwitch,
  type BoardAction,
  type BoardState,
} from './board-state.ts';
import type { BoardEvent } from './protocol.ts';

const t = translator('en');
const run = (actions: BoardAction[], from: BoardState = initialBoardState) =>
  actions.reduce(boardReducer, from);
const event = (e: BoardEvent, ms = 0): BoardAction => ({ type: 'event', event: e, ms });

describe('board console state', () => {
  it('starts, builds and reports the build', () => {
    const s = run([
      { type: 'start' },
      { type: 'build' },
      event({ type: 'built', ok: false, diagnostics: 'main.c:1:1: error: x\n' }),
    ]);
    expect(s.started && s.starting).toBe(true);
    expect(s.building).toBe(false);
    expect(s.diagnostics).toBe('main.c:1:1: error: x');
    expect(noticeText(s.notice!, t)).toBe('The build failed.');
    expect(noticeText(run([{ type: 'build' }]).notice!, t)).toBe('Building…');
    expect(run([{ type: 'start' }, { type: 'ready' }]).starting).toBe(false);
  });

  it('follows the status: time shown, notice cleared on run, the end worded', () => {
    const built = run([event({ type: 'built', ok: true, diagnostics: 'warn\n' })]);
    const running = boardReducer(
      built,
      event({ type: 'status', status: 'running', end: null, runtime: '' }, 1.25),
    );
    expect(running.notice).toBeNull();
    expect(running.shownMs).toBe(1.25);
    expect(formatMs(running.shownMs)).toBe('1.3');
    const ended = boardReducer(
      running,
      event({
        type: 'status',
        status: 'ended',
        end: { kind: 'fault', reason: 'data abort' },
        runtime: 'at main (main.c:3)\n',
      }),
    );
    expect(ended.diagnostics).toBe('warn\nat main (main.c:3)');
    expect(noticeText(ended.notice!, t)).toBe('The board stopped: data abort');
    const returned = boardReducer(
      running,
      event({ type: 'status', status: 'ended', end: { kind: 'returned', code: 0 }, runtime: '' }),
    );
    expect(noticeText(returned.notice!, t)).toBe('main returned 0.');
  });

  it('says where stdout went when the terminal cannot show it (UART0, none)', () => {
    const end = event({
      type: 'status',
      status: 'ended',
      end: { kind: 'returned', code: 0 },
      runtime: '',
    });
    const ran = (stdout: BoardState['stdout']) =>
      noticeText(run([{ type: 'stdout', value: stdout }, end]).notice!, t);
    expect(ran('uart1')).toBe('main returned 0.');
    expect(ran('jtag')).toBe('main returned 0.');
    expect(ran('uart0')).toMatch(
      /^main returned 0\. UART0 is not on the USB-UART: the terminal stays empty\.$/,
    );
    expect(ran('none')).toBe('main returned 0. stdout was none: xil_printf printed nowhere.');
    const zh = noticeText(
      run([{ type: 'stdout', value: 'none' }, end]).notice!,
      translator('zh-CN'),
    );
    expect(zh).toMatch(/^main 返回 0。 ?stdout 是 none/);
  });

  it('keeps LEDs, switches, the xsdb log and failures', () => {
    const s = run([
      event({ type: 'leds', value: 8 }),
      { type: 'switch', index: 3, on: true },
      { type: 'command', line: 'mrd 0x41200000' },
      event({
        type: 'result',
        id: 1,
        ok: true,
        lines: [{ kind: 'data', text: '41200000:   00000008' }],
      }),
      { type: 'build' },
      event({ type: 'error', message: 'boom' }),
    ]);
    expect(s.leds).toBe(8);
    expect(s.switches).toBe(8);
    expect(formatXsdb(s.log, t)).toEqual(['xsdb% mrd 0x41200000', '41200000:   00000008']);
    expect(s.building).toBe(false);
    expect(noticeText(s.notice!, t)).toBe('The simulator failed: boom');
    expect(noticeText(run([{ type: 'terminalFailed', message: 'x' }]).notice!, t)).toContain('x');
    expect(noticeText(run([{ type: 'editorFailed', message: 'no wasm' }]).notice!, t)).toBe(
      'The code editor could not load (no wasm); the text boxes stay.',
    );
  });

  it('ticks the time display only when it changes', () => {
    const s = run([{ type: 'tick', ms: 2 }]);
    expect(s.shownMs).toBe(2);
    expect(boardReducer(s, { type: 'tick', ms: 2 })).toBe(s);
  });

  it('keeps the BSP stdout chosen for the next build (UART1 by default)', () => {
    expect(initialBoardState.stdout).toBe('uart1');
    expect(run([{ type: 'stdout', value: 'jtag' }]).stdout).toBe('jtag');
  });

  it('holds a push button from down to up, each once', () => {
    const down = run([{ type: 'button', name: 'BTNR', down: true }]);
    expect(down.buttons).toBe(0b01000);
    expect(boardReducer(down, { type: 'button', name: 'BTNR', down: true })).toBe(down);
    expect(run([{ type: 'button', name: 'BTNR', down: false }], down).buttons).toBe(0);
  });

  it('flips one switch bit', () => {
    expect(withSwitch(0, 7, true)).toBe(0x80);
    expect(withSwitch(0xff, 0, false)).toBe(0xfe);
  });

  it('builds before running when nothing was built, the files changed, or the build failed', () => {
    const now = { files: { 'main.c': 'a' }, stdout: 'uart1' as const };
    expect(needsBuild('stopped', null, now)).toBe(true);
    expect(needsBuild('stopped', { ...now, files: { 'main.c': 'b' } }, now)).toBe(true);
    expect(needsBuild('empty', now, now)).toBe(true);
    expect(needsBuild('ended', now, now)).toBe(false);
    // A new BSP stdout is a new BSP: the program must be built again.
    expect(needsBuild('ended', { ...now, stdout: 'jtag' }, now)).toBe(true);
  });
});
