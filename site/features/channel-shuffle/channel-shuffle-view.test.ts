import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../../runtime/backends-node.ts';
import { channelShuffle } from '../../../runtime/ops.ts';
import {
  MAX_CHANNELS,
  MIN_CHANNELS,
  chunk,
  groupChoices,
  groupColour,
  groupOf,
  groupsReached,
  inverseSources,
  isSelfInverse,
  shuffleSources,
} from './channel-shuffle-view.ts';

/** Every (channels, groups) pair the viewer can show. */
function allShapes(): [number, number][] {
  const shapes: [number, number][] = [];
  for (let c = MIN_CHANNELS; c <= MAX_CHANNELS; c++) {
    for (let g = 1; g <= c; g++) if (c % g === 0) shapes.push([c, g]);
  }
  return shapes;
}

/**
 * The runtime's tfjs shuffle applied to one pixel whose channel k holds the value k: the output
 * then lists, position by position, which input channel arrived there.
 */
function runtimeSources(channels: number, groups: number): number[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(
      Array.from({ length: channels }, (_, k) => k),
      [1, 1, 1, channels],
    );
    return Array.from(channelShuffle(x, groups).dataSync());
  });
}

describe('shuffleSources', () => {
  beforeAll(() => useBackend('cpu'));

  it('matches the runtime channelShuffle for every shape the viewer offers', () => {
    for (const [c, g] of allShapes()) {
      expect(shuffleSources(c, g), `c=${c}, g=${g}`).toEqual(runtimeSources(c, g));
    }
  });

  it('is the transpose of the g x n channel matrix (V1 Sec 3.1), read row by row', () => {
    // Independent of the implementation: build the g x n matrix, transpose, flatten.
    const c = 12;
    const g = 3;
    const n = c / g;
    const matrix = Array.from({ length: g }, (_, i) =>
      Array.from({ length: n }, (_, j) => i * n + j),
    );
    const transposed = Array.from({ length: n }, (_, j) => matrix.map((row) => row[j]!));
    expect(shuffleSources(c, g)).toEqual(transposed.flat());
  });

  it('gives the README example for 6 channels in 2 groups', () => {
    expect(shuffleSources(6, 2)).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('is a permutation, and the identity for g = 1 and g = c', () => {
    for (const [c, g] of allShapes()) {
      expect([...shuffleSources(c, g)].sort((a, b) => a - b)).toEqual([...Array(c).keys()]);
    }
    expect(shuffleSources(8, 1)).toEqual([...Array(8).keys()]);
    expect(shuffleSources(8, 8)).toEqual([...Array(8).keys()]);
  });

  it('rejects groups that do not divide the channels', () => {
    expect(() => shuffleSources(12, 5)).toThrow(/divisor/);
    expect(() => shuffleSources(12, 0)).toThrow(/divisor/);
  });
});

describe('inverseSources', () => {
  beforeAll(() => useBackend('cpu'));

  it('undoes the shuffle and equals a shuffle with c/g groups', () => {
    for (const [c, g] of allShapes()) {
      const forward = shuffleSources(c, g);
      const inverse = inverseSources(c, g);
      // Applying the shuffle, then the inverse, puts every channel back in place.
      expect(inverse.map((p) => forward[p])).toEqual([...Array(c).keys()]);
      expect(inverse).toEqual(runtimeSources(c, c / g));
    }
  });

  it('coincides with the shuffle exactly when g = 1, g = c or c = g * g', () => {
    for (const [c, g] of allShapes()) {
      expect(isSelfInverse(c, g), `c=${c}, g=${g}`).toBe(g === 1 || g === c || c === g * g);
    }
  });
});

describe('helpers', () => {
  it('lists divisors as group choices', () => {
    expect(groupChoices(12)).toEqual([1, 2, 3, 4, 6, 12]);
    expect(groupChoices(7)).toEqual([1, 7]);
  });

  it('assigns channels to groups in consecutive blocks of c/g', () => {
    expect(Array.from({ length: 6 }, (_, k) => groupOf(k, 6, 3))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('chunks a list into blocks', () => {
    expect(chunk([1, 2, 3, 4, 5, 6], 2)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(() => chunk([1], 0)).toThrow();
  });

  it('sends every input group to every next group when n >= g (V1 Fig. 1c)', () => {
    for (const [c, g] of allShapes()) {
      expect(groupsReached(c, g), `c=${c}, g=${g}`).toBe(Math.min(g, c / g));
    }
  });

  it('gives each group of a layer its own colour', () => {
    const colours = Array.from({ length: 8 }, (_, i) => groupColour(i, 8));
    expect(new Set(colours).size).toBe(8);
  });
});
