import { describe, expect, it } from 'vitest';
import { buildTracks, startLesson, trackProgress } from './course-map.ts';

const tracks = [
  { id: 'shufflenet', label: 'ShuffleNet' },
  { id: 'zynq', label: 'Zynq' },
];
const lessons = [
  { id: 'shufflenet/a', title: 'A', description: 'a', track: 'shufflenet' },
  { id: 'shufflenet/b', title: 'B', description: 'b', track: 'shufflenet' },
  { id: 'zynq/c', title: 'C', description: 'c', track: 'zynq' },
];
const exercises = [
  { id: 'shufflenet/01-x', title: 'X', lesson: 'shufflenet/a' },
  { id: 'shufflenet/02-y', title: 'Y', lesson: 'shufflenet/b' },
  { id: 'shufflenet/03-z', title: 'Z', lesson: 'shufflenet/later' },
];

describe('buildTracks', () => {
  it('puts lessons in their track in order, with their exercises, and unwritten lessons apart', () => {
    const [net, zynq] = buildTracks(tracks, lessons, exercises);
    expect(net!.lessons.map((l) => [l.id, l.exercises.map((e) => e.id)])).toEqual([
      ['shufflenet/a', ['shufflenet/01-x']],
      ['shufflenet/b', ['shufflenet/02-y']],
    ]);
    expect(net!.moreExercises).toEqual([{ id: 'shufflenet/03-z', title: 'Z' }]);
    expect(zynq!.lessons.map((l) => l.id)).toEqual(['zynq/c']);
    expect(zynq!.moreExercises).toEqual([]);
  });

  it('rejects a lesson in an unknown track, naming it', () => {
    expect(() =>
      buildTracks(tracks, [{ id: 'fpga/x', title: 'X', description: 'x', track: 'fpga' }], []),
    ).toThrow('lesson fpga/x is in track "fpga", not one of shufflenet, zynq');
  });
});

describe('trackProgress and startLesson', () => {
  const built = buildTracks(tracks, lessons, exercises);

  it('counts visited lessons and solved exercises per track, and names the next lesson', () => {
    const visited = new Set(['shufflenet/a', 'zynq/c', 'not/a-lesson']);
    const solved = new Set(['shufflenet/01-x', 'shufflenet/03-z']);
    expect(trackProgress(built[0]!, visited, solved)).toMatchObject({
      lessonsVisited: 1,
      lessons: 2,
      exercisesSolved: 2,
      exercises: 3,
      next: { id: 'shufflenet/b' },
    });
    expect(trackProgress(built[1]!, visited, solved)).toMatchObject({
      lessonsVisited: 1,
      lessons: 1,
      exercisesSolved: 0,
      exercises: 0,
      next: null,
    });
  });

  it('starts a new reader at the first lesson and resumes a returning one', () => {
    expect(startLesson(built, new Set())).toMatchObject({
      lesson: { id: 'shufflenet/a' },
      resume: false,
    });
    expect(startLesson(built, new Set(['shufflenet/a']))).toMatchObject({
      lesson: { id: 'shufflenet/b' },
      resume: true,
    });
    expect(startLesson(built, new Set(['shufflenet/a', 'shufflenet/b']))).toMatchObject({
      lesson: { id: 'zynq/c' },
      resume: true,
    });
    const all = new Set(['shufflenet/a', 'shufflenet/b', 'zynq/c']);
    expect(startLesson(built, all)).toMatchObject({
      lesson: { id: 'shufflenet/a' },
      resume: false,
    });
  });

  it('refuses a map without lessons', () => {
    expect(() => startLesson([], new Set())).toThrow('the course map has no lessons');
  });
});
