/**
 * Frontmatter fields every lesson adds to Starlight's own (title, description, sidebar, ...).
 * The same schema validates lessons in the content collection and in the sidebar builder.
 */
import { z } from 'astro/zod';

/** The two halves of the course. */
export const tracks = ['shufflenet', 'zynq'] as const;
export type Track = (typeof tracks)[number];

export const lessonFields = z.object({
  /** One sentence shown under the title, in search results and in link previews. Required. */
  description: z.string().min(1),
  /** Which half of the course the lesson belongs to: the network itself, or the Zynq board. */
  track: z.enum(tracks),
  /** Position within its track, starting at 1; the sidebar and previous/next links follow it. */
  order: z.number().int().positive(),
  /** What a reader can do after the lesson, as short imperative phrases ("Count the ..."). */
  goals: z.array(z.string().min(1)).min(1),
  /** Ids of lessons to read first (for example `shufflenet/group-convolution`); may be empty. */
  prerequisites: z.array(z.string()).default([]),
});

export type LessonFields = z.infer<typeof lessonFields>;
