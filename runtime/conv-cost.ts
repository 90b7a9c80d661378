/**
 * The cost of one 2-D convolution layer: parameters, multiply-adds and memory access cost.
 *
 * Conventions follow the ShuffleNet papers:
 * - "FLOPs" are multiply-adds ([V2] footnote 1); a layer without bias.
 * - Memory access cost (MAC) is [V2] Sec 2, Eq. 2, generalised from 1x1 to k x k kernels:
 *   every input element read once, every output element written once, every weight read once,
 *   MAC = h_in*w_in*c_in + h_out*w_out*c_out + k*k*c_in*c_out/g. For a 1x1 stride-1 conv this is
 *   the paper's hw(c1 + c2) + c1*c2/g.
 *
 * `convCounts` is the one formula: this module's `convCost` (the lesson's calculator, exercise
 * checks) and the network cost model (`cost.ts`) both count convolutions with it.
 */
import { windowOutput } from './arch.ts';

/** A convolution's channels, square kernel and groups (no bias). */
export interface ConvKernel {
  inChannels: number;
  outChannels: number;
  kernel: number;
  groups: number;
}

/** Params, multiply-adds and memory access of one convolution with the given input and output. */
export function convCounts(
  conv: ConvKernel,
  input: readonly [height: number, width: number],
  output: readonly [height: number, width: number],
): Omit<ConvCost, 'outSize'> {
  // Each output element needs (inC / groups) * k * k multiply-adds: one per weight it sees.
  const params = conv.outChannels * (conv.inChannels / conv.groups) * conv.kernel * conv.kernel;
  const macs = params * output[0] * output[1];
  const memoryAccess =
    input[0] * input[1] * conv.inChannels + output[0] * output[1] * conv.outChannels + params;
  return { params, macs, memoryAccess };
}

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
  const outSize = windowOutput(s.size, s.kernel, s.stride ?? 1, Math.floor((s.kernel - 1) / 2));
  return { ...convCounts(s, [s.size, s.size], [outSize, outSize]), outSize };
}

/** The group counts that divide both channel counts: the values a group slider may take. */
export function validGroups(inChannels: number, outChannels: number): number[] {
  const result: number[] = [];
  for (let g = 1; g <= Math.min(inChannels, outChannels); g++) {
    if (inChannels % g === 0 && outChannels % g === 0) result.push(g);
  }
  return result;
}
