/**
 * Animated information flow through two stacked group convolutions, with the shuffle on or off
 * (the data is shuffle-flow.ts). Each channel is drawn as stripes, one per input group its value
 * depends on. Buttons step through the layers; Play steps on a timer, except for readers who ask
 * for reduced motion, who get the last step at once. The current step is also written out in a
 * live region, so the animation has a text equivalent.
 */
import { useEffect, useState } from 'preact/hooks';
import { fewestGroupsReached, flowSteps } from './shuffle-flow.ts';
import { groupColour, groupsReached } from './channel-shuffle-view.ts';
import { translator, type UiKey } from '../../i18n/ui.ts';

interface Props {
  channels: number;
  groups: number;
  lang?: string;
}

const CELL = 22;
const ROW = 64;
const LEFT = 78;
const STEP_MS = 1100;

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export default function ShuffleFlow({ channels, groups, lang = 'en' }: Props) {
  const t = translator(lang);
  const [shuffle, setShuffle] = useState(true);
  const [step, setStep] = useState(0);
  const [playing, setPlaying] = useState(false);
  const steps = flowSteps(channels, groups, shuffle);
  const last = steps.length - 1;

  useEffect(() => {
    if (!playing) return;
    if (reducedMotion()) {
      setStep(last);
      setPlaying(false);
      return;
    }
    const timer = setInterval(
      () =>
        setStep((s) => {
          if (s >= last) {
            setPlaying(false);
            return s;
          }
          return s + 1;
        }),
      STEP_MS,
    );
    return () => clearInterval(timer);
  }, [playing, last]);

  const play = () => {
    if (step >= last) setStep(0);
    setPlaying(!playing);
  };
  const current = steps[step]!;
  const n = channels / groups;
  const sentence = t(`shuffleFlow.step.${current.kind}` as UiKey, {
    n,
    groups,
    reached:
      current.kind === 'shuffle' ? groupsReached(channels, groups) : fewestGroupsReached(current),
  });
  const width = LEFT + channels * CELL + 8;
  const height = steps.length * ROW;
  const cx = (p: number) => LEFT + p * CELL + CELL / 2;

  return (
    <div class="csf" data-shuffle-flow data-step={step}>
      <h3 class="csf-title">{t('shuffleFlow.title')}</h3>
      <p class="cce-note">{t('shuffleFlow.intro')}</p>
      <label class="csf-toggle">
        <input
          type="checkbox"
          checked={shuffle}
          onChange={(e) => setShuffle((e.target as HTMLInputElement).checked)}
        />{' '}
        {t('shuffleFlow.shuffle')}
      </label>
      <div class="csf-controls">
        <button type="button" onClick={() => setStep(Math.max(0, step - 1))} disabled={step === 0}>
          {t('shuffleFlow.prev')}
        </button>
        <button type="button" onClick={play} aria-pressed={playing}>
          {t(playing ? 'shuffleFlow.pause' : 'shuffleFlow.play')}
        </button>
        <button
          type="button"
          onClick={() => setStep(Math.min(last, step + 1))}
          disabled={step === last}
        >
          {t('shuffleFlow.next')}
        </button>
        <span class="cce-note">{t('shuffleFlow.progress', { step, last })}</span>
      </div>
      <p class="csf-sentence" data-flow-text aria-live="polite">
        {sentence}
      </p>
      <svg
        class="csf-svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${t('shuffleFlow.title')}. ${sentence}`}
      >
        {steps.map((s, k) => {
          const y = k * ROW + 20;
          const visible = k <= step;
          return (
            <g key={`${s.kind}-${k}`} class={visible ? 'csf-on' : 'csf-off'} data-flow-row={s.kind}>
              <text x={4} y={y + 14} class="csf-label">
                {t(`shuffleFlow.row.${s.kind}` as UiKey)}
              </text>
              {k > 0 &&
                s.reads.flatMap((from, p) =>
                  from.map((q) => (
                    <line
                      key={`${p}-${q}`}
                      x1={cx(q)}
                      y1={y - ROW + CELL}
                      x2={cx(p)}
                      y2={y}
                      class="csf-link"
                    />
                  )),
                )}
              {s.reached.map((reached, p) => (
                <g key={p} data-reached={reached.join(' ')}>
                  {reached.map((g, r) => (
                    <rect
                      key={g}
                      x={LEFT + p * CELL + 2 + (r * (CELL - 4)) / reached.length}
                      y={y}
                      width={(CELL - 4) / reached.length}
                      height={CELL}
                      fill={groupColour(g, groups)}
                    />
                  ))}
                  <rect
                    x={LEFT + p * CELL + 2}
                    y={y}
                    width={CELL - 4}
                    height={CELL}
                    class="csf-cell"
                  />
                </g>
              ))}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
