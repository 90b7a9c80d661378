/**
 * Checks for `v2UnitStride1` against the runtime's executor (`runtime/model.ts` compileOps on a
 * unit of `runtime/arch.ts`) and the loop-based oracle of torchvision's unit, with seeded random
 * weights whose BatchNorms the grader folds with the runtime's `foldBatchNorm`.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import {
  exportedFunction,
  expectShape,
  expectTensor,
  expectTensorClose,
  type Check,
  type CheckContext,
  type LearnerModule,
} from '../../grader/engine.ts';
import { randomTensor, subSeed } from '../../grader/inputs.ts';
import { v2UnitFixture, type FoldedConv, type UnitFixture } from '../reference.ts';

interface BranchParams {
  expand: FoldedConv;
  depthwise: FoldedConv;
  project: FoldedConv;
}
type V2UnitStride1 = (x: tfc.Tensor4D, branch: BranchParams) => tfc.Tensor4D;

/** Float32 sums in a different order (fused kernels, XNNPACK in a browser) differ slightly. */
const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };

function branchOf(fixture: UnitFixture): BranchParams {
  const prefix = `${fixture.unit.name}.branch2`;
  return {
    expand: fixture.folded(`${prefix}.0`),
    depthwise: fixture.folded(`${prefix}.3`),
    project: fixture.folded(`${prefix}.5`),
  };
}

function setup(learner: LearnerModule, ctx: CheckContext, width: number, unit: string) {
  const v2UnitStride1 = exportedFunction<V2UnitStride1>(learner, 'v2UnitStride1');
  const fixture = v2UnitFixture(ctx.tf, width, unit, subSeed(ctx));
  const c = fixture.unit.inC;
  const x = randomTensor<tfc.Rank.R4>(ctx, [
    ctx.rng.int(1, 2),
    ctx.rng.int(3, 6),
    ctx.rng.int(3, 6),
    c,
  ]);
  const run = () => v2UnitStride1(x, branchOf(fixture));
  return { fixture, x, run, call: `v2UnitStride1(x [${x.shape}], ${unit} of V2 ${width}x)` };
}

export const checks: Check[] = [
  {
    name: 'matches the runtime on stage2.1 of ShuffleNet V2 0.5x (48 channels)',
    run(learner, ctx) {
      const { fixture, x, run, call } = setup(learner, ctx, 0.5, 'stage2.1');
      expectTensorClose(run(), fixture.runtime(x), TOLERANCE, call);
    },
  },
  {
    name: 'passes the first half through: output channels 0, 2, 4, ... are the input first half',
    run(learner, ctx) {
      const { x, run, call } = setup(learner, ctx, 0.5, 'stage2.2');
      const { tf } = ctx;
      const out = expectTensor(run(), call) as tfc.Tensor4D;
      expectShape(out, x.shape, call);
      // After concat([identity, branch]) and a 2-group shuffle, even channels hold the identity.
      const c = x.shape[3];
      const evens = tf.tensor1d(
        Array.from({ length: c / 2 }, (_, i) => 2 * i),
        'int32',
      );
      const identity = tf.split(x, 2, 3)[0]!;
      expectTensorClose(
        tf.gather(out, evens, 3),
        identity,
        { atol: 1e-6, rtol: 0 },
        `${call}, even channels`,
      );
    },
  },
  {
    name: 'matches the oracle (torchvision InvertedResidual, BatchNorm unfolded) at 96 channels',
    run(learner, ctx) {
      const { fixture, x, run, call } = setup(learner, ctx, 0.5, 'stage3.1');
      expectTensorClose(run(), fixture.oracle(x), TOLERANCE, call);
    },
  },
  {
    name: 'matches the runtime on stage2.3 of ShuffleNet V2 1x (116 channels)',
    run(learner, ctx) {
      const { fixture, x, run, call } = setup(learner, ctx, 1, 'stage2.3');
      expectTensorClose(run(), fixture.runtime(x), TOLERANCE, call);
    },
  },
];
