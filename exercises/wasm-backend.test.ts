/**
 * The site grades in a browser worker on tfjs's wasm backend (XNNPACK), not on cpu. Its float
 * sums come out in a different order, so every grader's tolerances are checked here on wasm:
 * solutions pass and starters fail there too. (Vitest runs each test file in its own process,
 * so switching the backend here does not affect the other files.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../runtime/backends-node.ts';
import { gradeSubmission } from './grader/grade-submission.ts';
import { graderTf } from './grader/tfjs.ts';
import { loadChecks } from './graders.ts';
import { manifest } from './manifest.ts';

const ROOT = new URL('.', import.meta.url).pathname;

beforeAll(async () => {
  await graderTf(); // registers the chained methods, then switch to wasm
  await useBackend('wasm');
});

// C exercises use no tfjs: the board runs them the same whatever the backend.
const onTfjs = manifest.filter((e) => e.language === 'ts');

describe.each(onTfjs.map((e) => [e.id, e] as const))('%s on wasm', (id, exercise) => {
  it.each(['solution', 'start'] as const)('%s', async (which) => {
    const dir = join(ROOT, id, which);
    const files = Object.fromEntries(
      readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
    );
    const result = await gradeSubmission({
      request: { exerciseId: id, files, timeLimitMs: exercise.timeLimitMs },
      language: exercise.language,
      entry: exercise.entry,
      checks: await loadChecks(id),
      tf,
      seed: 9,
    });
    expect(tf.getBackend()).toBe('wasm');
    if (which === 'solution') expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    else expect(result.status).toBe('fail');
  });
});
