/**
 * The board console in batch mode (`<BoardConsole mode="batch">`): one C file built with the
 * course's toolchain and run on the simulated board for a fixed simulated time, then its UART
 * output and the board's LEDs. The same worker as the interactive console, one worker per run;
 * the worker (and the C parser's wasm) loads on the first run.
 */
import { useId, useRef, useState } from 'preact/hooks';
import { translator } from '../../i18n/ui.ts';
import LedRow from './LedRow.tsx';
import { batchRequest, type BoardEvent } from './protocol.ts';
import { transcript } from './firmware-console.ts';

/** Real time a run may take before the worker is terminated. */
const RUN_LIMIT_MS = 20_000;

export interface BatchProps {
  mode: 'batch';
  /** The example program shown first (built as main.c). */
  code: string;
  /** Simulated milliseconds per run. */
  ms?: number;
  lang?: string;
}

export default function BatchConsole({ code: example, ms = 100, lang = 'en' }: BatchProps) {
  const t = translator(lang);
  const id = useId();
  const [code, setCode] = useState(example);
  const [output, setOutput] = useState('');
  const [leds, setLeds] = useState(0);
  const [running, setRunning] = useState(false);
  const nextId = useRef(1);

  function run() {
    setRunning(true);
    const worker = new Worker(new URL('./board.worker.ts', import.meta.url), {
      type: 'module',
    });
    const finish = (text: string, ledBits = 0) => {
      clearTimeout(timer);
      worker.terminate();
      setOutput(text);
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
      if (event.type === 'batch') finish(transcript(event.result), event.result.leds);
      else if (event.type === 'error') finish(t('firmware.failed', { message: event.message }));
    };
    worker.postMessage(batchRequest(nextId.current++, code, ms));
  }

  return (
    <section class="island-card fw" aria-label={t('firmware.title')}>
      <label for={id}>{t('firmware.source')}</label>
      <textarea
        id={id}
        class="fw-code"
        spellcheck={false}
        rows={Math.min(24, code.split('\n').length + 1)}
        value={code}
        onInput={(e) => setCode((e.target as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !running) run();
        }}
      />
      <div class="fw-actions">
        <button type="button" onClick={run} disabled={running}>
          {running ? t('firmware.running') : t('firmware.run')}
        </button>
        <button type="button" onClick={() => setCode(example)} disabled={running}>
          {t('firmware.reset')}
        </button>
      </div>
      <LedRow
        leds={leds}
        label={t('firmware.leds')}
        ledLabel={(index, on) =>
          t('firmware.led', { index, state: t(on ? 'firmware.on' : 'firmware.off') })
        }
      />
      <pre class="fw-output" role="log" aria-live="polite" aria-label={t('firmware.output')}>
        {output}
      </pre>
    </section>
  );
}
