import { expect, test, type Page } from '@playwright/test';
import { hydratedExercise, openEditor as openCardEditor } from './exercise-page.ts';
import { watchErrors } from './watch-errors.ts';

/** Exercise 09 imports the course runtime: `import { ... } from 'shufflenet-lab/runtime'`. */
const ID = 'shufflenet/09-v2-params';

async function openEditor(page: Page) {
  await page.goto(`/exercises/${ID}/`);
  const card = await hydratedExercise(page, ID);
  await expect(card.locator('pre.exercise-code')).toContainText("from 'shufflenet-lab/runtime'");
  return openCardEditor(card);
}

/** The `top` of the overlay or line an element sits in: error markers share it with their line. */
const top = (locator: ReturnType<Page['locator']>) =>
  locator.evaluate((el) => (el.closest('[style*="top"]') as HTMLElement).style.top);

test("Monaco knows the runtime's types: a wrong arch option is marked, correct use is not", async ({
  page,
}) => {
  const errors = watchErrors(page);
  const editor = await openEditor(page);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  // 'v3' is not a `Version` of runtime/arch.ts ('v1' | 'v2'): the only error in the file. Were
  // the runtime's types missing, the import would carry an error too, or `ArchOptions` would be
  // `any` and nothing would be marked at all.
  await page.keyboard.insertText("\nconst wrong: ArchOptions = { version: 'v3' };\n");
  const squiggles = editor.locator('.squiggly-error');
  await expect(squiggles).toHaveCount(1, { timeout: 30_000 });
  expect(await top(squiggles)).toBe(await top(editor.locator('.view-line', { hasText: "'v3'" })));
  // F8 (go to the next problem, also how keyboard users read a marker) shows the message, which
  // names the runtime's own type.
  await page.keyboard.press('F8');
  await expect(editor.locator('.marker-widget')).toContainText(
    `Type '"v3"' is not assignable to type 'Version'`,
    { timeout: 10_000 },
  );
  await page.keyboard.press('Escape');
  await expect(editor.locator('.marker-widget')).toHaveCount(0);

  // Correct use of the same types and functions: no error marker left.
  // F8 left the cursor on the error; replace that line.
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.insertText(
    "const right: ArchOptions = { version: 'v2', width: 0.5 }; " +
      'const total: number = costOf(buildArch(right)).totals.params + runtimeBlocks(right).size;',
  );
  await expect(editor.locator('.view-line', { hasText: 'const right' })).toBeVisible();
  await expect(squiggles).toHaveCount(0, { timeout: 30_000 });

  // Completions know the runtime's types: the fields of an `ArchConfig`.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('const classes = buildArch(right).config.num');
  const suggestions = editor.locator('.suggest-widget');
  await expect(suggestions).toBeVisible({ timeout: 20_000 });
  await expect(suggestions.getByRole('option', { name: /numClasses/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(editor.locator('.view-line', { hasText: 'config.numClasses' })).toBeVisible();
  await expect(squiggles).toHaveCount(0, { timeout: 30_000 });

  // The runtime's own `import * as tf from '@tensorflow/tfjs-core'` resolves too: its
  // channelShuffle returns a real Tensor4D, to which a number is not assignable (were tfjs
  // unresolved there, the return type would be `any` and this line would pass unmarked).
  await page.keyboard.press('End');
  await page.keyboard.insertText(
    "\nconst notATensor: ReturnType<typeof import('shufflenet-lab/runtime').channelShuffle> = 1;",
  );
  await expect(squiggles).toHaveCount(1, { timeout: 30_000 });
  await page.keyboard.press('F8');
  await expect(editor.locator('.marker-widget')).toContainText(
    "Type 'number' is not assignable to type 'Tensor4D'",
    { timeout: 10_000 },
  );
  expect(errors).toEqual([]);
});
