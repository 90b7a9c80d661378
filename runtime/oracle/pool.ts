/** Pooling with PyTorch semantics on NHWC tensors. */
import { nhwc, type OracleTensor } from './tensor.ts';

type Reduce = 'max' | 'avg';

function pool2d(x: OracleTensor, k: number, stride: number, pad: number, reduce: Reduce) {
  const [n, h, w, c] = nhwc(x, `${reduce}Pool2d`);
  const outH = Math.floor((h + 2 * pad - k) / stride) + 1;
  const outW = Math.floor((w + 2 * pad - k) / stride) + 1;
  if (outH < 1 || outW < 1) {
    throw new Error(
      `${reduce}Pool2d output would be empty: input ${h}x${w}, kernel ${k}, pad ${pad}`,
    );
  }
  const out = new Float32Array(n * outH * outW * c);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        for (let ch = 0; ch < c; ch++) {
          let acc = reduce === 'max' ? -Infinity : 0;
          for (let ky = 0; ky < k; ky++) {
            const iy = oy * stride - pad + ky;
            if (iy < 0 || iy >= h) continue; // max: padding is -inf; avg: padding is 0
            for (let kx = 0; kx < k; kx++) {
              const ix = ox * stride - pad + kx;
              if (ix < 0 || ix >= w) continue;
              const v = x.data[((b * h + iy) * w + ix) * c + ch]!;
              acc = reduce === 'max' ? Math.max(acc, v) : acc + v;
            }
          }
          // count_include_pad=True (PyTorch's default) divides by the whole window. PyTorch
          // divides by the window clipped to the padded input, but with ceil_mode=False a
          // window never passes the padding, so that is always k*k here.
          out[((b * outH + oy) * outW + ox) * c + ch] = reduce === 'max' ? acc : acc / (k * k);
        }
      }
    }
  }
  return { shape: [n, outH, outW, c], data: out };
}

/** torch.nn.MaxPool2d(k, stride, pad): padded cells never win (they are -inf). */
export function maxPool2d(x: OracleTensor, k: number, stride: number, pad: number): OracleTensor {
  return pool2d(x, k, stride, pad, 'max');
}

/**
 * torch.nn.AvgPool2d(k, stride, pad) with count_include_pad=True: padded cells count as zeros,
 * so a corner window divides by k*k, not by the number of real cells (TF 'SAME' differs).
 */
export function avgPool2d(x: OracleTensor, k: number, stride: number, pad: number): OracleTensor {
  return pool2d(x, k, stride, pad, 'avg');
}

/** Mean over height and width, [N, H, W, C] -> [N, C] (torchvision's `x.mean([2, 3])`). */
export function globalAvgPool(x: OracleTensor): OracleTensor {
  const [n, h, w, c] = nhwc(x, 'globalAvgPool');
  const out = new Float32Array(n * c);
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      let sum = 0;
      for (let p = 0; p < h * w; p++) sum += x.data[(b * h * w + p) * c + ch]!;
      out[b * c + ch] = sum / (h * w);
    }
  }
  return { shape: [n, c], data: out };
}
