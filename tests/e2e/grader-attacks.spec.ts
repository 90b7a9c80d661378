/**
 * Attacks on the browser's grade worker, on the real exercise page: each one is appended to the
 * starter code (which does not pass) and must end in a failed verdict, never in "All N checks
 * passed" or a solved exercise. The worker runs learner files in a ses Compartment after
 * `lockdown()` (site/features/exercise/grade.worker.ts, exercises/grader/ses-realm.ts); the page
 * applies the Node runner's verdict rule (exercises/grader/verdict.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import { findExercise } from '../../exercises/manifest.ts';
import { exerciseFiles, hydratedExercise, seedCode } from './exercise-page.ts';

const ID = 'shufflenet/01-group-conv-params';
const PAGE = `/exercises/${ID}/`;
const entry = findExercise(ID)!.entry;
const starterCode = exerciseFiles(ID, 'start')[entry]!;
const solutionCode = exerciseFiles(ID, 'solution')[entry]!;

async function run(page: Page, code: string, id = ID) {
  await seedCode(page, id, code);
  const card = await hydratedExercise(page, id);
  await card.getByRole('button', { name: 'Run checks' }).click();
  const status = card.getByRole('status');
  await expect(status).toHaveText(/passed|did not pass|could not be graded|Stopped/, {
    timeout: 20_000,
  });
  return card;
}

/** Rewrites every check result the engine pushes into a pass. */
const PUSH_PATCH = `
const realPush = Array.prototype.push;
Array.prototype.push = function (this: unknown[], ...items: unknown[]): number {
  const forged = items.map((item) =>
    item !== null && typeof item === 'object' && 'status' in item ? { ...item, status: 'pass' } : item,
  );
  return realPush.apply(this, forged);
};`;

const ATTACKS: [string, string][] = [
  ['Object.is = () => true', 'Object.is = () => true;'],
  ['Array.prototype.push patch', PUSH_PATCH],
  [
    'nested blob Worker',
    `const g = globalThis as any;
const url = g.URL.createObjectURL(new g.Blob(["postMessage('pass')"], { type: 'text/javascript' }));
new g.Worker(url);`,
  ],
  [
    'dynamic import through new Function',
    `await new Function("return import('http://127.0.0.1:9/x.js')")();`,
  ],
  ['OPFS', 'await (globalThis as any).navigator.storage.getDirectory();'],
  ['indexedDB.open', "(globalThis as any).indexedDB.open('pwned');"],
  ['fetch', "await (globalThis as any).fetch('http://127.0.0.1:9/x');"],
  [
    'self.postMessage forging a pass',
    `(globalThis as any).self.postMessage({
  exerciseId: '${ID}',
  status: 'pass',
  compileErrors: [],
  checks: [{ name: 'forged', status: 'pass', message: '' }],
  durationMs: 1,
  output: [],
});`,
  ],
];

for (const [name, attack] of ATTACKS) {
  test(`attack: ${name} fails and does not solve the exercise`, async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (req) => requested.push(req.url()));
    await page.goto(PAGE);
    const card = await run(page, `${starterCode}\n${attack}\n`);
    const status = card.getByRole('status');
    await expect(status).not.toHaveText(/All \d+ checks passed/);
    await expect(card).toHaveAttribute('data-solved', 'false');
    const checks = (await card.locator('.exercise-results').textContent()) ?? '';
    test.info().annotations.push({
      type: 'verdict',
      description: `${await status.textContent()} | ${checks.slice(0, 300)}`,
    });
    expect(requested.filter((url) => url.includes('127.0.0.1:9/'))).toEqual([]);
  });
}

test('after lockdown, the checks still run on the wasm backend and the solution passes', async ({
  page,
}) => {
  await page.goto(PAGE);
  const code = `import * as tf from '@tensorflow/tfjs-core';\nconsole.log('backend', tf.getBackend());\n${solutionCode}`;
  const card = await run(page, code);
  await expect(card.getByRole('status')).toHaveText(/^All \d+ checks passed\.$/);
  await expect(card.locator('.exercise-output')).toContainText('backend wasm');
  await expect(card).toHaveAttribute('data-solved', 'true');
});

test('a top-level await that never settles is reported as such before the time limit', async ({
  page,
}) => {
  await page.goto(PAGE);
  const card = await run(page, `${starterCode}\nawait new Promise(() => {});\n`);
  await expect(card.getByRole('status')).toHaveText(/could not be graded/);
  await expect(card.locator('.exercise-message')).toContainText(
    "your module's top-level await never settled within the time limit",
  );
  await expect(card).toHaveAttribute('data-solved', 'false');
});

test("attack: changing the check's own BatchNorm input fails (arguments go in as copies)", async ({
  page,
}) => {
  const FOLD = 'shufflenet/10-fold-batchnorm';
  await page.goto(`/exercises/${FOLD}/`);
  const attack = `import * as tf from '@tensorflow/tfjs-core';
export function foldBatchNorm(filter: tf.Tensor4D, bn: any): any {
  const c = bn.weight.shape[0];
  bn.weight = tf.zeros([c]);
  bn.bias = tf.zeros([c]);
  return { filter: tf.zerosLike(filter), bias: tf.zeros([c]) };
}
`;
  const card = await run(page, attack, FOLD);
  await expect(card.getByRole('status')).toHaveText(/did not pass/);
  // Failed on the values, not on a type or compile error.
  await expect(card.locator('.exercise-results')).toContainText(/values differ/);
  await expect(card).toHaveAttribute('data-solved', 'false');
});
