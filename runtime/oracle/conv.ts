/**
 * PyTorch's Conv2d (no bias) on NHWC activations, written as plain loops.
 *
 * The weights stay in PyTorch's OIHW layout, [outC, inC / groups, kH, kW], so state_dict tensors
 * are used exactly as stored. Output channel o belongs to group floor(o / (outC / groups)) and
 * sees only that group's slice of input channels; groups = 1 is a dense convolution and
 * groups = inC a depthwise one (torch.nn.Conv2d documentation, "groups").
 */
import { nhwc, type OracleTensor } from './tensor.ts';

export interface ConvOptions {
  stride: number;
  /** Zero padding on every side (PyTorch `padding`), not TF's asymmetric 'same'. */
  pad: number;
  groups: number;
}

export function conv2d(x: OracleTensor, weight: OracleTensor, options: ConvOptions): OracleTensor {
  const { stride, pad, groups } = options;
  const [n, h, w, inC] = nhwc(x, 'conv2d');
  if (weight.shape.length !== 4) {
    throw new Error(`conv2d expects OIHW weights (rank 4), got [${weight.shape.join(', ')}]`);
  }
  const [outC, groupInC, kH, kW] = weight.shape as [number, number, number, number];
  if (!Number.isInteger(groups) || groups < 1 || inC % groups !== 0 || outC % groups !== 0) {
    throw new Error(
      `conv2d groups ${groups} must divide both input channels ${inC} and output channels ${outC}`,
    );
  }
  if (groupInC !== inC / groups) {
    throw new Error(
      `conv2d weight [${weight.shape.join(', ')}] expects ${groupInC * groups} input channels ` +
        `with groups ${groups}, got ${inC}`,
    );
  }
  const outH = Math.floor((h + 2 * pad - kH) / stride) + 1;
  const outW = Math.floor((w + 2 * pad - kW) / stride) + 1;
  if (outH < 1 || outW < 1) {
    throw new Error(
      `conv2d output would be empty: input ${h}x${w}, kernel ${kH}x${kW}, pad ${pad}`,
    );
  }
  const groupOutC = outC / groups;
  const out = new Float32Array(n * outH * outW * outC);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        for (let o = 0; o < outC; o++) {
          const firstInC = Math.floor(o / groupOutC) * groupInC;
          let sum = 0;
          for (let ky = 0; ky < kH; ky++) {
            const iy = oy * stride - pad + ky;
            if (iy < 0 || iy >= h) continue; // zero padding contributes nothing
            for (let kx = 0; kx < kW; kx++) {
              const ix = ox * stride - pad + kx;
              if (ix < 0 || ix >= w) continue;
              for (let i = 0; i < groupInC; i++) {
                const xv = x.data[((b * h + iy) * w + ix) * inC + firstInC + i]!;
                const wv = weight.data[((o * groupInC + i) * kH + ky) * kW + kx]!;
                sum += xv * wv;
              }
            }
          }
          out[((b * outH + oy) * outW + ox) * outC + o] = sum;
        }
      }
    }
  }
  return { shape: [n, outH, outW, outC], data: out };
}
