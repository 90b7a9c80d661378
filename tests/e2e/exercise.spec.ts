import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';
import { mkdirSync, readFileSync } from 'node:fs';
import { findExercise } from '../../exercises/manifest.ts';
import { KEY_PREFIX } from '../../site/storage/progress-store.ts';
import {
  expectEverySolutionPasses,
  hydratedExercise,
  visitExercise,
  openEditor,
  savedCodeKey,
  seedCode,
} from './exercise-page.ts';

// test-results/ is wiped on every run, so review screenshots go to shots/.
mkdirSync('shots', { recursive: true });

const ID = 'shufflenet/01-group-conv-params';
const PAGE = `/exercises/${ID}/`;
const LESSON = '/shufflenet/group-convolution/';
const exercise = findExercise(ID)!;
const starterCode = readFileSync(`exercises/${ID}/start/${exercise.entry}`, 'utf8');
const solutionCode = readFileSync(`exercises/${ID}/solution/${exercise.entry}`, 'utf8');
/** A one-line solution, short enough to type key by key. */
const TYPED_SOLUTION =
  'export function groupConvParams(cin: number, cout: number, k: number, groups: number) ' +
  '{ return cout * (cin / groups) * k * k; }';
/** The key the island saves this exercise's code under (schema v1, current starter). */
const CODE_KEY = savedCodeKey(ID);

const outcome = (card: ReturnType<Page['locator']>) => card.getByRole('status');

test('solves an exercise in Monaco, and code and solved state survive a reload', async ({
  page,
}) => {
  const { errors, requested, card } = await visitExercise(page, ID);
  await expect(card.locator('.exercise-readme')).toContainText('group convolution');
  await expect(card.locator('pre.exercise-code')).toContainText('TODO');
  // Monaco is fetched on the first interaction only.
  expect(requested.filter((url) => /editor\.api|ts\.worker|tsMode/.test(url))).toEqual([]);

  const editor = await openEditor(card);
  expect(requested.some((url) => url.includes('editor.api'))).toBe(true);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  // Typed key by key, as a learner would; Monaco's auto-closed brackets are typed over.
  await page.keyboard.type(TYPED_SOLUTION);
  await expect(card.locator('.view-lines')).toContainText('(cin / groups)');
  await page.keyboard.press('Control+Enter');
  await expect(outcome(card)).toHaveText(/^All \d+ checks passed\.$/, { timeout: 20_000 });
  const checks = card.locator('.exercise-checks > li');
  expect(await checks.count()).toBeGreaterThan(1);
  await expect(checks.filter({ hasNot: page.locator('.is-pass') })).toHaveCount(0);
  await expect(card).toHaveAttribute('data-solved', 'true');
  // The grade worker ran on tfjs's wasm backend (single-threaded SIMD build,
  // docs/toolchain-notes.md#wasm-threads).
  expect(requested.some((url) => /grade\.worker/.test(url))).toBe(true);
  expect(requested.some((url) => /tfjs-backend-wasm-simd.*\.wasm/.test(url))).toBe(true);
  // From the top, so Starlight's fixed header is drawn where it belongs in the full-page shot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'shots/exercise.png', fullPage: true });

  await page.reload();
  const again = await hydratedExercise(page, ID);
  await expect(again).toHaveAttribute('data-solved', 'true');
  await expect(again.getByText('✓ Solved')).toBeVisible();
  await expect(again.locator('pre.exercise-code')).toHaveText(TYPED_SOLUTION);
  // Saved code is shown, never run on load.
  await expect(outcome(again)).toHaveText('');
  expect(errors).toEqual([]);
});

