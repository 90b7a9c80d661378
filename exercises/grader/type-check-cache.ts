/**
 * A submission's type errors kept between runs (`learn check` and `learn watch` re-check the same
 * file often): the key hashes everything the answer depends on, the submission's files, the
 * exercise's own files (its declared signatures), the runtime's sources, the type checker itself
 * and the installed TypeScript and tfjs versions, so an entry is found only when checking again
 * would give the same errors. Loading the TypeScript compiler and tfjs's declarations costs about
 * a second, which this saves on every run after the first. Node only.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempStore } from '../../board/temp-store.ts';
import { findExercise } from '../manifest.ts';
import type { TypeCheckRequest } from './type-check.ts';
import type { CompileError } from './types.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const store = tempStore('types');

/** Every file below `dir` (sorted, tests excluded), fed to `hash` as path and contents. */
function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, path);
    else if (!/\.test\.ts$/.test(entry.name)) hash.update(`${path}\0`).update(readFileSync(path));
  }
}

let inputsHash: string | undefined;

/** The hash of the inputs every type check shares (computed once per process). */
function sharedInputs(): string {
  if (inputsHash) return inputsHash;
  const hash = createHash('sha256');
  for (const pkg of ['typescript', '@tensorflow/tfjs-core']) {
    const manifest = join(ROOT, 'node_modules', pkg, 'package.json');
    hash.update(JSON.parse(readFileSync(manifest, 'utf8')).version as string);
  }
  for (const file of ['type-check.ts', 'imports.ts']) {
    hash.update(readFileSync(join(ROOT, 'exercises/grader', file)));
  }
  hashTree(hash, join(ROOT, 'runtime'));
  inputsHash = hash.digest('hex');
  return inputsHash;
}

/** The cache key of one request, or undefined for an exercise the type check does not know. */
export function typeCheckKey(request: TypeCheckRequest): string | undefined {
  const exercise = findExercise(request.exerciseId);
  if (!exercise) return undefined;
  const hash = createHash('sha256').update(sharedInputs()).update(`${exercise.id}\0`);
  hashTree(hash, join(ROOT, 'exercises', exercise.id));
  for (const name of Object.keys(request.files).sort()) {
    hash.update(`${name}\0${request.files[name]}\0`);
  }
  return hash.digest('hex').slice(0, 32);
}

/** The errors kept for `key`, or undefined when there are none kept (or they cannot be read). */
export function readTypeErrors(key: string): CompileError[] | undefined {
  const text = store.read(key);
  if (text === null) return undefined;
  try {
    const errors = JSON.parse(text) as unknown;
    return Array.isArray(errors) ? (errors as CompileError[]) : undefined;
  } catch {
    return undefined;
  }
}

export function writeTypeErrors(key: string, errors: CompileError[]): void {
  store.write(key, JSON.stringify(errors));
}
