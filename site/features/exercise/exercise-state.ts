/**
 * The exercise card's state as a pure reducer: what the learner's code is, which editor shows,
 * whether a run is going, the last result, hints and solution. use-exercise.ts feeds it from
 * storage, the editor and the grader; the panes only read it. No browser APIs here, so every
 * transition is unit-tested (exercise-state.test.ts).
 */
import type { BrowserGradeResult } from './browser-runner.ts';
import { emptyProgress, type ExerciseProgress } from '../../storage/progress-store.ts';

/** 'preview' until the learner asks to edit; 'plain' is the textarea of touch devices. */
export type EditorMode = 'preview' | 'loading' | 'monaco' | 'plain';

export interface ExerciseState {
  code: string;
  progress: ExerciseProgress;
  /** Notices shown above the card, each once, in order. */
  notices: string[];
  mode: EditorMode;
  running: boolean;
  result: BrowserGradeResult | null;
  /** What the live region says ("Running…", then the outcome). */
  announcement: string;
  /** The solution's text once fetched. */
  solution: string | null;
  solutionOpen: boolean;
}

export type ExerciseAction =
  | { type: 'loaded'; code?: string; progress: ExerciseProgress }
  | { type: 'notice'; text: string }
  | { type: 'dropNotice'; text: string }
  | { type: 'edit'; code: string }
  | { type: 'mode'; mode: EditorMode }
  | { type: 'runStarted'; announcement: string }
  | { type: 'runStopped'; announcement: string }
  | {
      type: 'runFinished';
      result: BrowserGradeResult;
      progress?: ExerciseProgress;
      announcement: string;
    }
  | { type: 'progress'; progress: ExerciseProgress }
  | { type: 'reset'; code: string }
  | { type: 'solutionShown'; solution: string }
  | { type: 'solutionHidden' };

export function initialExerciseState(code: string): ExerciseState {
  return {
    code,
    progress: { ...emptyProgress },
    notices: [],
    mode: 'preview',
    running: false,
    result: null,
    announcement: '',
    solution: null,
    solutionOpen: false,
  };
}

export function exerciseReducer(state: ExerciseState, action: ExerciseAction): ExerciseState {
  switch (action.type) {
    case 'loaded':
      return { ...state, code: action.code ?? state.code, progress: action.progress };
    case 'notice':
      return state.notices.includes(action.text)
        ? state
        : { ...state, notices: [...state.notices, action.text] };
    case 'dropNotice':
      return { ...state, notices: state.notices.filter((n) => n !== action.text) };
    case 'edit':
      return { ...state, code: action.code };
    case 'mode':
      return { ...state, mode: action.mode };
    case 'runStarted':
      return { ...state, running: true, announcement: action.announcement };
    case 'runStopped':
      // Stopping is not an attempt: nothing was graded, the solution stays locked.
      return { ...state, running: false, result: null, announcement: action.announcement };
    case 'runFinished':
      return {
        ...state,
        running: false,
        result: action.result,
        progress: action.progress ?? state.progress,
        announcement: action.announcement,
      };
    case 'progress':
      return { ...state, progress: action.progress };
    case 'reset':
      return { ...state, code: action.code, result: null, announcement: '' };
    case 'solutionShown':
      return { ...state, solution: action.solution, solutionOpen: true };
    case 'solutionHidden':
      return { ...state, solutionOpen: false };
  }
}

/** Hints shown so far (never more than there are) and whether any are left. */
export function hintsState(progress: ExerciseProgress, total: number) {
  const shown = Math.min(progress.hintsShown, total);
  return { shown, total, next: Math.min(shown + 1, total), exhausted: shown >= total };
}

/**
 * What "Show solution" does: hide it when open; show it straight away once the learner has
 * tried (a failed attempt) or solved; otherwise ask first.
 */
export function solutionAction(state: ExerciseState): 'hide' | 'show' | 'confirm' {
  if (state.solutionOpen) return 'hide';
  return state.progress.failedAttempts > 0 || state.progress.solved ? 'show' : 'confirm';
}

/** Rows for the plain textarea: the code plus a little room, between 8 and 24. */
export function textareaRows(code: string): number {
  return Math.min(24, Math.max(8, code.split('\n').length + 2));
}
