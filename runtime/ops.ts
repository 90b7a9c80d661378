/**
 * ShuffleNet building blocks on tfjs, NHWC, with PyTorch semantics.
 *
 * Only tfjs-core's functional API is used (`tf.reshape(x, ...)`): bare tfjs-core does not
 * register chained tensor methods (tfjs-chained-ops.ts explains). Every op runs inside `tf.tidy`,
 * so only the returned tensor survives.
 *
 * Filters use one canonical "grouped HWIO" layout everywhere: `[k, k, inC / groups, outC]`, the
 * transpose of PyTorch's OIHW `[outC, inC / groups, k, k]`. A depthwise filter is therefore
 * `[k, k, 1, C]`; `depthwiseFilter` reshapes it to tfjs's `[k, k, C, 1]`.
 *
 * References: [TV] torchvision/models/shufflenetv2.py; [V1] Zhang et al. 1707.01083 Sec 3.1;
 * PyTorch Conv2d / MaxPool2d / AvgPool2d / BatchNorm2d documentation.
 */
import * as tf from '@tensorflow/tfjs-core';

/** PyTorch BatchNorm2d's default epsilon (tfjs `batchNorm` defaults to 0.001). */
export const BN_EPSILON = 1e-5;

/** The two ways to run a group convolution, which tfjs lacks ([V1] Sec 3.1; tfjs #3900). */
export type GroupConvMethod = 'split' | 'blockDiagonal';

type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

/**
 * PyTorch's `padding=p`: p rows/columns on every side. TF's 'same' would put the odd extra row at
 * the bottom/right only, which shifts every stride-2 window by one pixel.
 */
export function symmetricPadding(pad: number): ExplicitPadding {
  return [
    [0, 0],
    [pad, pad],
    [pad, pad],
    [0, 0],
  ];
}

/**
 * torchvision's `channel_shuffle`: output channel j*groups+i takes input channel i*(C/groups)+j.
 * NCHW `view(B, g, C/g, H, W).transpose(1, 2)` becomes, in NHWC, a rank-3 transpose of
 * [N*H*W, g, C/g], which avoids relying on rank-5 transposes in every backend.
 */
export function channelShuffle(x: tf.Tensor4D, groups: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  if (!Number.isInteger(groups) || groups < 1 || c % groups !== 0) {
    throw new Error(`channelShuffle: groups ${groups} must be a positive divisor of ${c} channels`);
  }
  return tf.tidy(() => {
    const grouped = tf.reshape(x, [n * h * w, groups, c / groups]);
    return tf.reshape(tf.transpose(grouped, [0, 2, 1]), [n, h, w, c]);
  });
}

/**
 * megvii's `channel_shuffle` for ShuffleNet V2 ([MG] ShuffleV2Block): the even channels go to the
 * first output, the odd ones to the second. This is torchvision's shuffle with C/2 groups
 * followed by `chunk(2)`.
 */
export function splitEvenOdd(x: tf.Tensor4D): [tf.Tensor4D, tf.Tensor4D] {
  const c = x.shape[3];
  if (c % 2 !== 0) throw new Error(`splitEvenOdd: ${c} channels is not even`);
  return tf.tidy(() => {
    const [even, odd] = tf.split(channelShuffle(x, c / 2), 2, 3);
    return [even as tf.Tensor4D, odd as tf.Tensor4D];
  });
}

/** Grouped HWIO `[k, k, 1, C*m]` to tfjs's depthwise layout `[k, k, C, m]` (same memory order). */
export function depthwiseFilter(filter: tf.Tensor4D, channels: number): tf.Tensor4D {
  const [kh, kw, one, outC] = filter.shape;
  if (one !== 1 || outC % channels !== 0) {
    throw new Error(
      `depthwiseFilter: expected [${kh}, ${kw}, 1, ${channels}*m], got [${filter.shape}]`,
    );
  }
  return tf.reshape(filter, [kh, kw, channels, outC / channels]);
}

/**
 * The block-diagonal dense filter `[k, k, inC, outC]` equal to a group convolution: group g's
 * output channels only see group g's input channels, every other weight is zero. It does
 * `groups` times the MACs of the group convolution, but runs as one dense convolution.
 */
