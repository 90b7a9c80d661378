import { expect, test } from '@playwright/test';
import { watchErrors } from './watch-errors.ts';

const LESSON = '/shufflenet/fashion-mnist/';

test('a mouse stroke on the pad is converted and classified with a top-5', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const heavy: string[] = [];
  page.on('request', (r) => {
    if (/safetensors|\.wasm|fashion\.worker|plot/i.test(r.url())) heavy.push(r.url());
  });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(LESSON);
  const demo = page.getByRole('region', { name: 'Draw or upload a piece of clothing' });
  await demo.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island[component-url*="DrawClassify"]')).not.toHaveAttribute(
    'ssr',
    /.*/,
  );
  expect(heavy).toEqual([]); // tfjs, the weights and the plot load only on use
  // No sideways scroll at 360 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  const pad = demo.getByRole('img', { name: 'Drawing pad' });
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.8, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.8, { steps: 8 });
  await page.mouse.up();

  await expect(demo.getByRole('img', { name: /converted to 28×28.*inverted/ })).toBeVisible();
  const top = demo.getByRole('list', { name: 'The five most likely classes' });
  await expect(top.getByRole('listitem')).toHaveCount(5, { timeout: 60_000 });
  const percents = (await top.getByRole('listitem').allTextContents()).map((s) =>
    Number(s.match(/([\d.]+)%/)![1]),
  );
  expect([...percents].sort((a, b) => b - a)).toEqual(percents);
  expect(percents.reduce((a, b) => a + b)).toBeLessThanOrEqual(100.1);
  await expect(demo.getByRole('img', { name: /Feature maps of layer conv1/ })).toBeVisible();
  await expect(demo.locator('table.fd-times tbody tr').first()).toBeVisible();

  // The keyboard alternative: an example outline, then another layer.
  await demo.getByLabel('Example outline').selectOption({ label: 'Trousers' });
  await demo.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'stage2.0' });
  await expect(
    demo.getByRole('img', { name: /Feature maps of layer stage2\.0: 48 of 48/ }),
  ).toBeVisible({
    timeout: 30_000,
  });

  // An uploaded photo: a grey bag-like block on a light grey background, made as a PNG here.
  const png = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 120;
    c.height = 80;
    const g = c.getContext('2d')!;
    g.fillStyle = '#ddd';
    g.fillRect(0, 0, 120, 80);
    g.fillStyle = '#333';
    g.fillRect(30, 20, 60, 50);
    return c.toDataURL('image/png').split(',')[1]!;
  });
  const converted = demo.getByRole('img', { name: /converted to 28×28/ });
  const pixels = () => converted.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  const before = await pixels();
  await demo.getByLabel('Upload a photo').setInputFiles({
    name: 'bag.png',
    mimeType: 'image/png',
    buffer: Buffer.from(png, 'base64'),
  });
  await expect(demo.getByRole('img', { name: /Feature maps of layer stage2\.0/ })).toBeVisible();
  await expect(demo.getByRole('status')).toHaveText(/^Most likely: .+ \([\d.]+%\)$/, {
    timeout: 30_000,
  });
  await expect(top.getByRole('listitem')).toHaveCount(5);
  // The upload replaced the picture: the converted image changed.
  await expect.poll(pixels).not.toBe(before);
  // Still no sideways scroll with the bars, maps and timing table shown.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(errors).toEqual([]);
});

test('transfer learning fits a new head, tests a drawing and can be cancelled', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await page.goto(LESSON);
  const demo = page.getByRole('region', { name: 'Teach the network new classes' });
  await demo.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island[component-url*="TransferDemo"]')).not.toHaveAttribute(
    'ssr',
    /.*/,
  );
  const outline = demo.getByLabel('Example outline');
  const shapes = ['Trousers', 'T-shirt', 'Bag'];
  for (const [i, shape] of shapes.entries()) {
    for (let n = 0; n < 2; n++) {
      // Pick the empty option first so that picking the same outline again fires a change.
      await outline.selectOption({ index: 0 });
      await outline.selectOption({ label: shape });
      await demo.getByRole('button', { name: `Add to Class ${i + 1}` }).click();
    }
    await expect(demo.getByText(`Class ${i + 1}: 2 examples`)).toBeVisible();
  }
  const steps = demo.getByLabel('Training steps');
  await steps.fill('20');
  await demo.getByRole('button', { name: 'Fit the new head' }).click();
  await expect(demo.getByRole('status')).toHaveText('Fitted. Draw something new and test it.', {
    timeout: 90_000,
  });
  await expect(demo.getByRole('progressbar', { name: 'Fitting progress' })).toHaveAttribute(
    'value',
    '20',
  );
  await expect(
    demo.getByRole('img', { name: /Loss while fitting: from 1\.099 at step 1/ }),
  ).toBeVisible();
  await expect(demo.locator('.fd-plot svg')).toBeVisible();

  await outline.selectOption({ index: 0 });
  await outline.selectOption({ label: 'Bag' });
  await demo.getByRole('button', { name: 'Test this drawing' }).click();
  const result = demo.getByRole('list', { name: 'Your classes for this drawing' });
  await expect(result.getByRole('listitem')).toHaveCount(3);
  // The head has seen this very outline as Class 3.
  await expect(result.getByRole('listitem').first()).toContainText('Class 3');

  // A long fit can be stopped.
  await steps.fill('1000');
  await demo.getByRole('button', { name: 'Fit the new head' }).click();
  await expect(demo.getByText(/Fitting: step ([2-9]|\d{2,}) of 1000/)).toBeVisible({
    timeout: 30_000,
  });
  await demo.getByRole('button', { name: 'Stop fitting' }).click();
  await expect(demo.getByRole('status')).toHaveText(/Fitting was stopped/, { timeout: 30_000 });
  await expect(demo.getByRole('button', { name: 'Fit the new head' })).toBeEnabled();
  expect(errors).toEqual([]);
});
