import * as tf from '@tensorflow/tfjs-core';

/** A convolution with its inference BatchNorm folded in. */
export interface FoldedConv {
  /** Grouped HWIO: [k, k, in / groups, out]. */
  filter: tf.Tensor4D;
  bias: tf.Tensor1D;
}

/** The three convolutions of a ShuffleNet V2 branch. */
export interface BranchParams {
  /** 1x1, followed by ReLU. */
  expand: FoldedConv;
  /** 3x3 depthwise, no ReLU. */
  depthwise: FoldedConv;
  /** 1x1, followed by ReLU. */
  project: FoldedConv;
}

/** 1x1 convolution plus bias, then ReLU. */
function pointwiseRelu(x: tf.Tensor4D, conv: FoldedConv): tf.Tensor4D {
  return tf.fused.conv2d({
    x,
    filter: conv.filter,
    strides: 1,
    pad: 0,
    bias: conv.bias,
    activation: 'relu',
  });
}

/** 3x3 depthwise convolution plus bias (no ReLU), PyTorch padding 1 on every side. */
function depthwise(x: tf.Tensor4D, conv: FoldedConv, stride: number): tf.Tensor4D {
  const [kh, kw, , channels] = conv.filter.shape;
  const filter = tf.reshape(conv.filter, [kh, kw, channels, 1]) as tf.Tensor4D;
  return tf.fused.depthwiseConv2d({ x, filter, strides: stride, pad: 1, bias: conv.bias });
}

/** torchvision's channel_shuffle on NHWC: output channel j*groups+i = input i*(C/groups)+j. */
function channelShuffle(x: tf.Tensor4D, groups: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  return x
    .reshape([n * h * w, groups, c / groups])
    .transpose([0, 2, 1])
    .reshape([n, h, w, c]);
}

/** ShuffleNet V2 unit with stride 1 (torchvision's InvertedResidual, stride 1). */
export function v2UnitStride1(x: tf.Tensor4D, branch: BranchParams): tf.Tensor4D {
  return tf.tidy(() => {
    // [V2] Fig. 3c: the first half is the identity, the second half goes through the branch.
    // The depthwise conv has no ReLU ([V2] Sec 3, as in V1), the two 1x1 convs do.
    const [identity, processed] = tf.split(x, 2, 3) as [tf.Tensor4D, tf.Tensor4D];
    let y = pointwiseRelu(processed, branch.expand);
    y = depthwise(y, branch.depthwise, 1);
    y = pointwiseRelu(y, branch.project);
    // Concatenate in this order, then shuffle so that the next split mixes both halves.
    return channelShuffle(tf.concat([identity, y], 3), 2);
  });
}
