/** Run (and Stop while running), Hint, Reset and Show/Hide solution. */
import { useRef } from 'preact/hooks';
import type { Translate } from './use-exercise.ts';

export default function Toolbar(props: {
  t: Translate;
  resultsId: string;
  running: boolean;
  hints: { shown: number; total: number; exhausted: boolean };
  solutionOpen: boolean;
  onRun: () => void;
  onStop: () => void;
  onHint: () => void;
  onReset: () => void;
  onSolution: () => void;
}) {
  const { t, running, hints } = props;
  const runButton = useRef<HTMLButtonElement>(null);
  return (
    <div class="exercise-actions">
      <button
        type="button"
        ref={runButton}
        class="exercise-primary"
        onClick={props.onRun}
        disabled={running}
        aria-describedby={props.resultsId}
        aria-keyshortcuts="Control+Enter Meta+Enter"
      >
        {running ? t('exercise.running') : t('exercise.run')}
      </button>
      {running && (
        <button
          type="button"
          onClick={() => {
            props.onStop();
            // This button goes away with the run; keep keyboard focus on the card.
            requestAnimationFrame(() => runButton.current?.focus());
          }}
        >
          {t('exercise.stop')}
        </button>
      )}
      <button type="button" onClick={props.onHint} disabled={hints.exhausted}>
        {hints.exhausted
          ? t('exercise.noMoreHints')
          : hints.shown === 0
            ? t('exercise.hint')
            : t('exercise.nextHint', { shown: hints.shown, total: hints.total })}
      </button>
      <button type="button" onClick={props.onReset}>
        {t('exercise.reset')}
      </button>
      <button type="button" onClick={props.onSolution} aria-expanded={props.solutionOpen}>
        {props.solutionOpen ? t('exercise.hideSolution') : t('exercise.showSolution')}
      </button>
    </div>
  );
}
