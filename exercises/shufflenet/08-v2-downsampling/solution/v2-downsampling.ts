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

/** The downsampling unit's weights: branch1 (depthwise, then 1x1) and branch2 (as stride 1). */
export interface DownsamplingParams {
  branch1: { depthwise: FoldedConv; project: FoldedConv };
  branch2: BranchParams;
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

/** torchvision's channel_shuffle on NHWC: output channel j*groups+i = input i*(C/groups)+j. */
function channelShuffle(x: tf.Tensor4D, groups: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  return x
    .reshape([n * h * w, groups, c / groups])
    .transpose([0, 2, 1])
    .reshape([n, h, w, c]);
}

/** 3x3 depthwise convolution plus bias (no ReLU). */
function depthwise(x: tf.Tensor4D, conv: FoldedConv, stride: number): tf.Tensor4D {
  const [kh, kw, , channels] = conv.filter.shape;
  const filter = tf.reshape(conv.filter, [kh, kw, channels, 1]) as tf.Tensor4D;
  // A number pads symmetrically, like PyTorch's padding=1. 'same' would pad (0, 1) for stride 2
  // on even sizes (TF's rule), shifting every window by one pixel.
  return tf.fused.depthwiseConv2d({ x, filter, strides: stride, pad: 1, bias: conv.bias });
}

/** ShuffleNet V2 unit with stride 2 (torchvision's InvertedResidual, stride 2). */
export function v2UnitStride2(x: tf.Tensor4D, params: DownsamplingParams): tf.Tensor4D {
  return tf.tidy(() => {
    // [V2] Fig. 3d: no split; each branch downsamples the whole input to half the output channels.
    const { branch1, branch2 } = params;
    const left = pointwiseRelu(depthwise(x, branch1.depthwise, 2), branch1.project);
    let right = pointwiseRelu(x, branch2.expand);
    right = depthwise(right, branch2.depthwise, 2);
    right = pointwiseRelu(right, branch2.project);
    return channelShuffle(tf.concat([left, right], 3), 2);
  });
}
