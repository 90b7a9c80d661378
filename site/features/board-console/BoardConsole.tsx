/**
 * The board console island: the learner's firmware files, a board panel (LEDs, switches, Run,
 * Stop, Reset, simulated time), a UART terminal (xterm.js) and an xsdb command line, with the
 * board simulated in a worker (board.worker.ts). Until the reader starts the console only
 * the editor is here: the worker, the C parser's wasm and xterm.js load on Start.
 *
 * With `cpu1Files` the board runs two programs, as in an AMP design: CPU1's `.c` files are built
 * on their own and linked at 0x02000000, where CPU0 starts CPU1 through 0xFFFFFFF0 and SEV.
 *
 * Its stylesheet, board-console.css, is imported by the lesson that uses the island: CSS
 * imported by an island inside lesson MDX does not reach the built page (seen with Astro 7).
 */
import type { Terminal } from '@xterm/xterm';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { SessionStatus } from '../../../board/session.ts';
import { formatXsdb } from '../../../board/xsdb-lines.ts';
import { translator } from '../../i18n/ui.ts';
import {
  CommandHistory,
  LINE_ENDINGS,
  TerminalFeed,
  Transcript,
  echoText,
  fileRole,
  formatMs,
  keyBytes,
  loadFiles,
  sameFiles,
  saveFiles,
  sourcesOf,
  withSwitch,
  type BoardEnd,
  type BoardEvent,
  type BoardRequest,
  type FileStore,
  type LineEnding,
} from './board-console.ts';
import LedRow from './LedRow.tsx';

interface Props {
  /** The example's files, name to text; every `.c` file is built (for CPU0 with `cpu1Files`). */
  files: Record<string, string>;
  /**
   * CPU1's program, name to text: its `.c` files are built as a second program linked at
   * 0x02000000. Names must differ from those in `files`; headers in either are seen by both.
   */
  cpu1Files?: Record<string, string>;
  /** Where the learner's edits are saved (one key per console on the site). */
  storageKey: string;
  lang?: string;
}

/** The time display changes at most this often: it is a polite live region. */
const TIME_DISPLAY_MS = 1000;

