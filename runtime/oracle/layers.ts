/**
 * Reads layers out of a PyTorch state_dict by name: `${name}.weight` for a convolution,
 * `${name}.weight/bias/running_mean/running_var` for a BatchNorm. Shapes come from the stored
 * tensors, so the oracle needs no architecture table of its own.
 */
import { conv2d } from './conv.ts';
import { batchNorm, relu } from './elementwise.ts';
import { linear } from './linear.ts';
import { globalAvgPool, maxPool2d } from './pool.ts';
import { channelsOf, type OracleTensor } from './tensor.ts';

/** A state_dict: parameter name -> tensor (a parsed safetensors file fits as is). */
export type OracleWeights = Map<string, { shape: number[]; data: Float32Array }>;

export function weightOf(weights: OracleWeights, name: string): OracleTensor {
  const found = weights.get(name);
  if (!found) {
    throw new Error(`missing weight '${name}' (the state_dict has ${weights.size} tensors)`);
  }
  return found;
}

/**
 * Convolution `${name}.weight` with PyTorch's `padding = k // 2` (every ShuffleNet conv uses
 * it). `groups` is what the reference code passes; conv2d rejects a weight that disagrees.
 */
export function convLayer(
  x: OracleTensor,
  weights: OracleWeights,
  name: string,
  stride: number,
  groups: number,
): OracleTensor {
  const weight = weightOf(weights, `${name}.weight`);
  const k = weight.shape[2]!;
  return conv2d(x, weight, { stride, pad: Math.floor(k / 2), groups });
}

/** Depthwise convolution: one filter per channel, groups = channels. */
export function depthwiseLayer(
  x: OracleTensor,
  weights: OracleWeights,
  name: string,
  stride: number,
): OracleTensor {
  return convLayer(x, weights, name, stride, channelsOf(x));
}

export function batchNormLayer(x: OracleTensor, weights: OracleWeights, name: string) {
  return batchNorm(x, {
    weight: weightOf(weights, `${name}.weight`).data,
    bias: weightOf(weights, `${name}.bias`).data,
    runningMean: weightOf(weights, `${name}.running_mean`).data,
    runningVar: weightOf(weights, `${name}.running_var`).data,
  });
}

/** Stem options shared by every network: the stride of the first conv, and the max pool. */
export interface StemOptions {
  /** 2 in the papers; 1 keeps small inputs (28x28) from shrinking too fast. */
  stemStride: number;
  /** Whether MaxPool2d(3, 2, padding=1) follows the first conv, as in both papers. */
  maxPool: boolean;
}

/** Conv3x3(stride)-BN-ReLU, then the optional max pool ([TV] conv1/maxpool, [MG] first_conv). */
export function stem(
  x: OracleTensor,
  weights: OracleWeights,
  name: string,
  options: StemOptions,
): OracleTensor {
  const y = relu(
    batchNormLayer(convLayer(x, weights, `${name}.0`, options.stemStride, 1), weights, `${name}.1`),
  );
  return options.maxPool ? maxPool2d(y, 3, 2, 1) : y;
}

/**
 * Global average pool, then the classifier. [TV]'s `fc` has a bias, [MG]'s `classifier.0` does
 * not; the bias is used when the state_dict has one.
 */
export function classifierHead(x: OracleTensor, weights: OracleWeights, name: string) {
  return linear(
    globalAvgPool(x),
    weightOf(weights, `${name}.weight`),
    weights.get(`${name}.bias`)?.data,
  );
}
