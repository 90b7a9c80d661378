/**
 * An exercise's place in the course for its page: its number and the exercises before and after
 * it, in the manifest's order (the order the course teaches them in).
 */
export interface Neighbour {
  id: string;
  /** 1-based position in the manifest. */
  number: number;
  title: string;
}

export function exerciseNeighbours(
  manifest: readonly { id: string; title: string }[],
  id: string,
): { number: number; previous: Neighbour | null; next: Neighbour | null } {
  const index = manifest.findIndex((e) => e.id === id);
  if (index < 0) {
    throw new Error(`Unknown exercise '${id}': expected one of the manifest's ids`);
  }
  const at = (i: number): Neighbour | null => {
    const e = manifest[i];
    return e ? { id: e.id, number: i + 1, title: e.title } : null;
  };
  return { number: index + 1, previous: at(index - 1), next: at(index + 1) };
}
