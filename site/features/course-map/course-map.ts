/**
 * The course map on the home page: both tracks in order, each lesson with its exercises, and
 * the reader's progress (lessons visited, exercises solved) counted per track. Pure, so the
 * counting is tested without a browser; CourseMap.tsx only draws it.
 */

export interface MapExercise {
  id: string;
  title: string;
}

export interface MapLesson {
  /** `track/slug`, as in the lesson's URL and in the exercise manifest's `lesson` field. */
  id: string;
  title: string;
  description: string;
  exercises: MapExercise[];
}

export interface MapTrack {
  id: string;
  label: string;
  lessons: MapLesson[];
  /** Exercises of this track whose lesson is not written yet; listed after the lessons. */
  moreExercises: MapExercise[];
}

export interface TrackProgress {
  lessonsVisited: number;
  lessons: number;
  exercisesSolved: number;
  exercises: number;
  /** The first lesson not visited yet (null when every lesson has been opened). */
  next: MapLesson | null;
}

/**
 * Builds the tracks from lessons (in course order, each with its track) and the exercise
 * manifest. An exercise goes under its lesson, or under its track's `moreExercises` when the
 * lesson does not exist yet; an exercise whose track is unknown is an error naming it.
 */
export function buildTracks(
  tracks: readonly { id: string; label: string }[],
  lessons: readonly (Omit<MapLesson, 'exercises'> & { track: string })[],
  exercises: readonly (MapExercise & { lesson: string })[],
): MapTrack[] {
  const known = new Set(tracks.map((t) => t.id));
  for (const lesson of lessons) {
    if (!known.has(lesson.track)) {
      throw new Error(
        `lesson ${lesson.id} is in track "${lesson.track}", not one of ${[...known].join(', ')}`,
      );
    }
  }
  return tracks.map(({ id, label }) => {
    const inTrack = lessons.filter((l) => l.track === id);
    const lessonIds = new Set(inTrack.map((l) => l.id));
    const mine = exercises.filter((e) => e.lesson.split('/')[0] === id);
    return {
      id,
      label,
      lessons: inTrack.map(({ id: lessonId, title, description }) => ({
        id: lessonId,
        title,
        description,
        exercises: mine
          .filter((e) => e.lesson === lessonId)
          .map(({ id, title }) => ({ id, title })),
      })),
      moreExercises: mine
        .filter((e) => !lessonIds.has(e.lesson))
        .map(({ id, title }) => ({ id, title })),
    };
  });
}

/** Counts what the reader has done in one track. */
export function trackProgress(
  track: MapTrack,
  visited: ReadonlySet<string>,
  solved: ReadonlySet<string>,
): TrackProgress {
  const exercises = [...track.lessons.flatMap((l) => l.exercises), ...track.moreExercises];
  return {
    lessonsVisited: track.lessons.filter((l) => visited.has(l.id)).length,
    lessons: track.lessons.length,
    exercisesSolved: exercises.filter((e) => solved.has(e.id)).length,
    exercises: exercises.length,
    next: track.lessons.find((l) => !visited.has(l.id)) ?? null,
  };
}

/**
 * Where the "start" link leads: the first lesson of the course for a new reader, else the first
 * unvisited lesson of the track the reader has started most recently in course order, else
 * (everything opened) the first lesson.
 */
export function startLesson(
  tracks: readonly MapTrack[],
  visited: ReadonlySet<string>,
): {
  lesson: MapLesson;
  resume: boolean;
} {
  const first = tracks.find((t) => t.lessons.length > 0)?.lessons[0];
  if (!first) throw new Error('the course map has no lessons');
  if (visited.size === 0) return { lesson: first, resume: false };
  for (const track of tracks) {
    const next = track.lessons.find((l) => !visited.has(l.id));
    if (next) return { lesson: next, resume: true };
  }
  return { lesson: first, resume: false };
}
