import * as tf from '@tensorflow/tfjs-core';

/** Group convolution: NHWC x, filter [kh, kw, cin / groups, cout], stride 1, 'same' padding. */
export function groupConv2d(x: tf.Tensor4D, w: tf.Tensor4D, groups: number): tf.Tensor4D {
  return tf.tidy(() => {
    // Input group j (channels axis 3 of x) pairs with output columns j (axis 3 of w): each piece
    // is an ordinary convolution from cin/groups to cout/groups channels ([V1] Sec 3.1).
    const inputs = tf.split(x, groups, 3) as tf.Tensor4D[];
    const filters = tf.split(w, groups, 3) as tf.Tensor4D[];
    const outputs = inputs.map((part, j) => tf.conv2d(part, filters[j]!, 1, 'same'));
    return tf.concat(outputs, 3) as tf.Tensor4D;
  });
}
