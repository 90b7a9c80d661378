/**
 * Turns Vite `import.meta.glob` results over `exercises/` into per-exercise file maps. Pure, so
 * the path rules are tested without a bundler.
 */

/**
 * The files of one exercise folder, keyed by their path inside it: for id `shufflenet/02-x` and
 * folder `start`, `/exercises/shufflenet/02-x/start/a.ts` becomes `a.ts`.
 */
export function filesIn<T>(
  glob: Readonly<Record<string, T>>,
  id: string,
  folder: 'start' | 'solution',
): Record<string, T> {
  const prefix = `/exercises/${id}/${folder}/`;
  const out: Record<string, T> = {};
  for (const [path, value] of Object.entries(glob)) {
    if (path.startsWith(prefix)) out[path.slice(prefix.length)] = value;
  }
  return out;
}

/** The glob key of a file directly in an exercise folder, e.g. its README.md. */
export function exerciseFilePath(id: string, name: string): string {
  return `/exercises/${id}/${name}`;
}
