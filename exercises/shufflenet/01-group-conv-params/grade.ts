/**
 * Checks for `groupConvParams` against the runtime's cost model (`runtime/conv-cost.ts` for single
 * layers, `runtime/cost.ts` over a whole ShuffleNet V1), on random shapes.
 */
import { buildArch, type Op } from '../../../runtime/arch.ts';
import { convCost } from '../../../runtime/conv-cost.ts';
import { costOf } from '../../../runtime/cost.ts';
import {
  exportedFunction,
  expectEqual,
  type Check,
  type CheckContext,
} from '../../grader/engine.ts';

type GroupConvParams = (cin: number, cout: number, k: number, groups: number) => number;

function compare(
  learner: Record<string, unknown>,
  cin: number,
  cout: number,
  k: number,
  groups: number,
) {
  const groupConvParams = exportedFunction<GroupConvParams>(learner, 'groupConvParams');
  const expected = convCost({
    inChannels: cin,
    outChannels: cout,
    kernel: k,
    groups,
    size: 1,
  }).params;
  expectEqual(
    groupConvParams(cin, cout, k, groups),
    expected,
    `groupConvParams(${cin}, ${cout}, ${k}, ${groups})`,
  );
}

/** Several random layers with `groups` from `pickGroups`, channels multiples of it. */
function randomLayers(ctx: CheckContext, pickGroups: () => number, kernels: number[]) {
  return Array.from({ length: 6 }, () => {
    const groups = pickGroups();
    // Different multiples for cin and cout, so swapping them or dividing the wrong one shows.
    const cin = groups * ctx.rng.int(1, 12);
    let cout = groups * ctx.rng.int(1, 12);
    if (cout === cin) cout += groups;
    return { cin, cout, k: ctx.rng.pick(kernels), groups };
  });
}

function convOps(ops: readonly Op[]): Extract<Op, { op: 'conv' }>[] {
  return ops.flatMap((op) => {
    if (op.op === 'conv') return [op];
    if (op.op === 'unit') return [...op.branches.flatMap(convOps), ...convOps(op.after)];
    return [];
  });
}

export const checks: Check[] = [
  {
    name: 'dense convolutions (groups = 1)',
    run(learner, ctx) {
      for (const l of randomLayers(ctx, () => 1, [1, 3, 5]))
        compare(learner, l.cin, l.cout, l.k, 1);
    },
  },
  {
    name: '1x1 group convolutions (ShuffleNet V1 pointwise layers)',
    run(learner, ctx) {
      for (const l of randomLayers(ctx, () => ctx.rng.pick([2, 3, 4, 8]), [1])) {
        compare(learner, l.cin, l.cout, l.k, l.groups);
      }
    },
  },
  {
    name: '3x3 and 5x5 group convolutions',
    run(learner, ctx) {
      for (const l of randomLayers(ctx, () => ctx.rng.int(2, 6), [3, 5])) {
        compare(learner, l.cin, l.cout, l.k, l.groups);
      }
    },
  },
  {
    name: 'depthwise convolutions (groups = cin = cout)',
    run(learner, ctx) {
      for (let i = 0; i < 4; i++) {
        const c = ctx.rng.int(2, 512);
        compare(learner, c, c, ctx.rng.pick([3, 5]), c);
      }
    },
  },
  {
    name: 'all convolutions of a ShuffleNet V1 add up to the cost model total',
    run(learner, ctx) {
      const groupConvParams = exportedFunction<GroupConvParams>(learner, 'groupConvParams');
      const groups = ctx.rng.pick([1, 2, 3, 4, 8]);
      const arch = buildArch({ version: 'v1', groups });
      const convs = convOps(arch.ops);
      const expected = costOf(arch)
        .rows.filter((row) => row.kind === 'conv')
        .reduce((sum, row) => sum + row.params, 0);
      const actual = convs.reduce(
        (sum, c) => sum + groupConvParams(c.inC, c.outC, c.k, c.groups),
        0,
      );
      expectEqual(actual, expected, `convolution weights of ShuffleNet V1 1x (g = ${groups})`);
      return `${convs.length} convolutions, ${expected} weights (g = ${groups})`;
    },
  },
];