export function blockDiagonalFilter(filter: tf.Tensor4D, groups: number): tf.Tensor4D {
  const [, , inPerGroup, outC] = filter.shape;
  if (outC % groups !== 0) {
    throw new Error(`blockDiagonalFilter: ${outC} output channels not divisible by ${groups}`);
  }
  return tf.tidy(() => {
    const blocks = tf.split(filter, groups, 3).map((block, g) =>
      tf.pad(block, [
        [0, 0],
        [0, 0],
        [g * inPerGroup, (groups - 1 - g) * inPerGroup],
        [0, 0],
      ]),
    );
    return tf.concat(blocks, 3) as tf.Tensor4D;
  });
}

/** A convolution with its weights prepared for one way of running it. */
export interface ConvKernel {
  /** 'dense': one tf.conv2d; 'depthwise': tf.depthwiseConv2d; 'split': one conv per group. */
  mode: 'dense' | 'depthwise' | 'split';
  /** One filter per group for 'split', otherwise one. tfjs layouts ([k,k,C,m] for depthwise). */
  filters: tf.Tensor4D[];
  /** Per-output-channel bias (a folded BatchNorm), split like the filters; may be absent. */
  biases: tf.Tensor1D[] | null;
  stride: number;
  pad: number;
}

export interface ConvSpec {
  inC: number;
  groups: number;
  stride: number;
  pad: number;
  /** How a group convolution (1 < groups < inC) runs. */
  method: GroupConvMethod;
}

/**
 * Prepares grouped-HWIO `filter` (and an optional bias) for `runConv`. The returned tensors are
 * new and owned by the caller (`disposeConvKernel`).
 */
export function prepareConv(
  filter: tf.Tensor4D,
  bias: tf.Tensor1D | null,
  spec: ConvSpec,
): ConvKernel {
  const { inC, groups, stride, pad, method } = spec;
  const [, , inPerGroup, outC] = filter.shape;
  if (!Number.isInteger(groups) || groups < 1 || inC % groups !== 0 || outC % groups !== 0) {
    throw new Error(`conv: groups ${groups} must divide inC ${inC} and outC ${outC}`);
  }
  if (inPerGroup * groups !== inC) {
    throw new Error(
      `conv: filter [${filter.shape}] expected [k, k, ${inC / groups}, ${outC}] for groups ${groups}`,
    );
  }
  if (bias && bias.shape[0] !== outC) {
    throw new Error(`conv: bias [${bias.shape}] expected [${outC}]`);
  }
  const base = { stride, pad };
  if (groups === 1) {
    return {
      ...base,
      mode: 'dense',
      filters: [tf.clone(filter)],
      biases: bias && [tf.clone(bias)],
    };
  }
  if (groups === inC) {
    return {
      ...base,
      mode: 'depthwise',
      filters: [depthwiseFilter(filter, inC)],
      biases: bias && [tf.clone(bias)],
    };
  }
  if (method === 'blockDiagonal') {
    return {
      ...base,
      mode: 'dense',
      filters: [blockDiagonalFilter(filter, groups)],
      biases: bias && [tf.clone(bias)],
    };
  }
  return {
    ...base,
    mode: 'split',
    filters: tf.split(filter, groups, 3) as tf.Tensor4D[],
    biases: bias && (tf.split(bias, groups) as tf.Tensor1D[]),
  };
}

export function disposeConvKernel(kernel: ConvKernel): void {
  tf.dispose(kernel.filters);
  if (kernel.biases) tf.dispose(kernel.biases);
}

function fusedConv(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor1D | undefined,
  depthwise: boolean,
  stride: number,
  pad: number,
  relu: boolean,
): tf.Tensor4D {
  // tf.fused lets XNNPACK (wasm) apply the bias and ReLU in the convolution's epilogue. A numeric
  // pad is symmetric in tfjs (conv_util: top = bottom = left = right = pad, output size
  // trunc((H + 2p - k) / s) + 1), i.e. PyTorch's `padding`; never 'same'.
  const args = {
    x,
    filter,
    strides: stride,
    pad,
    bias,
    activation: relu ? ('relu' as const) : ('linear' as const),
  };
  return depthwise ? tf.fused.depthwiseConv2d(args) : tf.fused.conv2d(args);
}

