/**
 * The board console's state as a pure reducer: the board panel (status, LEDs, switches, time),
 * build messages, the notice line and the xsdb log, driven by the worker's events and the
 * reader's actions. The hook (use-board-console.ts) adds the browser: worker, terminal, storage.
 */
import { DEFAULT_STDOUT, type StdoutChoice } from '../../../board/bsp/stdout.ts';
import type { SessionStatus } from '../../../board/session.ts';
import type { XsdbLine } from '../../../board/xsdb-lines.ts';
import { sameFiles, type Files } from './firmware-files.ts';
import { withButton, type ButtonName } from './push-buttons.ts';
import type { BoardEnd, BoardEvent } from './protocol.ts';
import type { Translate } from './translate.ts';

/** The one-line notice under the board panel, as data; `noticeText` words it. */
export type Notice =
  | { kind: 'building' }
  | { kind: 'built' }
  | { kind: 'buildFailed' }
  /** `stdout`: the BSP stdout the program ran with (Run rebuilds after a change). */
  | { kind: 'ended'; end: BoardEnd; stdout: StdoutChoice }
  | { kind: 'failed'; message: string }
  | { kind: 'terminalFailed'; message: string }
  | { kind: 'editorFailed'; message: string };

export interface BoardState {
  /** The reader pressed Start: the worker exists and the terminal is (being) made. */
  started: boolean;
  /** The terminal is still loading. */
  starting: boolean;
  building: boolean;
  status: SessionStatus;
  leds: number;
  switches: number;
  /** The push buttons held (bit 0 BTNC ... bit 4 BTNU). */
  buttons: number;
  /** The simulated time shown (the time display is throttled). */
  shownMs: number;
  /** The last build's compiler and linker messages. */
  buildMessages: string;
  /** The build's messages, then run-time errors. */
  diagnostics: string;
  notice: Notice | null;
  /** The xsdb log: each command echoed as `xsdb% …`, then its answer. */
  log: XsdbLine[];
  /** The BSP settings' stdout (and stdin) for the next build. */
  stdout: StdoutChoice;
}

export const initialBoardState: BoardState = {
  started: false,
  starting: false,
  building: false,
  status: 'empty',
  leds: 0,
  switches: 0,
  buttons: 0,
  shownMs: 0,
  buildMessages: '',
  diagnostics: '',
  notice: null,
  log: [],
  stdout: DEFAULT_STDOUT,
};

export type BoardAction =
  /** A worker event other than `uart` and `time` (the hook feeds those past the state). */
  | { type: 'event'; event: BoardEvent; ms: number }
  | { type: 'start' }
  | { type: 'ready' }
  | { type: 'build' }
  | { type: 'switch'; index: number; on: boolean }
  /** A push button went down or came up (pointer, touch or key). */
  | { type: 'button'; name: ButtonName; down: boolean }
  /** The reader chose the BSP stdout; it applies from the next build. */
  | { type: 'stdout'; value: StdoutChoice }
  | { type: 'command'; line: string }
  | { type: 'tick'; ms: number }
  | { type: 'failed'; message: string }
  | { type: 'terminalFailed'; message: string }
  | { type: 'editorFailed'; message: string };

/** Switch bits with switch `index` set to `on`. */
export function withSwitch(bits: number, index: number, on: boolean): number {
  return on ? (bits | (1 << index)) & 0xff : bits & ~(1 << index) & 0xff;
}

function onEvent(state: BoardState, event: BoardEvent, ms: number): BoardState {
  switch (event.type) {
    case 'built':
      return {
        ...state,
        building: false,
        buildMessages: event.diagnostics,
        diagnostics: event.diagnostics.trimEnd(),
        notice: { kind: event.ok ? 'built' : 'buildFailed' },
      };
    case 'leds':
      return { ...state, leds: event.value };
    case 'status': {
      let notice = state.notice;
      if (event.status === 'running') notice = null;
      if (event.end) notice = { kind: 'ended', end: event.end, stdout: state.stdout };
      return {
        ...state,
        status: event.status,
        shownMs: ms,
        notice,
        // Run-time errors (file:line and the C call stack) follow the build's warnings.
        diagnostics: (state.buildMessages + event.runtime).trimEnd(),
      };
    }
    case 'result':
      return { ...state, log: [...state.log, ...event.lines] };
    case 'error':
      return { ...state, building: false, notice: { kind: 'failed', message: event.message } };
    default:
      return state;
  }
}

export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case 'event':
      return onEvent(state, action.event, action.ms);
    case 'start':
      return { ...state, started: true, starting: true };
    case 'ready':
      return { ...state, starting: false };
    case 'build':
      return { ...state, building: true, notice: { kind: 'building' } };
    case 'switch':
      return { ...state, switches: withSwitch(state.switches, action.index, action.on) };
    case 'stdout':
      return { ...state, stdout: action.value };
    case 'button': {
      const buttons = withButton(state.buttons, action.name, action.down);
      return buttons === state.buttons ? state : { ...state, buttons };
    }
    case 'command':
      return { ...state, log: [...state.log, { kind: 'data', text: `xsdb% ${action.line}` }] };
    case 'tick':
      return state.shownMs === action.ms ? state : { ...state, shownMs: action.ms };
    case 'failed':
      return { ...state, building: false, notice: { kind: 'failed', message: action.message } };
    case 'terminalFailed':
      return { ...state, notice: { kind: 'terminalFailed', message: action.message } };
    case 'editorFailed':
      return { ...state, notice: { kind: 'editorFailed', message: action.message } };
  }
}

export function noticeText(notice: Notice, t: Translate): string {
  switch (notice.kind) {
    case 'building':
      return t('board.building');
    case 'built':
      return t('board.built');
    case 'buildFailed':
      return t('board.buildFailed');
    case 'ended': {
      const end =
        notice.end.kind === 'returned'
          ? t('board.ended.returned', { code: notice.end.code })
          : t('board.ended.fault', { reason: notice.end.reason });
      // UART0 and none print nowhere the console shows: say so, or an empty terminal puzzles.
      if (notice.stdout !== 'uart0' && notice.stdout !== 'none') return end;
      return `${end} ${t(`board.ended.unseen.${notice.stdout}`)}`;
    }
    case 'failed':
      return t('board.failed', { message: notice.message });
    case 'terminalFailed':
      return t('board.terminalFailed', { message: notice.message });
    case 'editorFailed':
      return t('board.editorFailed', { error: notice.message });
  }
}

/** Simulated milliseconds as the panel shows them: one decimal. */
export function formatMs(ms: number): string {
  return ms.toFixed(1);
}

/** What a build was made from: the files and the BSP settings' stdout. */
export interface BuildInput {
  readonly files: Files;
  readonly stdout: StdoutChoice;
}

/**
 * Run must build first: nothing built yet, the files edited or the BSP stdout changed since (a
 * new BSP setting needs a new build, as in Vitis), or the last build failed.
 */
export function needsBuild(
  status: SessionStatus,
  built: BuildInput | null,
  current: BuildInput,
): boolean {
  return (
    !built ||
    !sameFiles(built.files, current.files) ||
    built.stdout !== current.stdout ||
    status === 'empty'
  );
}