test('Monaco knows tfjs types: one error marker, for a rank mismatch', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/exercises/shufflenet/02-channel-shuffle/');
  const card = await hydratedExercise(page, 'shufflenet/02-channel-shuffle');
  const editor = await openEditor(card);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\nconst wrong: tf.Tensor4D = tf.tensor1d([1]);\n');
  // The only error is the rank mismatch: the import resolved, Tensor4D and tensor1d are known.
  // Were the tfjs types missing, the import line would carry a second error.
  await expect(editor.locator('.squiggly-error')).toHaveCount(1, { timeout: 20_000 });
  // ...and it sits on the new line: overlays and text lines share their `top`.
  const top = (locator: ReturnType<Page['locator']>) =>
    locator.evaluate((el) => (el.closest('[style*="top"]') as HTMLElement).style.top);
  expect(await top(editor.locator('.squiggly-error'))).toBe(
    await top(editor.locator('.view-line', { hasText: 'tensor1d' })),
  );
  expect(errors).toEqual([]);
});

test('an endless loop times out within the limit while the page stays responsive', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(LESSON);
  await seedCode(page, ID, `${starterCode}\nwhile (true) {}\n`);
  const card = await hydratedExercise(page, ID);
  const slider = page.getByRole('slider', { name: 'Groups g' });
  const explorer = page.locator('astro-island[component-url*="ConvCostExplorer"]');
  await explorer.scrollIntoViewIfNeeded();
  await expect(explorer).not.toHaveAttribute('ssr', /.*/);
  // Loading the page did not run the saved loop.
  await expect(outcome(card)).toHaveText('');

  const run = card.getByRole('button', { name: 'Run checks' });
  const started = Date.now();
  await run.click();
  await expect(card.getByRole('button', { name: 'Running…' })).toBeDisabled();
  // The main thread is free while the worker spins: another island still reacts to keys.
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '2');
  await expect(card.getByRole('button', { name: 'Running…' })).toBeVisible();

  await expect(outcome(card)).toContainText('Stopped: the run took longer than 10 s', {
    timeout: exercise.timeLimitMs + 5000,
  });
  const elapsed = Date.now() - started;
  expect(elapsed).toBeGreaterThanOrEqual(exercise.timeLimitMs - 100);
  expect(elapsed).toBeLessThan(exercise.timeLimitMs + 5000);
  await expect(run).toBeEnabled();

  // The learner need not wait for the limit: Stop ends the run at once and counts nothing.
  await run.click();
  await card.getByRole('button', { name: 'Stop' }).click();
  await expect(outcome(card)).toHaveText('Run stopped; nothing was graded.');
  await expect(run).toBeEnabled();
  await expect(run).toBeFocused();
  expect(errors).toEqual([]);
});

