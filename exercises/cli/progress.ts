/**
 * The learner's progress in the terminal workflow, kept in `workspace/.progress.json` (git-ignored,
 * like rustlings' state file). A corrupt file is moved aside and reported, never a crash, and
 * never silently overwritten.
 *
 * A pass is recorded with a proof: an HMAC-SHA256 (https://nodejs.org/api/crypto.html#class-hmac)
 * over the exercise id and the SHA-256 of the files that passed, keyed by a random secret kept
 * outside the workspace (`progressKeyPath`). The file stays readable JSON, but an entry that says
 * `passed` without a proof that verifies, written by hand or by a program, counts as not passed.
 * Learner code cannot read the key: it runs in a ses Compartment without `fs` (ses-realm.ts).
 * Re-grading every exercise on `learn list` would be the other way, but costs seconds per line.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ExerciseProgress {
  /** Set once the learner's code passed every check; kept when later attempts fail. */
  passed: boolean;
  /** Grading runs so far. */
  attempts: number;
  /** Runs that did not pass; `learn solution` opens after the first. */
  failedAttempts: number;
  /** How many hints `learn hint` has shown, so the next call shows the next one. */
  hintsShown: number;
  /** SHA-256 of the files that passed (`filesDigest`), with `proof`. */
  digest?: string;
  /** HMAC of the exercise id and `digest` (`passProof`); a pass without it does not count. */
  proof?: string;
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
  if (typeof value.digest === 'string') entry.digest = value.digest;
  if (typeof value.proof === 'string') entry.proof = value.proof;
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

/** Where the proof key lives: `LEARN_PROGRESS_KEY_FILE`, else in the user's home. */
export function progressKeyPath(): string {
  return process.env.LEARN_PROGRESS_KEY_FILE ?? join(homedir(), '.shufflenet-lab', 'progress-key');
}

/** The proof key, made (32 random bytes, readable by the user only) on first use. */
export function loadProgressKey(path = progressKeyPath()): Buffer {
  if (existsSync(path)) return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

/** SHA-256 of a submission's files, names included, in name order. */
export function filesDigest(files: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) hash.update(`${name}\0${files[name]}\0`);
  return hash.digest('hex');
}

export function passProof(key: Buffer, id: string, digest: string): string {
  return createHmac('sha256', key).update(`${id}\n${digest}`).digest('hex');
}

/** Records a pass of `files` for `id`, with its proof. */
export function recordPass(
  entry: ExerciseProgress,
  key: Buffer,
  id: string,
  files: Readonly<Record<string, string>>,
): void {
  entry.passed = true;
  entry.digest = filesDigest(files);
  entry.proof = passProof(key, id, entry.digest);
}

function verifies(entry: ExerciseProgress, key: Buffer, id: string): boolean {
  if (entry.digest === undefined || entry.proof === undefined) return false;
  const expected = Buffer.from(passProof(key, id, entry.digest), 'hex');
  const given = Buffer.from(entry.proof, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Reads the file; a missing file is empty progress, a corrupt one is renamed and reported. With
 * `key`, a pass whose proof does not verify is read as not passed.
 */
export function loadProgress(
  path: string,
  warn: (message: string) => void,
  key?: Buffer,
): Progress {
  if (!existsSync(path)) return emptyProgress();
  const text = readFileSync(path, 'utf8');
  try {
    const progress = parseProgress(JSON.parse(text));
    if (key) {
      for (const [id, entry] of Object.entries(progress.exercises)) {
        if (entry.passed && !verifies(entry, key, id)) {
          entry.passed = false;
          delete entry.digest;
          delete entry.proof;
        }
      }
    }
    return progress;
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
