import * as tf from '@tensorflow/tfjs-core';

/**
 * filter' with conv(x, filter') == conv(channelShuffle(x, groups), filter), for a dense filter
 * [k, k, C, out] (input channels on axis 2).
 */
export function foldShuffleIntoConv(filter: tf.Tensor4D, groups: number): tf.Tensor4D {
  // TODO: row s of filter' (input channel s, before the shuffle) is the row of filter that reads
  // the shuffled position of channel s. Build that index list and gather along axis 2.
  return tf.clone(filter);
}