test.describe('a huge allocation is contained', () => {
  /** The solution with `statement` run first inside the learner's function. */
  const hog = (statement: string) =>
    `import * as tf from '@tensorflow/tfjs-core';\n${solutionCode.replace('return', `${statement}\n  return`)}`;

  /** Runs saved `code`, checks the out-of-memory result, and that the page still answers keys. */
  async function expectOutOfMemory(page: Page, code: string, what: RegExp) {
    await seedCode(page, ID, code);
    const card = await hydratedExercise(page, ID);
    const slider = page.getByRole('slider', { name: 'Groups g' });
    await card.getByRole('button', { name: 'Run checks' }).click();
    await expect(outcome(card)).toHaveText('Your code could not be graded.', { timeout: 20_000 });
    await expect(card.locator('.exercise-message')).toContainText('the program ran out of memory:');
    await expect(card.locator('.exercise-message')).toContainText(what);
    await expect(card.locator('.exercise-checks')).toContainText(
      /ran out of memory.*at group-conv-params\.ts:\d+/,
    );
    // The page is alive: another island still reacts to the keyboard.
    const explorer = page.locator('astro-island[component-url*="ConvCostExplorer"]');
    await explorer.scrollIntoViewIfNeeded();
    await expect(explorer).not.toHaveAttribute('ssr', /.*/);
    const before = await slider.inputValue();
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(slider).not.toHaveValue(before);
    await expect(card).toHaveAttribute('data-solved', 'false');
    return card;
  }

  test('an 8 GiB array, 40 GB and 3.6 GB tensors, a loop that keeps allocating: each ends as out of memory, and the next run passes', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    await page.goto(LESSON);
    // Chromium grants 8 GiB lazily; the grade worker's budget refuses it up front.
    await expectOutOfMemory(
      page,
      hog('const huge = new Float32Array(2 ** 31);\n  huge.fill(1);'),
      /new Float32Array\(\.\.\.\) asks for 8,192 MiB/,
    );
    // 1e10 float32 values: tfjs builds them in a typed array of the worker's own constructors
    // (the budget counts the learner compartment's; lockdown keeps the intrinsics unwrapped),
    // which V8 refuses at this length.
    await expectOutOfMemory(
      page,
      hog('tf.zeros([1e5, 1e5]);'),
      /Invalid typed array length: 10000000000/,
    );
    // A kernel output lives in the wasm backend's heap, not in a typed array: the tensor budget.
    await expectOutOfMemory(
      page,
      hog('tf.fill([3e4, 3e4], 1);'),
      /a float32 tensor of shape \[30000, 30000\] needs 3,433 MiB.*allows 1,024 MiB of tensors/,
    );
    // 128 MiB at a time, kept: stopped at the 2 GiB budget, long before the time limit.
    const started = Date.now();
    await expectOutOfMemory(
      page,
      hog('const a = [];\n  while (true) a.push(new Float64Array(1 << 24));'),
      /new Float64Array\(\.\.\.\) asks for 128 MiB.*allows 2,048 MiB/,
    );
    expect(Date.now() - started).toBeLessThan(exercise.timeLimitMs);

    // A fresh worker per run: the next run has its whole budget again and passes.
    await seedCode(page, ID, solutionCode);
    const card = await hydratedExercise(page, ID);
    await card.getByRole('button', { name: 'Run checks' }).click();
    await expect(outcome(card)).toHaveText(/^All \d+ checks passed\.$/, { timeout: 20_000 });
    expect(errors).toEqual([]);
  });
});

test('learner code cannot reach the page: no document, no localStorage', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  const attack = (statement: string) => solutionCode.replace('return', `${statement}\n  return`);

  await seedCode(
    page,
    ID,
    attack("console.log('trying', cin);\n  localStorage.setItem('pwned', 'yes');"),
  );
  let card = await hydratedExercise(page, ID);
  await card.getByRole('button', { name: 'Run checks' }).click();
  await expect(outcome(card)).toHaveText(/checks did not pass/, { timeout: 20_000 });
  // Names the learner's compartment is not endowed with read as undefined (ses README,
  // "Compartment").
  await expect(card.locator('.exercise-checks')).toContainText("reading 'setItem'");
  // What the learner's code printed is shown with the results.
  await expect(card.locator('.exercise-output')).toContainText(/^trying \d+$/m);

  await seedCode(page, ID, attack("document.title = 'pwned';"));
  card = await hydratedExercise(page, ID);
  await card.getByRole('button', { name: 'Run checks' }).click();
  await expect(outcome(card)).toHaveText(/checks did not pass/, { timeout: 20_000 });
  await expect(card.locator('.exercise-checks')).toContainText("setting 'title'");

  // Storage and network APIs that workers do have are not endowed in the learner's compartment.
  await seedCode(page, ID, attack("indexedDB.open('pwned');"));
  card = await hydratedExercise(page, ID);
  await card.getByRole('button', { name: 'Run checks' }).click();
  await expect(outcome(card)).toHaveText(/checks did not pass/, { timeout: 20_000 });
  await expect(card.locator('.exercise-checks')).toContainText("reading 'open'");

  expect(await page.evaluate(() => localStorage.getItem('pwned'))).toBeNull();
  expect(await page.title()).not.toContain('pwned');
  await expect(card).toHaveAttribute('data-solved', 'false');
  expect(errors).toEqual([]);
});

