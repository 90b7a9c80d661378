import * as tf from '@tensorflow/tfjs-core';

/**
 * filter' with conv(x, filter') == conv(channelShuffle(x, groups), filter), for a dense filter
 * [k, k, C, out] (input channels on axis 2).
 */
export function foldShuffleIntoConv(filter: tf.Tensor4D, groups: number): tf.Tensor4D {
  const c = filter.shape[2];
  const perGroup = c / groups;
  // The shuffle moves input channel s = i*(C/g) + j to position d = j*g + i, and the conv
  // multiplies position d by filter row d. So filter' row s must be filter row d(s): gather with
  // the forward map s -> d, which on the weights is the inverse of the activations' gather.
  const rowFor = new Array<number>(c);
  for (let i = 0; i < groups; i++) {
    for (let j = 0; j < perGroup; j++) rowFor[i * perGroup + j] = j * groups + i;
  }
  return tf.tidy(() => tf.gather(filter, tf.tensor1d(rowFor, 'int32'), 2));
}
