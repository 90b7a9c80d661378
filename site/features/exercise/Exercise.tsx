/**
 * A graded exercise: the task (server-rendered README, passed in as children), the learner's
 * code, and Run / Hint / Reset / Solution. Used from MDX or pages as
 * `<Exercise client:visible id="shufflenet/01-group-conv-params" />`.
 *
 * What it deliberately does not do on page load: fetch Monaco (a read-only preview stands in
 * until the learner asks to edit) and run saved code (it only runs on Run or Ctrl/Cmd+Enter, so
 * a saved infinite loop can never lock anyone out). Storage, grading and text rules live in
 * site/lib; this file wires them to the UI.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import {
  createSiteRunner,
  type BrowserGradeResult,
  type BrowserRunner,
} from '../../lib/browser-runner.ts';
import { translator } from '../../i18n/ui.ts';
import { exerciseEntry, loadSolution, type CatalogEntry } from './exercise-catalog.ts';
import { isRunShortcut, prefersPlainEditor, type EditorHandle } from '../editor/exercise-editor.ts';
import { errorsForFile, inlineCodePieces, offsetOf, outcomeSummary } from './exercise-text.ts';
import {
  createProgressStore,
  emptyProgress,
  MemoryStorage,
  type ExerciseProgress,
  type ProgressStore,
} from '../../storage/progress-store.ts';

interface Props {
  id: string;
  lang?: string;
  /** Heading level of the exercise title: 2 on its own page, 3 inside a lesson section. */
  level?: 2 | 3;
  /** The README, rendered on the server. */
  children?: ComponentChildren;
}

type Translate = ReturnType<typeof translator>;
type EditorMode = 'preview' | 'loading' | 'monaco' | 'plain';

let sharedRunner: BrowserRunner | null = null;
const runner = () => (sharedRunner ??= createSiteRunner());

/** localStorage when the browser allows it (private modes may throw on access), else memory. */
function openStore(): { store: ProgressStore; persistent: boolean } {
  try {
    const storage = window.localStorage;
    const probe = 'shufflenet-lab:probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return { store: createProgressStore(storage), persistent: true };
  } catch {
    return { store: createProgressStore(new MemoryStorage()), persistent: false };
  }
}

function InlineText({ text }: { text: string }) {
  return (
    <>
      {inlineCodePieces(text).map((piece, i) =>
        piece.code ? <code key={i}>{piece.text}</code> : piece.text,
      )}
    </>
  );
}

/**
 * Opens a ConfirmDialog. The return value is cleared first: Escape closes a dialog without
 * setting it, and a stale 'confirm' from an earlier use must not count as a new confirmation.
 */
function openDialog(dialog: HTMLDialogElement | null) {
  if (!dialog || dialog.open) return;
  dialog.returnValue = '';
  dialog.showModal();
}

