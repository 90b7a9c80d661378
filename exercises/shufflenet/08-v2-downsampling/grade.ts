/**
 * Checks for `v2UnitStride2` against the runtime's executor and the loop-based oracle of
 * torchvision's stride-2 unit, with seeded random weights (BatchNorms folded by the runtime's
 * `foldBatchNorm`). Even input sizes expose TF-style 'same' padding, which PyTorch does not use.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import {
  exportedFunction,
  expectTensorClose,
  type Check,
  type CheckContext,
  type LearnerModule,
} from '../../grader/engine.ts';
import { randomTensor, subSeed } from '../../grader/inputs.ts';
import { v2UnitFixture, type FoldedConv, type UnitFixture } from '../reference.ts';

interface DownsamplingParams {
  branch1: { depthwise: FoldedConv; project: FoldedConv };
  branch2: { expand: FoldedConv; depthwise: FoldedConv; project: FoldedConv };
}
type V2UnitStride2 = (x: tfc.Tensor4D, params: DownsamplingParams) => tfc.Tensor4D;

const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };

function paramsOf(fixture: UnitFixture): DownsamplingParams {
  const name = fixture.unit.name;
  return {
    branch1: {
      depthwise: fixture.folded(`${name}.branch1.0`),
      project: fixture.folded(`${name}.branch1.2`),
    },
    branch2: {
      expand: fixture.folded(`${name}.branch2.0`),
      depthwise: fixture.folded(`${name}.branch2.3`),
      project: fixture.folded(`${name}.branch2.5`),
    },
  };
}

function compare(
  learner: LearnerModule,
  ctx: CheckContext,
  width: number,
  unit: string,
  size: [number, number],
  reference: 'runtime' | 'oracle',
) {
  const v2UnitStride2 = exportedFunction<V2UnitStride2>(learner, 'v2UnitStride2');
  const fixture = v2UnitFixture(ctx.tf, width, unit, subSeed(ctx));
  const x = randomTensor<tfc.Rank.R4>(ctx, [ctx.rng.int(1, 2), ...size, fixture.unit.inC]);
  const expected = reference === 'runtime' ? fixture.runtime(x) : fixture.oracle(x);
  const call = `v2UnitStride2(x [${x.shape}], ${unit} of V2 ${width}x)`;
  expectTensorClose(v2UnitStride2(x, paramsOf(fixture)), expected, TOLERANCE, call);
}

/** An even size in [4, 10]: where 'same' and PyTorch padding disagree for stride 2. */
function even(ctx: CheckContext): number {
  return 2 * ctx.rng.int(2, 5);
}

export const checks: Check[] = [
  {
    name: 'matches the runtime on stage2.0 of V2 0.5x (24 -> 48 channels, even size)',
    run(learner, ctx) {
      compare(learner, ctx, 0.5, 'stage2.0', [even(ctx), even(ctx)], 'runtime');
    },
  },
  {
    name: 'odd sizes round up: 7x5 becomes 4x3',
    run(learner, ctx) {
      compare(learner, ctx, 0.5, 'stage2.0', [7, 5], 'runtime');
    },
  },
  {
    name: 'matches the oracle (torchvision InvertedResidual) on stage3.0 of V2 0.5x (48 -> 96)',
    run(learner, ctx) {
      compare(learner, ctx, 0.5, 'stage3.0', [even(ctx), 6], 'oracle');
    },
  },
  {
    name: 'matches the runtime on stage3.0 of V2 1x (116 -> 232 channels)',
    run(learner, ctx) {
      compare(learner, ctx, 1, 'stage3.0', [4, even(ctx)], 'runtime');
    },
  },
];
