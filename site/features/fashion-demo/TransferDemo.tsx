/**
 * Transfer learning in the page: the reader names new classes, draws a few examples of each,
 * and a new classifier head is fitted on the frozen ShuffleNet's features (runtime/train/head.ts)
 * in the Fashion worker, with a progress bar, a loss plot and a test on new drawings.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { translator } from '../../i18n/ui.ts';
import DrawPad from './DrawPad.tsx';
import { MIN_EXAMPLES_PER_CLASS, packExamples, readyToFit, topK } from './inspect.ts';
import { FASHION_SIZE, toFashionMnist, type Converted } from './to-fashion-mnist.ts';
import { useFashionWorker } from './use-worker.ts';
import { TRAIN_STEPS_HEAD, parseHeadSteps } from './transfer.ts';

const CLASSES = 3;

export default function TransferDemo({ lang = 'en' }: { lang?: string }) {
  const t = translator(lang);
  const [names, setNames] = useState(() =>
    Array.from({ length: CLASSES }, (_, i) => t('fashion.defaultClass', { n: i + 1 })),
  );
  const [examples, setExamples] = useState<Uint8Array[][]>(() =>
    Array.from({ length: CLASSES }, () => []),
  );
  const [picture, setPicture] = useState<Converted | null>(null);
  const [stepsText, setStepsText] = useState(String(TRAIN_STEPS_HEAD.default));
  const [losses, setLosses] = useState<number[]>([]);
  const [progress, setProgress] = useState<{ step: number; steps: number } | null>(null);
  const [fitting, setFitting] = useState(false);
  const [fitted, setFitted] = useState<'done' | 'aborted' | null>(null);
  const [test, setTest] = useState<Float32Array | null>(null);
  const [error, setError] = useState<string | null>(null);
  const plot = useRef<HTMLDivElement>(null);

  const send = useFashionWorker(
    (reply) => {
      switch (reply.kind) {
        case 'headProgress':
          setProgress({ step: reply.step, steps: reply.steps });
          setLosses((l) => [...l, reply.loss]);
          break;
        case 'headFitted':
          setFitting(false);
          setFitted(reply.aborted ? 'aborted' : 'done');
          break;
        case 'headPrediction':
          setTest(reply.probabilities);
          break;
        case 'error':
          setFitting(false);
          setError(t('fashion.failed', { message: reply.message }));
          break;
      }
    },
    (message) => {
      setFitting(false);
      setError(t('fashion.failed', { message: message || t('fashion.workerDied') }));
    },
  );

  // The loss plot: @observablehq/plot loads with the first loss, never before.
  const done = !fitting && losses.length > 0;
  useEffect(() => {
    if (!plot.current || losses.length === 0) return;
    if (!done && losses.length % 10 !== 1) return; // redraw every 10 steps while fitting
    let stale = false;
    void import('@observablehq/plot').then((Plot) => {
      if (stale || !plot.current) return;
      const chart = Plot.plot({
        height: 160,
        width: Math.min(480, plot.current.clientWidth || 320),
        x: { label: 'step' },
        y: { label: 'loss', domain: [0, Math.max(...losses)] },
        marks: [Plot.lineY(losses, { x: (_, i) => i + 1, y: (d) => d }), Plot.ruleY([0])],
      });
      chart.setAttribute('aria-hidden', 'true');
      plot.current.replaceChildren(chart);
    });
    return () => {
      stale = true;
    };
  }, [losses, done]);

  const counts = examples.map((list) => list.length);
  const steps = parseHeadSteps(stepsText);
  const ready = readyToFit(counts) && steps !== null && !fitting;

  function fit() {
    if (!ready) return;
    const { images, labels } = packExamples(examples, FASHION_SIZE * FASHION_SIZE);
    setError(null);
    setLosses([]);
    setProgress(null);
    setFitted(null);
    setTest(null);
    setFitting(true);
    send({ kind: 'fitHead', id: 0, images, labels, classes: CLASSES, steps: steps! });
  }

  const ranked = test ? topK(test, CLASSES) : [];
  return (
    <section class="island-card fd not-content" aria-label={t('fashion.transferTitle')}>
      <h3 class="fd-heading">{t('fashion.transferTitle')}</h3>
      <p class="fd-note">{t('fashion.transferNote')}</p>
      <div class="fd-train">
        {names.map((name, i) => (
          <label>
            {t('fashion.className', { n: i + 1 })}{' '}
            <input
              type="text"
              value={name}
              size={10}
              onInput={(e) => {
                const v = (e.target as HTMLInputElement).value;
                setNames((n) => n.map((old, k) => (k === i ? v : old)));
              }}
            />
          </label>
        ))}
      </div>
      <DrawPad
        lang={lang}
        label={t('fashion.padLabel')}
        onPicture={(p) => setPicture(p && toFashionMnist(p))}
      />
      <div class="fd-train">
        {names.map((name, i) => (
          <button
            type="button"
            disabled={!picture || fitting}
            onClick={() => {
              if (!picture) return;
              const pixels = picture.pixels;
              setExamples((ex) => ex.map((list, k) => (k === i ? [...list, pixels] : list)));
            }}
          >
            {t('fashion.addExample', { name })}
          </button>
        ))}
        <button
          type="button"
          disabled={fitting}
          onClick={() => setExamples(Array.from({ length: CLASSES }, () => []))}
        >
          {t('fashion.resetExamples')}
        </button>
      </div>
      <ul class="fd-counts" aria-live="polite">
        {names.map((name, i) => (
          <li>{t('fashion.examples', { name, count: counts[i]! })}</li>
        ))}
      </ul>
      {!readyToFit(counts) && (
        <p class="fd-hint">{t('fashion.needExamples', { min: MIN_EXAMPLES_PER_CLASS })}</p>
      )}
      <div class="fd-train">
        <label for="fd-head-steps">{t('fashion.steps')}</label>
        <input
          id="fd-head-steps"
          type="number"
          min={TRAIN_STEPS_HEAD.min}
          max={TRAIN_STEPS_HEAD.max}
          value={stepsText}
          aria-invalid={steps === null}
          onInput={(e) => setStepsText((e.target as HTMLInputElement).value)}
          disabled={fitting}
        />
        <button type="button" onClick={fit} disabled={!ready}>
          {t('fashion.fit')}
        </button>
        <button type="button" onClick={() => send({ kind: 'cancel' })} disabled={!fitting}>
          {t('fashion.cancelFit')}
        </button>
      </div>
      {(fitting || progress) && (
        <progress
          max={progress?.steps ?? 1}
          value={progress?.step ?? 0}
          aria-label={t('fashion.fitProgress')}
        />
      )}
      <p role="status" class="fd-status">
        {fitted === 'done'
          ? t('fashion.fitted')
          : fitted === 'aborted'
            ? t('fashion.fitCancelled')
            : progress
              ? t('fashion.fitting', {
                  step: progress.step,
                  steps: progress.steps,
                  loss: losses.at(-1)!.toFixed(3),
                })
              : ''}
      </p>
      {losses.length > 0 && (
        <div
          ref={plot}
          class="fd-plot"
          role="img"
          aria-label={t('fashion.lossPlot', {
            first: losses[0]!.toFixed(3),
            last: losses.at(-1)!.toFixed(3),
            steps: losses.length,
          })}
        />
      )}
      <button
        type="button"
        disabled={fitted !== 'done' || !picture || fitting}
        onClick={() => picture && send({ kind: 'testHead', id: 0, pixels: picture.pixels })}
      >
        {t('fashion.test')}
      </button>
      {test && (
        <ol class="fd-top" aria-label={t('fashion.testResult')}>
          {ranked.map((r) => (
            <li>
              <span class="fd-top-name">
                {names[r.index]} {(100 * r.probability).toFixed(1)}%
              </span>
              <span class="fd-bar" aria-hidden="true">
                <span style={{ width: `${(100 * r.probability).toFixed(1)}%` }} />
              </span>
            </li>
          ))}
        </ol>
      )}
      {error && (
        <p role="alert" class="fd-error">
          {error}
        </p>
      )}
    </section>
  );
}
