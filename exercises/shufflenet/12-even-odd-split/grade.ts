/**
 * Checks for `splitEvenOdd` against the runtime (`runtime/ops.ts` splitEvenOdd and
 * channelShuffle) and the loop-based oracle of megvii's ShuffleNet V2 `channel_shuffle`.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { channelShuffle, splitEvenOdd } from '../../../runtime/ops.ts';
import { splitEvenOdd as oracleSplitEvenOdd } from '../../../runtime/oracle/index.ts';
import {
  exportedFunction,
  expectTensorClose,
  fail,
  type Check,
  type LearnerModule,
} from '../../grader/engine.ts';
import { channelLabels, randomTensor } from '../../grader/inputs.ts';

type SplitEvenOdd = (x: tfc.Tensor4D) => [tfc.Tensor4D, tfc.Tensor4D];

const EXACT = { atol: 0, rtol: 0 };

function split(learner: LearnerModule, x: tfc.Tensor4D): [unknown, unknown] {
  const result = exportedFunction<SplitEvenOdd>(learner, 'splitEvenOdd')(x);
  if (!Array.isArray(result) || result.length !== 2) {
    fail('splitEvenOdd should return a pair [even, odd]', '[even, odd]', String(result));
  }
  return result as [unknown, unknown];
}

export const checks: Check[] = [
  {
    name: '6 channels split into [0, 2, 4] and [1, 3, 5]',
    run(learner, ctx) {
      const x = channelLabels(ctx, [1, 1, 1, 6]);
      const [even, odd] = split(learner, x);
      const [expectedEven, expectedOdd] = splitEvenOdd(x);
      expectTensorClose(even, expectedEven, EXACT, 'even channels');
      expectTensorClose(odd, expectedOdd, EXACT, 'odd channels');
    },
  },
  {
    name: 'random NHWC tensors match the runtime',
    run(learner, ctx) {
      for (let i = 0; i < 3; i++) {
        const c = 2 * ctx.rng.int(1, 12);
        const x = randomTensor<tfc.Rank.R4>(ctx, [
          ctx.rng.int(1, 2),
          ctx.rng.int(1, 4),
          ctx.rng.int(1, 4),
          c,
        ]);
        const [even, odd] = split(learner, x);
        const [expectedEven, expectedOdd] = splitEvenOdd(x);
        expectTensorClose(even, expectedEven, EXACT, `even channels of x [${x.shape}]`);
        expectTensorClose(odd, expectedOdd, EXACT, `odd channels of x [${x.shape}]`);
      }
    },
  },
  {
    name: "matches the oracle of megvii's channel_shuffle (48 channels)",
    run(learner, ctx) {
      const shape: [number, number, number, number] = [1, 3, 2, 48];
      const x = randomTensor<tfc.Rank.R4>(ctx, shape);
      const [even, odd] = oracleSplitEvenOdd({ shape, data: x.dataSync() as Float32Array });
      const [actualEven, actualOdd] = split(learner, x);
      expectTensorClose(actualEven, ctx.tf.tensor(even.data, even.shape), EXACT, 'even channels');
      expectTensorClose(actualOdd, ctx.tf.tensor(odd.data, odd.shape), EXACT, 'odd channels');
    },
  },
  {
    name: 'equals a shuffle with C/2 groups followed by chunk(2)',
    run(learner, ctx) {
      const c = 2 * ctx.rng.int(3, 10);
      const x = randomTensor<tfc.Rank.R4>(ctx, [1, 2, 2, c]);
      const [first, second] = ctx.tf.split(channelShuffle(x, c / 2), 2, 3);
      const [even, odd] = split(learner, x);
      expectTensorClose(even, first!, EXACT, 'first half after the shuffle');
      expectTensorClose(odd, second!, EXACT, 'second half after the shuffle');
    },
  },
];
