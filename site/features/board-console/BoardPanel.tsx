/** The board: Build, Run, Stop, Reset, the LEDs, the switches, status, time and the notice. */
import { formatMs, noticeText, type BoardState } from './board-state.ts';
import LedRow from './LedRow.tsx';
import type { Translate } from './translate.ts';

interface Props {
  state: BoardState;
  onBuild: () => void;
  onRun: () => void;
  onStop: () => void;
  onReset: () => void;
  onSwitch: (index: number, on: boolean) => void;
  t: Translate;
}

export default function BoardPanel({ state, onBuild, onRun, onStop, onReset, onSwitch, t }: Props) {
  const { building, status, switches } = state;
  const busy = building || state.starting;
  return (
    <div class="bc-panel" role="group" aria-label={t('board.panel')}>
      <div class="bc-row" role="group" aria-label={t('board.controls')}>
        <button type="button" onClick={onBuild} disabled={busy}>
          {building ? t('board.building') : t('board.build')}
        </button>
        <button type="button" onClick={onRun} disabled={busy || status === 'running'}>
          {t('board.run')}
        </button>
        <button type="button" onClick={onStop} disabled={status !== 'running'}>
          {t('board.stop')}
        </button>
        <button type="button" onClick={onReset} disabled={busy || status === 'empty'}>
          {t('board.reset')}
        </button>
      </div>
      <div class="bc-leds">
        <span class="bc-caption" aria-hidden="true">
          {t('board.leds')}
        </span>
        <LedRow
          leds={state.leds}
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
              onChange={(e) => onSwitch(i, (e.target as HTMLInputElement).checked)}
            />
            {t('board.switch', { index: i })}
          </label>
        ))}
      </fieldset>
      <p class="bc-status">
        <span>{t('board.statusLine', { status: t(`board.status.${status}`) })}</span>
        <span aria-hidden="true"> · </span>
        <span aria-live="polite" aria-atomic="true">
          {t('board.time', { ms: formatMs(state.shownMs) })}
        </span>
      </p>
      {state.notice && (
        <p class="bc-notice" role="status">
          {noticeText(state.notice, t)}
        </p>
      )}
    </div>
  );
}
