/**
 * The rules every manifest entry follows, as a zod schema. Checked by `exercises.test.ts` (and so
 * by every test run), not when the manifest loads: the CLI and the grading workers load the
 * manifest on every run, and zod alone costs them more than grading does.
 */
import { z } from 'zod';
import { LANGUAGES } from './grader/language.ts';
import type { Exercise } from './manifest.ts';

export const exerciseSchema = z.object({
  /** `<track>/<NN-slug>`, also the exercise's folder under exercises/ (e.g. `shufflenet/02-channel-shuffle`). */
  id: z.string().regex(/^[a-z0-9-]+\/\d{2}-[a-z0-9-]+$/, 'id must look like track/NN-slug'),
  /** Short title shown in lists and above the editor. */
  title: z.string().min(1),
  /** Id of the lesson the exercise belongs to, e.g. `shufflenet/group-convolution` (may be a future lesson). */
  lesson: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'lesson must look like track/slug'),
  /** Language of the learner's files: 'ts' runs in a worker; 'c' runs on the simulated board. */
  language: z.enum(LANGUAGES),
  /** The file the checks import, relative to start/ (and solution/), e.g. `channel-shuffle.ts`. */
  entry: z.string().regex(/^[a-z0-9-]+\.(ts|c)$/, 'entry must be a .ts or .c file name'),
  /** Names the entry file must export; the checks call them. */
  exports: z.array(z.string().regex(/^[A-Za-z_$][\w$]*$/)).min(1),
  /** Hints, revealed one at a time in this order: nudge first, near-solution last. */
  hints: z.array(z.string().min(1)).min(1),
  /** Wall-clock limit for a whole grading run (worker start-up included), in milliseconds. */
  timeLimitMs: z.number().int().min(1000).max(60_000),
});

/** The manifest's type and the schema's agree (a compile error here if they drift apart). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const SCHEMA_MATCHES_TYPE: Same<z.infer<typeof exerciseSchema>, Exercise> = true;

/** Throws a zod error naming the first entry that breaks a rule. */
export function validateManifest(exercises: readonly Exercise[]): void {
  z.array(exerciseSchema).parse(exercises);
}
