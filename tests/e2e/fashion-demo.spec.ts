import { expect, test } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';

const LESSON = '/shufflenet/fashion-mnist/';

test('the trained ShuffleNet classifies the sample and a fresh one trains in the browser', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const heavy: string[] = [];
  page.on('request', (r) => {
    if (/safetensors|\.wasm|fashion\.worker/.test(r.url())) heavy.push(r.url());
  });
  await page.goto(LESSON);
  const demo = page.getByRole('region', { name: 'Fashion-MNIST with a trained ShuffleNet' });
  await demo.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island[component-url*="FashionDemo"]')).not.toHaveAttribute(
    'ssr',
    /.*/,
  );
  // Nothing heavy loads before the reader asks for it.
  expect(heavy).toEqual([]);

  await demo.getByRole('button', { name: 'Classify the 200 test images' }).click();
  const score = demo.getByRole('status').first();
  await expect(score).toContainText('of 200 correct', { timeout: 60_000 });
  const correct = Number((await score.textContent())!.match(/(\d+) of 200 correct/)![1]);
  // The bar for the committed weights on the committed sample: at least 90%.
  expect(correct).toBeGreaterThanOrEqual(180);
  await expect(score).toHaveAttribute('data-leaked', '0');
  const grid = demo.getByRole('list', { name: 'Test images with the predicted class' });
  await expect(grid.getByRole('listitem')).toHaveCount(200);
  await expect(grid.getByRole('img', { name: /^Image 1: Ankle boot, / })).toBeVisible();
  await demo.getByLabel('Show only the mistakes').check();
  await expect(grid.getByRole('listitem')).toHaveCount(200 - correct);
  await expect(grid.getByRole('img', { name: /wrongly predicted/ })).toHaveCount(200 - correct);

  // Train a fresh network for a few steps; it reports every step and a held-out accuracy.
  const steps = demo.getByLabel('Training steps');
  await steps.fill('0');
  await expect(demo.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await steps.fill('3');
  await demo.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(demo.getByText('Step 3 of 3: loss')).toBeVisible({ timeout: 60_000 });
  await expect(
    demo.getByText(/Trained for 3 steps: [\d.]+% correct on the 100 held-out/),
  ).toBeVisible({
    timeout: 60_000,
  });

  // A long run can be stopped, and the page answers input while it trains.
  await steps.fill('300');
  await demo.getByRole('button', { name: 'Train', exact: true }).click();
  // Past the first step (a step takes about a quarter of a second, so no one step's text is
  // waited for: it may be gone before the next poll).
  await expect(demo.getByText(/Step ([2-9]|[1-9]\d+) of 300/)).toBeVisible({ timeout: 60_000 });
  const mistakes = demo.getByLabel('Show only the mistakes');
  await mistakes.uncheck();
  await expect(grid.getByRole('listitem')).toHaveCount(200);
  await demo.getByRole('button', { name: 'Stop training' }).click();
  await expect(demo.getByText(/Stopped after \d+ steps: [\d.]+% correct/)).toBeVisible({
    timeout: 30_000,
  });
  await expect(demo.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  expect(errors).toEqual([]);
});
