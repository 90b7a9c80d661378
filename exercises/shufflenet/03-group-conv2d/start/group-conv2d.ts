import * as tf from '@tensorflow/tfjs-core';

/** Group convolution: NHWC x, filter [kh, kw, cin / groups, cout], stride 1, 'same' padding. */
export function groupConv2d(x: tf.Tensor4D, w: tf.Tensor4D, groups: number): tf.Tensor4D {
  // TODO: split x's channels and w's output columns into `groups` parts, convolve part j of x
  // with part j of w, and concatenate the results. As written this only works for groups = 1.
  return tf.conv2d(x, w, 1, 'same');
}
