/**
 * Convolutions with gradients built only from kernels the tfjs wasm backend has.
 *
 * tfjs-backend-wasm 4.22 has Conv2D, Conv2DBackpropInput and DepthwiseConv2dNative but no
 * Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropFilter or DepthwiseConv2dNativeBackpropInput
 * (its register_all_kernels.ts), so `tf.conv2d` / `tf.depthwiseConv2d` cannot be differentiated
 * there. Each op below runs the usual forward kernel and supplies its gradient with `tf.customGrad`, written with
 * BatchMatMul, StridedSlice, Multiply, Sum, PadV2, Reverse and DepthwiseConv2dNative, which wasm
 * has. The cpu backend's own gradients are the reference in grad-ops.test.ts.
 *
 * Notation: x [N, H, W, Cin] NHWC, filter grouped HWIO [k, k, Cin/groups, Cout] (ops.ts),
 * PyTorch padding p on every side, stride s; y[n, i, j] = sum_{a,b} xpad[n, i*s+a, j*s+b] w[a, b].
 *
 * ReLU needs nothing here: tfjs differentiates `tf.relu` as dy * step(x), a mask, with the Step
 * and Multiply kernels (the missing ReluGrad kernel is only used by other backends' fused paths).
 */
import * as tf from '@tensorflow/tfjs-core';
import { symmetricPadding } from '../ops.ts';

type T4 = tf.Tensor4D;

interface WithGradient {
  value: tf.Tensor;
  gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[];
}

/** `tf.customGrad` with typed inputs: `f` gets the input tensors and tfjs's save function. */
function customGrad(
  f: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => WithGradient,
): (...inputs: tf.Tensor[]) => tf.Tensor {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) =>
    f(args.slice(0, -1) as tf.Tensor[], args[args.length - 1] as tf.GradSaveFunc),
  );
}

function padded(x: T4, pad: number): T4 {
  return pad > 0 ? tf.pad(x, symmetricPadding(pad)) : x;
}

/**
 * The filter gradient of a correlation as another correlation: dW[a, b, ci, co] =
 * sum_{n,i,j} xpad[n, i*s+a, j*s+b, ci] * dy[n, i, j, co] is a 'valid' correlation of xpad with
 * dy as the kernel, dilated by s, where the batch n plays the role of the channel being summed.
 * Transposing xpad to [Cin, Hp, Wp, N] and dy to [outH, outW, N, Cout] makes it one Conv2D
 * (output [Cin, k, k, Cout]) instead of k*k shifted slices and products: the standard
 * "weight gradient as convolution" identity (e.g. Dumoulin & Visin 2016, Sec 4). The rows of
 * xpad no window reaches (when (H + 2p - k) is not a multiple of s) are cropped first.
 */
function cropToWindows(xpad: T4, k: number, stride: number, outH: number, outW: number): T4 {
  const [n, hp, wp, c] = xpad.shape;
  const h = (outH - 1) * stride + k;
  const w = (outW - 1) * stride + k;
  return h === hp && w === wp ? xpad : tf.slice(xpad, [0, 0, 0, 0], [n, h, w, c]);
}

/**
 * The transpose of a strided convolution's sampling: scatters `d` [N, outH, outW, C] (the
 * gradient at the sampled positions) back to input coordinates. Stride s inserts s-1 zero
 * rows/columns between samples ("dilates" dy); then a stride-1 full correlation with the flipped
 * kernel gives d xpad, whose interior is dx. This is the textbook transposed convolution
 * (Dumoulin & Visin, "A guide to convolution arithmetic", Sec 4.5), built from Reshape and PadV2.
 */
function dilate(d: T4, stride: number): T4 {
  if (stride === 1) return d;
  const [n, h, w, c] = d.shape;
  const spaced = tf.pad(tf.reshape(d, [n, h, 1, w, 1, c]), [
    [0, 0],
    [0, 0],
    [0, stride - 1],
    [0, 0],
    [0, stride - 1],
    [0, 0],
  ]);
  return tf.slice(
    tf.reshape(spaced, [n, h * stride, w * stride, c]) as T4,
    [0, 0, 0, 0],
    [n, (h - 1) * stride + 1, (w - 1) * stride + 1, c],
  );
}

