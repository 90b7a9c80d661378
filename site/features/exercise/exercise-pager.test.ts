import { describe, expect, it } from 'vitest';
import { exerciseNeighbours } from './exercise-pager.ts';

const list = [
  { id: 'a/01', title: 'One' },
  { id: 'a/02', title: 'Two' },
  { id: 'b/01', title: 'Three' },
];

describe('exerciseNeighbours', () => {
  it('gives the exercises before and after, numbered from 1', () => {
    expect(exerciseNeighbours(list, 'a/02')).toEqual({
      number: 2,
      previous: { id: 'a/01', number: 1, title: 'One' },
      next: { id: 'b/01', number: 3, title: 'Three' },
    });
  });
  it('has no previous for the first and no next for the last', () => {
    expect(exerciseNeighbours(list, 'a/01').previous).toBeNull();
    expect(exerciseNeighbours(list, 'b/01').next).toBeNull();
  });
  it('names an unknown id', () => {
    expect(() => exerciseNeighbours(list, 'zz')).toThrow(/Unknown exercise 'zz'/);
  });
});
