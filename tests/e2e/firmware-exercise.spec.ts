import { expect, test } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';
import {
  emptiedEditor,
  expectEverySolutionPasses,
  hydratedExercise,
  visitExercise,
} from './exercise-page.ts';

/** A C exercise graded on the simulated board, inside the page's grade worker. */
const ID = 'zynq/01-fixed-point-print';
const PAGE = `/exercises/${ID}/`;
/** The solution, typed key by key as a learner would (Monaco's auto-closed pairs typed over). */
const TYPED_SOLUTION = [
  '#include "xil_printf.h"',
  'void print_fixed3(int milli) { unsigned int m = milli < 0 ? 0u - (unsigned int)milli : (unsigned int)milli; ' +
    'if (milli < 0) xil_printf("-"); xil_printf("%u.%03u", m / 1000u, m % 1000u); }',
];

test('solves a firmware exercise: C in Monaco, built and run on the board in the grade worker', async ({
  page,
}) => {
  const { errors, requested, card } = await visitExercise(page, ID);
  await expect(card.locator('pre.exercise-code')).toContainText('TODO');
  const outcome = card.getByRole('status');

  // The starter builds and runs, and fails with what the board printed.
  await card.getByRole('button', { name: 'Run checks' }).click();
  await expect(outcome).toHaveText(/checks did not pass/, { timeout: 30_000 });
  await expect(card.locator('.exercise-checks')).toContainText(
    'print_fixed3(23456) printed the wrong text',
  );
  expect(requested.some((url) => /tree-sitter-c.*\.wasm/.test(url))).toBe(true);

  await emptiedEditor(page, card);
  await page.keyboard.type(TYPED_SOLUTION[0]!);
  await page.keyboard.press('Enter');
  await page.keyboard.type(TYPED_SOLUTION[1]!);
  await expect(card.locator('.view-lines')).toContainText('%u.%03u');
  await page.keyboard.press('Control+Enter');
  await expect(outcome).toHaveText(/^All 4 checks passed\.$/, { timeout: 30_000 });
  await expect(card).toHaveAttribute('data-solved', 'true');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'shots/firmware-exercise.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('a C syntax error is listed with file, line and column', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  const card = await hydratedExercise(page, ID);
  await emptiedEditor(page, card);
  await page.keyboard.type('void print_fixed3(int milli) { return milli }');
  await page.keyboard.press('Control+Enter');
  await expect(card.getByRole('status')).toHaveText('Your code could not be graded.', {
    timeout: 30_000,
  });
  await expect(card.locator('.exercise-compile-errors button')).toHaveText(
    /^fixed-point\.c: Line 1, column \d+$/,
  );
  expect(errors).toEqual([]);
});

test('every C solution passes in the browser grader, as in Node', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await expectEverySolutionPasses(page, 'c', 30_000);
  expect(errors).toEqual([]);
});
