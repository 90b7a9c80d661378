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
  // TODO: scale = weight / sqrt(runningVar + EPS) per output channel; the folded filter is
  // filter * scale, the folded bias is bias - runningMean * scale.
  return { filter: tf.clone(filter), bias: tf.clone(bn.bias) };
}
