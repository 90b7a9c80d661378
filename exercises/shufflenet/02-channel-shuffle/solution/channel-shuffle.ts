import * as tf from '@tensorflow/tfjs-core';

/** torchvision's channel shuffle on NHWC: output channel j*groups+i = input channel i*(C/groups)+j. */
export function channelShuffle(x: tf.Tensor4D, groups: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  // Channel i*(C/g)+j sits at [i, j] of the [g, C/g] view; after the transpose it sits at [j, i],
  // i.e. at j*g+i once flattened ([V1] Sec 3.1). Transposing [C/g, g] instead would give the
  // inverse permutation, which only coincides with this one when C = g*g.
  return tf.tidy(() =>
    x
      .reshape([n * h * w, groups, c / groups])
      .transpose([0, 2, 1])
      .reshape([n, h, w, c]),
  );
}