test('a syntax error is listed with line and column and marked in the editor', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  await seedCode(page, ID, 'export function groupConvParams(cin: number {\n  return cin;\n}\n');
  const card = await hydratedExercise(page, ID);
  await card.getByRole('button', { name: 'Run checks' }).click();
  await expect(outcome(card)).toHaveText('Your code could not be graded.', { timeout: 20_000 });
  const where = card.locator('.exercise-compile-errors button');
  await expect(where).toHaveText(/^group-conv-params\.ts: Line 1, column \d+$/);
  // Following the error opens the editor at it, with an error marker there.
  await where.click();
  const editor = card.locator('.monaco-editor');
  await expect(editor.locator('.squiggly-error').first()).toBeVisible({ timeout: 20_000 });
  await expect(editor.locator('textarea, .native-edit-context').first()).toBeFocused();
  expect(errors).toEqual([]);
});

test('a type error fails the run with line, column and TypeScript message', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  await seedCode(page, ID, `${solutionCode}\nexport const six: number = 'six';\n`);
  const card = await hydratedExercise(page, ID);
  // The type errors come from the editor's TypeScript worker, so the editor is open.
  await card.getByRole('button', { name: 'Edit code' }).click();
  const editor = card.locator('.monaco-editor');
  await expect(editor.locator('.squiggly-error')).toHaveCount(1, { timeout: 20_000 });
  await card.getByRole('button', { name: 'Run checks' }).click();
  await expect(outcome(card)).toHaveText(/checks did not pass/, { timeout: 20_000 });
  const line = solutionCode.split('\n').length + 1;
  await expect(card.locator('.exercise-compile-errors')).toContainText(
    `group-conv-params.ts: Line ${line}, column 14 Type 'string' is not assignable to type 'number'. (TS2322)`,
  );
  await expect(card.locator('.exercise-checks')).toContainText('the code type-checks');
  await expect(card).toHaveAttribute('data-solved', 'false');
  expect(errors).toEqual([]);
});

test('a thrown string reads as what the code threw, and printed lines are kept', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  await seedCode(
    page,
    ID,
    solutionCode.replace('return', "console.log('about to throw');\n  throw 'x';\n  return"),
  );
  const card = await hydratedExercise(page, ID);
  await card.getByRole('button', { name: 'Run checks' }).click();
  await expect(outcome(card)).toHaveText(/checks did not pass/, { timeout: 20_000 });
  await expect(card.locator('.exercise-checks')).toContainText("your code threw the string 'x'");
  await expect(card.locator('.exercise-output')).toContainText('about to throw');
  expect(errors).toEqual([]);
});

test('a corrupt saved entry is set aside with a notice, not a crash', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  // Hydrated first: a late-hydrating island would quarantine the entry before the reload.
  await hydratedExercise(page, ID);
  await page.evaluate((key) => localStorage.setItem(key, '{"files": {"oops'), CODE_KEY);
  await page.reload();
  const card = await hydratedExercise(page, ID);
  await expect(card.getByRole('alert')).toContainText('unreadable and has been set aside');
  await expect(card.locator('pre.exercise-code')).toHaveText(starterCode.trimEnd());
  const keys = await page.evaluate(() => Object.keys(localStorage));
  expect(keys).not.toContain(CODE_KEY);
  const aside = keys.find((k) => k.startsWith(`${CODE_KEY}:corrupt:`));
  expect(aside).toBeDefined();
  expect(await page.evaluate((k) => localStorage.getItem(k), aside!)).toBe('{"files": {"oops');
  expect(errors).toEqual([]);
});

