/**
 * Checks for `pointwiseMac` and `macLowerBound` against the runtime's cost model: the MAC of a
 * 1x1 conv row ([V2] Sec 2), and the bound of [V2] Eq. 1 reached at c1 = c2 (G1).
 */
import { convCost } from '../../../runtime/conv-cost.ts';
import {
  exportedFunction,
  expectClose,
  expectEqual,
  fail,
  type Check,
  type CheckContext,
  type LearnerModule,
} from '../../grader/engine.ts';
import { convOp, costOfOps } from '../reference.ts';

type PointwiseMac = (h: number, w: number, c1: number, c2: number) => number;
type MacLowerBound = (h: number, w: number, flops: number) => number;

function pointwiseRow(h: number, w: number, c1: number, c2: number) {
  return costOfOps([convOp(c1, c2, 1, 1)], [h, w, c1]).rows[0]!;
}

function randomLayer(ctx: CheckContext) {
  return {
    h: ctx.rng.int(1, 56),
    w: ctx.rng.int(1, 56),
    c1: ctx.rng.int(1, 512),
    c2: ctx.rng.int(1, 512),
  };
}

function bound(learner: LearnerModule) {
  return exportedFunction<MacLowerBound>(learner, 'macLowerBound');
}

export const checks: Check[] = [
  {
    name: 'pointwiseMac on square feature maps',
    run(learner, ctx) {
      const pointwiseMac = exportedFunction<PointwiseMac>(learner, 'pointwiseMac');
      for (let i = 0; i < 5; i++) {
        const { h, c1, c2 } = randomLayer(ctx);
        const expected = convCost({
          inChannels: c1,
          outChannels: c2,
          kernel: 1,
          groups: 1,
          size: h,
        }).memoryAccess;
        expectEqual(pointwiseMac(h, h, c1, c2), expected, `pointwiseMac(${h}, ${h}, ${c1}, ${c2})`);
      }
    },
  },
  {
    name: 'pointwiseMac on h != w feature maps',
    run(learner, ctx) {
      const pointwiseMac = exportedFunction<PointwiseMac>(learner, 'pointwiseMac');
      for (let i = 0; i < 5; i++) {
        const { h, w, c1, c2 } = randomLayer(ctx);
        const expected = pointwiseRow(h, w, c1, c2).memoryAccess;
        expectEqual(pointwiseMac(h, w, c1, c2), expected, `pointwiseMac(${h}, ${w}, ${c1}, ${c2})`);
      }
    },
  },
  {
    name: 'macLowerBound is reached by equal widths c1 = c2 (G1)',
    run(learner, ctx) {
      for (let i = 0; i < 5; i++) {
        const { h, w, c1: c } = randomLayer(ctx);
        const row = pointwiseRow(h, w, c, c);
        expectClose(
          bound(learner)(h, w, row.macs),
          row.memoryAccess,
          { atol: 1e-6, rtol: 1e-9 },
          `macLowerBound(${h}, ${w}, ${row.macs}) for c1 = c2 = ${c}`,
        );
      }
    },
  },
  {
    name: 'macLowerBound stays below the MAC of unequal widths with the same FLOPs',
    run(learner, ctx) {
      const h = ctx.rng.int(4, 28);
      const w = ctx.rng.int(4, 28);
      const c = 8 * ctx.rng.int(2, 32);
      // Same c1*c2 (so the same FLOPs), ever more unequal: c/2 x 2c, c/4 x 4c, c/8 x 8c.
      for (const ratio of [2, 4, 8]) {
        const row = pointwiseRow(h, w, c / ratio, c * ratio);
        const value = bound(learner)(h, w, row.macs);
        if (!(value < row.memoryAccess)) {
          fail(
            `macLowerBound(${h}, ${w}, ${row.macs}) should be below the MAC of c1 = ${c / ratio}, ` +
              `c2 = ${c * ratio}`,
            `less than ${row.memoryAccess}`,
            String(value),
          );
        }
      }
    },
  },
];
