/**
 * Islands are server-rendered first, then hydrated (https://docs.astro.build/en/concepts/islands/):
 * a spec that clicks one waits until its `ssr` attribute is gone.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Scrolls the first island of `component` (a part of its component URL, such as the file name)
 * into view, `client:visible` hydrating it, and waits until it has hydrated. `has` narrows the
 * choice to an island containing that selector.
 */
export async function hydratedIsland(
  page: Page,
  component: string,
  has?: string,
): Promise<Locator> {
  const selector = `astro-island[component-url*="${component}"]${has ? `:has(${has})` : ''}`;
  const island = page.locator(selector).first();
  await island.scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  return island;
}

/** Every URL the page requests from now on, to check what loads when. */
export function watchRequests(page: Page): string[] {
  const requested: string[] = [];
  page.on('request', (req) => requested.push(req.url()));
  return requested;
}
