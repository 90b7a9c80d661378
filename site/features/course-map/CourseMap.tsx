/**
 * The home page's course map: both tracks, each lesson with its exercises, and what this
 * browser has done (lessons opened, exercises solved), read from the one storage module. The
 * server renders the map with no progress; the island fills it in from localStorage.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { translator } from '../../i18n/ui.ts';
import { createProgressStore, createVisitStore, openBrowserStorage } from '../../storage/index.ts';
import { startLesson, trackProgress, type MapExercise, type MapTrack } from './course-map.ts';

interface Props {
  tracks: MapTrack[];
  lang?: string;
}

export default function CourseMap({ tracks, lang = 'en' }: Props) {
  const t = useMemo(() => translator(lang), [lang]);
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  const [visited, setVisited] = useState<ReadonlySet<string>>(new Set());
  const [solved, setSolved] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    const { storage } = openBrowserStorage();
    setVisited(createVisitStore(storage).visited());
    const progress = createProgressStore(storage).exportAll().data.progress;
    setSolved(new Set(Object.keys(progress).filter((id) => progress[id]!.solved)));
  }, []);

  const start = startLesson(tracks, visited);
  const exerciseItem = (exercise: MapExercise) => {
    const done = solved.has(exercise.id);
    return (
      <li key={exercise.id} data-exercise={exercise.id} data-solved={done}>
        <a href={`${base}/exercises/${exercise.id}/`}>{exercise.title}</a>{' '}
        <span class={done ? 'cm-badge cm-done' : 'cm-badge'}>
          {done ? t('home.solved') : t('home.notSolved')}
        </span>
      </li>
    );
  };

  return (
    <div class="cm not-content">
      <p class="cm-start">
        <a class="cm-start-link" href={`${base}/${start.lesson.id}/`} data-start>
          {start.resume
            ? t('home.resume', { lesson: start.lesson.title })
            : t('home.start', { lesson: start.lesson.title })}
        </a>
      </p>
      <div class="cm-tracks">
        {tracks.map((track) => {
          const p = trackProgress(track, visited, solved);
          const headingId = `cm-track-${track.id}`;
          return (
            <section
              key={track.id}
              class="cm-track"
              aria-labelledby={headingId}
              data-track={track.id}
            >
              <h2 id={headingId}>{track.label}</h2>
              <p class="cm-summary" data-summary>
                {p.exercises > 0
                  ? t('home.summary', {
                      visited: p.lessonsVisited,
                      lessons: p.lessons,
                      solved: p.exercisesSolved,
                      exercises: p.exercises,
                    })
                  : t('home.summaryLessons', { visited: p.lessonsVisited, lessons: p.lessons })}
              </p>
              <progress
                max={p.lessons}
                value={p.lessonsVisited}
                aria-label={t('home.lessonsVisited', { track: track.label })}
              />
              <ol class="cm-lessons">
                {track.lessons.map((lesson) => {
                  const seen = visited.has(lesson.id);
                  return (
                    <li key={lesson.id} data-lesson={lesson.id} data-visited={seen}>
                      <a href={`${base}/${lesson.id}/`}>{lesson.title}</a>{' '}
                      <span class={seen ? 'cm-badge cm-done' : 'cm-badge'}>
                        {seen ? t('home.visited') : t('home.notVisited')}
                      </span>
                      <p>{lesson.description}</p>
                      {lesson.exercises.length > 0 && (
                        <ul
                          class="cm-exercises"
                          aria-label={t('home.exercisesOf', { lesson: lesson.title })}
                        >
                          {lesson.exercises.map(exerciseItem)}
                        </ul>
                      )}
                    </li>
                  );
                })}
              </ol>
              {track.moreExercises.length > 0 && (
                <>
                  <h3>{t('home.moreExercises')}</h3>
                  <ul class="cm-exercises">{track.moreExercises.map(exerciseItem)}</ul>
                </>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
