/**
 * Checks for `foldBatchNorm` against the runtime's `foldBatchNorm` and its unfolded
 * `convBnRelu` (`runtime/ops.ts`), with random BatchNorm statistics, including running variances
 * small enough that a missing or wrong epsilon (tfjs's 1e-3 default) changes the result.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { conv2d, convBnRelu, foldBatchNorm, type BatchNormParams } from '../../../runtime/ops.ts';
import {
  exportedFunction,
  expectShape,
  expectTensor,
  expectTensorClose,
  fail,
  type Check,
  type CheckContext,
  type LearnerModule,
} from '../../grader/engine.ts';
import { randomTensor } from '../../grader/inputs.ts';

type Folded = { filter: tfc.Tensor4D; bias: tfc.Tensor1D };
type FoldBatchNorm = (filter: tfc.Tensor4D, bn: BatchNormParams) => Folded;

const TOLERANCE = { atol: 1e-5, rtol: 1e-4 };

/** Random BN statistics for `channels`; `varRange` sets how small the variances get. */
function randomBn(
  ctx: CheckContext,
  channels: number,
  varRange: [number, number],
): BatchNormParams {
  return {
    weight: randomTensor<tfc.Rank.R1>(ctx, [channels], 0.5, 1.5),
    bias: randomTensor<tfc.Rank.R1>(ctx, [channels], -0.5, 0.5),
    runningMean: randomTensor<tfc.Rank.R1>(ctx, [channels], -0.5, 0.5),
    runningVar: randomTensor<tfc.Rank.R1>(ctx, [channels], ...varRange),
  };
}

function fold(learner: LearnerModule, filter: tfc.Tensor4D, bn: BatchNormParams, call: string) {
  const result = exportedFunction<FoldBatchNorm>(learner, 'foldBatchNorm')(filter, bn);
  if (typeof result !== 'object' || result === null) {
    fail(`${call} should return { filter, bias }`, '{ filter, bias }', String(result));
  }
  return {
    filter: expectTensor(result.filter, `${call}.filter`) as tfc.Tensor4D,
    bias: expectTensor(result.bias, `${call}.bias`) as tfc.Tensor1D,
  };
}

function compareWithRuntime(
  learner: LearnerModule,
  ctx: CheckContext,
  shape: [number, number, number, number],
  varRange: [number, number],
) {
  const filter = randomTensor<tfc.Rank.R4>(ctx, shape);
  const bn = randomBn(ctx, shape[3], varRange);
  const call = `foldBatchNorm(filter [${shape}], bn)`;
  const actual = fold(learner, filter, bn, call);
  const expected = foldBatchNorm(filter, bn);
  expectTensorClose(actual.filter, expected.filter, TOLERANCE, `${call}.filter`);
  expectTensorClose(actual.bias, expected.bias, TOLERANCE, `${call}.bias`);
}

export const checks: Check[] = [
  {
    name: 'folded filter and bias of a 1x1 convolution match the runtime',
    run(learner, ctx) {
      compareWithRuntime(learner, ctx, [1, 1, ctx.rng.int(2, 8), ctx.rng.int(2, 8)], [0.5, 2]);
    },
  },
  {
    name: 'tiny running variances: PyTorch epsilon 1e-5 (not 0, not tfjs 1e-3)',
    run(learner, ctx) {
      compareWithRuntime(learner, ctx, [3, 3, 4, 6], [1e-6, 1e-4]);
    },
  },
  {
    name: 'grouped filter [3, 3, in/groups, out]: one scale per output channel (last axis)',
    run(learner, ctx) {
      compareWithRuntime(learner, ctx, [3, 3, 2, 6], [0.1, 2]);
    },
  },
  {
    name: 'convolution with the folded weights equals convolution then BatchNorm',
    run(learner, ctx) {
      const groups = ctx.rng.pick([1, 2]);
      const [cin, cout] = [4, 6];
      const x = randomTensor<tfc.Rank.R4>(ctx, [1, 5, 5, cin]);
      const filter = randomTensor<tfc.Rank.R4>(ctx, [3, 3, cin / groups, cout]);
      const bn = randomBn(ctx, cout, [1e-4, 1]);
      const folded = fold(learner, filter, bn, 'foldBatchNorm(filter, bn)');
      expectShape(folded.filter, filter.shape, 'folded filter');
      expectShape(folded.bias, [cout], 'folded bias');
      const options = { groups, pad: 1 };
      const expected = convBnRelu(x, filter, bn, { ...options, relu: false });
      const actual = conv2d(x, folded.filter, { ...options, bias: folded.bias });
      expectTensorClose(actual, expected, { atol: 1e-4, rtol: 1e-4 }, 'conv(x, folded) + bias');
    },
  },
];