/** Runs a prepared convolution, then adds its bias and applies ReLU if asked. */
export function runConv(x: tf.Tensor4D, kernel: ConvKernel, relu = false): tf.Tensor4D {
  const { mode, filters, biases, stride, pad } = kernel;
  return tf.tidy(() => {
    if (mode !== 'split') {
      return fusedConv(x, filters[0]!, biases?.[0], mode === 'depthwise', stride, pad, relu);
    }
    // [V1] Sec 3.1 / TF #3332: split the input channels, convolve each group, concatenate.
    const parts = tf.split(x, filters.length, 3) as tf.Tensor4D[];
    const outs = parts.map((part, g) =>
      fusedConv(part, filters[g]!, biases?.[g], false, stride, pad, relu),
    );
    return tf.concat(outs, 3) as tf.Tensor4D;
  });
}

export interface Conv2dOptions {
  stride?: number;
  /** PyTorch `padding`: zeros on every side. */
  pad?: number;
  groups?: number;
  bias?: tf.Tensor1D;
  relu?: boolean;
  /** For 1 < groups < inC; defaults to `groupConvMethodFor(tf.getBackend(), ...)`. */
  method?: GroupConvMethod;
}

/**
 * PyTorch `Conv2d(bias=False)` (plus optional bias and ReLU) on NHWC input with a grouped-HWIO
 * filter `[k, k, inC/groups, outC]`. groups = 1 is dense, groups = inC is depthwise, anything
 * between is a group convolution.
 */
export function conv2d(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  options: Conv2dOptions = {},
): tf.Tensor4D {
  const groups = options.groups ?? 1;
  return tf.tidy(() => {
    const kernel = prepareConv(filter, options.bias ?? null, {
      inC: x.shape[3],
      groups,
      stride: options.stride ?? 1,
      pad: options.pad ?? 0,
      method:
        options.method ?? groupConvMethodFor(tf.getBackend(), { outC: filter.shape[3], groups }),
    });
    return runConv(x, kernel, options.relu ?? false);
  });
}

/** Inference BatchNorm parameters in PyTorch's names: weight = gamma, bias = beta. */
export interface BatchNormParams {
  weight: tf.Tensor1D;
  bias: tf.Tensor1D;
  runningMean: tf.Tensor1D;
  runningVar: tf.Tensor1D;
}

/** Inference BatchNorm2d with PyTorch's epsilon (not tfjs's 0.001 default). */
export function batchNorm(x: tf.Tensor4D, bn: BatchNormParams): tf.Tensor4D {
  return tf.batchNorm(x, bn.runningMean, bn.runningVar, bn.bias, bn.weight, BN_EPSILON);
}

/**
 * Folds an inference BatchNorm into the preceding bias-free convolution:
 * scale = weight / sqrt(running_var + eps), filter' = filter * scale (per output channel, the last
 * axis of grouped HWIO), bias' = bias - running_mean * scale. Saves one elementwise pass per
 * convolution (V2 guideline G4).
 */
export function foldBatchNorm(
  filter: tf.Tensor4D,
  bn: BatchNormParams,
): { filter: tf.Tensor4D; bias: tf.Tensor1D } {
  const outC = filter.shape[3];
  if (bn.weight.shape[0] !== outC) {
    throw new Error(`foldBatchNorm: ${bn.weight.shape[0]} BN channels, filter has ${outC}`);
  }
  return tf.tidy(() => {
    const scale = tf.div(bn.weight, tf.sqrt(tf.add(bn.runningVar, BN_EPSILON)));
    return {
      filter: tf.mul(filter, scale) as tf.Tensor4D,
      bias: tf.sub(bn.bias, tf.mul(bn.runningMean, scale)) as tf.Tensor1D,
    };
  });
}

/** Unfolded conv -> BN -> optional ReLU, the reference for folding. */
export function convBnRelu(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bn: BatchNormParams,
  options: Omit<Conv2dOptions, 'bias' | 'relu'> & { relu: boolean },
): tf.Tensor4D {
  return tf.tidy(() => {
    const y = batchNorm(conv2d(x, filter, { ...options, relu: false }), bn);
    return options.relu ? tf.relu(y) : y;
  });
}

/**
 * PyTorch MaxPool2d(k, stride, padding): the padding never wins the max, so pad with -Infinity and
 * pool 'valid'. Output size floor((H + 2p - k) / s) + 1 (ceil_mode=False).
 */
