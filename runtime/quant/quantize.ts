/**
 * Post-training int8 quantization of a folded graph (graph.ts), following the TFLite int8
 * quantization specification (tensorflow.org/lite/performance/quantization_spec) and Jacob et
 * al., CVPR 2018, section 2:
 * - a real value r is stored as an integer q with r = S (q - Z);
 * - activations: int8 in [-128, 127], one scale S and zero point Z per buffer, from the min/max
 *   of that buffer over calibration images (widened to include 0, so that real 0, the zero
 *   padding and the ReLU threshold, is exactly the integer Z);
 * - weights: int8 in [-127, 127], symmetric (Z = 0), one scale per output channel (max |w| / 127);
 * - bias: int32 with scale S_in * S_w[c] and Z = 0, added to the int32 accumulator;
 * - requantization: M[c] = S_in * S_w[c] / S_out as a Q31 multiplier and shift (fixed-point.ts).
 * The input is pixel / 255 (runtime/train/fashion.ts), so S = 1/255 and Z = -128 represent it
 * exactly: q = pixel - 128.
 */
import { quantizeMultiplier, type QuantizedMultiplier } from './fixed-point.ts';
import type { BufferShape, ChannelView, ConvLayer, Graph, LinearLayer } from './graph.ts';
import { runFloat } from './float-forward.ts';

export interface QBuffer extends BufferShape {
  scale: number;
  zeroPoint: number;
}

interface Requantized {
  /** Q31 multipliers and shifts, one per output channel (fixed-point.ts). */
  multiplier: Int32Array;
  shift: Int32Array;
}

/**
 * The int8 form of a float layer with weights: the same fields, the weights int8 in the same
 * layout (dense OHWI, depthwise CHW, linear [outF][inF]), the bias int32.
 */
type QWeighted<L> = Omit<L, 'weight' | 'bias'> &
  Requantized & {
    weight: Int8Array;
    bias: Int32Array;
    weightScale: Float64Array;
  };

export type QConv = QWeighted<ConvLayer>;

export interface QCopy {
  kind: 'copy';
  input: number;
  inView: ChannelView;
  output: number;
  outView: ChannelView;
  /** null when both buffers share scale and zero point (a plain copy). */
  requant: QuantizedMultiplier | null;
}

export interface QPool {
  kind: 'globalAvgPool';
  input: number;
  output: number;
  /** S_in / (pixels * S_out): the mean and the change of scale in one multiplier. */
  requant: QuantizedMultiplier;
}

export type QLinear = QWeighted<LinearLayer>;

export type QLayer = QConv | QCopy | QPool | QLinear;

export interface QModel {
  buffers: QBuffer[];
  layers: QLayer[];
  output: number;
}

/** Scale and zero point for the real range [lo, hi] mapped onto [-128, 127] (0 exact). */
export function activationParams(lo: number, hi: number): { scale: number; zeroPoint: number } {
  if (!(lo <= hi)) throw new Error(`activationParams: empty range [${lo}, ${hi}]`);
  const min = Math.min(lo, 0);
  const max = Math.max(hi, 0);
  if (max === min) return { scale: 1, zeroPoint: 0 };
  const scale = (max - min) / 255;
  const zeroPoint = Math.min(127, Math.max(-128, Math.round(-128 - min / scale)));
  return { scale, zeroPoint };
}

/** Per-output-channel symmetric int8 weights: rows of `perRow` values. */
export function quantizeWeights(
  weight: Float32Array,
  rows: number,
): { q: Int8Array; scale: Float64Array } {
  const perRow = weight.length / rows;
  const q = new Int8Array(weight.length);
  const scale = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let i = 0; i < perRow; i++) max = Math.max(max, Math.abs(weight[r * perRow + i]!));
    const s = max > 0 ? max / 127 : 1;
    scale[r] = s;
    for (let i = 0; i < perRow; i++) {
      q[r * perRow + i] = Math.max(-127, Math.min(127, Math.round(weight[r * perRow + i]! / s)));
    }
  }
  return { q, scale };
}

/** Min and max of every buffer over the calibration images (already scaled for the model). */
export function calibrate(graph: Graph, images: Iterable<ArrayLike<number>>): [number, number][] {
  const ranges = graph.buffers.map((): [number, number] => [Infinity, -Infinity]);
  let count = 0;
  for (const image of images) {
    const buffers = runFloat(graph, image);
    buffers.forEach((b, i) => {
      const range = ranges[i]!;
      for (let j = 0; j < b.length; j++) {
        const v = b[j]!;
        if (v < range[0]) range[0] = v;
        if (v > range[1]) range[1] = v;
      }
    });
    count++;
  }
  if (count === 0) throw new Error('calibrate: no calibration images');
  return ranges;
}

function requantizers(scales: ArrayLike<number>): Requantized {
  const multiplier = new Int32Array(scales.length);
  const shift = new Int32Array(scales.length);
  for (let c = 0; c < scales.length; c++) {
    const m = quantizeMultiplier(scales[c]!);
    multiplier[c] = m.multiplier;
    shift[c] = m.shift;
  }
  return { multiplier, shift };
}

function quantizeBias(bias: Float32Array, inScale: number, weightScale: Float64Array): Int32Array {
  const q = new Int32Array(bias.length);
  for (let c = 0; c < bias.length; c++) {
    const v = Math.round(bias[c]! / (inScale * weightScale[c]!));
    if (Math.abs(v) > 2 ** 31 - 1) throw new Error(`quantizeBias: bias ${c} overflows int32`);
    q[c] = v;
  }
  return q;
}

/** The input's quantization: pixel / 255 is exactly (pixel - 128 + 128) / 255. */
export const INPUT_SCALE = 1 / 255;
export const INPUT_ZERO_POINT = -128;

/** Quantizes `graph` with activation ranges from `calibrate`. */
export function quantizeGraph(graph: Graph, ranges: [number, number][]): QModel {
  if (ranges.length !== graph.buffers.length) {
    throw new Error(`quantizeGraph: ${ranges.length} ranges for ${graph.buffers.length} buffers`);
  }
  const buffers: QBuffer[] = graph.buffers.map((shape, i) => ({
    ...shape,
    ...(i === 0
      ? { scale: INPUT_SCALE, zeroPoint: INPUT_ZERO_POINT }
      : activationParams(ranges[i]![0], ranges[i]![1])),
  }));
  const layers = graph.layers.map((layer): QLayer => {
    const sIn = buffers[layer.input]!.scale;
    const sOut = buffers[layer.output]!.scale;
    switch (layer.kind) {
      case 'conv':
      case 'linear': {
        // One weight scale per output channel: a conv's output channels, a linear's outputs.
        const rows = layer.kind === 'conv' ? layer.outView.count : layer.outF;
        const { q, scale } = quantizeWeights(layer.weight, rows);
        const quantized = {
          weight: q,
          weightScale: scale,
          bias: quantizeBias(layer.bias, sIn, scale),
          ...requantizers(Array.from(scale, (s) => (sIn * s) / sOut)),
        };
        return { ...layer, ...quantized };
      }
      case 'copy': {
        const a = buffers[layer.input]!;
        const b = buffers[layer.output]!;
        const same = a.scale === b.scale && a.zeroPoint === b.zeroPoint;
        return { ...layer, requant: same ? null : quantizeMultiplier(sIn / sOut) };
      }
      case 'globalAvgPool': {
        const src = buffers[layer.input]!;
        return { ...layer, requant: quantizeMultiplier(sIn / (src.h * src.w * sOut)) };
      }
    }
  });
  return { buffers, layers, output: graph.output };
}
