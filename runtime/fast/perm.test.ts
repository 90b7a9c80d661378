import { describe, expect, it } from 'vitest';
import {
  blockDiagonal,
  compose,
  invert,
  isIdentity,
  permuteColumns,
  permuteRows,
  shuffleMap,
  splitGroups,
  transposeFor,
  type HwioFilter,
} from './perm.ts';
import { pairView } from './compile.ts';

/** A 1x1 convolution on one pixel: y[o] = sum_i x[i] * W[i, o] + b[o]. */
function apply(f: HwioFilter, x: number[]): number[] {
  const [, , inC, outC] = f.shape;
  return Array.from({ length: outC }, (_, o) => {
    let s = f.bias[o]!;
    for (let i = 0; i < inC; i++) s += x[i]! * f.data[i * outC + o]!;
    return s;
  });
}

const filter = (inC: number, outC: number): HwioFilter => ({
  shape: [1, 1, inC, outC],
  data: Float32Array.from({ length: inC * outC }, (_, i) => ((i * 7) % 11) - 5),
  bias: Float32Array.from({ length: outC }, (_, o) => o),
});

describe('channel-order algebra', () => {
  it("shuffleMap is torchvision's: output j*g+i takes input i*(C/g)+j", () => {
    // 6 channels, 2 groups: input order a0 a1 a2 b0 b1 b2 becomes a0 b0 a1 b1 a2 b2.
    expect([...shuffleMap(6, 2)]).toEqual([0, 2, 4, 1, 3, 5]);
    expect(() => shuffleMap(6, 4)).toThrow(/6 channels, 4 groups/);
  });

  it('a conv reading a permuted tensor with permuted rows equals the original conv', () => {
    const f = filter(4, 3);
    const x = [1, -2, 3, 0.5];
    const perm = [2, 0, 3, 1]; // stored k holds true channel perm[k]
    const stored = perm.map((p) => x[p]!);
    expect(apply(permuteRows(f, perm), stored)).toEqual(apply(f, x));
  });

  it('permuted columns write true output order[k] at stored k', () => {
    const f = filter(3, 4);
    const x = [1, 2, -1];
    const order = [3, 1, 0, 2];
    expect(apply(permuteColumns(f, order), x)).toEqual(order.map((o) => apply(f, x)[o]!));
  });

  it('writing outputs in s^-1 order makes the shuffled tensor true-ordered', () => {
    const s = shuffleMap(6, 3);
    expect(isIdentity(compose(s, invert(s)))).toBe(true);
  });

  it('blockDiagonal and splitGroups compute the group convolution', () => {
    const groups = 2;
    const f = filter(2, 4); // 4 inputs in 2 groups of 2, 4 outputs in 2 groups of 2
    const x = [1, -1, 2, 3];
    const dense = apply(blockDiagonal(f, groups), x);
    const parts = splitGroups(f, groups);
    const split = [...apply(parts[0]!, x.slice(0, 2)), ...apply(parts[1]!, x.slice(2))];
    expect(dense).toEqual(split);
  });

  it('transposeFor recognises a shuffle order and rejects others', () => {
    // Stored in shuffle order (s^-1 of the true order): one transpose restores it.
    expect(transposeFor(invert(shuffleMap(12, 3)))).not.toBeNull();
    expect(transposeFor([1, 0, 2, 3])).toBeNull();
  });
});

describe('pairView (concat -> after -> next split as one transpose)', () => {
  /** Simulates the transpose on indices and compares with the definition. */
  function check(width: number, shuffle: boolean, next: 'halves' | 'evenOdd') {
    const layout = pairView(width, shuffle, next);
    expect(layout).not.toBeNull();
    const c = 2 * width;
    const s = shuffle ? shuffleMap(c, 2) : Int32Array.from({ length: c }, (_, k) => k);
    // The true next-unit halves, from the definitions.
    const trueOut = new Array<number>(c);
    for (let k = 0; k < c; k++) trueOut[s[k]!] = k; // trueOut[o] = concat channel landing at o
    const halves =
      next === 'halves'
        ? [trueOut.slice(0, width), trueOut.slice(width)]
        : [trueOut.filter((_, o) => o % 2 === 0), trueOut.filter((_, o) => o % 2 === 1)];
    // What the transpose produces: stacked [2, 1, a, b] indices, permuted.
    if (layout!.view === null) {
      expect(halves).toEqual([
        Array.from({ length: width }, (_, j) => j),
        Array.from({ length: width }, (_, j) => width + j),
      ]);
      return;
    }
    const [a, b] = layout!.view;
    const dims = [2, 1, a, b];
    const outDims = layout!.perm.map((p) => dims[p]!);
    const produced = [new Array<number>(width), new Array<number>(width)];
    for (let src = 0; src < 2; src++)
      for (let j = 0; j < width; j++) {
        const idx = [src, 0, Math.floor(j / b), j % b];
        const out = layout!.perm.map((p) => idx[p]!);
        produced[out[0]!]![out[2]! * outDims[3]! + out[3]!] = src * width + j;
      }
    expect(produced).toEqual(halves);
  }

  it('torchvision: concat, shuffle(2), chunk(2) at every Table 5 stage width', () => {
    for (const w of [24, 48, 96, 58, 116, 232, 88, 122]) check(w, true, 'halves');
  });
  it('megvii: concat, even/odd split', () => {
    for (const w of [24, 58, 116]) check(w, false, 'evenOdd');
  });
  it('no transpose when the halves are the branch outputs themselves', () => {
    expect(pairView(10, false, 'halves')).toEqual({ view: null, perm: [] });
    expect(pairView(10, true, 'evenOdd')).toEqual({ view: null, perm: [] });
  });
  it('odd widths have no such transpose (the compiler then concatenates)', () => {
    expect(pairView(7, true, 'halves')).toBeNull();
  });
});
