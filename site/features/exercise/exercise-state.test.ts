import { describe, expect, it } from 'vitest';
import type { BrowserGradeResult } from './browser-runner.ts';
import {
  exerciseReducer,
  hintsState,
  initialExerciseState,
  solutionAction,
  textareaRows,
  type ExerciseAction,
  type ExerciseState,
} from './exercise-state.ts';

const result = {
  status: 'fail',
  checks: [],
  compileErrors: [],
  output: [],
} as unknown as BrowserGradeResult;
const progress = { hintsShown: 1, attempts: 1, failedAttempts: 1, solved: false };

const apply = (state: ExerciseState, ...actions: ExerciseAction[]) =>
  actions.reduce(exerciseReducer, state);

describe('exerciseReducer', () => {
  it('starts on the starter code, in the read-only preview, with nothing graded', () => {
    const s = initialExerciseState('starter');
    expect(s).toMatchObject({ code: 'starter', mode: 'preview', running: false, result: null });
    expect(s.progress.solved).toBe(false);
  });

  it('takes saved code and progress on load, or keeps the starter', () => {
    const s = initialExerciseState('starter');
    expect(apply(s, { type: 'loaded', code: 'mine', progress }).code).toBe('mine');
    expect(apply(s, { type: 'loaded', progress }).code).toBe('starter');
  });

  it('shows each notice once and can drop one', () => {
    const s = apply(
      initialExerciseState(''),
      { type: 'notice', text: 'a' },
      { type: 'notice', text: 'b' },
      { type: 'notice', text: 'a' },
    );
    expect(s.notices).toEqual(['a', 'b']);
    expect(apply(s, { type: 'dropNotice', text: 'a' }).notices).toEqual(['b']);
  });

  it('a finished run records the result and progress; a stopped one clears the result', () => {
    const running = apply(initialExerciseState(''), {
      type: 'runStarted',
      announcement: 'Running',
    });
    expect(running).toMatchObject({ running: true, announcement: 'Running' });
    const done = apply(running, { type: 'runFinished', result, progress, announcement: 'Failed' });
    expect(done).toMatchObject({ running: false, result, progress, announcement: 'Failed' });
    const stopped = apply(
      done,
      { type: 'runStarted', announcement: 'Running' },
      {
        type: 'runStopped',
        announcement: 'Stopped',
      },
    );
    expect(stopped).toMatchObject({ running: false, result: null, progress });
  });

  it('reset restores the code and clears the result, not the progress', () => {
    const s = apply(
      initialExerciseState('starter'),
      { type: 'edit', code: 'mine' },
      { type: 'runFinished', result, progress, announcement: 'Failed' },
      { type: 'reset', code: 'starter' },
    );
    expect(s).toMatchObject({ code: 'starter', result: null, announcement: '', progress });
  });

  it('opens and hides the solution, keeping its text', () => {
    const s = apply(initialExerciseState(''), { type: 'solutionShown', solution: 'x' });
    expect(s).toMatchObject({ solution: 'x', solutionOpen: true });
    expect(apply(s, { type: 'solutionHidden' })).toMatchObject({
      solution: 'x',
      solutionOpen: false,
    });
  });
});

describe('solutionAction', () => {
  const s = initialExerciseState('');
  it('asks before any attempt, shows after a failed one or once solved, hides when open', () => {
    expect(solutionAction(s)).toBe('confirm');
    expect(solutionAction({ ...s, progress })).toBe('show');
    expect(solutionAction({ ...s, progress: { ...s.progress, solved: true } })).toBe('show');
    expect(solutionAction({ ...s, solutionOpen: true })).toBe('hide');
  });
});

describe('hintsState', () => {
  it('counts shown hints up to the total', () => {
    expect(hintsState({ ...progress, hintsShown: 0 }, 3)).toEqual({
      shown: 0,
      total: 3,
      next: 1,
      exhausted: false,
    });
    expect(hintsState({ ...progress, hintsShown: 5 }, 3)).toMatchObject({
      shown: 3,
      exhausted: true,
    });
  });
});

describe('textareaRows', () => {
  it('fits the code, between 8 and 24 rows', () => {
    expect(textareaRows('a')).toBe(8);
    expect(textareaRows('a\n'.repeat(10))).toBe(13);
    expect(textareaRows('a\n'.repeat(40))).toBe(24);
  });
});