/**
 * d input for a depthwise filter wDw [k, k, C, 1] (tfjs layout): the full correlation of dilated
 * dy with the spatially flipped filter gives d xpad over the rows windows reach; rows past the
 * last window (when (H + 2p - k) is not a multiple of s) get zero; then the padding is cropped.
 */
function depthwiseInputGrad(dy: T4, wDw: T4, xShape: number[], stride: number, pad: number): T4 {
  const [n, h, w, c] = xShape as [number, number, number, number];
  const k = wDw.shape[0];
  const dilated = dilate(dy, stride);
  const full = tf.depthwiseConv2d(dilated, tf.reverse(wDw, [0, 1]), 1, k - 1);
  const [, fh, fw] = full.shape;
  // full covers xpad rows [0, fh); xpad has h + 2p rows.
  const dxpad = tf.pad(full, [
    [0, 0],
    [0, h + 2 * pad - fh],
    [0, w + 2 * pad - fw],
    [0, 0],
  ]);
  return tf.slice(dxpad, [0, pad, pad, 0], [n, h, w, c]);
}

/**
 * Depthwise convolution (groups = C, PyTorch `Conv2d(C, C, k, s, p, groups=C, bias=False)`) with
 * filter [k, k, 1, C] in grouped HWIO. Gradients:
 *   dW[a, b, c] = sum_{n,i,j} xpad[n, i*s+a, j*s+b, c] * dy[n, i, j, c]   (k*k shifted products)
 *   dx          = depthwise correlation of dilated dy with the flipped filter, cropped.
 */
export function depthwiseConv(x: T4, filter: T4, stride: number, pad: number): T4 {
  const op = customGrad(([xIn, wIn], save) => {
    const x4 = xIn! as T4;
    const [k, , , c] = (wIn! as T4).shape;
    const wDw = tf.reshape(wIn!, [k, k, c, 1]) as T4;
    const y = tf.depthwiseConv2d(x4, wDw, stride, pad);
    save([x4, wIn!]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [T4, T4];
        const dy4 = dy as T4;
        const [, outH, outW] = dy4.shape;
        const [n] = xs.shape;
        const xpad = cropToWindows(padded(xs, pad), k, stride, outH, outW);
        const [, hc, wc] = xpad.shape;
        // Depthwise: channel c of sample n is its own "channel" of a depthwise correlation with
        // dy[n, :, :, c] as the kernel; the sum over n follows. [1, hc, wc, N*C] * [outH, outW,
        // N*C, 1] -> [1, k, k, N*C].
        const xNc = tf.reshape(tf.transpose(xpad, [1, 2, 0, 3]), [1, hc, wc, n * c]) as T4;
        const dyNc = tf.reshape(tf.transpose(dy4, [1, 2, 0, 3]), [outH, outW, n * c, 1]) as T4;
        const perSample = tf.depthwiseConv2d(xNc, dyNc, 1, 'valid', 'NHWC', stride);
        const dW = tf.sum(tf.reshape(perSample, [k, k, n, c]), 2);
        const wDwSaved = tf.reshape(ws, [k, k, c, 1]) as T4;
        return [
          depthwiseInputGrad(dy4, wDwSaved, xs.shape, stride, pad),
          tf.reshape(dW, [k, k, 1, c]),
        ];
      },
    };
  });
  return op(x, filter) as T4;
}

/**
 * Dense convolution (groups = 1) with filter [k, k, Cin, Cout]. Gradients:
 *   dW[a, b] = xtap(a, b)^T dy as [Cin, N*outH*outW] x [N*outH*outW, Cout], one matrix product
 *              per tap (k = 1 is one product of the whole input with dy);
 *   dx       = Conv2DBackpropInput (tf.conv2dTranspose), which wasm has.
 */
