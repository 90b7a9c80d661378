/**
 * The network as a flat list of layers over buffers, with every BatchNorm folded into the
 * convolution before it: what the calibration (float), the int8 reference and the C export walk.
 *
 * Buffers are HWC activations of one image. A layer reads and writes channel *views*: the
 * logical channel c of a view is the physical channel `offset + c * step` of its buffer. That
 * makes the V2 unit's routing pure index arithmetic, with no copy:
 * - the split into halves (torchvision `x.chunk(2, dim=1)`) is two views of one buffer;
 * - the concatenation is one buffer that both branches write into;
 * - the channel shuffle after it (torchvision `channel_shuffle(x, 2)`: output channel j*2+i takes
 *   input channel i*(C/2)+j) is folded into where the branches write: branch i's channel j goes
 *   to physical channel j*2+i, so the buffer already holds the shuffled order, and the next
 *   unit's halves are contiguous. The last pointwise convolution of each branch therefore writes
 *   with step 2: its output channels (weight rows) interleave with the other branch's.
 * Only the identity branch of a stride-1 unit moves data: a `copy` layer (which also rescales it
 * to the concatenation's scale when quantized).
 *
 * Supported: ShuffleNet V2, torchvision layout (the Fashion-MNIST model); other layouts throw.
 */
import type { Arch, ConvOp, Op, UnitOp } from '../arch.ts';
import { windowOutput } from '../arch.ts';
import { BN_EPSILON } from '../ops.ts';
import type { TensorData } from '../weights.ts';

export interface BufferShape {
  h: number;
  w: number;
  c: number;
}

/** Logical channel c is physical channel offset + c * step; `count` channels. */
export interface ChannelView {
  offset: number;
  step: number;
  count: number;
}

export interface ConvLayer {
  kind: 'conv';
  /** Parameter prefix of the convolution (`conv1.0`, `stage2.0.branch2.3`, ...). */
  name: string;
  input: number;
  inView: ChannelView;
  output: number;
  outView: ChannelView;
  k: number;
  stride: number;
  pad: number;
  /** true: one k x k filter per channel (groups = channels); false: dense. */
  depthwise: boolean;
  relu: boolean;
  /** Folded weights: dense [outC][k][k][inC] (OHWI), depthwise [C][k][k]. */
  weight: Float32Array;
  /** Folded bias (the BatchNorm's shift). */
  bias: Float32Array;
}

export interface CopyLayer {
  kind: 'copy';
  input: number;
  inView: ChannelView;
  output: number;
  outView: ChannelView;
}

export interface PoolLayer {
  kind: 'globalAvgPool';
  input: number;
  output: number;
}

export interface LinearLayer {
  kind: 'linear';
  name: string;
  input: number;
  output: number;
  inF: number;
  outF: number;
  /** [outF][inF], as PyTorch. */
  weight: Float32Array;
  bias: Float32Array;
}

export type Layer = ConvLayer | CopyLayer | PoolLayer | LinearLayer;

export interface Graph {
  buffers: BufferShape[];
  layers: Layer[];
  /** Buffer 0 is the input image; `output` holds the logits (1 x 1 x classes). */
  output: number;
}

interface Value {
  buffer: number;
  view: ChannelView;
}

function unsupported(what: string): never {
  throw new Error(
    `int8 graph: ${what} is not supported; the quantized path handles ShuffleNet V2 in the ` +
      `torchvision layout (conv-BN(-ReLU), units with concat and shuffle, global pool, linear)`,
  );
}

function param(weights: ReadonlyMap<string, TensorData>, name: string): TensorData {
  const t = weights.get(name);
  if (!t) throw new Error(`int8 graph: parameter '${name}' is missing from the weights`);
  return t;
}

function whole(c: number): ChannelView {
  return { offset: 0, step: 1, count: c };
}

/** Conv weight OIHW folded with the BatchNorm `bnName`: OHWI (dense) or CHW (depthwise). */
function foldConv(
  op: ConvOp,
  bnName: string,
  weights: ReadonlyMap<string, TensorData>,
): { weight: Float32Array; bias: Float32Array } {
  const w = param(weights, `${op.name}.weight`).data;
  const gamma = param(weights, `${bnName}.weight`).data;
  const beta = param(weights, `${bnName}.bias`).data;
  const mean = param(weights, `${bnName}.running_mean`).data;
  const variance = param(weights, `${bnName}.running_var`).data;
  const { outC, k } = op;
  const perOut = op.groups === 1 ? op.inC : 1;
  const weight = new Float32Array(outC * k * k * perOut);
  const bias = new Float32Array(outC);
  for (let o = 0; o < outC; o++) {
    // Inference BatchNorm: gamma (x - mean) / sqrt(var + eps) + beta, folded (Jacob et al. 3.2).
    const scale = gamma[o]! / Math.sqrt(variance[o]! + BN_EPSILON);
    bias[o] = beta[o]! - mean[o]! * scale;
    for (let i = 0; i < perOut; i++) {
      for (let y = 0; y < k; y++) {
        for (let x = 0; x < k; x++) {
          weight[((o * k + y) * k + x) * perOut + i] =
            w[((o * perOut + i) * k + y) * k + x]! * scale;
        }
      }
    }
  }
  return { weight, bias };
}

