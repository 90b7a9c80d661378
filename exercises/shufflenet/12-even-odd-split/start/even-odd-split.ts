import * as tf from '@tensorflow/tfjs-core';

/** megvii's ShuffleNet V2 channel_shuffle: the even channels, then the odd channels. */
export function splitEvenOdd(x: tf.Tensor4D): [tf.Tensor4D, tf.Tensor4D] {
  // TODO: view the channels as [C/2, 2] pairs (2r, 2r+1) and take column 0 and column 1.
  const [first, second] = tf.split(x, 2, 3) as [tf.Tensor4D, tf.Tensor4D];
  return [first, second];
}
