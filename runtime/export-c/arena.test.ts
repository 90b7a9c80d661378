import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random.ts';
import { planArena, type Lifetime } from './arena.ts';

function overlaps(a: Lifetime, b: Lifetime): boolean {
  return a.first <= b.last && b.first <= a.last;
}

describe('planArena', () => {
  it('never lets two buffers alive at the same time share a byte', () => {
    const rand = mulberry32(9);
    for (let trial = 0; trial < 200; trial++) {
      const buffers: Lifetime[] = Array.from({ length: 12 }, () => {
        const first = Math.floor(rand() * 20);
        return { size: 1 + Math.floor(rand() * 1000), first, last: first + Math.floor(rand() * 6) };
      });
      const { offsets, size } = planArena(buffers);
      buffers.forEach((a, i) => {
        expect(offsets[i]! % 4).toBe(0);
        expect(offsets[i]! + a.size).toBeLessThanOrEqual(size);
        buffers.forEach((b, j) => {
          if (i < j && overlaps(a, b)) {
            const apart =
              offsets[i]! + a.size <= offsets[j]! || offsets[j]! + b.size <= offsets[i]!;
            expect(apart, `buffers ${i} and ${j}`).toBe(true);
          }
        });
      });
    }
  });

  it('reuses the bytes of buffers that are dead', () => {
    // A chain a -> b -> c: a and c never live together, so they share offset 0.
    const plan = planArena([
      { size: 100, first: 0, last: 1 },
      { size: 50, first: 1, last: 2 },
      { size: 100, first: 2, last: 3 },
    ]);
    expect(plan.offsets).toEqual([0, 100, 0]);
    expect(plan.size).toBe(152); // 150 rounded up to the 4-byte alignment
  });
});
