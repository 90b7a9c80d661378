/**
 * Checks for `groupConv2d` against the runtime's `conv2d` (`runtime/ops.ts`, PyTorch semantics)
 * and the loop-based oracle (`runtime/oracle/conv.ts`), on random inputs and filters. cin and
 * cout differ so that pairing the wrong slices changes the shape or the values.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { conv2d } from '../../../runtime/ops.ts';
import { conv2d as oracleConv2d } from '../../../runtime/oracle/index.ts';
import { hwioToOihw } from '../../../runtime/weights.ts';
import {
  exportedFunction,
  expectTensorClose,
  type Check,
  type CheckContext,
  type LearnerModule,
} from '../../grader/engine.ts';
import { randomTensor } from '../../grader/inputs.ts';

type GroupConv2d = (x: tfc.Tensor4D, w: tfc.Tensor4D, groups: number) => tfc.Tensor4D;

/** Float32 sums in a different order (split vs loops, XNNPACK in a browser) differ slightly. */
const TOLERANCE = { atol: 1e-4, rtol: 1e-4 };

function compare(
  learner: LearnerModule,
  ctx: CheckContext,
  cin: number,
  cout: number,
  k: number,
  groups: number,
) {
  const groupConv2d = exportedFunction<GroupConv2d>(learner, 'groupConv2d');
  const size = ctx.rng.int(3, 6);
  const x = randomTensor<tfc.Rank.R4>(ctx, [ctx.rng.int(1, 2), size, size + 1, cin]);
  const w = randomTensor<tfc.Rank.R4>(ctx, [k, k, cin / groups, cout]);
  const expected = conv2d(x, w, { groups, pad: (k - 1) / 2 });
  const call = `groupConv2d(x [${x.shape}], w [${w.shape}], ${groups})`;
  expectTensorClose(groupConv2d(x, w, groups), expected, TOLERANCE, call);
}

export const checks: Check[] = [
  {
    name: 'dense 3x3 convolution (groups = 1)',
    run(learner, ctx) {
      compare(learner, ctx, ctx.rng.int(2, 5), ctx.rng.int(2, 5), 3, 1);
    },
  },
  {
    name: '1x1 group convolution, 2 groups, cin != cout',
    run(learner, ctx) {
      compare(learner, ctx, 4, 6, 1, 2);
    },
  },
  {
    name: '3x3 group convolutions with 3 and 4 groups',
    run(learner, ctx) {
      compare(learner, ctx, 6, 9, 3, 3);
      compare(learner, ctx, 8, 4 * ctx.rng.int(1, 3), 3, 4);
    },
  },
  {
    name: '5x5 group convolution keeps the spatial size (same padding)',
    run(learner, ctx) {
      compare(learner, ctx, 6, 4, 5, 2);
    },
  },
  {
    name: 'depthwise convolution (groups = cin = cout)',
    run(learner, ctx) {
      const c = ctx.rng.int(3, 6);
      compare(learner, ctx, c, c, 3, c);
    },
  },
  {
    name: 'matches the loop-based oracle (PyTorch Conv2d with groups)',
    run(learner, ctx) {
      const groupConv2d = exportedFunction<GroupConv2d>(learner, 'groupConv2d');
      const [cin, cout, groups] = ctx.rng.pick([
        [6, 4, 2],
        [6, 12, 3],
      ] as const);
      const x = randomTensor<tfc.Rank.R4>(ctx, [1, 4, 5, cin]);
      const w = randomTensor<tfc.Rank.R4>(ctx, [3, 3, cin / groups, cout]);
      const oihw = hwioToOihw({ shape: w.shape, data: w.dataSync() as Float32Array });
      const xData = { shape: x.shape, data: x.dataSync() as Float32Array };
      const expected = oracleConv2d(xData, oihw, { stride: 1, pad: 1, groups });
      const call = `groupConv2d(x [${x.shape}], w [${w.shape}], ${groups})`;
      expectTensorClose(
        groupConv2d(x, w, groups),
        ctx.tf.tensor(expected.data, expected.shape),
        TOLERANCE,
        call,
      );
    },
  },
];
