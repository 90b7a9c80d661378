/**
 * The lesson zynq/shufflenet-in-c's network console: the exported int8 ShuffleNet classifies the
 * first n sample images on the simulated board, its UART lines appearing as the simulation goes,
 * with the simulated time, cycles per image, progress, Stop and a time limit. The board runs in
 * the board console's worker (board-console/board.worker.ts, BoardSession paced in slices); the
 * C program (site/pages/shufflenet/int8-c.json.ts) and the worker load on the first Run. The
 * logic is shufflenet-run.ts's; this component only draws and wires.
 * Its stylesheet, shufflenet-board.css, is imported by the lesson (as board-console.css is).
 */
import { useEffect, useId, useReducer, useRef, useState } from 'preact/hooks';
import { formatCount, translator } from '../../i18n/ui.ts';
import type { BoardEvent, BoardRequest } from '../board-console/protocol.ts';
import { Transcript } from '../board-console/transcript.ts';
import { showsTail } from './follow-tail.ts';
import {
  IMAGE_CHOICES,
  initialRun,
  isBusy,
  overLimit,
  parseProgram,
  programSources,
  progressOf,
  runReducer,
  type ShufflenetProgram,
} from './shufflenet-run.ts';

const PROGRAM_URL = `${import.meta.env.BASE_URL.replace(/\/$/, '')}/shufflenet/int8-c.json`;

export default function ShufflenetBoard({ lang = 'en' }: { lang?: string }) {
  const t = translator(lang);
  const id = useId();
  const [state, dispatch] = useReducer(runReducer, initialRun);
  const [images, setImages] = useState<number>(IMAGE_CHOICES[1]);
  const worker = useRef<Worker | null>(null);
  const program = useRef<ShufflenetProgram | null>(null);
  /** The image count the worker's program was built for (null: none, or a failed build). */
  const builtFor = useRef<number | null>(null);
  const transcript = useRef(new Transcript());
  const phase = useRef(state.phase);
  phase.current = state.phase;
  const log = useRef<HTMLPreElement>(null);
  /** The log showed its last line before this output: keep showing it (see follow-tail.ts). */
  const followLog = useRef(true);

  useEffect(() => () => worker.current?.terminate(), []);
  useEffect(() => {
    const el = log.current;
    if (el && followLog.current) el.scrollTop = el.scrollHeight;
  }, [state.text]);
  useEffect(() => {
    if (overLimit(state)) stop(true);
  }, [state.ms, state.phase]);

  const send = (request: BoardRequest) => worker.current?.postMessage(request);

  function onEvent(event: BoardEvent) {
    if (event.type === 'uart') {
      dispatch({ type: 'text', text: transcript.current.bytes(event.bytes) });
      return;
    }
    // A failed build or a worker error leaves no program to rerun: the next Run builds again.
    if ((event.type === 'built' && !event.ok) || event.type === 'error') builtFor.current = null;
    dispatch({ type: 'event', event });
  }

  function ensureWorker(): Worker {
    if (worker.current) return worker.current;
    const w = new Worker(new URL('../board-console/board.worker.ts', import.meta.url), {
      type: 'module',
    });
    w.onmessage = (e: MessageEvent<BoardEvent>) => onEvent(e.data);
    w.onerror = (e) => {
      builtFor.current = null;
      dispatch({ type: 'failed', message: e.message });
    };
    worker.current = w;
    return w;
  }

  async function run() {
    transcript.current.clear();
    const needsProgram = program.current === null;
    const needsBuild = builtFor.current !== images;
    dispatch({ type: 'start', images, needsProgram, needsBuild });
    ensureWorker();
    if (needsProgram) {
      try {
        const response = await fetch(PROGRAM_URL);
        if (!response.ok) throw new Error(`${PROGRAM_URL}: HTTP ${response.status}`);
        program.current = parseProgram(await response.json());
      } catch (err) {
        dispatch({ type: 'failed', message: (err as Error).message });
        return;
      }
      // Stopped while downloading: keep the program, build nothing.
      if (phase.current !== 'loading') return;
      dispatch({ type: 'loaded' });
    }
    if (needsBuild) {
      builtFor.current = images;
      send({ type: 'build', sources: programSources(program.current!, images), run: true });
    } else {
      send({ type: 'reset' });
      send({ type: 'run' });
    }
  }

  function stop(byLimit: boolean) {
    dispatch({ type: 'stop', byLimit });
    send({ type: 'stop' });
  }

  const busy = isBusy(state.phase);
  const { done, cyclesPerImage, correct } = progressOf(state);
  const n = (v: number) => formatCount(v, lang);
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  const values = { done: n(done), images: n(state.images), limit: seconds(state.limitMs) };
  const status =
    state.phase === 'done'
      ? t('snBoard.status.done', { ...values, correct: n(correct?.n ?? 0) })
      : state.phase === 'failed'
        ? t('snBoard.status.failed', { message: state.message.split('\n')[0] ?? '' })
        : t(`snBoard.status.${state.phase}`, values);

  return (
    <section class="island-card snb" aria-label={t('snBoard.title')}>
      <p class="snb-intro">{t('snBoard.intro')}</p>
      <div class="snb-controls not-content">
        <label for={`${id}-images`}>{t('snBoard.images')}</label>
        <select
          id={`${id}-images`}
          value={images}
          disabled={busy}
          onChange={(e) => setImages(Number((e.target as HTMLSelectElement).value))}
        >
          {IMAGE_CHOICES.map((c) => (
            <option value={c}>{n(c)}</option>
          ))}
        </select>
        <button type="button" class="button-primary" onClick={() => void run()} disabled={busy}>
          {t('snBoard.run')}
        </button>
        <button
          type="button"
          onClick={() => stop(false)}
          disabled={!busy || state.phase === 'stopping'}
        >
          {t('snBoard.stop')}
        </button>
      </div>
      <p class="snb-status" role="status">
        {status}
      </p>
      <dl class="snb-figures not-content">
        <div>
          <dt id={`${id}-progress`}>{t('snBoard.progress')}</dt>
          <dd>
            <progress aria-labelledby={`${id}-progress`} max={state.images} value={done} />{' '}
            <span data-testid="snb-done">
              {t('snBoard.progressValue', { done: n(done), images: n(state.images) })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('snBoard.time')}</dt>
          <dd data-testid="snb-time">
            {t('snBoard.timeValue', { seconds: seconds(state.ms), limit: values.limit })}
          </dd>
        </div>
        <div>
          <dt>{t('snBoard.cyclesPerImage')}</dt>
          <dd data-testid="snb-cycles">
            {cyclesPerImage === null ? t('snBoard.none') : n(cyclesPerImage)}
          </dd>
        </div>
      </dl>
      {/* A build's diagnostics in full; the status line has their first line. */}
      {state.phase === 'failed' && state.message.includes('\n') && (
        <pre class="snb-output" tabIndex={0}>
          {state.message}
        </pre>
      )}
      {/* Not live: 200 lines would flood a screen reader; the status line announces the end. */}
      <pre
        class="snb-output"
        role="log"
        aria-live="off"
        aria-label={t('snBoard.output')}
        tabIndex={0}
        ref={log}
        onScroll={(e) => (followLog.current = showsTail(e.currentTarget))}
      >
        {state.text}
      </pre>
    </section>
  );
}
