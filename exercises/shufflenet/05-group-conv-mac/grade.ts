/**
 * Checks for `groupPointwiseMac` and `channelsForFlops` against the runtime's cost model
 * (`runtime/cost.ts`), including a fixed-FLOPs comparison across group counts in the manner of [V2] Table 2 (G2).
 */
import {
  exportedFunction,
  expectClose,
  type Check,
  type LearnerModule,
} from '../../grader/engine.ts';
import { convOp, costOfOps } from '../reference.ts';

type GroupPointwiseMac = (h: number, w: number, c1: number, c2: number, groups: number) => number;
type ChannelsForFlops = (h: number, w: number, flops: number, groups: number) => number;

/** Exact for integers; c1*c2/g may be fractional in the learner's formula, so allow rounding. */
const EXACT = { atol: 1e-6, rtol: 1e-12 };

function row(h: number, w: number, c1: number, c2: number, groups: number) {
  return costOfOps([convOp(c1, c2, 1, groups)], [h, w, c1]).rows[0]!;
}

function macOf(learner: LearnerModule) {
  return exportedFunction<GroupPointwiseMac>(learner, 'groupPointwiseMac');
}

function widthOf(learner: LearnerModule) {
  return exportedFunction<ChannelsForFlops>(learner, 'channelsForFlops');
}

export const checks: Check[] = [
  {
    name: 'groupPointwiseMac with 1 group is the dense MAC',
    run(learner, ctx) {
      const [h, w, c1, c2] = [
        ctx.rng.int(1, 28),
        ctx.rng.int(1, 28),
        ctx.rng.int(1, 256),
        ctx.rng.int(1, 256),
      ];
      const call = `groupPointwiseMac(${h}, ${w}, ${c1}, ${c2}, 1)`;
      expectClose(macOf(learner)(h, w, c1, c2, 1), row(h, w, c1, c2, 1).memoryAccess, EXACT, call);
    },
  },
  {
    name: 'groupPointwiseMac for random group convolutions',
    run(learner, ctx) {
      for (let i = 0; i < 6; i++) {
        const g = ctx.rng.pick([2, 3, 4, 8]);
        const [h, w] = [ctx.rng.int(1, 28), ctx.rng.int(1, 28)];
        const [c1, c2] = [g * ctx.rng.int(1, 40), g * ctx.rng.int(1, 40)];
        const call = `groupPointwiseMac(${h}, ${w}, ${c1}, ${c2}, ${g})`;
        expectClose(
          macOf(learner)(h, w, c1, c2, g),
          row(h, w, c1, c2, g).memoryAccess,
          EXACT,
          call,
        );
      }
    },
  },
  {
    name: 'channelsForFlops recovers the width of a group convolution from its FLOPs',
    run(learner, ctx) {
      for (let i = 0; i < 6; i++) {
        const g = ctx.rng.pick([1, 2, 3, 4, 8]);
        const c = g * ctx.rng.int(1, 64);
        const [h, w] = [ctx.rng.int(1, 28), ctx.rng.int(1, 28)];
        const flops = row(h, w, c, c, g).macs;
        const call = `channelsForFlops(${h}, ${w}, ${flops}, ${g})`;
        expectClose(widthOf(learner)(h, w, flops, g), c, { atol: 1e-6, rtol: 1e-9 }, call);
      }
    },
  },
  {
    name: 'same FLOPs with 1, 4 and 16 groups: wider layers, more MAC (G2, as in [V2] Table 2)',
    run(learner, ctx) {
      const [h, w] = [ctx.rng.int(7, 56), ctx.rng.int(7, 56)];
      const c0 = 16 * ctx.rng.int(1, 8);
      const flops = row(h, w, c0, c0, 1).macs;
      const macs: number[] = [];
      for (const [g, scale] of [
        [1, 1],
        [4, 2],
        [16, 4],
      ] as const) {
        const c = c0 * scale;
        const width = widthOf(learner)(h, w, flops, g);
        expectClose(
          width,
          c,
          { atol: 1e-6, rtol: 1e-9 },
          `channelsForFlops(${h}, ${w}, ${flops}, ${g})`,
        );
        const expected = row(h, w, c, c, g).memoryAccess;
        expectClose(
          macOf(learner)(h, w, c, c, g),
          expected,
          EXACT,
          `groupPointwiseMac(${h}, ${w}, ${c}, ${c}, ${g})`,
        );
        macs.push(expected);
      }
      return `MAC ${macs.join(' < ')} for g = 1, 4, 16`;
    },
  },
];
