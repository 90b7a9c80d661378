/**
 * Reference computations from the runtime shared by this track's graders: the cost model on a
 * custom op list, and units cut out of the architecture description, so that checks compare with
 * the same code the site's explorer and the model CLI use.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { buildArch, type Op, type UnitOp } from '../../runtime/arch.ts';
import { costOf, type CostReport } from '../../runtime/cost.ts';
import { compileOps } from '../../runtime/model.ts';
import { foldBatchNorm } from '../../runtime/ops.ts';
import { oracleV2UnitTorchvision } from '../../runtime/oracle/index.ts';
import { oihwToHwio, randomWeights, type WeightMap } from '../../runtime/weights.ts';

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

/** A convolution with its BatchNorm folded in: grouped-HWIO filter and per-channel bias. */
export interface FoldedConv {
  filter: tfc.Tensor4D;
  bias: tfc.Tensor1D;
}

/**
 * One ShuffleNet V2 unit from the runtime's architecture description with seeded random weights
 * (PyTorch names and layouts), for checks that run a learner's unit against the runtime's.
 */
export interface UnitFixture {
  unit: UnitOp;
  weights: WeightMap;
  /** Conv `name` (e.g. `stage2.1.branch2.0`) with the BN after it folded, as tfjs tensors. */
  folded(name: string): FoldedConv;
  /** The runtime's tfjs executor on this unit. */
  runtime(x: tfc.Tensor4D): tfc.Tensor4D;
  /** The loop-based oracle (torchvision's InvertedResidual, BN unfolded). */
  oracle(x: tfc.Tensor4D): tfc.Tensor4D;
}

/** The V2 (torchvision layout) unit called `name`, e.g. `stage2.1`, of the given width. */
export function v2UnitFixture(
  tf: typeof tfc,
  width: number,
  name: string,
  seed: number,
): UnitFixture {
  const arch = buildArch({ version: 'v2', width });
  const unit = unitsOf(arch.ops).find((u) => u.name === name);
  if (!unit) throw new Error(`no unit ${name} in ShuffleNet V2 ${width}x`);
  // A one-unit architecture: parameter specs (and so random weights) cover just this unit.
  const weights = randomWeights({ config: arch.config, ops: [unit] }, seed);
  const vector = (key: string) => tf.tensor1d(weights.get(key)!.data);
  return {
    unit,
    weights,
    folded(conv) {
      const bnName = conv.replace(/\.(\d+)$/, (_, i: string) => `.${Number(i) + 1}`);
      const hwio = oihwToHwio(weights.get(`${conv}.weight`)!);
      return tf.tidy(() =>
        foldBatchNorm(tf.tensor4d(hwio.data, hwio.shape as [number, number, number, number]), {
          weight: vector(`${bnName}.weight`),
          bias: vector(`${bnName}.bias`),
          runningMean: vector(`${bnName}.running_mean`),
          runningVar: vector(`${bnName}.running_var`),
        }),
      );
    },
    runtime(x) {
      const compiled = compileOps([unit], weights, 'split');
      try {
        return compiled.run(x) as tfc.Tensor4D;
      } finally {
        compiled.dispose();
      }
    },
    oracle(x) {
      const input = { shape: x.shape, data: x.dataSync() as Float32Array };
      const out = oracleV2UnitTorchvision(input, weights, unit.name, unit.stride);
      return tf.tensor4d(out.data, out.shape as [number, number, number, number]);
    },
  };
}
