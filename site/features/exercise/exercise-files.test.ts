import { describe, expect, it } from 'vitest';
import { exerciseFilePath, filesIn } from './exercise-files.ts';

describe('filesIn', () => {
  const glob = {
    '/exercises/shufflenet/01-a/start/a.ts': 'start a',
    '/exercises/shufflenet/01-a/start/lib/util.ts': 'start util',
    '/exercises/shufflenet/01-a/solution/a.ts': 'solution a',
    '/exercises/shufflenet/01-ab/start/a.ts': 'other exercise with a longer id',
    '/exercises/shufflenet/01-a/README.md': 'readme',
  };

  it('keys an exercise folder by path inside it, without touching lookalike ids', () => {
    expect(filesIn(glob, 'shufflenet/01-a', 'start')).toEqual({
      'a.ts': 'start a',
      'lib/util.ts': 'start util',
    });
    expect(filesIn(glob, 'shufflenet/01-a', 'solution')).toEqual({ 'a.ts': 'solution a' });
    expect(filesIn(glob, 'shufflenet/09-none', 'start')).toEqual({});
  });

  it('names files at the top of an exercise folder the way the glob does', () => {
    expect(exerciseFilePath('shufflenet/01-a', 'README.md')).toBe(
      '/exercises/shufflenet/01-a/README.md',
    );
  });
});
