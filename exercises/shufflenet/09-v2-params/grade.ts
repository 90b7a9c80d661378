/**
 * Checks for `shuffleNetV2Params` against the runtime's cost model (`runtime/cost.ts`) on the
 * architecture `runtime/arch.ts` builds (torchvision layout), for every width of [V2] Table 5.
 */
import { buildArch, type UnitOp } from '../../../runtime/arch.ts';
import { costOf } from '../../../runtime/cost.ts';
import {
  exportedFunction,
  expectEqual,
  type Check,
  type LearnerModule,
} from '../../grader/engine.ts';
import { unitsOf } from '../reference.ts';

type ShuffleNetV2Params = (channels: readonly number[], numClasses: number) => number;

/** [stage2, stage3, stage4, conv5] read back from the runtime's architecture. */
function channelsOf(width: number): number[] {
  const arch = buildArch({ version: 'v2', width });
  const stageOuts = unitsOf(arch.ops)
    .filter((u: UnitOp) => u.stride === 2)
    .map((u) => u.outC);
  const conv5 = arch.ops.find((op) => op.op === 'conv' && op.name === 'conv5.0');
  if (!conv5 || conv5.op !== 'conv') throw new Error('internal: conv5 missing');
  return [...stageOuts, conv5.outC];
}

function compare(learner: LearnerModule, width: number, numClasses: number) {
  const shuffleNetV2Params = exportedFunction<ShuffleNetV2Params>(learner, 'shuffleNetV2Params');
  const channels = channelsOf(width);
  const expected = costOf(buildArch({ version: 'v2', width, numClasses })).totals.params;
  const call = `shuffleNetV2Params([${channels.join(', ')}], ${numClasses})`;
  expectEqual(shuffleNetV2Params(channels, numClasses), expected, call);
  return expected;
}

export const checks: Check[] = [
  {
    name: 'ShuffleNet V2 0.5x with 1000 classes has 1,366,792 parameters (torchvision)',
    run(learner) {
      compare(learner, 0.5, 1000);
    },
  },
  {
    name: 'ShuffleNet V2 1x, 1.5x and 2x with 1000 classes',
    run(learner) {
      const totals = [1, 1.5, 2].map((width) => compare(learner, width, 1000));
      return totals.join(', ');
    },
  },
  {
    name: 'random class counts (the classifier has a bias)',
    run(learner, ctx) {
      for (let i = 0; i < 3; i++) {
        compare(learner, ctx.rng.pick([0.5, 1, 1.5, 2]), ctx.rng.int(2, 5000));
      }
    },
  },
];