test('hints one at a time, reset and solution behind confirmations, by keyboard', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  await seedCode(page, ID, `${starterCode}// my notes\n`);
  const card = await hydratedExercise(page, ID);

  const hint = card.getByRole('button', { name: 'Hint' });
  await hint.focus();
  await page.keyboard.press('Enter');
  const hints = card.getByRole('group', { name: 'Hints' }).locator('li');
  await expect(hints).toHaveCount(1);
  await expect(card.getByRole('button', { name: /Next hint \(1 of \d\)/ })).toBeVisible();

  // Solution before any attempt: a confirmation, and Escape cancels it.
  await card.getByRole('button', { name: 'Show solution' }).click();
  const solutionDialog = page.getByRole('dialog', { name: 'Show the solution now?' });
  await expect(solutionDialog).toBeVisible();
  await expect(solutionDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(solutionDialog).toBeHidden();
  await expect(card.getByRole('group', { name: 'Solution' })).toHaveCount(0);

  // Reset: cancel keeps the code, confirm restores the starter.
  await card.getByRole('button', { name: 'Reset to starter' }).click();
  const resetDialog = page.getByRole('dialog', { name: 'Reset to the starter code?' });
  await resetDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(card.locator('pre.exercise-code')).toContainText('my notes');
  await card.getByRole('button', { name: 'Reset to starter' }).click();
  await resetDialog.getByRole('button', { name: 'Reset' }).click();
  await expect(card.locator('pre.exercise-code')).toHaveText(starterCode.trimEnd());

  // A failed attempt unlocks the solution without a question; the learner's code stays.
  await card.getByRole('button', { name: 'Run checks' }).click();
  await expect(outcome(card)).toHaveText(/checks did not pass/, { timeout: 20_000 });
  await card.getByRole('button', { name: 'Show solution' }).click();
  await expect(card.getByRole('group', { name: 'Solution' })).toContainText('cin / groups');
  await expect(card.locator('pre.exercise-code').first()).toContainText('TODO');

  await page.reload();
  await expect(
    (await hydratedExercise(page, ID)).getByRole('group', { name: 'Hints' }),
  ).toBeVisible();
  expect(errors).toEqual([]);
});

test('progress exports to a file and imports back; a bad file changes nothing', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/exercises/');
  const progressKey = `${KEY_PREFIX}progress:${ID}`;
  await page.evaluate(
    (key) =>
      localStorage.setItem(
        key,
        JSON.stringify({ hintsShown: 1, attempts: 2, failedAttempts: 1, solved: true }),
      ),
    progressKey,
  );
  await page.reload();
  const panel = page.getByRole('region', { name: 'Your progress' });
  await expect(panel).toContainText(/1 of \d+ exercises solved/);
  await expect(panel.locator(`tr[data-exercise="${ID}"]`)).toContainText('Solved');

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export progress' }).click();
  const file = await (await download).path();
  expect(JSON.parse(readFileSync(file, 'utf8')).progress[ID].solved).toBe(true);

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(panel).toContainText(/0 of \d+ exercises solved/);
  const input = panel.getByLabel('Import progress');
  await input.setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": 1}'),
  });
  await expect(panel.getByRole('status')).toContainText('Nothing was imported');
  const ourKeys = () =>
    page.evaluate(
      (prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)),
      KEY_PREFIX,
    );
  expect(await ourKeys()).toEqual([]);
  await input.setInputFiles(file);
  await expect(panel.getByRole('status')).toContainText('progress for 1 exercises');
  await expect(panel).toContainText(/1 of \d+ exercises solved/);
  expect(errors).toEqual([]);
});

test('every solution passes in the browser grader (wasm backend, not the cpu of Node)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await expectEverySolutionPasses(page, 'ts', 20_000);
  expect(errors).toEqual([]);
});

test.describe('on a touch device', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });

  test('a plain text area replaces Monaco, and typing survives an immediate reload', async ({
    page,
  }) => {
    const { errors, requested, card } = await visitExercise(page, ID);
    await card.getByRole('button', { name: 'Edit code' }).click();
    const textarea = card.getByRole('textbox', { name: `Your code: ${exercise.entry}` });
    await expect(textarea).toBeFocused();
    await textarea.fill(solutionCode);
    // Reloading at once, before the save debounce, still keeps the code (saved on pagehide).
    await page.reload();
    const again = await hydratedExercise(page, ID);
    await expect(again.locator('pre.exercise-code')).toHaveText(solutionCode.trimEnd());
    await again.getByRole('button', { name: 'Run checks' }).click();
    await expect(outcome(again)).toHaveText(/^All \d+ checks passed\.$/, { timeout: 20_000 });
    expect(requested.filter((url) => url.includes('editor.api'))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
