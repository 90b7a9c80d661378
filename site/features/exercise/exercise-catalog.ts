/**
 * The site's view of `exercises/`: manifest metadata plus the starter files, bundled at build
 * time. Solutions are separate lazy chunks, fetched only when the learner asks to see one, so
 * they are not in the page or its initial JavaScript.
 */
import { findExercise, manifest, type Exercise } from '../../../exercises/manifest.ts';
import { filesIn } from './exercise-files.ts';
import { starterHash } from '../../storage/progress-store.ts';

const starterGlob = import.meta.glob('/exercises/*/*/start/**/*', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const solutionGlob = import.meta.glob('/exercises/*/*/solution/**/*', {
  query: '?raw',
  import: 'default',
}) as Record<string, () => Promise<string>>;

export interface CatalogEntry {
  exercise: Exercise;
  /** Starter files by path inside start/. */
  starter: Record<string, string>;
  starterHash: string;
  /** Position in the course, 1-based, for "Exercise 2 of 10". */
  number: number;
}

export function exerciseEntry(id: string): CatalogEntry | undefined {
  const exercise = findExercise(id);
  if (!exercise) return undefined;
  const starter = filesIn(starterGlob, id, 'start');
  return {
    exercise,
    starter,
    starterHash: starterHash(starter),
    number: manifest.indexOf(exercise) + 1,
  };
}

/** The solution's files, fetched on demand. */
export async function loadSolution(id: string): Promise<Record<string, string>> {
  const loaders = filesIn(solutionGlob, id, 'solution');
  const entries = await Promise.all(
    Object.entries(loaders).map(async ([name, load]) => [name, await load()] as const),
  );
  return Object.fromEntries(entries);
}

export { manifest };