/** A modal confirmation on the native <dialog>: focus is trapped and Escape cancels. */
function ConfirmDialog(props: {
  dialogRef: { current: HTMLDialogElement | null };
  title: string;
  body: string;
  confirm: string;
  t: Translate;
  onConfirm: () => void;
}) {
  const titleId = useId();
  const bodyId = useId();
  return (
    <dialog
      ref={props.dialogRef}
      class="exercise-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={(e) => {
        if ((e.currentTarget as HTMLDialogElement).returnValue === 'confirm') props.onConfirm();
      }}
    >
      <form method="dialog">
        <h2 id={titleId}>{props.title}</h2>
        <p id={bodyId}>{props.body}</p>
        <div class="exercise-dialog-buttons">
          {/* Cancel first and focused by default: the safe choice is the easy one. */}
          <button value="cancel" autofocus>
            {props.t('exercise.cancel')}
          </button>
          <button value="confirm" class="exercise-danger">
            {props.confirm}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function Results({
  result,
  entry,
  t,
  level,
  onReveal,
}: {
  result: BrowserGradeResult;
  entry: CatalogEntry;
  t: Translate;
  /** Level of the exercise's heading; sub-headings go one below it. */
  level: 2 | 3;
  onReveal: (line: number, column: number) => Promise<void>;
}) {
  const SubHeading = `h${level + 1}` as 'h3' | 'h4';
  return (
    <div class="exercise-results" data-status={result.status}>
      {result.message && <p class="exercise-message">{result.message}</p>}
      {result.compileErrors.length > 0 && (
        <>
          <SubHeading>{t('exercise.compileErrors')}</SubHeading>
          <ul class="exercise-compile-errors">
            {result.compileErrors.map((e, i) => (
              <li key={i}>
                <button
                  type="button"
                  class="exercise-link"
                  onClick={() => void onReveal(e.line, e.column)}
                  disabled={e.file !== undefined && e.file !== entry.exercise.entry}
                >
                  {e.file ? `${e.file}: ` : ''}
                  {t('exercise.compileErrorAt', { line: e.line, column: e.column })}
                </button>{' '}
                <span>{e.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {result.checks.length > 0 && (
        <ol class="exercise-checks">
          {result.checks.map((check, i) => (
            <li key={i} data-status={check.status}>
              <span class={`exercise-badge is-${check.status}`}>
                {t(`exercise.check.${check.status}`)}
              </span>{' '}
              <strong>{check.name}</strong>
              {check.message && <p>{check.message}</p>}
              {(check.expected !== undefined || check.actual !== undefined) && (
                <dl>
                  {check.expected !== undefined && (
                    <>
                      <dt>{t('exercise.expected')}</dt>
                      <dd>
                        <code>{check.expected}</code>
                      </dd>
                    </>
                  )}
                  {check.actual !== undefined && (
                    <>
                      <dt>{t('exercise.actual')}</dt>
                      <dd>
                        <code>{check.actual}</code>
                      </dd>
                    </>
                  )}
                </dl>
              )}
            </li>
          ))}
        </ol>
      )}
      {result.output.length > 0 && (
        <details class="exercise-output" open>
          <summary>{t('exercise.output', { lines: result.output.length })}</summary>
          <pre>
            <code>{result.output.join('\n')}</code>
          </pre>
        </details>
      )}
      <p class="exercise-duration">{t('exercise.duration', { ms: result.durationMs })}</p>
    </div>
  );
}

function ExerciseView({
  entry,
  t,
  level,
  children,
}: {
  entry: CatalogEntry;
  t: Translate;
  level: 2 | 3;
  children?: ComponentChildren;
}) {
  const { exercise, starter } = entry;
  const file = exercise.entry;
  const starterCode = starter[file] ?? '';
  const baseId = useId();
  const Heading = `h${level}` as 'h2' | 'h3';

  const [code, setCode] = useState(starterCode);
  const [progress, setProgress] = useState<ExerciseProgress>({ ...emptyProgress });
  const [notices, setNotices] = useState<string[]>([]);
  const [mode, setMode] = useState<EditorMode>('preview');
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<BrowserGradeResult | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [solution, setSolution] = useState<string | null>(null);
  const [solutionOpen, setSolutionOpen] = useState(false);

  const storeRef = useRef<ProgressStore | null>(null);
  const editorRef = useRef<EditorHandle | null>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const resetDialog = useRef<HTMLDialogElement>(null);
  const solutionDialog = useRef<HTMLDialogElement>(null);
  const codeRef = useRef(code);
  const saveTimer = useRef<number | undefined>(undefined);
  const runRef = useRef<() => void>(() => {});
  const runningRef = useRef(false);
  const editorRequested = useRef(false);
  const stopRef = useRef<AbortController | null>(null);
  const runButtonRef = useRef<HTMLButtonElement>(null);

  const addNotice = (text: string) =>
    setNotices((current) => (current.includes(text) ? current : [...current, text]));

  const save = () => {
    window.clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    const outcome = storeRef.current?.saveCode(exercise.id, entry.starterHash, {
      [file]: codeRef.current,
    });
    if (outcome && !outcome.ok)
      addNotice(t('exercise.notice.saveFailed', { error: outcome.error }));
  };

  // Load saved code and progress once, after hydration. Nothing here runs the code.
  useEffect(() => {
    const { store, persistent } = openStore();
    storeRef.current = store;
    if (!persistent) addNotice(t('exercise.notice.noStorage'));
    // C exercises are graded on the simulated board, which the browser grader cannot run yet.
    if (exercise.language === 'c') addNotice(t('exercise.notGradable'));
    const loaded = store.loadExercise(exercise.id, entry.starterHash);
    for (const bad of loaded.corrupt) addNotice(t('exercise.notice.corrupt', { key: bad.movedTo }));
    const saved = loaded.code?.files[file];
    if (loaded.code && saved !== undefined) {
      codeRef.current = saved;
      setCode(saved);
      if (loaded.code.starterChanged) addNotice(t('exercise.notice.starterChanged'));
    }
    setProgress(loaded.progress);
    // Keystrokes are saved shortly after they stop; leaving the page must not lose the last few.
    const flush = () => {
      if (saveTimer.current !== undefined) save();
    };
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      flush();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      editorRef.current?.dispose();
    };
  }, []);

  const onCodeChange = (value: string) => {
    codeRef.current = value;
    setCode(value);
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(save, 400);
  };

  async function openEditor(focus = true) {
    // A ref, not the state: a double click must not start two editors.
    if (editorRequested.current) return;
    editorRequested.current = true;
    if (prefersPlainEditor(window.matchMedia?.bind(window))) {
      setMode('plain');
      if (focus) requestAnimationFrame(() => textareaRef.current?.focus());
      return;
    }
    setMode('loading');
    try {
      const { createEditor } = await import('../editor/monaco.ts');
      // The import may resolve from cache before Preact has rendered the editor's host.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const handle = await createEditor(hostRef.current!, {
        exerciseId: exercise.id,
        fileName: file,
        language: exercise.language,
        value: codeRef.current,
        ariaLabel: t('exercise.codeLabel', { file }),
        onChange: onCodeChange,
        onRun: () => runRef.current(),
      });
      editorRef.current = handle;
      setMode('monaco');
      if (result) handle.setCompileErrors(errorsForFile(result.compileErrors, file));
      if (focus) handle.focus();
    } catch (error) {
      addNotice(t('exercise.editorFailed', { error: String(error) }));
      setMode('plain');
    }
  }

  async function run() {
    // A ref, not the state: Ctrl+Enter can arrive twice before a re-render.
    if (runningRef.current) return;
    runningRef.current = true;
    const current = editorRef.current?.getValue() ?? codeRef.current;
    codeRef.current = current;
    save();
    setRunning(true);
    setAnnouncement(t('exercise.running'));
    const controller = new AbortController();
    stopRef.current = controller;
    const graded = await runner().grade(
      {
        exerciseId: exercise.id,
        files: { ...starter, [file]: current },
        timeLimitMs: exercise.timeLimitMs,
      },
      { signal: controller.signal },
    );
    stopRef.current = null;
    runningRef.current = false;
    setRunning(false);
    if (graded.cancelled) {
      // Stopping is not an attempt: nothing was graded, the solution stays locked.
      setResult(null);
      setAnnouncement(t('exercise.stopped'));
      return;
    }
    setResult(graded);
    editorRef.current?.setCompileErrors(errorsForFile(graded.compileErrors, file));
    const recorded = storeRef.current?.recordAttempt(exercise.id, graded.status);
    if (recorded) setProgress(recorded.progress);
    const summary = outcomeSummary(graded, exercise.timeLimitMs);
    setAnnouncement(t(summary.key, summary.values));
  }
  runRef.current = run;

  function showHint() {
    const next = Math.min(progress.hintsShown + 1, exercise.hints.length);
    const recorded = storeRef.current?.recordHintsShown(exercise.id, next);
    setProgress(recorded?.progress ?? { ...progress, hintsShown: next });
  }

  function reset() {
    storeRef.current?.clearCode(exercise.id);
    window.clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    codeRef.current = starterCode;
    setCode(starterCode);
    editorRef.current?.setValue(starterCode);
    editorRef.current?.setCompileErrors([]);
    setResult(null);
    setNotices((current) => current.filter((n) => n !== t('exercise.notice.starterChanged')));
    setAnnouncement('');
  }

  async function openSolution() {
    setSolution(solution ?? (await loadSolution(exercise.id))[file] ?? '');
    setSolutionOpen(true);
  }

  function toggleSolution() {
    if (solutionOpen) setSolutionOpen(false);
    else if (progress.failedAttempts > 0 || progress.solved) void openSolution();
    else openDialog(solutionDialog.current);
  }

  async function reveal(line: number, column: number) {
    if (!editorRequested.current) await openEditor(false);
    if (editorRef.current) {
      editorRef.current.revealLine(line, column);
    } else {
      // The plain text area: put the caret on the error.
      requestAnimationFrame(() => {
        const area = textareaRef.current;
        if (!area) return;
        const at = offsetOf(area.value, line, column);
        area.focus();
        area.setSelectionRange(at, at);
      });
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    // Monaco handles its own Ctrl/Cmd+Enter and marks the event handled.
    if (isRunShortcut(event) && !event.defaultPrevented) {
      event.preventDefault();
      void run();
    }
  };

  const hintsShown = Math.min(progress.hintsShown, exercise.hints.length);
  const titleId = `${baseId}-title`;
  const resultsId = `${baseId}-results`;
  const codeLabel = t('exercise.codeLabel', { file });

  return (
    <section
      class="island-card exercise"
      aria-labelledby={titleId}
      data-exercise={exercise.id}
      data-solved={progress.solved ? 'true' : 'false'}
    >
      <header class="exercise-header">
        <Heading id={titleId}>
          {t('exercise.label', { number: entry.number, title: exercise.title })}
        </Heading>
        <span class={`exercise-state ${progress.solved ? 'is-solved' : ''}`}>
          {progress.solved ? `✓ ${t('exercise.solved')}` : t('exercise.notSolved')}
        </span>
      </header>

      {notices.length > 0 && (
        <ul class="exercise-notices" role="alert">
          {notices.map((n) => (
            <li key={n}>
              <InlineText text={n} />
            </li>
          ))}
        </ul>
      )}

      {children && <div class="exercise-readme">{children}</div>}

      <div class="exercise-editor" onKeyDown={onKeyDown}>
        {(mode === 'preview' || mode === 'loading') && (
          <div class="exercise-preview">
            <pre
              class="exercise-code"
              tabIndex={0}
              aria-label={codeLabel}
              onClick={() => void openEditor()}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) void openEditor();
              }}
            >
              <code>{code}</code>
            </pre>
            <p class="exercise-edit-row">
              <button
                type="button"
                onClick={() => void openEditor()}
                disabled={mode === 'loading'}
                aria-describedby={`${baseId}-edit-hint`}
              >
                {mode === 'loading' ? t('exercise.loadingEditor') : t('exercise.edit')}
              </button>{' '}
              <span id={`${baseId}-edit-hint`} class="exercise-small">
                {t('exercise.editHint')}
              </span>
            </p>
          </div>
        )}
        {mode === 'plain' && (
          <>
            <label for={`${baseId}-textarea`} class="exercise-small">
              {codeLabel}
            </label>
            <textarea
              id={`${baseId}-textarea`}
              ref={textareaRef}
              class="exercise-textarea"
              value={code}
              spellcheck={false}
              autocapitalize="off"
              autocomplete="off"
              rows={Math.min(24, Math.max(8, code.split('\n').length + 2))}
              onInput={(e) => onCodeChange((e.target as HTMLTextAreaElement).value)}
            />
          </>
        )}
        {/* Monaco needs its host in the DOM while it starts, so it exists from 'loading' on. */}
        {(mode === 'loading' || mode === 'monaco') && (
          <div
            ref={hostRef}
            class={`exercise-monaco ${mode === 'loading' ? 'is-loading' : ''}`}
            data-editor="monaco"
          />
        )}
      </div>

      <div class="exercise-actions">
        <button
          type="button"
          ref={runButtonRef}
          class="exercise-primary"
          onClick={() => void run()}
          disabled={running}
          aria-describedby={resultsId}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          {running ? t('exercise.running') : t('exercise.run')}
        </button>
        {running && (
          <button
            type="button"
            onClick={() => {
              stopRef.current?.abort();
              // This button goes away with the run; keep keyboard focus on the card.
              requestAnimationFrame(() => runButtonRef.current?.focus());
            }}
          >
            {t('exercise.stop')}
          </button>
        )}
        <button type="button" onClick={showHint} disabled={hintsShown >= exercise.hints.length}>
          {hintsShown >= exercise.hints.length
            ? t('exercise.noMoreHints')
            : hintsShown === 0
              ? t('exercise.hint')
              : t('exercise.nextHint', { shown: hintsShown, total: exercise.hints.length })}
        </button>
        <button type="button" onClick={() => openDialog(resetDialog.current)}>
          {t('exercise.reset')}
        </button>
        <button type="button" onClick={toggleSolution} aria-expanded={solutionOpen}>
          {solutionOpen ? t('exercise.hideSolution') : t('exercise.showSolution')}
        </button>
      </div>

      {hintsShown > 0 && (
        <section class="exercise-hints" aria-label={t('exercise.hintsHeading')}>
          <ol>
            {exercise.hints.slice(0, hintsShown).map((hint, i) => (
              <li key={i}>
                <InlineText text={hint} />
              </li>
            ))}
          </ol>
        </section>
      )}

      {solutionOpen && solution !== null && (
        <section class="exercise-solution" aria-label={t('exercise.solutionHeading')}>
          <p class="exercise-small">{t('exercise.solutionNote')}</p>
          <pre class="exercise-code">
            <code>{solution}</code>
          </pre>
        </section>
      )}

      <section id={resultsId} class="exercise-results-panel" aria-label={t('exercise.results')}>
        {/* The live region: announces "Running…" and then the outcome, politely. */}
        <p
          role="status"
          aria-live="polite"
          class={`exercise-outcome ${result && !running ? `is-${result.status}` : ''}`}
        >
          {announcement}
        </p>
        {result && !running && (
          <Results result={result} entry={entry} t={t} level={level} onReveal={reveal} />
        )}
      </section>

      <ConfirmDialog
        dialogRef={resetDialog}
        title={t('exercise.resetTitle')}
        body={t('exercise.resetBody')}
        confirm={t('exercise.resetConfirm')}
        t={t}
        onConfirm={reset}
      />
      <ConfirmDialog
        dialogRef={solutionDialog}
        title={t('exercise.solutionTitle')}
        body={t('exercise.solutionBody')}
        confirm={t('exercise.solutionConfirm')}
        t={t}
        onConfirm={() => void openSolution()}
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
