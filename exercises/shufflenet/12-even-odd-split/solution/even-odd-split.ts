import * as tf from '@tensorflow/tfjs-core';

/** megvii's ShuffleNet V2 channel_shuffle: the even channels, then the odd channels. */
export function splitEvenOdd(x: tf.Tensor4D): [tf.Tensor4D, tf.Tensor4D] {
  const [n, h, w, c] = x.shape;
  return tf.tidy(() => {
    // Channel 2r+t sits at [r, t] of the [C/2, 2] view; column t holds channels t, t+2, t+4, ...
    // This is torchvision's shuffle with C/2 groups followed by chunk(2) ([MG] ShuffleV2Block).
    const pairs = x.reshape([n, h, w, c / 2, 2]);
    const [even, odd] = tf.split(pairs, 2, 4);
    return [even!.reshape([n, h, w, c / 2]), odd!.reshape([n, h, w, c / 2])] as [
      tf.Tensor4D,
      tf.Tensor4D,
    ];
  });
}
