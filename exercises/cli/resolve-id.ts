/**
 * Turns what a learner typed into an exercise id: the full id, its `NN-slug`, its slug, its
 * `track/NN` or its number, when exactly one exercise matches. Otherwise an error that lists the closest ids, so a
 * typo costs one glance rather than a trip to the manifest.
 */
import type { Exercise } from '../manifest.ts';

/** Levenshtein distance, for ranking suggestions. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The forms of an id a learner may type: `track/NN-slug`, `NN-slug`, `slug`, `track/NN`, `NN`.
 * With two tracks a bare number names two exercises; `track/NN` names one.
 */
function aliases(id: string): string[] {
  const [track, folder] = id.split('/') as [string, string];
  return [id, folder, folder.slice(3), `${track}/${folder.slice(0, 2)}`, folder.slice(0, 2)];
}

export type Resolution = { ok: true; exercise: Exercise } | { ok: false; message: string };

export function resolveExercise(input: string, exercises: readonly Exercise[]): Resolution {
  const wanted = input.trim().toLowerCase();
  const matches = exercises.filter((e) => aliases(e.id).includes(wanted));
  if (matches.length === 1) return { ok: true, exercise: matches[0]! };
  const ranked =
    matches.length > 1
      ? matches
      : [...exercises]
          .map((e) => ({
            e,
            score: Math.min(...aliases(e.id).map((alias) => distance(wanted, alias))),
            contains: aliases(e.id).some((alias) => alias.includes(wanted) && wanted.length > 2),
          }))
          .sort((a, b) => Number(b.contains) - Number(a.contains) || a.score - b.score)
          .slice(0, 3)
          .map(({ e }) => e);
  const why = matches.length > 1 ? 'matches several exercises' : 'is not an exercise';
  const list = ranked.map((e) => `  ${e.id}  ${e.title}`).join('\n');
  return { ok: false, message: `'${input}' ${why}. Did you mean:\n${list}` };
}
