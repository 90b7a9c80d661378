/**
 * The exercise view: Monaco's lines where Monaco thinks they are, the page layout (one title,
 * no contents list, editor and results side by side, previous and next), the splitter, links
 * from failing checks to the code, and full screen from a lesson.
 */
import { expect, test, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { findExercise, manifest } from '../../exercises/manifest.ts';
import { hydratedExercise, openEditor } from './exercise-page.ts';
import { watchErrors } from './watch-errors.ts';

const ID = 'shufflenet/01-group-conv-params';
const LESSON = '/shufflenet/group-convolution/';
const exercise = findExercise(ID)!;
const starterCode = readFileSync(`exercises/${ID}/start/${exercise.entry}`, 'utf8');

async function openMonaco(card: Locator): Promise<Locator> {
  const editor = await openEditor(card);
  await expect(editor.locator('.view-line').first()).toBeVisible({ timeout: 20_000 });
  return editor;
}

/**
 * Each rendered line's distance from the first, next to where Monaco placed it: Monaco sets a
 * line's `top` from its own line layout (the value editor.getTopForLineNumber gives), so a
 * style that moves lines shows as a difference here.
 */
async function lineGeometry(editor: Locator) {
  return editor.locator('.view-lines').evaluate((lines) =>
    [...lines.querySelectorAll<HTMLElement>('.view-line')]
      .map((line) => ({
        placed: parseFloat(line.style.top),
        rendered: line.getBoundingClientRect().top - lines.getBoundingClientRect().top,
        text: line.textContent ?? '',
      }))
      .sort((a, b) => a.placed - b.placed),
  );
}

test('Monaco in a lesson: every line is drawn where the editor places it, and a click lands on it', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(LESSON);
  const card = await hydratedExercise(page, ID);
  // A desktop gets the keyboard shortcuts hint.
  await expect(card.getByText(/Ctrl\+Enter/)).toBeVisible();
  const editor = await openMonaco(card);
  const lines = await lineGeometry(editor);
  expect(lines.length).toBeGreaterThanOrEqual(starterCode.trimEnd().split('\n').length);
  for (const line of lines) expect(line.rendered, line.text).toBeCloseTo(line.placed, 0);

  // A click on the visible `return` line puts the cursor on that line.
  const returnLine = editor.locator('.view-line', { hasText: 'return' });
  await returnLine.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' /*here*/');
  await expect(editor.locator('.view-line', { hasText: 'return' })).toContainText('/*here*/');
  expect(errors).toEqual([]);
});

test('the exercise page: one title, no contents list, side by side, previous and next', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  const second = manifest[1]!;
  await page.goto(`/exercises/${second.id}/`);
  const card = await hydratedExercise(page, second.id);
  const title = `Exercise 2: ${second.title}`;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  // The title is said once: the card does not repeat it as a heading.
  await expect(page.getByRole('heading', { name: second.title })).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'On this page' })).toHaveCount(0);
  await expect(page.locator('starlight-toc')).toHaveCount(0);
  // The docs sidebar is out of the way.
  await expect(page.locator('#starlight__sidebar')).toHaveCount(0);

  // Previous and next follow the manifest's order.
  const previous = page.locator('.pagination-links a[rel="prev"]');
  const next = page.locator('.pagination-links a[rel="next"]');
  await expect(previous).toHaveAttribute('href', `/exercises/${manifest[0]!.id}/`);
  await expect(previous).toContainText(`Exercise 1: ${manifest[0]!.title}`);
  await expect(next).toHaveAttribute('href', `/exercises/${manifest[2]!.id}/`);
  await expect(next).toContainText(`Exercise 3: ${manifest[2]!.title}`);

  // The code on one side; the task and the results on the other, together nearly the window's
  // width, and the code in the first screen.
  const code = (await card.locator('.exercise-code-pane').boundingBox())!;
  const side = (await card.locator('.exercise-side').boundingBox())!;
  const results = (await card.getByRole('group', { name: 'Results', exact: true }).boundingBox())!;
  expect(side.x).toBeGreaterThan(code.x + code.width - 1);
  expect(results.x).toBeGreaterThanOrEqual(side.x);
  expect(side.y).toBeLessThan(code.y + code.height);
  expect(side.x + side.width - code.x).toBeGreaterThan(1000);
  await expect(card.locator('.exercise-side .exercise-readme')).toBeVisible();
  expect(code.y).toBeLessThan(800);

  // The splitter: a focusable separator the arrow keys move.
  const splitter = card.getByRole('separator', { name: 'Resize the editor and the results' });
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  await splitter.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 10));
  const wider = (await card.locator('.exercise-code-pane').boundingBox())!;
  expect(wider.width).toBeGreaterThan(code.width + 50);
  await page.keyboard.press('Home');
  await expect(splitter).toHaveAttribute('aria-valuenow', '25');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'shots/exercise-page.png' });
  expect(errors).toEqual([]);
});

