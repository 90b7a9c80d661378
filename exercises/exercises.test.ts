/**
 * Maintainer checks over every exercise: the manifest matches the folders, each folder has
 * exactly the expected files, every starter fails its grader and every solution passes it.
 * Grading runs in-process here (same pipeline as the worker, minus the isolation) to keep the
 * suite fast; the runner's isolation has its own tests in grader/node-runner.test.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graderLoaders } from './graders.ts';
import { gradeExercise } from './grader/grade-exercise.ts';
import { manifest, type Exercise } from './manifest.ts';
import { validateManifest } from './manifest-schema.ts';
import { compileTypeScript } from './grader/compile-ts.ts';
import { graderTf } from './grader/tfjs.ts';
import { nodeEnv } from '../board/bsp/bsp.ts';

const ROOT = new URL('.', import.meta.url).pathname;
const EXPECTED_ENTRIES = ['README.md', 'grade.ts', 'solution', 'start'];

function readFolder(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );
}

function grade(exercise: Exercise, which: 'start' | 'solution', seed: number) {
  const files = readFolder(join(ROOT, exercise.id, which));
  return gradeExercise(
    { exerciseId: exercise.id, files, timeLimitMs: exercise.timeLimitMs },
    { seed, firmwareEnv: nodeEnv },
  );
}

/** Folders that look like exercises (`<track>/<NN-slug>`) anywhere under exercises/. */
function exerciseFolders(): string[] {
  const found: string[] = [];
  for (const track of readdirSync(ROOT)) {
    const trackDir = join(ROOT, track);
    if (!statSync(trackDir).isDirectory()) continue;
    for (const name of readdirSync(trackDir)) {
      if (/^\d{2}-/.test(name) && statSync(join(trackDir, name)).isDirectory()) {
        found.push(`${track}/${name}`);
      }
    }
  }
  return found.sort();
}

describe('manifest', () => {
  it('follows the schema (checked here, not when the manifest loads)', () => {
    expect(() => validateManifest(manifest)).not.toThrow();
    const typo = { ...manifest[0]!, id: 'shufflenet/2-typo', hints: [] };
    expect(() => validateManifest([typo])).toThrow(/track\/NN-slug/);
  });

  it('has unique ids', () => {
    const ids = manifest.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists exactly the exercise folders on disk', () => {
    expect(manifest.map((e) => e.id).sort()).toEqual(exerciseFolders());
  });

  it('is in course order: numbers increase within each track', () => {
    const byTrack = new Map<string, number[]>();
    for (const { id } of manifest) {
      const [track, slug] = id.split('/') as [string, string];
      byTrack.set(track, [...(byTrack.get(track) ?? []), Number(slug.slice(0, 2))]);
    }
    for (const numbers of byTrack.values()) {
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
  });

  it('has a grader loader for every exercise and none for others', () => {
    expect(Object.keys(graderLoaders).sort()).toEqual(manifest.map((e) => e.id).sort());
  });

  it('gives every exercise at least one non-empty hint', () => {
    for (const exercise of manifest) {
      expect(exercise.hints.length, exercise.id).toBeGreaterThan(0);
      for (const hint of exercise.hints) expect(hint.trim(), exercise.id).not.toBe('');
    }
  });
});

describe.each(manifest.map((e) => [e.id, e] as const))('%s', (id, exercise) => {
  const dir = join(ROOT, id);

  it('has only README.md, start/, solution/ and grade.ts', () => {
    expect(readdirSync(dir).sort()).toEqual(EXPECTED_ENTRIES);
    expect(readFileSync(join(dir, 'README.md'), 'utf8').trim().length).toBeGreaterThan(100);
  });

  it('has the same files in start/ and solution/, including the entry', () => {
    const start = readdirSync(join(dir, 'start')).sort();
    expect(readdirSync(join(dir, 'solution')).sort()).toEqual(start);
    expect(start).toContain(exercise.entry);
  });

  it('marks the edit point with TODO in the starter and explains the fix in the solution', () => {
    const start = Object.values(readFolder(join(dir, 'start'))).join('\n');
    const solution = Object.values(readFolder(join(dir, 'solution'))).join('\n');
    expect(start).toMatch(/\/\/ TODO/);
    expect(solution).not.toMatch(/TODO/);
    expect(solution).not.toBe(start);
  });

  it('solution exports every function the manifest names', async () => {
    if (exercise.language === 'c') {
      // A C file "exports" the functions it defines with external linkage.
      const source = readFileSync(join(dir, 'solution', exercise.entry), 'utf8');
      for (const name of exercise.exports) {
        expect(source, name).toMatch(
          new RegExp(`^(?!static)[\\w\\s*]*\\b${name}\\s*\\([^;]*\\)\\s*\\{`, 'm'),
        );
      }
      return;
    }
    const compiled = compileTypeScript(readFolder(join(dir, 'solution')), exercise.entry);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const learner = await compiled.program.load({ tf: await graderTf() });
    for (const name of exercise.exports) expect(typeof learner[name], name).toBe('function');
  });

  it('starter fails its grader', async () => {
    const result = await grade(exercise, 'start', 1);
    expect(result.compileErrors).toEqual([]);
    expect(['fail', 'error']).toContain(result.status);
    expect(result.checks.some((c) => c.status !== 'pass')).toBe(true);
  });

  it.each([1, 2])('solution passes its grader (seed %i)', async (seed) => {
    const result = await grade(exercise, 'solution', seed);
    const failures = result.checks.filter((c) => c.status !== 'pass');
    expect(failures).toEqual([]);
    expect(result.status).toBe('pass');
    expect(result.checks.length).toBeGreaterThan(0);
  });

  it('leaves no tensors behind after grading', async () => {
    const tf = await graderTf();
    const before = tf.memory().numTensors;
    await grade(exercise, 'solution', 3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