/** Builds the folded graph of `arch` with `weights` (PyTorch names and layouts). */
export function buildGraph(arch: Arch, weights: ReadonlyMap<string, TensorData>): Graph {
  if (arch.config.version !== 'v2' || arch.config.layout !== 'torchvision') {
    unsupported(`ShuffleNet ${arch.config.version} in the '${arch.config.layout}' layout`);
  }
  const [h0, w0, c0] = arch.config.inputShape;
  const buffers: BufferShape[] = [{ h: h0, w: w0, c: c0 }];
  const layers: Layer[] = [];
  const alloc = (shape: BufferShape): number => buffers.push(shape) - 1;

  /** Runs `ops` from `value`; the last convolution (or the identity) writes into `target`. */
  const sequence = (ops: Op[], start: Value, target?: Value): Value => {
    let value = start;
    const lastConv = ops.map((o) => o.op).lastIndexOf('conv');
    if (ops.length === 0 && target) {
      layers.push({ kind: 'copy', input: value.buffer, inView: value.view, ...out(target) });
      return target;
    }
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      switch (op.op) {
        case 'conv': {
          const bn = ops[i + 1];
          if (bn?.op !== 'bn') unsupported(`a convolution without BatchNorm (${op.name})`);
          const relu = ops[i + 2]?.op === 'relu';
          i += relu ? 2 : 1;
          if (op.groups !== 1 && op.groups !== op.inC) unsupported(`group convolution ${op.name}`);
          if (value.view.count !== op.inC) {
            throw new Error(
              `int8 graph: ${op.name} expects ${op.inC} channels, gets ${value.view.count}`,
            );
          }
          const src = buffers[value.buffer]!;
          const shape = {
            h: windowOutput(src.h, op.k, op.stride, op.pad),
            w: windowOutput(src.w, op.k, op.stride, op.pad),
            c: op.outC,
          };
          const dest: Value =
            i >= lastConv && target ? target : { buffer: alloc(shape), view: whole(op.outC) };
          const t = buffers[dest.buffer]!;
          if (t.h !== shape.h || t.w !== shape.w || dest.view.count !== op.outC) {
            throw new Error(`int8 graph: ${op.name} output does not fit its concatenation`);
          }
          layers.push({
            kind: 'conv',
            name: op.name,
            input: value.buffer,
            inView: value.view,
            output: dest.buffer,
            outView: dest.view,
            k: op.k,
            stride: op.stride,
            pad: op.pad,
            depthwise: op.groups !== 1,
            relu,
            ...foldConv(op, bn.name, weights),
          });
          value = dest;
          break;
        }
        case 'unit':
          value = unit(op, value);
          break;
        case 'globalAvgPool': {
          const c = value.view.count;
          if (value.view.step !== 1 || value.view.offset !== 0 || buffers[value.buffer]!.c !== c) {
            unsupported('global pooling of a channel view');
          }
          const output = alloc({ h: 1, w: 1, c });
          layers.push({ kind: 'globalAvgPool', input: value.buffer, output });
          value = { buffer: output, view: whole(c) };
          break;
        }
        case 'linear': {
          const output = alloc({ h: 1, w: 1, c: op.outF });
          const bias = op.bias ? param(weights, `${op.name}.bias`).data : new Float32Array(op.outF);
          layers.push({
            kind: 'linear',
            name: op.name,
            input: value.buffer,
            output,
            inF: op.inF,
            outF: op.outF,
            weight: param(weights, `${op.name}.weight`).data.slice(),
            bias: bias.slice(),
          });
          value = { buffer: output, view: whole(op.outF) };
          break;
        }
        default:
          unsupported(`the op '${op.op}' here`);
      }
    }
    return value;
  };

  const out = (target: Value) => ({ output: target.buffer, outView: target.view });

  const unit = (op: UnitOp, input: Value): Value => {
    if (op.combine !== 'concat' || op.branches.length !== 2) unsupported(`unit ${op.name}`);
    const shuffle = op.after[0];
    if (op.after.length !== 1 || shuffle?.op !== 'shuffle' || shuffle.groups !== 2) {
      unsupported(`unit ${op.name} without a 2-group shuffle after its concatenation`);
    }
    const src = buffers[input.buffer]!;
    const size = (n: number) => windowOutput(n, 3, op.stride, 1);
    const output = alloc({ h: size(src.h), w: size(src.w), c: op.outC });
    const half = op.outC / 2;
    const inputs: Value[] =
      op.split === 'halves'
        ? [0, 1].map((i) => ({
            buffer: input.buffer,
            view: {
              offset: input.view.offset + i * (input.view.count / 2) * input.view.step,
              step: input.view.step,
              count: input.view.count / 2,
            },
          }))
        : [input, input];
    // Branch i's channel j is channel i*half+j of the concatenation, which the shuffle moves to
    // j*2+i: write it there directly.
    op.branches.forEach((ops, i) =>
      sequence(ops, inputs[i]!, { buffer: output, view: { offset: i, step: 2, count: half } }),
    );
    return { buffer: output, view: whole(op.outC) };
  };

  const result = sequence(arch.ops, { buffer: 0, view: whole(c0) });
  return { buffers, layers, output: result.buffer };
}
