/**
 * Reference computations from the runtime shared by this track's graders: the cost model on a
 * custom op list, and units cut out of the architecture description, so that checks compare with
 * the same code the site's explorer and the model CLI use.
 */
import { buildArch, type Op, type UnitOp } from '../../runtime/arch.ts';
import { costOf, type CostReport } from '../../runtime/cost.ts';

/** Cost of `ops` on an input of [h, w, c] (batch excluded), with the runtime's cost model. */
export function costOfOps(ops: Op[], inputShape: [number, number, number]): CostReport {
  // Any valid config carries the input shape; the walk only reads `config.inputShape`.
  const { config } = buildArch({ version: 'v2', width: 0.5, inputShape });
  return costOf({ config: { ...config, inputShape }, ops });
}

/** A 1x1 (or k x k) convolution op with ShuffleNet's padding (k - 1) / 2. */
export function convOp(inC: number, outC: number, k: number, groups: number, stride = 1): Op {
  return { op: 'conv', name: 'conv', inC, outC, k, stride, pad: (k - 1) / 2, groups };
}

/** The units of an architecture, in order. */
export function unitsOf(ops: readonly Op[]): UnitOp[] {
  return ops.filter((op): op is UnitOp => op.op === 'unit');
}
