/**
 * Checks for `foldShuffleIntoConv` against the runtime's `conv2d` and `channelShuffle`
 * (`runtime/ops.ts`): conv(x, folded) must equal conv(shuffle(x), filter). Channel counts are
 * not g*g, where the shuffle is its own inverse and the wrong direction would pass.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { channelShuffle, conv2d } from '../../../runtime/ops.ts';
import {
  exportedFunction,
  expectShape,
  expectTensor,
  expectTensorClose,
  type Check,
  type CheckContext,
  type LearnerModule,
} from '../../grader/engine.ts';
import { randomTensor } from '../../grader/inputs.ts';

type FoldShuffleIntoConv = (filter: tfc.Tensor4D, groups: number) => tfc.Tensor4D;

function foldOf(learner: LearnerModule) {
  return exportedFunction<FoldShuffleIntoConv>(learner, 'foldShuffleIntoConv');
}

function equivalence(
  learner: LearnerModule,
  ctx: CheckContext,
  c: number,
  groups: number,
  k: number,
) {
  const out = ctx.rng.int(2, 6);
  const x = randomTensor<tfc.Rank.R4>(ctx, [1, ctx.rng.int(2, 5), ctx.rng.int(2, 5), c]);
  const filter = randomTensor<tfc.Rank.R4>(ctx, [k, k, c, out]);
  const pad = (k - 1) / 2;
  const expected = conv2d(channelShuffle(x, groups), filter, { pad });
  const folded = foldOf(learner)(filter, groups);
  const call = `conv(x, foldShuffleIntoConv(filter [${filter.shape}], ${groups}))`;
  expectTensorClose(conv2d(x, folded, { pad }), expected, { atol: 1e-4, rtol: 1e-4 }, call);
}

export const checks: Check[] = [
  {
    name: 'rows follow the inverse permutation: 6 channels, 2 groups',
    run(learner, ctx) {
      const { tf } = ctx;
      // Row c of a [1, 1, 6, 1] filter holds c, so the folded filter lists which row moved where.
      const labels = tf.tensor4d([0, 1, 2, 3, 4, 5], [1, 1, 6, 1]);
      // Derived from the runtime's shuffle: shuffling the channels of a labelled input and
      // reading where each label lands gives, per source channel, its shuffled position.
      const shuffled = channelShuffle(tf.tensor4d([0, 1, 2, 3, 4, 5], [1, 1, 1, 6]), 2);
      const order = Array.from(shuffled.dataSync());
      const positions = order.map((_, s) => order.indexOf(s));
      const expected = tf.tensor4d(positions, [1, 1, 1, 6]);
      const actual = expectTensor(foldOf(learner)(labels, 2), 'foldShuffleIntoConv') as tfc.Tensor;
      expectShape(actual, [1, 1, 6, 1], 'foldShuffleIntoConv(filter [1, 1, 6, 1], 2)');
      const rows = tf.reshape(actual, [1, 1, 1, 6]);
      expectTensorClose(rows, expected, { atol: 0, rtol: 0 }, 'row order of the folded filter');
    },
  },
  {
    name: '1x1 convolution after a shuffle of 12 channels in 3 groups',
    run(learner, ctx) {
      equivalence(learner, ctx, 12, 3, 1);
    },
  },
  {
    name: '3x3 convolution after a shuffle of random non-square channel counts',
    run(learner, ctx) {
      for (let i = 0; i < 3; i++) {
        const groups = ctx.rng.pick([2, 3, 4]);
        const perGroup = ctx.rng.pick([1, 3, 5, 6].filter((p) => p !== groups));
        equivalence(learner, ctx, groups * perGroup, groups, 3);
      }
    },
  },
  {
    name: 'ShuffleNet V2 shape: 2 groups of 24 channels before a 1x1 convolution',
    run(learner, ctx) {
      equivalence(learner, ctx, 48, 2, 1);
    },
  },
];
