/**
 * Live island for the Fashion-MNIST lesson: the committed ShuffleNet classifies the committed
 * 200 test images, and a fresh ShuffleNet trains on half of them while the reader watches.
 * Both run in a worker (fashion.worker.ts); tfjs and the weights load on the first click.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { translator, type UiKey } from '../../i18n/ui.ts';
import {
  TRAIN_STEPS,
  grayscaleRgba,
  parseSteps,
  scoreOf,
  type FashionJob,
  type FashionReply,
  type Prediction,
  type TrainStepReport,
} from './fashion-demo.ts';

/** A classification that takes longer than this is reported as stuck (it takes ~1 s). */
const CLASSIFY_TIMEOUT_MS = 60_000;
const SIZE = 28;
const LEARNING_RATE = 0.05;

const CLASS_KEYS = Array.from({ length: 10 }, (_, k) => `fashion.class${k}` as UiKey);

function Thumb({ images, index, label }: { images: Uint8Array; index: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    context?.putImageData(new ImageData(grayscaleRgba(images, index, SIZE), SIZE, SIZE), 0, 0);
  }, [images, index]);
  return <canvas ref={canvas} width={SIZE} height={SIZE} role="img" aria-label={label} />;
}

type Trained = Extract<FashionReply, { kind: 'trained' }>;

