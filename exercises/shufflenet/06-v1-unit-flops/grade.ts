/**
 * Checks for the three unit FLOP counts of [V1] Sec 3.3 against the runtime's cost model: layer
 * by layer for ResNet and ResNeXt, and whole stride-1 units of ShuffleNet V1 from the runtime's
 * architecture description (`runtime/arch.ts`) for the ShuffleNet unit.
 */
import { buildArch } from '../../../runtime/arch.ts';
import {
  exportedFunction,
  expectEqual,
  type Check,
  type CheckContext,
  type LearnerModule,
} from '../../grader/engine.ts';
import { convOp, costOfOps, unitsOf } from '../reference.ts';

type UnitFlops = (h: number, w: number, c: number, m: number, g: number) => number;

/** Multiply-adds of 1x1 c->m, 3x3 m->m (groups3), 1x1 m->c (groups1), from the cost model. */
function bottleneckMacs(
  h: number,
  w: number,
  c: number,
  m: number,
  groups1: number,
  groups3: number,
) {
  const ops = [convOp(c, m, 1, groups1), convOp(m, m, 3, groups3), convOp(m, c, 1, groups1)];
  return costOfOps(ops, [h, w, c]).totals.macs;
}

function randomShape(ctx: CheckContext, g: number) {
  const m = g * ctx.rng.int(1, 16);
  return { h: ctx.rng.int(1, 28), w: ctx.rng.int(1, 28), c: 4 * m, m };
}

function compare(learner: LearnerModule, name: string, args: number[], expected: number) {
  const f = exportedFunction<UnitFlops>(learner, name);
  const [h, w, c, m, g] = args as [number, number, number, number, number];
  expectEqual(f(h, w, c, m, g), expected, `${name}(${args.join(', ')})`);
}

export const checks: Check[] = [
  {
    name: 'ResNet bottleneck: hw(2cm + 9m^2)',
    run(learner, ctx) {
      for (let i = 0; i < 4; i++) {
        const { h, w, c, m } = randomShape(ctx, 1);
        compare(learner, 'resnetBottleneckFlops', [h, w, c, m], bottleneckMacs(h, w, c, m, 1, 1));
      }
    },
  },
  {
    name: 'ResNeXt unit: the 3x3 convolution in g groups',
    run(learner, ctx) {
      for (let i = 0; i < 4; i++) {
        const g = ctx.rng.pick([2, 4, 8, 32]);
        const { h, w, c, m } = randomShape(ctx, g);
        compare(learner, 'resnextUnitFlops', [h, w, c, m, g], bottleneckMacs(h, w, c, m, 1, g));
      }
    },
  },
  {
    name: 'ShuffleNet unit: grouped 1x1 convolutions and a depthwise 3x3',
    run(learner, ctx) {
      for (let i = 0; i < 4; i++) {
        const g = ctx.rng.pick([2, 3, 4, 8]);
        const { h, w, c, m } = randomShape(ctx, g);
        compare(learner, 'shuffleUnitFlops', [h, w, c, m, g], bottleneckMacs(h, w, c, m, g, m));
      }
    },
  },
  {
    name: 'ShuffleNet unit matches stride-1 units of a real ShuffleNet V1',
    run(learner, ctx) {
      const groups = ctx.rng.pick([1, 2, 3, 4, 8]);
      const arch = buildArch({ version: 'v1', groups, width: ctx.rng.pick([0.5, 1]) });
      const units = unitsOf(arch.ops).filter((u) => u.stride === 1);
      const unit = ctx.rng.pick(units);
      const [h, w] = [ctx.rng.int(7, 28), ctx.rng.int(7, 28)];
      // [V1] Sec 3.2: the bottleneck has a quarter of the unit's output channels.
      const c = unit.outC;
      const m = c / 4;
      const expected = costOfOps([unit], [h, w, c]).totals.macs;
      compare(learner, 'shuffleUnitFlops', [h, w, c, m, groups], expected);
      return `${unit.name} of V1 g = ${groups}: ${expected} multiply-adds`;
    },
  },
];
