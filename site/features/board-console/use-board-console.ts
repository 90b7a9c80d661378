/**
 * The board console's behaviour as a hook: the learner's files (use-saved-files.ts) and terminal
 * settings from the site's storage (after hydration; the server rendered the example), the worker and xterm.js
 * loaded on Start, worker events into the pure reducer (board-state.ts), UART bytes into the
 * terminal and the transcript.
 */
import type { Terminal } from '@xterm/xterm';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import {
  createSettingsStore,
  openBrowserStorage,
  type SettingsStore,
} from '../../storage/index.ts';
import type { StdoutChoice } from '../../../board/bsp/stdout.ts';
import { withButton, type ButtonName } from './push-buttons.ts';
import {
  boardReducer,
  initialBoardState,
  needsBuild,
  withSwitch,
  type BuildInput,
} from './board-state.ts';
import { CommandHistory } from './command-history.ts';
import { sourcesOf, type Files } from './firmware-files.ts';
import type { BoardEvent, BoardRequest } from './protocol.ts';
import { TerminalFeed, echoText, keyBytes, type LineEnding } from './terminal-bytes.ts';
import { Transcript } from './transcript.ts';
import { useSavedFiles } from './use-saved-files.ts';

/** The time display changes at most this often: it is a polite live region. */
const TIME_DISPLAY_MS = 1000;

export interface BoardConsoleOptions {
  example: Files;
  cpu1Names: readonly string[];
  storageKey: string;
  /** The terminal's accessible name, and the id of its hint. */
  terminalLabel: string;
  terminalHintId: string;
}

export function useBoardConsole(o: BoardConsoleOptions) {
  const { example, storageKey } = o;
  const [state, dispatch] = useReducer(boardReducer, initialBoardState);
  const { files, edit, backToExample } = useSavedFiles(storageKey, example);
  const [transcript, setTranscript] = useState('');
  const [jtagText, setJtagText] = useState('');
  const [lineEnding, setLineEndingState] = useState<LineEnding>('cr');
  const [localEcho, setLocalEchoState] = useState(false);
  const [lfAsNewline, setLfAsNewlineState] = useState(false);

  const worker = useRef<Worker | null>(null);
  const term = useRef<Terminal | null>(null);
  const termHost = useRef<HTMLDivElement>(null);
  const feed = useRef(new TerminalFeed());
  const text = useRef(new Transcript());
  const jtag = useRef(new Transcript());
  const history = useRef(new CommandHistory());
  const built = useRef<BuildInput | null>(null);
  /** The buttons held, as sent to the board (a pointer and a key may change them in one frame). */
  const buttons = useRef(0);
  const latestMs = useRef(0);
  const nextCommand = useRef(1);
  const settingsStore = useRef<SettingsStore | null>(null);
  // The terminal's onData handler is registered once; it reads the current settings here.
  const settings = useRef({ lineEnding, localEcho });
  settings.current = { lineEnding, localEcho };

  useEffect(() => {
    settingsStore.current = createSettingsStore(openBrowserStorage().storage);
    setLineEndingState(settingsStore.current.get('board.lineEnding'));
    setLocalEchoState(settingsStore.current.get('board.localEcho'));
    return () => {
      worker.current?.terminate();
      term.current?.dispose();
    };
  }, []);
  useEffect(() => {
    if (!state.started) return;
    const timer = setInterval(
      () => dispatch({ type: 'tick', ms: latestMs.current }),
      TIME_DISPLAY_MS,
    );
    return () => clearInterval(timer);
  }, [state.started]);

  const send = (request: BoardRequest) => worker.current?.postMessage(request);

  function onEvent(event: BoardEvent) {
    if (event.type === 'time') latestMs.current = event.ms;
    else if (event.type === 'uart') {
      term.current?.write(feed.current.feed(event.bytes));
      setTranscript(text.current.bytes(event.bytes));
    } else if (event.type === 'jtag') setJtagText(jtag.current.bytes(event.bytes));
    else dispatch({ type: 'event', event, ms: latestMs.current });
  }

  function onTyped(data: string) {
    const { lineEnding: ending, localEcho: echo } = settings.current;
    send({ type: 'input', bytes: keyBytes(data, ending) });
    if (!echo) return;
    const shown = echoText(data);
    term.current?.write(shown);
    setTranscript(text.current.add(shown));
  }

  async function start() {
    dispatch({ type: 'start' });
    const w = new Worker(new URL('./board.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<BoardEvent>) => onEvent(e.data);
    w.onerror = (e) => dispatch({ type: 'failed', message: e.message });
    worker.current = w;
    try {
      const { createTerminal } = await import('./board-terminal.ts');
      // The terminal's host renders once the state says started: wait for that render.
      await new Promise((resolve) => setTimeout(resolve));
      const host = termHost.current;
      if (host) {
        const created = await createTerminal(host, {
          label: o.terminalLabel,
          describedBy: o.terminalHintId,
        });
        created.onData(onTyped);
        term.current = created;
      }
    } catch (err) {
      dispatch({ type: 'terminalFailed', message: (err as Error).message });
    }
    dispatch({ type: 'ready' });
  }

  function build(run: boolean) {
    dispatch({ type: 'build' });
    built.current = { files: { ...files }, stdout: state.stdout };
    send({
      type: 'build',
      sources: { ...sourcesOf(files, o.cpu1Names), stdout: state.stdout },
      run,
    });
  }

  return {
    state,
    files,
    transcript,
    jtagText,
    termHost,
    history: history.current,
    start,
    build,
    run: () =>
      needsBuild(state.status, built.current, { files, stdout: state.stdout })
        ? build(true)
        : send({ type: 'run' }),
    setStdout: (value: StdoutChoice) => dispatch({ type: 'stdout', value }),
    stop: () => send({ type: 'stop' }),
    editorFailed: (message: string) => dispatch({ type: 'editorFailed', message }),
    reset: () => send({ type: 'reset' }),
    flip(index: number, on: boolean) {
      dispatch({ type: 'switch', index, on });
      send({ type: 'switches', value: withSwitch(state.switches, index, on) });
    },
    /** A push button down or up: the board sees it at once (no-op when it already is). */
    press(name: ButtonName, down: boolean) {
      const value = withButton(buttons.current, name, down);
      if (value === buttons.current) return;
      buttons.current = value;
      dispatch({ type: 'button', name, down });
      send({ type: 'buttons', value });
    },
    edit,
    backToExample,
    command(line: string) {
      history.current.push(line);
      dispatch({ type: 'command', line });
      send({ type: 'command', id: nextCommand.current++, line });
    },
    lineEnding,
    setLineEnding(value: LineEnding) {
      setLineEndingState(value);
      settingsStore.current?.set('board.lineEnding', value);
    },
    localEcho,
    setLocalEcho(on: boolean) {
      setLocalEchoState(on);
      settingsStore.current?.set('board.localEcho', on);
    },
    lfAsNewline,
    setLfAsNewline(on: boolean) {
      feed.current.lfAsNewline = on;
      setLfAsNewlineState(on);
    },
  };
}

export type BoardConsoleModel = ReturnType<typeof useBoardConsole>;
