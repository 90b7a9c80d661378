/**
 * The URL paths of the built site's pages, from the file names under dist/ (`a/b/index.html`
 * is served as `/a/b/`, `404.html` as `/404.html`).
 */
export function sitePaths(files: readonly string[]): string[] {
  return files
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.replaceAll('\\', '/'))
    .map((f) =>
      f === 'index.html' ? '/' : f.endsWith('/index.html') ? `/${f.slice(0, -10)}` : `/${f}`,
    )
    .sort();
}
