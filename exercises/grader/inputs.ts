/**
 * Input builders shared by the exercises' checks: random tensors from the check's seeded RNG,
 * and "labelled" tensors whose values name their channel, which turn a channel-order mistake
 * into a readable list ([0, 3, 1, 4, 2, 5] against [0, 2, 4, 1, 3, 5]).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { CheckContext } from './engine.ts';

/** A float32 tensor of `shape` with values uniform in [lo, hi). */
export function randomTensor<R extends tfc.Rank>(
  ctx: CheckContext,
  shape: number[],
  lo = -1,
  hi = 1,
): tfc.Tensor<R> {
  const size = shape.reduce((a, b) => a * b, 1);
  const tensor: tfc.Tensor = ctx.tf.tensor(ctx.rng.floats(size, lo, hi), shape);
  return tensor as tfc.Tensor<R>;
}

/**
 * NHWC tensor where element [n, y, x, c] = c + 100 * (pixel index): channel c reads as c at the
 * first pixel, and no two elements are equal, so a wrong gather cannot pass by accident.
 */
export function channelLabels(
  ctx: CheckContext,
  shape: [number, number, number, number],
): tfc.Tensor4D {
  const [n, h, w, c] = shape;
  const data = new Float32Array(n * h * w * c);
  for (let i = 0; i < data.length; i++) data[i] = (i % c) + 100 * Math.floor(i / c);
  return ctx.tf.tensor4d(data, shape);
}

/** A random 32-bit seed for runtime helpers that take one (e.g. `randomWeights`). */
export function subSeed(ctx: CheckContext): number {
  return ctx.rng.int(0, 0xffffffff) >>> 0;
}
