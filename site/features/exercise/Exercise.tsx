/**
 * A graded exercise: the task (server-rendered README, passed in as children), the learner's
 * code, and Run / Hint / Reset / Solution. Used from MDX or pages as
 * `<Exercise client:visible id="shufflenet/01-group-conv-params" />`.
 *
 * This file lays out the panes; the behaviour is use-exercise.ts (over the pure reducer in
 * exercise-state.ts), storage is site/storage, text rules are exercise-text.ts.
 */
import type { ComponentChildren } from 'preact';
import { useId, useMemo, useRef } from 'preact/hooks';
import { translator } from '../../i18n/ui.ts';
import { isRunShortcut } from '../editor/exercise-editor.ts';
import ConfirmDialog, { openDialog } from './ConfirmDialog.tsx';
import EditorPane from './EditorPane.tsx';
import { exerciseEntry, type CatalogEntry } from './exercise-catalog.ts';
import { hintsState, solutionAction } from './exercise-state.ts';
import { HintsPane, SolutionPane } from './HintsPane.tsx';
import InlineText from './InlineText.tsx';
import ResultsPane from './ResultsPane.tsx';
import Toolbar from './Toolbar.tsx';
import { useExercise, type Translate } from './use-exercise.ts';

interface Props {
  id: string;
  lang?: string;
  /** Heading level of the exercise title: 2 on its own page, 3 inside a lesson section. */
  level?: 2 | 3;
  /** The README, rendered on the server. */
  children?: ComponentChildren;
}

function ExerciseView(props: {
  entry: CatalogEntry;
  t: Translate;
  level: 2 | 3;
  children?: ComponentChildren;
}) {
  const { entry, t, level } = props;
  const { exercise } = entry;
  const file = exercise.entry;
  const baseId = useId();
  const Heading = `h${level}` as 'h2' | 'h3';
  const { state, refs, actions } = useExercise(entry, t);
  const resetDialog = useRef<HTMLDialogElement>(null);
  const solutionDialog = useRef<HTMLDialogElement>(null);

  const hints = hintsState(state.progress, exercise.hints.length);
  const titleId = `${baseId}-title`;
  const resultsId = `${baseId}-results`;
  const { solved } = state.progress;

  const onKeyDown = (event: KeyboardEvent) => {
    // Monaco handles its own Ctrl/Cmd+Enter and marks the event handled.
    if (isRunShortcut(event) && !event.defaultPrevented) {
      event.preventDefault();
      void actions.run();
    }
  };

  const toggleSolution = () => {
    const action = solutionAction(state);
    if (action === 'hide') actions.hideSolution();
    else if (action === 'show') void actions.showSolution();
    else openDialog(solutionDialog.current);
  };

  return (
    <section
      class="island-card exercise"
      aria-labelledby={titleId}
      data-exercise={exercise.id}
      data-solved={solved ? 'true' : 'false'}
    >
      <header class="exercise-header">
        <Heading id={titleId}>
          {t('exercise.label', { number: entry.number, title: exercise.title })}
        </Heading>
        <span class={`exercise-state ${solved ? 'is-solved' : ''}`}>
          {solved ? `✓ ${t('exercise.solved')}` : t('exercise.notSolved')}
        </span>
      </header>

      {state.notices.length > 0 && (
        <ul class="exercise-notices" role="alert">
          {state.notices.map((n) => (
            <li key={n}>
              <InlineText text={n} />
            </li>
          ))}
        </ul>
      )}

      {props.children && <div class="exercise-readme">{props.children}</div>}

      <EditorPane
        baseId={baseId}
        mode={state.mode}
        code={state.code}
        codeLabel={t('exercise.codeLabel', { file })}
        t={t}
        hostRef={refs.hostRef}
        textareaRef={refs.textareaRef}
        onOpen={() => void actions.openEditor()}
        onInput={actions.onCodeChange}
        onKeyDown={onKeyDown}
      />

      <Toolbar
        t={t}
        resultsId={resultsId}
        running={state.running}
        hints={hints}
        solutionOpen={state.solutionOpen}
        onRun={() => void actions.run()}
        onStop={actions.stop}
        onHint={actions.showHint}
        onReset={() => openDialog(resetDialog.current)}
        onSolution={toggleSolution}
      />

      <HintsPane hints={exercise.hints.slice(0, hints.shown)} t={t} />
      <SolutionPane solution={state.solutionOpen ? state.solution : null} t={t} />

      <ResultsPane
        id={resultsId}
        t={t}
        announcement={state.announcement}
        running={state.running}
        result={state.result}
        file={file}
        level={level}
        onReveal={actions.reveal}
      />

      <ConfirmDialog
        dialogRef={resetDialog}
        title={t('exercise.resetTitle')}
        body={t('exercise.resetBody')}
        confirm={t('exercise.resetConfirm')}
        cancel={t('exercise.cancel')}
        onConfirm={actions.reset}
      />
      <ConfirmDialog
        dialogRef={solutionDialog}
        title={t('exercise.solutionTitle')}
        body={t('exercise.solutionBody')}
        confirm={t('exercise.solutionConfirm')}
        cancel={t('exercise.cancel')}
        onConfirm={() => void actions.showSolution()}
      />
    </section>
  );
}

export default function Exercise({ id, lang = 'en', level = 3, children }: Props) {
  const t = useMemo(() => translator(lang), [lang]);
  const entry = useMemo(() => exerciseEntry(id), [id]);
  if (!entry) return <p class="exercise-notices">{t('exercise.unknown', { id })}</p>;
  return (
    <ExerciseView entry={entry} t={t} level={level}>
      {children}
    </ExerciseView>
  );
}
