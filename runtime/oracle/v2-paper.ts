/**
 * ShuffleNet V2 as the authors' code writes it ([MG] ShuffleNetV2/blocks.py, network.py), the
 * layout that reproduces the paper's FLOPs: `first_conv`, `features.{i}.branch_main.{k}` and
 * `features.{i}.branch_proj.{k}`, `conv_last`, `classifier.0`.
 */
import { concatChannels, splitEvenOdd } from './channels.ts';
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

/** branch_main: 1x1-BN-ReLU -> DW3x3(stride)-BN -> 1x1-BN-ReLU. */
function branchMain(x: OracleTensor, weights: OracleWeights, prefix: string, stride: number) {
  let y = convLayer(x, weights, `${prefix}.branch_main.0`, 1, 1);
  y = relu(batchNormLayer(y, weights, `${prefix}.branch_main.1`));
  y = depthwiseLayer(y, weights, `${prefix}.branch_main.3`, stride);
  y = batchNormLayer(y, weights, `${prefix}.branch_main.4`);
  y = convLayer(y, weights, `${prefix}.branch_main.5`, 1, 1);
  return relu(batchNormLayer(y, weights, `${prefix}.branch_main.6`));
}

/** branch_proj (stride-2 units only): DW3x3(stride)-BN -> 1x1 (inp -> inp)-BN-ReLU. */
function branchProj(x: OracleTensor, weights: OracleWeights, prefix: string, stride: number) {
  let y = depthwiseLayer(x, weights, `${prefix}.branch_proj.0`, stride);
  y = batchNormLayer(y, weights, `${prefix}.branch_proj.1`);
  y = convLayer(y, weights, `${prefix}.branch_proj.2`, 1, 1);
  return relu(batchNormLayer(y, weights, `${prefix}.branch_proj.3`));
}

/**
 * [MG] ShuffleV2Block.forward. Stride 1: its channel_shuffle splits the input into even
 * channels (kept) and odd channels (through branch_main), and the unit ends with a plain
 * concatenation; the V2 shuffle is folded into the next unit's even/odd split. Stride 2:
 * cat(branch_proj(x), branch_main(x)), again without a shuffle.
 */
export function oracleV2UnitPaper(
  x: OracleTensor,
  weights: OracleWeights,
  prefix: string,
  stride: number,
): OracleTensor {
  const hasProj = weights.has(`${prefix}.branch_proj.0.weight`);
  if (stride === 1 && hasProj) {
    throw new Error(`${prefix} has branch_proj weights, so it is a stride-2 unit, not stride 1`);
  }
  if (stride === 1) {
    const [kept, processed] = splitEvenOdd(x);
    return concatChannels([kept, branchMain(processed, weights, prefix, 1)]);
  }
  return concatChannels([
    branchProj(x, weights, prefix, stride),
    branchMain(x, weights, prefix, stride),
  ]);
}

/**
 * [MG] ShuffleNetV2.forward: first_conv -> maxpool -> features -> conv_last -> global average
 * pool -> classifier (no bias). [MG] pools with AvgPool2d(7), which is the global mean at the
 * 7x7 map of a 224 input; the oracle takes the global mean at any size. The 2.0x model's
 * Dropout(0.2) is the identity at inference. A unit is stride 2 exactly when it has a
 * branch_proj.
 */
export function oracleShuffleNetV2Paper(
  x: OracleTensor,
  weights: OracleWeights,
  options: StemOptions,
): OracleTensor {
  let y = stem(x, weights, 'first_conv', options);
  for (let i = 0; weights.has(`features.${i}.branch_main.0.weight`); i++) {
    const prefix = `features.${i}`;
    const stride = weights.has(`${prefix}.branch_proj.0.weight`) ? 2 : 1;
    y = oracleV2UnitPaper(y, weights, prefix, stride);
  }
  y = relu(batchNormLayer(convLayer(y, weights, 'conv_last.0', 1, 1), weights, 'conv_last.1'));
  return classifierHead(y, weights, 'classifier.0');
}
