/**
 * Checks for `channelShuffle` against the runtime (`runtime/ops.ts`) and the loop-based oracle
 * (`runtime/oracle/channels.ts`). Channel counts are chosen so that C != g*g: there the inverse
 * permutation (megvii's V1 shuffle) differs from torchvision's, so the wrong direction fails.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { channelShuffle as runtimeShuffle } from '../../../runtime/ops.ts';
import { channelShuffle as oracleShuffle } from '../../../runtime/oracle/index.ts';
import {
  exportedFunction,
  expectTensorClose,
  type Check,
  type CheckContext,
  type LearnerModule,
} from '../../grader/engine.ts';
import { channelLabels, randomTensor } from '../../grader/inputs.ts';

type ChannelShuffle = (x: tfc.Tensor4D, groups: number) => tfc.Tensor4D;

function shuffleOf(learner: LearnerModule): ChannelShuffle {
  return exportedFunction<ChannelShuffle>(learner, 'channelShuffle');
}

/** Compares with the runtime on a random tensor of `shape`. */
function againstRuntime(
  learner: LearnerModule,
  ctx: CheckContext,
  shape: [number, number, number, number],
  groups: number,
) {
  const x = randomTensor<tfc.Rank.R4>(ctx, shape);
  const expected = runtimeShuffle(x, groups);
  expectTensorClose(
    shuffleOf(learner)(x, groups),
    expected,
    { atol: 0, rtol: 0 },
    `channelShuffle(x ${JSON.stringify(shape)}, ${groups})`,
  );
}

export const checks: Check[] = [
  {
    name: 'shuffles 6 channels in 2 groups into [0, 3, 1, 4, 2, 5]',
    run(learner, ctx) {
      // Channel labels: each value is its input channel, so the output row reads as the permutation.
      const x = channelLabels(ctx, [1, 1, 1, 6]);
      expectTensorClose(
        shuffleOf(learner)(x, 2),
        runtimeShuffle(x, 2),
        { atol: 0, rtol: 0 },
        'channel order',
      );
    },
  },
  {
    name: 'shuffles 12 channels in 3 groups (4 per group: the inverse permutation differs)',
    run(learner, ctx) {
      const x = channelLabels(ctx, [1, 1, 1, 12]);
      expectTensorClose(
        shuffleOf(learner)(x, 3),
        runtimeShuffle(x, 3),
        { atol: 0, rtol: 0 },
        'channel order',
      );
    },
  },
  {
    name: 'random NHWC tensors, batch and spatial positions kept apart',
    run(learner, ctx) {
      for (let i = 0; i < 3; i++) {
        const groups = ctx.rng.pick([2, 3, 4]);
        // perGroup != groups, so C != g*g.
        const perGroup = ctx.rng.pick([1, 2, 3, 5, 6].filter((p) => p !== groups));
        againstRuntime(
          learner,
          ctx,
          [ctx.rng.int(1, 2), ctx.rng.int(1, 4), ctx.rng.int(1, 4), groups * perGroup],
          groups,
        );
      }
    },
  },
  {
    name: 'matches the loop-based oracle (8 channels, 2 groups)',
    run(learner, ctx) {
      const shape: [number, number, number, number] = [2, 3, 2, 8];
      const x = randomTensor<tfc.Rank.R4>(ctx, shape);
      const expected = oracleShuffle({ shape, data: x.dataSync() as Float32Array }, 2);
      const expectedTensor = ctx.tf.tensor(expected.data, expected.shape);
      expectTensorClose(
        shuffleOf(learner)(x, 2),
        expectedTensor,
        { atol: 0, rtol: 0 },
        'channelShuffle(x, 2)',
      );
    },
  },
  {
    name: 'groups = 1 and groups = C leave the channels in place',
    run(learner, ctx) {
      const x = randomTensor<tfc.Rank.R4>(ctx, [1, 2, 2, 5]);
      expectTensorClose(shuffleOf(learner)(x, 1), x, { atol: 0, rtol: 0 }, 'channelShuffle(x, 1)');
      expectTensorClose(shuffleOf(learner)(x, 5), x, { atol: 0, rtol: 0 }, 'channelShuffle(x, 5)');
    },
  },
];