export function maxPool2d(x: tf.Tensor4D, k: number, stride: number, pad: number): tf.Tensor4D {
  return tf.tidy(() => {
    const padded = pad > 0 ? tf.pad(x, symmetricPadding(pad), -Infinity) : x;
    return tf.maxPool(padded, k, stride, 'valid');
  });
}

/**
 * PyTorch AvgPool2d(k, stride, padding) with its default count_include_pad=True: border windows
 * divide by k*k. TF's 'same' average pooling excludes the padding instead, so pad with zeros and
 * pool 'valid'.
 */
export function avgPool2d(x: tf.Tensor4D, k: number, stride: number, pad: number): tf.Tensor4D {
  return tf.tidy(() => {
    const padded = pad > 0 ? tf.pad(x, symmetricPadding(pad)) : x;
    return tf.avgPool(padded, k, stride, 'valid');
  });
}

/** Mean over height and width: [N, H, W, C] -> [N, C] (torchvision's `x.mean([2, 3])`). */
export function globalAvgPool(x: tf.Tensor4D): tf.Tensor2D {
  return tf.mean(x, [1, 2]);
}

/** PyTorch Linear with the weight already transposed to [in, out]. */
export function linear(x: tf.Tensor2D, weight: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: weight, bias }) as tf.Tensor2D;
}

/**
 * Which group-convolution construction is faster, per backend and layer, as measured by
 * `runtime/bench/group-conv.ts` (Node 24, tfjs 4.22, 2 cores shared with other jobs, so +-20%
 * noise; batch 1, median ms of 7, 1x1 group conv + bias + ReLU, split / blockDiagonal):
 *
 * | V1 1x layer at 224 input | (g-1)/g*outC | cpu         | wasm        |
 * |--------------------------|--------------|-------------|-------------|
 * | g3 28x28 240->60         |  40          | 144 / 19.9  | 2.02 / 1.37 |
 * | g3 14x14 480->120        |  80          |  73 / 19.4  | 0.93 / 1.18 |
 * | g8 28x28 384->96         |  84          | 242 / 52.4  | 9.02 / 3.14 |
 * | g3 28x28 60->240         | 160          |  45 / 25.3  | 1.52 / 1.33 |
 * | g3 14x14 120->480        | 320          |  27 / 35.0  | 0.84 / 1.53 |
 * | g8 28x28 96->384         | 336          |  78 / 62.3  | 3.84 / 3.11 |
 * | g8 7x7 1536->384         | 336          |  73 / 65.8  | 1.29 / 3.13 |
 * | g3 7x7 240->960          | 640          |  17 / 21.3  | 0.75 / 1.29 |
 * | g8 14x14 192->768        | 672          |  46 / 50.7  | 1.34 / 2.95 |
 *
 * The split pays data movement proportional to the input and output (a strided channel slice per
 * group, g small convs, a concat: [V2] G3/G4), the block-diagonal kernel pays (g-1)/g * outC
 * extra multiply-adds per input element. So the block-diagonal kernel wins when (g-1)/g * outC
 * is small: up to about 128 on wasm (XNNPACK convolutions are fast, slices comparatively slow)
 * and about 512 on cpu (its strided slice is very slow). Whole networks, predict() median ms,
 * split / blockDiagonal / this per-layer rule:
 *
 * | network                      | cpu                  | wasm               |
 * |------------------------------|----------------------|--------------------|
 * | V1 g3 1x 224x224x3           | 2499 / 1150 / 1014   | 35.9 / 49.8 / 39.0 |
 * | V1 g8 1x 224x224x3 (megvii)  | 4505 / 2358 / 2217   | 76.7 / 115.8 / 73.8 |
 * | V1 g3 0.5x 28x28x1 (course)  | 362 / 84.1 / 84.4    | 6.2 / 5.6 / 4.9    |
 *
 * Backends not measured (webgl) get the block-diagonal kernel: one dense conv instead of 2g+1
 * kernel launches per layer, which matters most on a GPU ([V2] G3).
 */
const BLOCK_DIAGONAL_LIMIT: Record<string, number> = { cpu: 512, wasm: 128 };

export function groupConvMethodFor(
  backend: string,
  conv: { outC: number; groups: number },
): GroupConvMethod {
  const limit = BLOCK_DIAGONAL_LIMIT[backend] ?? Infinity;
  return ((conv.groups - 1) / conv.groups) * conv.outC <= limit ? 'blockDiagonal' : 'split';
}
