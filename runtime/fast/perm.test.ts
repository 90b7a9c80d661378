import { describe, expect, it } from 'vitest';
import {
  blockDiagonal,
  compose,
  invert,
  isIdentity,
  permuteColumns,
  permuteRows,
  shuffleMap,
  selectColumns,
  splitGroups,
  transposeFor,
  type HwioFilter,
} from './perm.ts';
import { planStage } from './stage.ts';

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

  it('selectColumns keeps the chosen outputs in the chosen order', () => {
    const f = filter(3, 4);
    const x = [1, 2, -1];
    expect(apply(selectColumns(f, [3, 0]), x)).toEqual([apply(f, x)[3], apply(f, x)[0]]);
  });

  it('transposeFor recognises a shuffle order and rejects others', () => {
    // Stored in shuffle order (s^-1 of the true order): one transpose restores it.
    expect(transposeFor(invert(shuffleMap(12, 3)))).not.toBeNull();
    expect(transposeFor([1, 0, 2, 3])).toBeNull();
  });
});

describe('planStage (where each branch output channel goes in a V2 stage)', () => {
  /**
   * Reference: runs the stage on symbolic channels ("producer:channel" labels) with the
   * architecture's own split / concat / shuffle, and records what each unit's branch reads.
   */
  function simulate(widths: [number, number], units: number, tv: boolean) {
    const label = (p: number, c: number) => `${p}:${c}`;
    let x = [
      ...Array.from({ length: widths[0] }, (_, c) => label(0, c)),
      ...Array.from({ length: widths[1] }, (_, c) => label(1, c)),
    ];
    const shuffle = (v: string[]) => {
      const s = shuffleMap(v.length, 2);
      const out = new Array<string>(v.length);
      v.forEach((ch, c) => (out[s[c]!] = ch));
      return out;
    };
    if (tv) x = shuffle(x);
    const reads: string[][] = [];
    for (let u = 0; u < units; u++) {
      const half = x.length / 2;
      const pass = tv ? x.slice(0, half) : x.filter((_, i) => i % 2 === 0);
      const branch = tv ? x.slice(half) : x.filter((_, i) => i % 2 === 1);
      reads.push(branch);
      const out = [...pass, ...Array.from({ length: half }, (_, c) => label(2 + u, c))];
      x = tv ? shuffle(out) : out;
    }
    return { reads, output: x };
  }

  for (const [widths, units, layout] of [
    [[58, 58], 3, 'torchvision'],
    [[116, 116], 7, 'torchvision'],
    [[24, 24], 3, 'torchvision'],
    [[24, 92], 3, 'megvii'],
    [[116, 116], 7, 'megvii'],
  ] as const) {
    it(`${layout} ${widths.join('+')} with ${units} stride-1 units`, () => {
      const plan = planStage({ firstWidths: [...widths], units, layout });
      const ref = simulate([...widths], units, layout === 'torchvision');
      const gather = (ids: number[]) => {
        // Position index -> label, from the pieces concatenated in order.
        const out: string[] = [];
        for (const id of ids) {
          const p = plan.pieces[id]!;
          p.channels.forEach((c, k) => (out[p.indices[k]!] = `${p.producer}:${c}`));
        }
        return out;
      };
      plan.inputs.forEach((ids, u) => expect(gather(ids)).toEqual(ref.reads[u]));
      expect(gather(plan.output)).toEqual(ref.output);
      // Every producer channel lands exactly once.
      const total = plan.pieces.reduce((s, p) => s + p.channels.length, 0);
      expect(total).toBe(widths[0] + widths[1] + units * ((widths[0] + widths[1]) / 2));
    });
  }
});
