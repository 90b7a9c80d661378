import * as tf from '@tensorflow/tfjs-core';

/** torchvision's channel shuffle on NHWC: output channel j*groups+i = input channel i*(C/groups)+j. */
export function channelShuffle(x: tf.Tensor4D, groups: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  // TODO: view the channels as [groups, c / groups], swap those two axes, and flatten them again.
  return tf.reshape(x, [n, h, w, c]);
}
