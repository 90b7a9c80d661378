/**
 * The runtime demo's protocol and arithmetic: what the page asks the runtime worker, what it
 * answers, and how the answers are compared. No tfjs here, so the island stays light.
 */
import { mulberry32, uniformFloats } from '../../../runtime/random.ts';
import type { ArchOptions } from '../../../runtime/arch.ts';
import type { BrowserBackend } from '../../tf/tf-browser.ts';

export interface ForwardRequest {
  id: number;
  backend: BrowserBackend;
  options: ArchOptions;
  /** Seed of the random weights and of the random input image. */
  seed: number;
}

export type ForwardResponse =
  | {
      id: number;
      ok: true;
      backend: BrowserBackend;
      logits: Float32Array;
      /** Median wall time of the timed forward passes, after one warm-up pass. */
      ms: number;
      /** Tensors alive after the run minus before: 0 unless the runtime leaks. */
      leakedTensors: number;
    }
  | { id: number; ok: false; backend: BrowserBackend; message: string };

/** Largest absolute element-wise difference; throws when the lengths differ. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new Error(`cannot compare ${a.length} values with ${b.length}`);
  }
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Indices of the k largest values, largest first. */
export function topK(values: ArrayLike<number>, k: number): number[] {
  return Array.from(values, (_, i) => i)
    .sort((i, j) => values[j]! - values[i]! || i - j)
    .slice(0, k);
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A deterministic pseudo-random image in [0, 1) (mulberry32), so every backend sees the same. */
export function randomImage(length: number, seed: number): Float32Array {
  return uniformFloats(length, mulberry32(seed));
}
