/**
 * A graded exercise: the task (server-rendered README, passed in as children), the learner's
 * code, and Run / Hint / Reset / Solution. Used from MDX or pages as
 * `<Exercise client:visible id="shufflenet/01-group-conv-params" />`.
 *
 * Two layouts. On its own page (`layout="page"`) the editor and the results sit side by side
 * with a splitter between them, and the page's own title names the exercise. Inside a lesson
 * (`layout="embedded"`) the card stays compact, one pane under the other, and a Full screen
 * button opens the side-by-side view over the page (Esc closes it; focus returns to the button).
 *
 * This file lays out the panes; the behaviour is use-exercise.ts (over the pure reducer in
 * exercise-state.ts), storage is site/storage, text rules are exercise-text.ts.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { translator } from '../../i18n/ui.ts';
import { isRunShortcut } from '../editor/exercise-editor.ts';
import ConfirmDialog, { openDialog } from './ConfirmDialog.tsx';
import EditorPane from './EditorPane.tsx';
import { exerciseEntry, type CatalogEntry } from './exercise-catalog.ts';
import { hintsState, solutionAction } from './exercise-state.ts';
import { HintsPane, SolutionPane } from './HintsPane.tsx';
import { inertOutside } from './inert-outside.ts';
import InlineText from './InlineText.tsx';
import ResultsPane from './ResultsPane.tsx';
import Splitter from './Splitter.tsx';
import { DEFAULT_SPLIT } from './split.ts';
import Toolbar from './Toolbar.tsx';
import { useExercise, type Translate } from './use-exercise.ts';

interface Props {
  id: string;
  lang?: string;
  /** Heading level of the exercise title: 2 on its own page, 3 inside a lesson section. */
  level?: 2 | 3;
  /** `page`: the exercise's own page (the page title names it); `embedded`: inside a lesson. */
  layout?: Layout;
  /** The README, rendered on the server. */
  children?: ComponentChildren;
}

type Layout = 'page' | 'embedded';

function ExerciseView(props: {
  entry: CatalogEntry;
  t: Translate;
  level: 2 | 3;
  layout: Layout;
  children?: ComponentChildren;
}) {
  const { entry, t, level, layout } = props;
  const { exercise } = entry;
  const file = exercise.entry;
  const baseId = useId();
  const Heading = `h${level}` as 'h2' | 'h3';
  const { state, refs, actions } = useExercise(entry, t);
  const resetDialog = useRef<HTMLDialogElement>(null);
  const solutionDialog = useRef<HTMLDialogElement>(null);
  const fullscreenButton = useRef<HTMLButtonElement>(null);
  const [split, setSplit] = useState(DEFAULT_SPLIT);
  const [fullscreen, setFullscreen] = useState(false);
  const sideRef = useRef<HTMLDivElement>(null);
  const cardRef = useRef<HTMLElement>(null);

  // Side by side, the task and the results share a column that scrolls on its own: bring a new
  // result into view there, next to the code.
  useEffect(() => {
    const side = sideRef.current;
    const results = side?.querySelector<HTMLElement>('.exercise-results-panel');
    if (!side || !results || !state.result || side.scrollHeight <= side.clientHeight) return;
    side.scrollTop += results.getBoundingClientRect().top - side.getBoundingClientRect().top;
  }, [state.result]);

  // Full screen: the page behind does not scroll, and leaving puts focus back on the button.
  const wasFullscreen = useRef(false);
  useEffect(() => {
    // Only this card's own change touches the page: another card hydrating later (client:visible)
    // must not clear the class this one set.
    if (fullscreen === wasFullscreen.current) return;
    document.documentElement.classList.toggle('exercise-fullscreen-open', fullscreen);
    fullscreenButton.current?.focus();
    wasFullscreen.current = fullscreen;
    // Keyboard and screen reader stay in the full-screen card until it closes.
    if (fullscreen && cardRef.current) return inertOutside(cardRef.current);
  }, [fullscreen]);

  const hints = hintsState(state.progress, exercise.hints.length);
  const titleId = `${baseId}-title`;
  const resultsId = `${baseId}-results`;
  const { solved } = state.progress;

  const onCardKeyDown = (event: KeyboardEvent) => {
    // Esc leaves full screen, unless something inside used it (Monaco's suggestions, a dialog).
    if (event.key !== 'Escape' || !fullscreen || event.defaultPrevented) return;
    if ((event.target as Element).closest('dialog')) return;
    event.preventDefault();
    setFullscreen(false);
  };

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

  const label = t('exercise.label', { number: entry.number, title: exercise.title });
  const sideBySide = layout === 'page' || fullscreen;
  const readme = props.children && <div class="exercise-readme">{props.children}</div>;
  const editorPaneId = `${baseId}-code`;

  return (
    <section
      ref={cardRef}
      class={`island-card exercise is-${layout} ${fullscreen ? 'is-fullscreen' : ''}`}
      {...(layout === 'page' ? { 'aria-label': label } : { 'aria-labelledby': titleId })}
      data-exercise={exercise.id}
      data-solved={solved ? 'true' : 'false'}
      onKeyDown={onCardKeyDown}
    >
      <header class="exercise-header">
        {/* On its own page the page title names the exercise: no second heading. */}
        {layout === 'embedded' && <Heading id={titleId}>{label}</Heading>}
        <span class={`exercise-state ${solved ? 'is-solved' : ''}`}>
          {solved ? `✓ ${t('exercise.solved')}` : t('exercise.notSolved')}
        </span>
        {layout === 'embedded' && (
          <button
            type="button"
            ref={fullscreenButton}
            class="exercise-fullscreen-toggle"
            aria-pressed={fullscreen}
            onClick={() => setFullscreen(!fullscreen)}
          >
            {fullscreen ? t('exercise.exitFullscreen') : t('exercise.fullscreen')}
          </button>
        )}
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

      {!sideBySide && readme}

      <div
        class={`exercise-work ${sideBySide ? 'is-split' : ''}`}
        style={{ '--exercise-split': `${split}%` }}
      >
        <div class="exercise-code-pane" id={editorPaneId}>
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
        </div>

        {sideBySide && (
          <Splitter
            value={split}
            onChange={setSplit}
            controls={editorPaneId}
            label={t('exercise.splitter')}
          />
        )}

        {/* The column scrolls on its own beside the code: a tab stop with a name, so keyboard
            users can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable). */}
        <div
          class="exercise-side"
          ref={sideRef}
          role="group"
          aria-label={t('exercise.side')}
          tabIndex={0}
        >
          {/* Side by side, the task sits over the results, next to the code it asks for. */}
          {sideBySide && readme}
          <ResultsPane
            id={resultsId}
            t={t}
            announcement={state.announcement}
            running={state.running}
            result={state.result}
            file={file}
            code={state.code}
            level={level}
            onReveal={actions.reveal}
          />
          <HintsPane hints={exercise.hints.slice(0, hints.shown)} t={t} />
          <SolutionPane solution={state.solutionOpen ? state.solution : null} t={t} />
        </div>
      </div>

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

export default function Exercise({
  id,
  lang = 'en',
  level = 3,
  layout = 'embedded',
  children,
}: Props) {
  const t = useMemo(() => translator(lang), [lang]);
  const entry = useMemo(() => exerciseEntry(id), [id]);
  if (!entry) return <p class="exercise-notices">{t('exercise.unknown', { id })}</p>;
  return (
    <ExerciseView entry={entry} t={t} level={level} layout={layout}>
      {children}
    </ExerciseView>
  );
}
