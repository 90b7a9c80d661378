/**
 * The cost of one 2-D convolution layer: parameters, multiply-adds and memory access cost.
 *
 * Conventions follow the ShuffleNet papers:
 * - "FLOPs" are multiply-adds ([V2] footnote 1); a layer without bias.
 * - Memory access cost (MAC) is [V2] Sec 2, Eq. 2, generalised from 1x1 to k x k kernels:
 *   every input element read once, every output element written once, every weight read once,
 *   MAC = h_in*w_in*c_in + h_out*w_out*c_out + k*k*c_in*c_out/g. For a 1x1 stride-1 conv this is
 *   the paper's hw(c1 + c2) + c1*c2/g.
 */

export interface ConvShape {
  /** Input channels c1. */
  inChannels: number;
  /** Output channels c2. */
  outChannels: number;
  /** Square kernel size k. */
  kernel: number;
  /** Groups g: 1 is a dense conv; g = c1 = c2 is a depthwise conv. */
  groups: number;
  /** Input height and width (square feature maps). */
  size: number;
  /** Stride; padding is (k - 1) / 2 as in ShuffleNet, so stride 1 keeps the size. */
  stride?: number;
}

export interface ConvCost {
  /** Weights, no bias: c2 * (c1/g) * k^2. */
  params: number;
  /** Multiply-adds: params * h_out * w_out. */
  macs: number;
  /** Memory access cost in elements ([V2] Eq. 2). */
  memoryAccess: number;
  /** Output height and width. */
  outSize: number;
}

/** Why a shape cannot be a grouped convolution, or null when it can. */
export function convShapeError(s: ConvShape): string | null {
  const positive: [string, number][] = [
    ['input channels', s.inChannels],
    ['output channels', s.outChannels],
    ['kernel size', s.kernel],
    ['groups', s.groups],
    ['spatial size', s.size],
    ['stride', s.stride ?? 1],
  ];
  for (const [label, value] of positive) {
    if (!Number.isInteger(value) || value < 1) {
      return `${label} must be a positive integer, got ${value}`;
    }
  }
  if (s.inChannels % s.groups !== 0) {
    return `groups (${s.groups}) must divide the input channels (${s.inChannels})`;
  }
  if (s.outChannels % s.groups !== 0) {
    return `groups (${s.groups}) must divide the output channels (${s.outChannels})`;
  }
  return null;
}

export function convCost(s: ConvShape): ConvCost {
  const error = convShapeError(s);
  if (error) throw new Error(error);
  const stride = s.stride ?? 1;
  const pad = Math.floor((s.kernel - 1) / 2);
  const outSize = Math.floor((s.size + 2 * pad - s.kernel) / stride) + 1;
  const params = s.outChannels * (s.inChannels / s.groups) * s.kernel * s.kernel;
  const macs = params * outSize * outSize;
  const memoryAccess = s.size * s.size * s.inChannels + outSize * outSize * s.outChannels + params;
  return { params, macs, memoryAccess, outSize };
}

/** The group counts that divide both channel counts: the values a group slider may take. */
export function validGroups(inChannels: number, outChannels: number): number[] {
  const result: number[] = [];
  for (let g = 1; g <= Math.min(inChannels, outChannels); g++) {
    if (inChannels % g === 0 && outChannels % g === 0) result.push(g);
  }
  return result;
}
