import * as tf from '@tensorflow/tfjs-core';

/** Inference BatchNorm parameters, PyTorch names (`weight` is gamma, `bias` is beta). */
export interface BatchNormParams {
  weight: tf.Tensor1D;
  bias: tf.Tensor1D;
  runningMean: tf.Tensor1D;
  runningVar: tf.Tensor1D;
}

/** PyTorch BatchNorm2d's default epsilon. */
export const EPS = 1e-5;

/** Folds `bn` into the bias-free convolution `filter` (grouped HWIO, outputs last). */
export function foldBatchNorm(
  filter: tf.Tensor4D,
  bn: BatchNormParams,
): { filter: tf.Tensor4D; bias: tf.Tensor1D } {
  return tf.tidy(() => {
    // bn(z) = z * scale + (bias - mean * scale) with scale = weight / sqrt(var + eps). Scaling
    // output channel o of z is scaling filter column o: the [out] vector broadcasts against the
    // last axis of [k, k, in/groups, out]. Without eps a tiny variance would blow the scale up.
    const scale = bn.weight.div(bn.runningVar.add(EPS).sqrt());
    return {
      filter: filter.mul(scale) as tf.Tensor4D,
      bias: bn.bias.sub(bn.runningMean.mul(scale)) as tf.Tensor1D,
    };
  });
}
