/**
 * Builds a micro-benchmark case of `cases.ts` as a tfjs forward pass with random weights, on
 * the current backend, through the runtime's one convolution path (`ops.ts`). Group
 * convolutions run as one convolution per group ('split'), the way that keeps their FLOPs at
 * hw c1 c2 / g: the block-diagonal form the runtime uses elsewhere would do g times the
 * arithmetic and hide exactly the cost G2 measures.
 */
import * as tf from '@tensorflow/tfjs-core';
import { disposeConvKernel, prepareConv, runConv, type ConvKernel } from '../ops.ts';
import { deriveSeed, mulberry32, uniformFloats } from '../random.ts';
import { labConfig, type LabCase, type LabOptions } from './cases.ts';

export interface BuiltCase {
  /** Input [1, size, size, channels]. */
  input: tf.Tensor4D;
  /** Runs the stacked blocks on `x`; the caller disposes the result. */
  forward(x: tf.Tensor4D): tf.Tensor4D;
  /** Frees the weights and the input. */
  dispose(): void;
}

export function buildCase(c: LabCase, options: LabOptions & { seed?: number } = {}): BuiltCase {
  const { size, blocks } = labConfig(options);
  const seed = options.seed ?? 0;
  const kernels: ConvKernel[][] = [];
  for (let b = 0; b < blocks; b++) {
    kernels.push(
      c.block.convs.map((cv, i) => {
        const n = cv.k * cv.k * (cv.inC / cv.groups) * cv.outC;
        // He-style uniform range keeps 10 stacked blocks from overflowing or vanishing.
        const bound = Math.sqrt(3 / (cv.k * cv.k * (cv.inC / cv.groups)));
        const rand = mulberry32(deriveSeed(seed, b, i));
        const filter = tf.tensor4d(uniformFloats(n, rand, -bound, bound), [
          cv.k,
          cv.k,
          cv.inC / cv.groups,
          cv.outC,
        ]);
        try {
          // prepareConv returns new tensors, so the raw filter is freed here.
          return prepareConv(filter, null, {
            inC: cv.inC,
            groups: cv.groups,
            stride: 1,
            pad: (cv.k - 1) / 2,
            method: 'split',
          });
        } finally {
          filter.dispose();
        }
      }),
    );
  }
  const inputRand = mulberry32(deriveSeed(seed, 7919));
  const input = tf.tensor4d(uniformFloats(size * size * c.channels, inputRand, -1, 1), [
    1,
    size,
    size,
    c.channels,
  ]);
  const block = c.block;
  const forward = (x: tf.Tensor4D): tf.Tensor4D =>
    tf.tidy(() => {
      let h = x;
      for (const ks of kernels) {
        if (block.kind === 'parallel') {
          h = tf.concat(
            ks.map((k, i) => runConv(h, k, block.convs[i]!.relu)),
            3,
          ) as tf.Tensor4D;
          continue;
        }
        let y = h;
        ks.forEach((k, i) => (y = runConv(y, k, block.convs[i]!.relu)));
        if (block.shortcut) y = tf.add(y, h);
        if (block.reluAfter) y = tf.relu(y);
        h = y;
      }
      return h;
    });
  return {
    input,
    forward,
    dispose() {
      input.dispose();
      kernels.flat().forEach(disposeConvKernel);
    },
  };
}
