/**
 * A small seeded random generator for checks. Graders draw their inputs from it, so a run is
 * reproducible from its seed while a hard-coded answer cannot pass (the inputs change with the
 * seed). The generator is the runtime's mulberry32 (runtime/random.ts): 32-bit state, good
 * enough for test inputs, identical in every JS engine.
 */
import { mulberry32, uniformFloats } from '../../runtime/random.ts';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** An integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** n values uniform in [lo, hi), as float32 (what tfjs stores). */
  floats(n: number, lo?: number, hi?: number): Float32Array;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * next();
  return {
    next,
    uniform,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('rng.pick needs a non-empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    floats: (n, lo = -1, hi = 1) => uniformFloats(n, next, lo, hi),
  };
}

/**
 * A seed for one check derived from the run's seed and the check's position, so that adding a
 * check does not change the inputs of the checks before it (FNV-1a over both).
 */
export function deriveSeed(runSeed: number, index: number): number {
  let hash = 0x811c9dc5;
  for (const value of [runSeed >>> 0, index >>> 0]) {
    for (let shift = 0; shift < 32; shift += 8) {
      hash ^= (value >>> shift) & 0xff;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return hash;
}

/** A fresh seed for a run that was not given one. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x100000000) >>> 0;
}
