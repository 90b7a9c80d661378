import { describe, expect, it } from 'vitest';
import { validGroups } from '../../runtime/conv-cost.ts';
import { groupChoices } from '../features/channel-shuffle/channel-shuffle-view.ts';
import { chooseGroups } from './group-choice.ts';

describe('chooseGroups', () => {
  it('keeps the wanted g while it divides', () => {
    expect(chooseGroups(validGroups(240, 240), 3)).toEqual({ groups: 3, adjusted: false });
    expect(chooseGroups(groupChoices(12), 4)).toEqual({ groups: 4, adjusted: false });
  });

  it('shows the largest valid g below a wanted g that does not divide, and says so', () => {
    // The case: g = 3 at c1 = 248, c2 = 240 (valid: 1, 2, 4, 8) shows 2, never 4.
    expect(chooseGroups(validGroups(248, 240), 3)).toEqual({ groups: 2, adjusted: true });
    expect(chooseGroups(groupChoices(10), 3)).toEqual({ groups: 2, adjusted: true });
    expect(chooseGroups(groupChoices(7), 6)).toEqual({ groups: 1, adjusted: true });
  });

  it('gives the same answer for the same valid groups in both explorers', () => {
    // c1 = c2 = c: the cost explorer's choices are the shuffle viewer's.
    for (let c = 2; c <= 32; c++) {
      for (let g = 1; g <= 32; g++) {
        expect(chooseGroups(validGroups(c, c), g)).toEqual(chooseGroups(groupChoices(c), g));
      }
    }
  });

  it('rejects a list that is not ascending from 1, and a g that is not a positive integer', () => {
    expect(() => chooseGroups([2, 4], 2)).toThrow('ascending and start at 1, got [2, 4]');
    expect(() => chooseGroups([1, 4, 2], 2)).toThrow('got [1, 4, 2]');
    expect(() => chooseGroups([1, 2], 0)).toThrow('positive integer, got 0');
    expect(() => chooseGroups([1, 2], 1.5)).toThrow('got 1.5');
  });
});
