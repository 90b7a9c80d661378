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

/** ShuffleNet V2 unit with stride 1 (torchvision's InvertedResidual, stride 1). */
export function v2UnitStride1(x: tf.Tensor4D, branch: BranchParams): tf.Tensor4D {
  // TODO: split the channels in half, send the second half through the branch (expand,
  // depthwise, project), concatenate [first half, branch output], shuffle with 2 groups.
  return tf.relu(x);
}
