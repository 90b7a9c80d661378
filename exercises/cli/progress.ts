/**
 * The learner's progress in the terminal workflow, kept in `workspace/.progress.json` (git-ignored,
 * like rustlings' state file). A corrupt file is moved aside and reported, never a crash, and
 * never silently overwritten.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const exerciseProgress = z.object({
  /** Set once the learner's code passed every check; kept when later attempts fail. */
  passed: z.boolean().default(false),
  /** Grading runs so far. */
  attempts: z.number().int().min(0).default(0),
  /** Runs that did not pass; `learn solution` opens after the first. */
  failedAttempts: z.number().int().min(0).default(0),
  /** How many hints `learn hint` has shown, so the next call shows the next one. */
  hintsShown: z.number().int().min(0).default(0),
});

const progressFile = z.object({
  version: z.literal(1),
  exercises: z.record(z.string(), exerciseProgress),
});

export type ExerciseProgress = z.infer<typeof exerciseProgress>;
export type Progress = z.infer<typeof progressFile>;

export function emptyProgress(): Progress {
  return { version: 1, exercises: {} };
}

export function progressOf(progress: Progress, id: string): ExerciseProgress {
  return (progress.exercises[id] ??= exerciseProgress.parse({}));
}

/** Reads the file; a missing file is empty progress, a corrupt one is renamed and reported. */
export function loadProgress(path: string, warn: (message: string) => void): Progress {
  if (!existsSync(path)) return emptyProgress();
  const text = readFileSync(path, 'utf8');
  try {
    return progressFile.parse(JSON.parse(text));
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
