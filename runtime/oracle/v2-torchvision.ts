/**
 * ShuffleNet V2 as torchvision writes it ([TV] torchvision/models/shufflenetv2.py), from the
 * state_dict names: `conv1`, `stage{2,3,4}.{i}.branch{1,2}.{k}`, `conv5`, `fc`.
 */
import { channelShuffle, concatChannels, splitHalves } from './channels.ts';
import { relu } from './elementwise.ts';
import {
  batchNormLayer,
  classifierHead,
  convLayer,
  depthwiseLayer,
  stem,
  type OracleWeights,
  type StemOptions,
} from './layers.ts';
import type { OracleTensor } from './tensor.ts';

/** branch1 (stride-2 units only): DW3x3(stride)-BN -> 1x1-BN-ReLU. */
function branch1(x: OracleTensor, weights: OracleWeights, prefix: string, stride: number) {
  let y = depthwiseLayer(x, weights, `${prefix}.branch1.0`, stride);
  y = batchNormLayer(y, weights, `${prefix}.branch1.1`);
  y = convLayer(y, weights, `${prefix}.branch1.2`, 1, 1);
  return relu(batchNormLayer(y, weights, `${prefix}.branch1.3`));
}

/** branch2: 1x1-BN-ReLU -> DW3x3(stride)-BN (no ReLU) -> 1x1-BN-ReLU. */
function branch2(x: OracleTensor, weights: OracleWeights, prefix: string, stride: number) {
  let y = convLayer(x, weights, `${prefix}.branch2.0`, 1, 1);
  y = relu(batchNormLayer(y, weights, `${prefix}.branch2.1`));
  y = depthwiseLayer(y, weights, `${prefix}.branch2.3`, stride);
  y = batchNormLayer(y, weights, `${prefix}.branch2.4`);
  y = convLayer(y, weights, `${prefix}.branch2.5`, 1, 1);
  return relu(batchNormLayer(y, weights, `${prefix}.branch2.6`));
}

/**
 * [TV] InvertedResidual.forward: stride 1 keeps the first half of the channels (`chunk(2)`) and
 * sends the second through branch2; stride 2 feeds the whole input to both branches. Either way
 * the concatenation is followed by channel_shuffle(out, 2).
 */
export function oracleV2UnitTorchvision(
  x: OracleTensor,
  weights: OracleWeights,
  prefix: string,
  stride: number,
): OracleTensor {
  const hasBranch1 = weights.has(`${prefix}.branch1.0.weight`);
  if (stride === 1 && hasBranch1) {
    throw new Error(`${prefix} has branch1 weights, so it is a stride-2 unit, not stride 1`);
  }
  let out: OracleTensor;
  if (stride === 1) {
    const [identity, processed] = splitHalves(x);
    out = concatChannels([identity, branch2(processed, weights, prefix, 1)]);
  } else {
    out = concatChannels([
      branch1(x, weights, prefix, stride),
      branch2(x, weights, prefix, stride),
    ]);
  }
  return channelShuffle(out, 2);
}

/**
 * [TV] ShuffleNetV2.forward: conv1 -> maxpool -> stage2..stage4 -> conv5 -> mean -> fc.
 * Stages and units are whatever the state_dict holds; a unit is stride 2 exactly when it has a
 * branch1 ([TV] builds branch1 only for stride > 1).
 */
export function oracleShuffleNetV2Torchvision(
  x: OracleTensor,
  weights: OracleWeights,
  options: StemOptions,
): OracleTensor {
  let y = stem(x, weights, 'conv1', options);
  for (let stage = 2; weights.has(`stage${stage}.0.branch2.0.weight`); stage++) {
    for (let i = 0; weights.has(`stage${stage}.${i}.branch2.0.weight`); i++) {
      const prefix = `stage${stage}.${i}`;
      const stride = weights.has(`${prefix}.branch1.0.weight`) ? 2 : 1;
      y = oracleV2UnitTorchvision(y, weights, prefix, stride);
    }
  }
  y = relu(batchNormLayer(convLayer(y, weights, 'conv5.0', 1, 1), weights, 'conv5.1'));
  return classifierHead(y, weights, 'fc');
}