function browserStore(): FileStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export default function BoardConsole({
  files: cpu0Files,
  cpu1Files,
  storageKey,
  lang = 'en',
}: Props) {
  const t = translator(lang);
  const example = cpu1Files ? { ...cpu0Files, ...cpu1Files } : cpu0Files;
  const cpu1Names = Object.keys(cpu1Files ?? {});
  const id = useId();
  const [files, setFiles] = useState(example);
  const [started, setStarted] = useState(false);
  const [starting, setStarting] = useState(false);
  const [building, setBuilding] = useState(false);
  const [status, setStatus] = useState<SessionStatus>('empty');
  const [leds, setLeds] = useState(0);
  const [switches, setSwitches] = useState(0);
  const [shownMs, setShownMs] = useState(0);
  const [diagnostics, setDiagnostics] = useState('');
  const [notice, setNotice] = useState('');
  const [transcript, setTranscript] = useState('');
  const [commandLog, setCommandLog] = useState<string[]>([]);
  const [command, setCommand] = useState('');
  const [lineEnding, setLineEnding] = useState<LineEnding>('cr');
  const [localEcho, setLocalEcho] = useState(false);
  const [lfAsNewline, setLfAsNewline] = useState(false);

  const worker = useRef<Worker | null>(null);
  const term = useRef<Terminal | null>(null);
  const termHost = useRef<HTMLDivElement>(null);
  const feed = useRef(new TerminalFeed());
  const text = useRef(new Transcript());
  const history = useRef(new CommandHistory());
  const builtFiles = useRef<Record<string, string> | null>(null);
  const buildMessages = useRef('');
  const latestMs = useRef(0);
  const nextCommand = useRef(1);
  // The terminal's onData handler is registered once; it reads the current settings here.
  const settings = useRef({ lineEnding, localEcho });
  settings.current = { lineEnding, localEcho };

  // Saved code replaces the example after hydration (the server rendered the example).
  useEffect(() => setFiles(loadFiles(browserStore(), storageKey, example).files), []);
  useEffect(
    () => () => {
      worker.current?.terminate();
      term.current?.dispose();
    },
    [],
  );
  useEffect(() => {
    if (!started) return;
    const timer = setInterval(() => setShownMs(latestMs.current), TIME_DISPLAY_MS);
    return () => clearInterval(timer);
  }, [started]);

  function send(request: BoardRequest) {
    worker.current?.postMessage(request);
  }

  function showTerminal(chunk: Uint8Array | string) {
    term.current?.write(chunk);
  }

  function onEvent(event: BoardEvent) {
    switch (event.type) {
      case 'built':
        setBuilding(false);
        buildMessages.current = event.diagnostics;
        setDiagnostics(event.diagnostics.trimEnd());
        setNotice(event.ok ? t('board.built') : t('board.buildFailed'));
        break;
      case 'uart':
        showTerminal(feed.current.feed(event.bytes));
        setTranscript(text.current.bytes(event.bytes));
        break;
      case 'leds':
        setLeds(event.value);
        break;
      case 'time':
        latestMs.current = event.ms;
        break;
      case 'status':
        setStatus(event.status);
        setShownMs(latestMs.current);
        if (event.status === 'running') setNotice('');
        if (event.end) setNotice(endText(event.end));
        // Run-time errors (file:line and the C call stack) follow the build's warnings.
        setDiagnostics((buildMessages.current + event.runtime).trimEnd());
        break;
      case 'result':
        setCommandLog((log) => [...log, ...formatXsdb(event.lines, t)]);
        break;
      case 'error':
        setBuilding(false);
        setNotice(t('board.failed', { message: event.message }));
        break;
    }
  }

  function endText(end: BoardEnd): string {
    return end.kind === 'returned'
      ? t('board.ended.returned', { code: end.code })
      : t('board.ended.fault', { reason: end.reason });
  }

  async function start() {
    setStarting(true);
    const w = new Worker(new URL('./board.worker.ts', import.meta.url), {
      type: 'module',
    });
    w.onmessage = (e: MessageEvent<BoardEvent>) => onEvent(e.data);
    w.onerror = (e) => setNotice(t('board.failed', { message: e.message }));
    worker.current = w;
    setStarted(true);
    try {
      const { createTerminal } = await import('./board-terminal.ts');
      const host = termHost.current;
      if (host) {
        const created = await createTerminal(host, {
          label: t('board.terminal'),
          describedBy: `${id}-term-hint`,
        });
        created.onData((data) => {
          const { lineEnding: ending, localEcho: echo } = settings.current;
          send({ type: 'input', bytes: keyBytes(data, ending) });
          if (echo) {
            const shown = echoText(data);
            showTerminal(shown);
            setTranscript(text.current.add(shown));
          }
        });
        term.current = created;
      }
    } catch (err) {
      setNotice(t('board.terminalFailed', { message: (err as Error).message }));
    }
    setStarting(false);
  }

  function build(run: boolean) {
    setBuilding(true);
    setNotice(t('board.building'));
    builtFiles.current = { ...files };
    send({ type: 'build', sources: sourcesOf(files, cpu1Names), run });
  }

  function run() {
    // Edited since the last build, or the last build failed: build first, then run.
    if (!builtFiles.current || !sameFiles(builtFiles.current, files) || status === 'empty')
      build(true);
    else send({ type: 'run' });
  }

  function edit(name: string, value: string) {
    const next = { ...files, [name]: value };
    setFiles(next);
    saveFiles(browserStore(), storageKey, next, example);
  }

  function backToExample() {
    setFiles({ ...example });
    saveFiles(browserStore(), storageKey, example, example);
  }

  function flip(index: number, on: boolean) {
    const next = withSwitch(switches, index, on);
    setSwitches(next);
    send({ type: 'switches', value: next });
  }

  function submitCommand(e: Event) {
    e.preventDefault();
    const line = command.trim();
    if (!line) return;
    history.current.push(line);
    setCommandLog((log) => [...log, `xsdb% ${line}`]);
    setCommand('');
    send({ type: 'command', id: nextCommand.current++, line });
  }

  function commandKey(e: KeyboardEvent) {
    const recalled =
      e.key === 'ArrowUp'
        ? history.current.up(command)
        : e.key === 'ArrowDown'
          ? history.current.down()
          : null;
    if (recalled === null) return;
    e.preventDefault();
    setCommand(recalled);
  }

  /** A file's name, and with two programs whose it is. */
  function fileLabel(name: string): string {
    if (!cpu1Names.length) return name;
    const role = fileRole(name, cpu1Names);
    return role === 'header' ? name : t(`board.file.${role}`, { name });
  }

  const busy = building || starting;
  const names = Object.keys(files).sort();

  return (
    <section class="island-card bc" aria-label={t('board.title')}>
      <p class="bc-intro">{t('board.intro')}</p>
      <div class="bc-files" role="group" aria-label={t('board.files')}>
        {names.map((name) => (
          <div key={name} class="bc-file">
            <label for={`${id}-${name}`}>{fileLabel(name)}</label>
            <textarea
              id={`${id}-${name}`}
              class="fw-code"
              spellcheck={false}
              rows={Math.min(20, (files[name] ?? '').split('\n').length + 1)}
              value={files[name]}
              onInput={(e) => edit(name, (e.target as HTMLTextAreaElement).value)}
            />
          </div>
        ))}
        <div class="bc-row">
          <button type="button" onClick={backToExample}>
            {t('board.backToExample')}
          </button>
          <span class="bc-hint">{t('board.savedNote')}</span>
        </div>
      </div>

      {!started && (
        <button type="button" class="bc-start" onClick={start}>
          {t('board.start')}
        </button>
      )}

      {started && (
        <>
          <div class="bc-panel" role="group" aria-label={t('board.panel')}>
            <div class="bc-row" role="group" aria-label={t('board.controls')}>
              <button type="button" onClick={() => build(false)} disabled={busy}>
                {building ? t('board.building') : t('board.build')}
              </button>
              <button type="button" onClick={run} disabled={busy || status === 'running'}>
                {t('board.run')}
              </button>
              <button
                type="button"
                onClick={() => send({ type: 'stop' })}
                disabled={status !== 'running'}
              >
                {t('board.stop')}
              </button>
              <button
                type="button"
                onClick={() => send({ type: 'reset' })}
                disabled={busy || status === 'empty'}
              >
                {t('board.reset')}
              </button>
            </div>
            <div class="bc-leds">
              <span class="bc-caption" aria-hidden="true">
                {t('board.leds')}
              </span>
              <LedRow
                leds={leds}
                label={t('board.leds')}
                ledLabel={(index, on) =>
                  t('board.led', { index, state: t(on ? 'board.on' : 'board.off') })
                }
                msbFirst
              />
            </div>
            <fieldset class="bc-switches">
              <legend>{t('board.switches')}</legend>
              {Array.from({ length: 8 }, (_, i) => 7 - i).map((i) => (
                <label key={i} class="bc-switch">
                  <input
                    type="checkbox"
                    checked={((switches >> i) & 1) === 1}
                    onChange={(e) => flip(i, (e.target as HTMLInputElement).checked)}
                  />
                  {t('board.switch', { index: i })}
                </label>
              ))}
            </fieldset>
            <p class="bc-status">
              <span>{t('board.statusLine', { status: t(`board.status.${status}`) })}</span>
              <span aria-hidden="true"> · </span>
              <span aria-live="polite" aria-atomic="true">
                {t('board.time', { ms: formatMs(shownMs) })}
              </span>
            </p>
            {notice && (
              <p class="bc-notice" role="status">
                {notice}
              </p>
            )}
          </div>

          <div class="bc-terminal-area">
            <p class="bc-hint" id={`${id}-term-hint`}>
              {t('board.terminal')}. {t('board.terminalHint')}
            </p>
            {/* not-content: Starlight's spacing between siblings would push xterm's rows apart. */}
            <div class="bc-terminal not-content" ref={termHost} />
            <div class="bc-row" role="group" aria-label={t('board.settings')}>
              <label>
                {t('board.lineEnding')}{' '}
                <select
                  value={lineEnding}
                  onChange={(e) =>
                    setLineEnding((e.target as HTMLSelectElement).value as LineEnding)
                  }
                >
                  {LINE_ENDINGS.map((le) => (
                    <option key={le} value={le}>
                      {t(`board.lineEnding.${le}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={localEcho}
                  onChange={(e) => setLocalEcho((e.target as HTMLInputElement).checked)}
                />{' '}
                {t('board.localEcho')}
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={lfAsNewline}
                  onChange={(e) => {
                    const on = (e.target as HTMLInputElement).checked;
                    feed.current.lfAsNewline = on;
                    setLfAsNewline(on);
                  }}
                />{' '}
                {t('board.lfAsNewline')}
              </label>
            </div>
            <details class="bc-transcript">
              <summary>{t('board.transcript')}</summary>
              <pre role="log" aria-label={t('board.transcript')}>
                {transcript}
              </pre>
            </details>
          </div>

          <form class="bc-command" onSubmit={submitCommand}>
            <label for={`${id}-cmd`}>{t('board.command')}</label>
            <div class="bc-row">
              <span aria-hidden="true">xsdb%</span>
              <input
                id={`${id}-cmd`}
                type="text"
                autocomplete="off"
                spellcheck={false}
                aria-describedby={`${id}-cmd-hint`}
                value={command}
                onInput={(e) => setCommand((e.target as HTMLInputElement).value)}
                onKeyDown={commandKey}
              />
            </div>
            <p class="bc-hint" id={`${id}-cmd-hint`}>
              {t('board.commandHint')}
            </p>
            <pre class="bc-log" role="log" aria-label={t('board.commandLog')}>
              {commandLog.join('\n')}
            </pre>
          </form>

          <div class="bc-diagnostics">
            <p class="bc-label" id={`${id}-diag`}>
              {t('board.diagnostics')}
            </p>
            <pre aria-labelledby={`${id}-diag`}>{diagnostics}</pre>
          </div>
        </>
      )}
    </section>
  );
}
