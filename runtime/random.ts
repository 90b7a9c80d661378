/**
 * The project's one seeded random generator (mulberry32) and what is built on it: random weights,
 * training's streams, the graders' inputs, the demo's images, the oracle's test tensors and the
 * board's fuzz corpus all draw from here, so a seed means the same sequence everywhere. No tfjs
 * import: Node, browsers and workers load it alike.
 *
 * Training draws every random choice (initial weights, the data order of an epoch, the
 * augmentation of a step) from its own stream derived from (seed, purpose, index), so a run
 * resumed at step t makes exactly the choices an uninterrupted run makes there.
 */

/** mulberry32: a tiny 32-bit PRNG, uniform in [0, 1), identical on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes integers into one 32-bit seed (murmur3's finaliser on a running hash). */
export function deriveSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** n values uniform in [lo, hi), as float32. */
export function uniformFloats(n: number, rand: () => number, lo = 0, hi = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rand();
  return out;
}

/** Training's stream purposes, so that (seed, epoch) for the order never equals (seed, step) for a crop. */
export const STREAM = { init: 1, order: 2, augment: 3, subset: 4 } as const;

/** Standard normal draws by Box-Muller; 1 - rand() is in (0, 1], so the log is finite. */
export function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** A Fisher-Yates permutation of 0..n-1. */
export function permutation(n: number, rand: () => number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