export function denseConv(x: T4, filter: T4, stride: number, pad: number): T4 {
  const op = customGrad(([xIn, wIn], save) => {
    const x4 = xIn! as T4;
    const w4 = wIn! as T4;
    const y = tf.conv2d(x4, w4, stride, pad);
    save([x4, w4]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [T4, T4];
        const [k, , cin, cout] = ws.shape;
        const [n, outH, outW] = dy.shape as [number, number, number, number];
        if (k === 1 && stride === 1 && pad === 0) {
          // A 1x1 convolution is a matrix product over pixels: y = X W with X [NHW, Cin]. So
          // dW = X^T dY and dX = dY W^T. Explicit transposes: wasm's BatchMatMul is about ten
          // times slower with transposeA/transposeB than on contiguous operands (measured).
          const x2 = tf.reshape(xs, [n * outH * outW, cin]);
          const dy2 = tf.reshape(dy, [n * outH * outW, cout]);
          const dW = tf.matMul(tf.transpose(x2), dy2);
          const dX = tf.matMul(dy2, tf.transpose(tf.reshape(ws, [cin, cout])));
          return [tf.reshape(dX, xs.shape), tf.reshape(dW, [1, 1, cin, cout])];
        }
        const xpad = cropToWindows(padded(xs, pad), k, stride, outH, outW);
        const dWt = tf.conv2d(
          tf.transpose(xpad, [3, 1, 2, 0]) as T4,
          tf.transpose(dy, [1, 2, 0, 3]) as T4,
          1,
          'valid',
          'NHWC',
          stride,
        );
        const dx = tf.conv2dTranspose(dy as T4, ws, xs.shape, stride, pad);
        return [dx, tf.transpose(dWt, [1, 2, 0, 3])];
      },
    };
  });
  return op(x, filter) as T4;
}

/**
 * PyTorch Conv2d(bias=False) with a grouped-HWIO filter [k, k, Cin/groups, Cout], differentiable
 * on wasm: dense, depthwise, or (V1) a group convolution as per-group dense convolutions on
 * channel slices ([V1] Sec 3.1), whose gradients tfjs routes through Split and Concat.
 */
export function trainableConv(x: T4, filter: T4, groups: number, stride: number, pad: number): T4 {
  const cin = x.shape[3];
  if (groups === 1) return denseConv(x, filter, stride, pad);
  if (groups === cin && filter.shape[2] === 1) return depthwiseConv(x, filter, stride, pad);
  const xs = tf.split(x, groups, 3) as T4[];
  const ws = tf.split(filter, groups, 3) as T4[];
  return tf.concat(
    xs.map((part, g) => denseConv(part, ws[g]!, stride, pad)),
    3,
  ) as T4;
}

export interface BatchStatistics {
  mean: tf.Tensor1D;
  /** Biased (divided by the element count), as BatchNorm normalises with. */
  variance: tf.Tensor1D;
  /** Elements per channel, N*H*W. */
  count: number;
}

/**
 * Training-mode BatchNorm2d (Ioffe & Szegedy 2015, Alg. 1; torch.nn.BatchNorm2d) over N, H, W:
 * y = gamma * xhat + beta, xhat = (x - mean) / sqrt(var + eps). The closed-form gradient
 * (ibid. Sec 3; M = N*H*W elements per channel):
 *   dbeta = sum dy,  dgamma = sum dy*xhat,
 *   dx = gamma / sqrt(var + eps) * (dy - dbeta / M - xhat * dgamma / M)
 * takes a handful of elementwise passes where differentiating `tf.moments` step by step takes
 * about three times as many (measured: the elementwise passes dominate a wasm training step).
 * `onStatistics` receives the batch mean and variance (for the running averages).
 */
export function batchNormTraining(
  x: T4,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
  onStatistics: (stats: BatchStatistics) => void,
): T4 {
  const op = customGrad(([xIn, gIn, bIn], save) => {
    const { mean, variance } = tf.moments(xIn, [0, 1, 2]);
    const count = xIn.size / xIn.shape[3]!;
    onStatistics({ mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D, count });
    const invStd = tf.rsqrt(tf.add(variance, epsilon));
    const xhat = tf.mul(tf.sub(xIn, mean), invStd);
    save([xhat, tf.mul(gIn, invStd)]);
    return {
      value: tf.add(tf.mul(xhat, gIn), bIn),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xhatS, scale] = saved as [tf.Tensor, tf.Tensor];
        const dBeta = tf.sum(dy, [0, 1, 2]);
        const dGamma = tf.sum(tf.mul(dy, xhatS), [0, 1, 2]);
        const dx = tf.mul(
          tf.sub(tf.sub(dy, tf.div(dBeta, count)), tf.mul(xhatS, tf.div(dGamma, count))),
          scale,
        );
        return [dx, dGamma, dBeta];
      },
    };
  });
  return op(x, gamma, beta) as T4;
}
