/**
 * ShuffleNet V1 with megvii's parameter names ([MG] ShuffleNetV1/blocks.py, network.py):
 * `first_conv`, `features.{i}.branch_main_1.{0,1,3,4}`, `features.{i}.branch_main_2.{0,1}`,
 * `classifier.0`. Two shuffle placements share those names:
 * - 'paper': [V1] Sec 3.2 / Fig 2: GConv1x1-BN-ReLU -> shuffle(g) -> DW3x3-BN -> GConv1x1-BN.
 * - 'megvii': [MG] shuffles after DW3x3-BN with its own reshape (B, C/g, g) -> permute, which is
 *   the inverse permutation; weights trained with one placement do not fit the other.
 */
import { channelShuffle, concatChannels, megviiV1ChannelShuffle } from './channels.ts';
import { add, relu } from './elementwise.ts';
import {
  batchNormLayer,
  classifierHead,
  convLayer,
  depthwiseLayer,
  stem,
  weightOf,
  type OracleWeights,
  type StemOptions,
} from './layers.ts';
import { avgPool2d } from './pool.ts';
import { channelsOf, type OracleTensor } from './tensor.ts';

export type V1Layout = 'paper' | 'megvii';

/**
 * Groups of a unit's first pointwise conv, read from its weight [mid, inC / groups, 1, 1]. It is
 * 1 for the first unit of stage 2 ([V1] Table 1 note: too few input channels to group) and g
 * elsewhere; anything else means the weights belong to another network.
 */
function firstPointwiseGroups(inC: number, weight: OracleTensor, groups: number, name: string) {
  const found = inC / weight.shape[1]!;
  if (found !== 1 && found !== groups) {
    throw new Error(
      `${name} [${weight.shape.join(', ')}] on ${inC} input channels means groups ${found}; ` +
        `expected 1 or ${groups}`,
    );
  }
  return found;
}

/** The residual branch: pointwise group conv, depthwise conv, pointwise group conv. */
function branchMain(
  x: OracleTensor,
  weights: OracleWeights,
  prefix: string,
  stride: number,
  groups: number,
  layout: V1Layout,
): OracleTensor {
  const first = `${prefix}.branch_main_1.0`;
  const firstGroups = firstPointwiseGroups(
    channelsOf(x),
    weightOf(weights, `${first}.weight`),
    groups,
    first,
  );
  let y = convLayer(x, weights, first, 1, firstGroups);
  y = relu(batchNormLayer(y, weights, `${prefix}.branch_main_1.1`));
  // Both codebases shuffle whenever g > 1, also after the ungrouped first conv of stage 2.
  if (layout === 'paper' && groups > 1) y = channelShuffle(y, groups);
  y = depthwiseLayer(y, weights, `${prefix}.branch_main_1.3`, stride);
  // [V1] Sec 3.2: no ReLU after the depthwise convolution.
  y = batchNormLayer(y, weights, `${prefix}.branch_main_1.4`);
  if (layout === 'megvii' && groups > 1) y = megviiV1ChannelShuffle(y, groups);
  y = convLayer(y, weights, `${prefix}.branch_main_2.0`, 1, groups);
  return batchNormLayer(y, weights, `${prefix}.branch_main_2.1`);
}

/**
 * One V1 unit. Stride 1: relu(x + main(x)) ([V1] Fig 2b). Stride 2: relu(cat(avgpool(x),
 * main(x))) with AvgPool2d(3, 2, padding=1) on the shortcut ([V1] Fig 2c, ReLU after Concat).
 * [MG] writes the stride-2 output as cat(avgpool(x), relu(main)), which is the same whenever
 * x >= 0; inside the network it always is, since every unit input comes out of a ReLU.
 */
export function oracleV1Unit(
  x: OracleTensor,
  weights: OracleWeights,
  prefix: string,
  stride: number,
  groups: number,
  layout: V1Layout,
): OracleTensor {
  const main = branchMain(x, weights, prefix, stride, groups, layout);
  if (stride === 1) return relu(add(x, main));
  return relu(concatChannels([avgPool2d(x, 3, 2, 1), main]));
}

export interface V1Options extends StemOptions {
  groups: number;
  layout: V1Layout;
}

/** Input channels the layer after unit i expects: the next unit's, or the classifier's. */
function nextInputChannels(weights: OracleWeights, i: number, groups: number): number {
  const next = weights.get(`features.${i + 1}.branch_main_1.0.weight`);
  if (next) return next.shape[1]! * groups; // only features.0 has an ungrouped first conv
  return weightOf(weights, 'classifier.0.weight').shape[1]!;
}

/**
 * The stride of unit i, read from channel counts: a stride-1 unit adds, so it keeps its width
 * (branch output = input = output); a stride-2 unit concatenates, so output = input + branch
 * output. The names alone cannot tell, since megvii numbers units without stages.
 */
function unitStride(weights: OracleWeights, i: number, inC: number, groups: number): number {
  const branchOut = weightOf(weights, `features.${i}.branch_main_2.0.weight`).shape[0]!;
  const outC = nextInputChannels(weights, i, groups);
  if (outC === inC + branchOut) return 2;
  if (outC === inC && branchOut === inC) return 1;
  throw new Error(
    `features.${i}: input ${inC} and branch output ${branchOut} channels cannot give the ` +
      `${outC} channels the next layer expects (stride 1 needs ${inC} = ${branchOut}, ` +
      `stride 2 needs ${inC} + ${branchOut})`,
  );
}

/**
 * [MG] ShuffleNetV1.forward: first_conv -> maxpool -> features -> global average pool ->
 * classifier (no bias). [MG] pools with AvgPool2d(7), the global mean at 7x7.
 */
export function oracleShuffleNetV1(
  x: OracleTensor,
  weights: OracleWeights,
  options: V1Options,
): OracleTensor {
  let y = stem(x, weights, 'first_conv', options);
  for (let i = 0; weights.has(`features.${i}.branch_main_1.0.weight`); i++) {
    const stride = unitStride(weights, i, channelsOf(y), options.groups);
    y = oracleV1Unit(y, weights, `features.${i}`, stride, options.groups, options.layout);
  }
  return classifierHead(y, weights, 'classifier.0');
}
