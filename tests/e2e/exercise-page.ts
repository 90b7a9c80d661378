/**
 * What the exercise specs do on an exercise page: wait for the island to hydrate, store code as
 * the learner's saved code, open Monaco, and grade every solution of a language in the browser.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { findExercise, manifest } from '../../exercises/manifest.ts';
import { KEY_PREFIX, starterHash } from '../../site/storage/progress-store.ts';
import { hydratedIsland, watchRequests } from './islands.ts';
import { watchErrors } from './watch-errors.ts';

/** The exercise card, once its island has hydrated. */
export async function hydratedExercise(page: Page, id: string): Promise<Locator> {
  await hydratedIsland(page, 'Exercise.', `[data-exercise="${id}"]`);
  return page.locator(`section[data-exercise="${id}"]`);
}

/** An exercise's files on disk: `start` or `solution`, by file name. */
export function exerciseFiles(id: string, which: 'start' | 'solution'): Record<string, string> {
  const dir = `exercises/${id}/${which}`;
  return Object.fromEntries(
    readdirSync(dir).map((name) => [name, readFileSync(`${dir}/${name}`, 'utf8')]),
  );
}

/** The key the island saves an exercise's code under (schema v1, current starter). */
export function savedCodeKey(id: string): string {
  return `${KEY_PREFIX}code:${id}:${starterHash(exerciseFiles(id, 'start'))}`;
}

/**
 * Stores `code` as the learner's saved entry file of exercise `id`, then reloads: what a
 * returning learner sees.
 */
export async function seedCode(page: Page, id: string, code: string): Promise<void> {
  const exercise = findExercise(id);
  if (!exercise) throw new Error(`seedCode: no exercise '${id}' in exercises/manifest.ts`);
  await page.evaluate(
    ([key, value]) => localStorage.setItem(key!, value!),
    [savedCodeKey(id), JSON.stringify({ files: { [exercise.entry]: code }, savedAt: Date.now() })],
  );
  await page.reload();
}

/** Opens the card's code editor (Monaco, fetched on this first use) and waits for it. */
export async function openEditor(card: Locator): Promise<Locator> {
  await card.getByRole('button', { name: 'Edit code' }).click();
  const editor = card.locator('.monaco-editor');
  await expect(editor).toBeVisible({ timeout: 20_000 });
  return editor;
}

/** Opens the editor and empties it, ready for code typed key by key. */
export async function emptiedEditor(page: Page, card: Locator): Promise<Locator> {
  const editor = await openEditor(card);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  return editor;
}

/**
 * Every solution in `language` passes in the browser's grade worker: each saved as the learner's
 * code, reloaded and run. Soft assertions, so one failing exercise does not hide the others.
 */
export async function expectEverySolutionPasses(
  page: Page,
  language: 'ts' | 'c',
  timeout: number,
): Promise<void> {
  for (const each of manifest.filter((e) => e.language === language)) {
    await page.goto(`/exercises/${each.id}/`);
    await seedCode(page, each.id, exerciseFiles(each.id, 'solution')[each.entry]!);
    const card = await hydratedExercise(page, each.id);
    await card.getByRole('button', { name: 'Run checks' }).click();
    await expect
      .soft(card.getByRole('status'), each.id)
      .toHaveText(/^All \d+ checks passed\.$/, { timeout });
  }
}

/**
 * Opens `url` (the exercise's own page unless given) and waits for the card, recording page
 * errors (watchErrors) and every URL the page requests (to check what loads when).
 */
export async function visitExercise(page: Page, id: string, url = `/exercises/${id}/`) {
  const errors = watchErrors(page);
  const requested = watchRequests(page);
  await page.goto(url);
  const card = await hydratedExercise(page, id);
  return { errors, requested, card };
}
