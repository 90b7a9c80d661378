/**
 * The board console in batch mode (`<BoardConsole mode="batch">`): one file, `main.c`, built with
 * the course's toolchain and run on the simulated board for a fixed simulated time, then its UART
 * output and the board's LEDs. The file is edited and saved as in the interactive console
 * (FilesPane.tsx, use-file-editors.ts, use-saved-files.ts); the build's messages are links to
 * their lines (BuildMessagesPane.tsx). The same worker as the interactive console, one worker
 * per run; the worker (and the C parser's wasm) loads on the first run.
 */
import { useId, useMemo, useRef, useState } from 'preact/hooks';
import { translator } from '../../i18n/ui.ts';
import { parseBuildMessages } from './build-messages.ts';
import BuildMessagesPane from './BuildMessagesPane.tsx';
import FilesPane from './FilesPane.tsx';
import LedRow from './LedRow.tsx';
import { batchRequest, type BoardEvent } from './protocol.ts';
import { transcript } from './firmware-console.ts';
import { useFileEditors } from './use-file-editors.ts';
import { useSavedFiles } from './use-saved-files.ts';

/** Real time a run may take before the worker is terminated. */
const RUN_LIMIT_MS = 20_000;
const FILE = 'main.c';

export interface BatchProps {
  mode: 'batch';
  /** The example program shown first (built as main.c). */
  code: string;
  /** Where the learner's edits are saved (one key per console on the site). */
  storageKey: string;
  /** Simulated milliseconds per run. */
  ms?: number;
  lang?: string;
}

export default function BatchConsole({ code, storageKey, ms = 100, lang = 'en' }: BatchProps) {
  const t = translator(lang);
  const id = useId();
  const example = useMemo(() => ({ [FILE]: code }), [code]);
  const saved = useSavedFiles(storageKey, example);
  const [output, setOutput] = useState('');
  const [diagnostics, setDiagnostics] = useState('');
  const [leds, setLeds] = useState(0);
  const [running, setRunning] = useState(false);
  const nextId = useRef(1);
  const messages = useMemo(() => parseBuildMessages(diagnostics), [diagnostics]);

  function run() {
    if (running) return;
    setRunning(true);
    const worker = new Worker(new URL('./board.worker.ts', import.meta.url), {
      type: 'module',
    });
    const finish = (text: string, ledBits = 0, diagnosticText = '') => {
      clearTimeout(timer);
      worker.terminate();
      setOutput(text);
      setDiagnostics(diagnosticText);
      setLeds(ledBits);
      setRunning(false);
    };
    const timer = setTimeout(
      () => finish(t('firmware.timeout', { seconds: RUN_LIMIT_MS / 1000 })),
      RUN_LIMIT_MS,
    );
    worker.onerror = (e) => finish(t('firmware.failed', { message: e.message }));
    worker.onmessage = (e: MessageEvent<BoardEvent>) => {
      const event = e.data;
      if (event.type === 'batch') {
        const { result } = event;
        finish(transcript(result, false), result.leds, result.diagnostics);
      } else if (event.type === 'error') finish(t('firmware.failed', { message: event.message }));
    };
    worker.postMessage(batchRequest(nextId.current++, saved.files[FILE] ?? '', ms));
  }

  const editors = useFileEditors({
    storageKey,
    files: saved.files,
    messages,
    onEdit: saved.edit,
    onRun: run,
    label: (name) => name,
    onError: (message) => setOutput(t('firmware.failed', { message })),
  });

  return (
    <section class="island-card fw" aria-label={t('firmware.title')}>
      <FilesPane
        id={id}
        files={saved.files}
        editors={editors}
        fileLabel={(name) => name}
        onEdit={saved.edit}
        onBackToExample={saved.backToExample}
        onRun={run}
        t={t}
      />
      <div class="fw-actions">
        <button type="button" onClick={run} disabled={running}>
          {running ? t('firmware.running') : t('firmware.run')}
        </button>
      </div>
      <LedRow
        leds={leds}
        label={t('firmware.leds')}
        ledLabel={(index, on) =>
          t('firmware.led', { index, state: t(on ? 'firmware.on' : 'firmware.off') })
        }
      />
      {messages.length > 0 && (
        <div role="group" aria-label={t('board.diagnostics')}>
          <BuildMessagesPane
            lines={messages}
            files={editors.names}
            onReveal={(file, line, column) => void editors.reveal(file, line, column)}
            t={t}
          />
        </div>
      )}
      <pre class="fw-output" role="log" aria-live="polite" aria-label={t('firmware.output')}>
        {output}
      </pre>
    </section>
  );
}
