/**
 * The learner's progress in the terminal workflow, kept in `workspace/.progress.json` (git-ignored,
 * like rustlings' state file). A corrupt file is moved aside and reported, never a crash, and
 * never silently overwritten.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ExerciseProgress {
  /** Set once the learner's code passed every check; kept when later attempts fail. */
  passed: boolean;
  /** Grading runs so far. */
  attempts: number;
  /** Runs that did not pass; `learn solution` opens after the first. */
  failedAttempts: number;
  /** How many hints `learn hint` has shown, so the next call shows the next one. */
  hintsShown: number;
}

export interface Progress {
  version: 1;
  exercises: Record<string, ExerciseProgress>;
}

const COUNTS = ['attempts', 'failedAttempts', 'hintsShown'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One exercise's entry; missing fields take their defaults, wrong ones throw. */
function exerciseProgress(id: string, value: unknown): ExerciseProgress {
  if (!isObject(value)) throw new Error(`exercises['${id}'] is not an object`);
  const passed = value.passed ?? false;
  if (typeof passed !== 'boolean') throw new Error(`exercises['${id}'].passed is not a boolean`);
  const entry: ExerciseProgress = { passed, attempts: 0, failedAttempts: 0, hintsShown: 0 };
  for (const key of COUNTS) {
    const count = value[key] ?? 0;
    if (!Number.isInteger(count) || (count as number) < 0) {
      throw new Error(`exercises['${id}'].${key} is not a count`);
    }
    entry[key] = count as number;
  }
  return entry;
}

/** Checks a parsed progress file (a hand-written check: zod would double the CLI's start-up). */
export function parseProgress(value: unknown): Progress {
  if (!isObject(value) || value.version !== 1) throw new Error('not a version 1 progress file');
  if (!isObject(value.exercises)) throw new Error('exercises is not an object');
  const exercises: Record<string, ExerciseProgress> = {};
  for (const [id, entry] of Object.entries(value.exercises)) {
    exercises[id] = exerciseProgress(id, entry);
  }
  return { version: 1, exercises };
}

export function emptyProgress(): Progress {
  return { version: 1, exercises: {} };
}

export function progressOf(progress: Progress, id: string): ExerciseProgress {
  return (progress.exercises[id] ??= exerciseProgress(id, {}));
}

/** Reads the file; a missing file is empty progress, a corrupt one is renamed and reported. */
export function loadProgress(path: string, warn: (message: string) => void): Progress {
  if (!existsSync(path)) return emptyProgress();
  const text = readFileSync(path, 'utf8');
  try {
    return parseProgress(JSON.parse(text));
  } catch (error) {
    const aside = `${path}.corrupt-${Date.now()}`;
    renameSync(path, aside);
    warn(
      `progress file was unreadable (${(error as Error).message.split('\n')[0]}); moved to ${aside}`,
    );
    return emptyProgress();
  }
}

export function saveProgress(path: string, progress: Progress): void {
  mkdirSync(dirname(path), { recursive: true });
  // Write then rename, so an interrupted write never leaves half a file.
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(progress, null, 2)}\n`);
  renameSync(temporary, path);
}