export default function FashionDemo({ lang = 'en' }: { lang?: string }) {
  const t = translator(lang);
  const className = (k: number) => t(CLASS_KEYS[k]!);
  const percent = (x: number) => (100 * x).toFixed(1);
  const worker = useRef<Worker | null>(null);
  const nextId = useRef(1);
  const [sample, setSample] = useState<{ images: Uint8Array; labels: Uint8Array } | null>(null);
  const [predictions, setPredictions] = useState<{
    list: Prediction[];
    ms: number;
    leaked: number;
  } | null>(null);
  const [classifying, setClassifying] = useState(false);
  const [mistakesOnly, setMistakesOnly] = useState(false);
  const [stepsText, setStepsText] = useState(String(TRAIN_STEPS.default));
  const [progress, setProgress] = useState<TrainStepReport | null>(null);
  const [training, setTraining] = useState(false);
  const [trained, setTrained] = useState<Trained | null>(null);
  const [error, setError] = useState<string | null>(null);
  const classifyTimer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => () => worker.current?.terminate(), []);

  function dropWorker(message: string) {
    clearTimeout(classifyTimer.current);
    worker.current?.terminate();
    worker.current = null;
    setClassifying(false);
    setTraining(false);
    setError(t('fashion.failed', { message }));
  }

  function send(job: FashionJob) {
    if (!worker.current) {
      const w = new Worker(new URL('./fashion.worker.ts', import.meta.url), {
        type: 'module',
      });
      w.onerror = (e) => dropWorker(e.message || t('fashion.workerDied'));
      w.onmessage = (e: MessageEvent<FashionReply>) => receive(e.data);
      worker.current = w;
    }
    worker.current.postMessage(job);
  }

  function receive(reply: FashionReply) {
    switch (reply.kind) {
      case 'sample':
        setSample({ images: reply.images, labels: reply.labels });
        break;
      case 'predictions':
        clearTimeout(classifyTimer.current);
        setPredictions({ list: reply.predictions, ms: reply.ms, leaked: reply.leaked });
        setClassifying(false);
        break;
      case 'progress':
        setProgress(reply.report);
        break;
      case 'trained':
        setTrained(reply);
        setTraining(false);
        break;
      case 'error':
        clearTimeout(classifyTimer.current);
        setClassifying(false);
        setTraining(false);
        setError(t('fashion.failed', { message: reply.message }));
        break;
    }
  }

  function classify() {
    setError(null);
    setClassifying(true);
    classifyTimer.current = setTimeout(
      () => dropWorker(t('fashion.timeout', { seconds: CLASSIFY_TIMEOUT_MS / 1000 })),
      CLASSIFY_TIMEOUT_MS,
    );
    send({ kind: 'classify', id: nextId.current++ });
  }

  const steps = parseSteps(stepsText);
  function train() {
    if (steps === null) return;
    setError(null);
    setTrained(null);
    setProgress(null);
    setTraining(true);
    send({ kind: 'train', id: nextId.current++, steps, lr: LEARNING_RATE, seed: 1 });
  }

  const score = sample && predictions ? scoreOf(predictions.list, sample.labels) : null;
  const stepsId = 'fashion-steps';

  return (
    <section class="island-card fd not-content" aria-label={t('fashion.title')}>
      <h3 class="fd-heading">{t('fashion.classifyHeading')}</h3>
      <button type="button" onClick={classify} disabled={classifying}>
        {classifying ? t('fashion.classifying') : t('fashion.classify')}
      </button>
      {/* data-leaked: tensors the forward pass left behind, for the e2e no-leak check. */}
      <p role="status" class="fd-status" data-leaked={predictions?.leaked}>
        {score && predictions
          ? t('fashion.score', {
              correct: score.correct,
              total: score.total,
              accuracy: percent(score.accuracy),
              ms: Math.round(predictions.ms),
            })
          : ''}
      </p>
      {sample && predictions && (
        <>
          <label class="fd-filter">
            <input
              type="checkbox"
              checked={mistakesOnly}
              onChange={(e) => setMistakesOnly((e.target as HTMLInputElement).checked)}
            />
            {t('fashion.mistakesOnly')}
          </label>
          <ul class="fd-grid" aria-label={t('fashion.gridLabel')}>
            {predictions.list.map((p, i) => {
              const label = sample.labels[i]!;
              const wrong = p.predicted !== label;
              if (mistakesOnly && !wrong) return null;
              const text = t(wrong ? 'fashion.wrong' : 'fashion.right', {
                index: i + 1,
                label: className(label),
                predicted: className(p.predicted),
                confidence: percent(p.confidence),
              });
              return (
                <li key={i} class={wrong ? 'fd-item fd-wrong' : 'fd-item'} title={text}>
                  <Thumb images={sample.images} index={i} label={text} />
                  {wrong && (
                    <span aria-hidden="true">
                      {className(p.predicted)}
                      <br />
                      {t('fashion.trueLabel', { label: className(label) })}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}

      <h3 class="fd-heading">{t('fashion.trainHeading')}</h3>
      <p class="fd-note">{t('fashion.trainNote')}</p>
      <div class="fd-train">
        <label for={stepsId}>{t('fashion.steps')}</label>
        <input
          id={stepsId}
          type="number"
          min={TRAIN_STEPS.min}
          max={TRAIN_STEPS.max}
          value={stepsText}
          aria-invalid={steps === null}
          aria-describedby={`${stepsId}-hint`}
          onInput={(e) => setStepsText((e.target as HTMLInputElement).value)}
          disabled={training}
        />
        <button type="button" onClick={train} disabled={training || steps === null}>
          {t('fashion.train')}
        </button>
        <button type="button" onClick={() => send({ kind: 'cancel' })} disabled={!training}>
          {t('fashion.cancel')}
        </button>
      </div>
      <p id={`${stepsId}-hint`} class={steps === null ? 'fd-hint fd-invalid' : 'fd-hint'}>
        {t('fashion.stepsHint', { min: TRAIN_STEPS.min, max: TRAIN_STEPS.max })}
      </p>
      {(training || progress) && (
        <progress
          max={progress?.steps ?? 1}
          value={progress?.step ?? 0}
          aria-label={t('fashion.progressLabel')}
        />
      )}
      <p class="fd-status">
        {progress &&
          t('fashion.progress', {
            step: progress.step,
            steps: progress.steps,
            loss: progress.loss.toFixed(3),
            accuracy: percent(progress.batchAccuracy),
          })}
      </p>
      <p role="status" class="fd-status">
        {trained &&
          t(trained.aborted ? 'fashion.trainedAborted' : 'fashion.trained', {
            steps: trained.steps,
            accuracy: percent(trained.heldOutAccuracy),
          })}
      </p>
      {error && (
        <p role="alert" class="fd-error">
          {error}
        </p>
      )}
    </section>
  );
}