test('a failing check links to the line it points at', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/exercises/${ID}/`);
  const card = await hydratedExercise(page, ID);
  await card.getByRole('button', { name: 'Run checks' }).click();
  await expect(card.getByRole('status')).toHaveText(/checks did not pass/, { timeout: 20_000 });
  // The results come into view next to the code, in the column beside it.
  await expect(card.locator('.exercise-checks')).toBeInViewport();
  await expect(card.getByRole('button', { name: 'Run checks' })).toBeInViewport();
  const declared = starterCode.split('\n').findIndex((l) => l.includes('function groupConvParams'));
  const link = card.getByRole('button', { name: `Go to line ${declared + 1}` }).first();
  await link.click();
  const editor = card.locator('.monaco-editor');
  await expect(editor.locator('.view-line').first()).toBeVisible({ timeout: 20_000 });
  // The cursor is on that line: what is typed lands there.
  await page.keyboard.type('/*x*/');
  await expect(editor.locator('.view-line', { hasText: '/*x*/' })).toContainText('groupConvParams');
  expect(errors).toEqual([]);
});

test('in a lesson the card is compact and opens full screen; Esc closes it and focus returns', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(LESSON);
  const card = await hydratedExercise(page, ID);
  await expect(card.getByRole('heading', { name: /Exercise 1:/ })).toBeVisible();
  await expect(card.getByRole('separator')).toHaveCount(0);
  const compact = (await card.boundingBox())!;
  expect(compact.width).toBeLessThan(900);

  const open = card.getByRole('button', { name: 'Full screen' });
  await open.click();
  const toggle = card.getByRole('button', { name: 'Exit full screen (Esc)' });
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const full = (await card.boundingBox())!;
  expect(full.width).toBeGreaterThanOrEqual(1270);
  expect(full.height).toBeGreaterThanOrEqual(790);
  // Nothing of the page is drawn over it: the sidebars and the header stay behind the card.
  for (const [x, y] of [
    [20, 20],
    [100, 300],
    [1200, 300],
    [640, 780],
  ] as const) {
    const inside = await page.evaluate(
      ([px, py]) => !!document.elementFromPoint(px, py)?.closest('section.exercise'),
      [x, y],
    );
    expect(inside, `point ${x},${y}`).toBe(true);
  }
  await expect(card.getByRole('separator')).toBeVisible();
  // The page behind is out of reach of Tab and screen readers while the card is full screen.
  const header = page.locator('header.header');
  await expect(header).toHaveAttribute('inert', '');
  await page.screenshot({ path: 'shots/exercise-fullscreen.png' });

  await page.keyboard.press('Escape');
  await expect(open).toBeFocused();
  await expect(header).not.toHaveAttribute('inert', '');
  await expect(open).toHaveAttribute('aria-pressed', 'false');
  expect((await card.boundingBox())!.width).toBeLessThan(900);
  expect(errors).toEqual([]);
});

test.describe('on a phone', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });

  test('no keyboard-shortcut hint for an editor phones do not get', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`/exercises/${ID}/`);
    const card = await hydratedExercise(page, ID);
    await expect(card.getByText('The editor loads when you start editing.')).toBeVisible();
    await expect(card.getByText(/Ctrl\+Enter/)).toBeHidden();
    const box = (await card.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(errors).toEqual([]);
  });
});
