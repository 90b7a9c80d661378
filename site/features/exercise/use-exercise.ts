/**
 * The exercise card's behaviour as a hook: loads saved code and progress after hydration, saves
 * keystrokes shortly after they stop, opens the editor on demand, runs the grader, and keeps
 * hints, reset and solution in step with the store. State transitions are the pure reducer's
 * (exercise-state.ts); this hook adds the browser: storage, timers, the editor and the worker.
 *
 * What it deliberately does not do on page load: fetch Monaco (a read-only preview stands in
 * until the learner asks to edit) and run saved code (it only runs on Run or Ctrl/Cmd+Enter, so
 * a saved infinite loop can never lock anyone out).
 */
import { useEffect, useReducer, useRef } from 'preact/hooks';
import { createSiteRunner, type BrowserRunner } from './browser-runner.ts';
import type { translator } from '../../i18n/ui.ts';
import { openBrowserStorage } from '../../storage/browser-storage.ts';
import { createProgressStore, type ProgressStore } from '../../storage/progress-store.ts';
import { prefersPlainEditor, type EditorHandle } from '../editor/exercise-editor.ts';
import { loadSolution, type CatalogEntry } from './exercise-catalog.ts';
import { exerciseReducer, hintsState, initialExerciseState } from './exercise-state.ts';
import { errorsForFile, offsetOf, outcomeSummary } from './exercise-text.ts';

export type Translate = ReturnType<typeof translator>;

let sharedRunner: BrowserRunner | null = null;
/** One runner for the page; its messages in the page's language (every island shares it). */
const runner = (t: Translate) => (sharedRunner ??= createSiteRunner(t));

/** How long after the last keystroke the code is saved. */
const SAVE_DELAY_MS = 400;

export function useExercise(entry: CatalogEntry, t: Translate) {
  const { exercise, starter } = entry;
  const file = exercise.entry;
  const starterCode = starter[file] ?? '';
  const [state, dispatch] = useReducer(exerciseReducer, starterCode, initialExerciseState);

  const storeRef = useRef<ProgressStore | null>(null);
  const editorRef = useRef<EditorHandle | null>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const codeRef = useRef(starterCode);
  const saveTimer = useRef<number | undefined>(undefined);
  const runRef = useRef<() => void>(() => {});
  const runningRef = useRef(false);
  const editorRequested = useRef(false);
  const stopRef = useRef<AbortController | null>(null);
  // The latest result, for an editor that opens after a run.
  const resultRef = useRef(state.result);
  resultRef.current = state.result;

  const notice = (text: string) => dispatch({ type: 'notice', text });

  const save = () => {
    window.clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    const outcome = storeRef.current?.saveCode(exercise.id, entry.starterHash, {
      [file]: codeRef.current,
    });
    if (outcome && !outcome.ok) notice(t('exercise.notice.saveFailed', { error: outcome.error }));
  };

  // Load saved code and progress once, after hydration. Nothing here runs the code.
  useEffect(() => {
    const { storage, persistent } = openBrowserStorage();
    const store = createProgressStore(storage);
    storeRef.current = store;
    if (!persistent) notice(t('exercise.notice.noStorage'));
    const loaded = store.loadExercise(exercise.id, entry.starterHash);
    for (const bad of loaded.corrupt) notice(t('exercise.notice.corrupt', { key: bad.movedTo }));
    const saved = loaded.code?.files[file];
    if (loaded.code && saved !== undefined) {
      codeRef.current = saved;
      if (loaded.code.starterChanged) notice(t('exercise.notice.starterChanged'));
    }
    dispatch({ type: 'loaded', code: saved, progress: loaded.progress });
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
    dispatch({ type: 'edit', code: value });
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(save, SAVE_DELAY_MS);
  };

  async function openEditor(focus = true) {
    // A ref, not the state: a double click must not start two editors.
    if (editorRequested.current) return;
    editorRequested.current = true;
    if (prefersPlainEditor(window.matchMedia?.bind(window))) {
      dispatch({ type: 'mode', mode: 'plain' });
      if (focus) requestAnimationFrame(() => textareaRef.current?.focus());
      return;
    }
    dispatch({ type: 'mode', mode: 'loading' });
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
      dispatch({ type: 'mode', mode: 'monaco' });
      const result = resultRef.current;
      if (result) handle.setCompileErrors(errorsForFile(result.compileErrors, file));
      if (focus) handle.focus();
    } catch (error) {
      notice(t('exercise.editorFailed', { error: String(error) }));
      dispatch({ type: 'mode', mode: 'plain' });
    }
  }

  async function run() {
    // A ref, not the state: Ctrl+Enter can arrive twice before a re-render.
    if (runningRef.current) return;
    runningRef.current = true;
    const current = editorRef.current?.getValue() ?? codeRef.current;
    codeRef.current = current;
    save();
    dispatch({ type: 'runStarted', announcement: t('exercise.running') });
    const controller = new AbortController();
    stopRef.current = controller;
    // The editor's TypeScript worker has type-checked the file already; its errors go along.
    const typeErrors = await editorRef.current?.typeErrors?.().catch(() => undefined);
    const graded = await runner(t).grade(
      {
        exerciseId: exercise.id,
        files: { ...starter, [file]: current },
        timeLimitMs: exercise.timeLimitMs,
        ...(typeErrors && { typeErrors }),
      },
      { signal: controller.signal },
    );
    stopRef.current = null;
    runningRef.current = false;
    if (graded.cancelled) {
      dispatch({ type: 'runStopped', announcement: t('exercise.stopped') });
      return;
    }
    editorRef.current?.setCompileErrors(errorsForFile(graded.compileErrors, file));
    const recorded = storeRef.current?.recordAttempt(exercise.id, graded.status);
    const summary = outcomeSummary(graded, exercise.timeLimitMs);
    dispatch({
      type: 'runFinished',
      result: graded,
      progress: recorded?.progress,
      announcement: t(summary.key, summary.values),
    });
  }
  runRef.current = run;

  function stop() {
    stopRef.current?.abort();
  }

  function showHint() {
    const { next } = hintsState(state.progress, exercise.hints.length);
    const recorded = storeRef.current?.recordHintsShown(exercise.id, next);
    dispatch({
      type: 'progress',
      progress: recorded?.progress ?? { ...state.progress, hintsShown: next },
    });
  }

  function reset() {
    storeRef.current?.clearCode(exercise.id);
    window.clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    codeRef.current = starterCode;
    editorRef.current?.setValue(starterCode);
    editorRef.current?.setCompileErrors([]);
    dispatch({ type: 'reset', code: starterCode });
    dispatch({ type: 'dropNotice', text: t('exercise.notice.starterChanged') });
  }

  async function showSolution() {
    const solution = state.solution ?? (await loadSolution(exercise.id))[file] ?? '';
    dispatch({ type: 'solutionShown', solution });
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

  return {
    state,
    refs: { hostRef, textareaRef },
    actions: {
      onCodeChange,
      openEditor,
      run,
      stop,
      showHint,
      reset,
      showSolution,
      hideSolution: () => dispatch({ type: 'solutionHidden' }),
      reveal,
    },
  };
}
