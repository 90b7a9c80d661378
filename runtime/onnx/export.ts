/**
 * ONNX export: a ShuffleNet (arch.ts description + PyTorch-layout weights) as a standard ONNX
 * ModelProto, opset 13, NCHW, every parameter stored as a graph initializer. Any ONNX runtime can
 * then run the very network the tfjs runtime runs (onnxruntime-node in the tests; the benchmark
 * compares the speeds).
 *
 * The graph mirrors the architecture op by op, with PyTorch's semantics written out in ONNX terms
 * (operator definitions: onnx docs/Operators.md, opset 13):
 * - conv: Conv with `group`, symmetric `pads`, OIHW weights as stored (no layout change);
 * - bn: BatchNormalization with PyTorch's epsilon 1e-5 (runtimes fold it into the conv);
 * - maxpool: MaxPool, whose padding never wins the max (PyTorch MaxPool2d);
 * - avgpool: AveragePool with count_include_pad = 1 (PyTorch AvgPool2d's default);
 * - shuffle: Gather on the channel axis with the permutation as an int64 initializer: output
 *   channel j*g+i takes input channel i*(C/g)+j, torchvision's view-transpose-view written as the
 *   permutation it is (no spatial sizes needed, so the batch dimension stays free);
 * - split 'halves': Split (opset 13 takes the sizes as an input); 'evenOdd': two Gathers;
 * - globalAvgPool: GlobalAveragePool then Flatten; linear: Gemm with transB = 1 ([out, in] weight).
 */
import type { Arch, Op } from '../arch.ts';
import { checkWeights, type TensorData, type WeightMap } from '../weights.ts';
import { AttributeType, DataType, IR_VERSION, modelProtoType } from './onnx-proto.ts';

/** The opset the exported graph is written against. */
export const OPSET = 13;
/** Graph input (NCHW float32, batch dimension symbolic) and output (logits [N, classes]). */
export const INPUT_NAME = 'input';
export const OUTPUT_NAME = 'logits';

interface Attribute {
  name: string;
  type: number;
  i?: number;
  f?: number;
  ints?: number[];
}
interface Node {
  op_type: string;
  input: string[];
  output: string[];
  name: string;
  attribute: Attribute[];
}
interface Initializer {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

const ints = (name: string, values: number[]): Attribute => ({
  name,
  type: AttributeType.INTS,
  ints: values,
});
const int = (name: string, value: number): Attribute => ({
  name,
  type: AttributeType.INT,
  i: value,
});
const float = (name: string, value: number): Attribute => ({
  name,
  type: AttributeType.FLOAT,
  f: value,
});

/** PyTorch BatchNorm2d's default epsilon, as the tfjs runtime uses. */
const BN_EPSILON = 1e-5;

/** Little-endian bytes of a float32 array (raw_data must be little-endian, onnx.proto). */
function floatBytes(data: Float32Array): Uint8Array {
  const out = new Uint8Array(data.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
  return out;
}

function int64Bytes(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return out;
}

/** Builds the node list and initializers while walking the architecture. */
class GraphBuilder {
  readonly nodes: Node[] = [];
  readonly initializers: Initializer[] = [];
  private readonly constants = new Map<string, string>();
  private counter = 0;

  private readonly weights: ReadonlyMap<string, TensorData>;

  constructor(weights: ReadonlyMap<string, TensorData>) {
    this.weights = weights;
  }

  fresh(hint: string): string {
    return `${hint}_${this.counter++}`;
  }

  node(op: string, input: string[], attribute: Attribute[] = [], outputs = 1): string[] {
    const output = Array.from({ length: outputs }, () => this.fresh(op.toLowerCase()));
    this.nodes.push({ op_type: op, input, output, name: output[0]!, attribute });
    return output;
  }

  /** A parameter as an initializer under its PyTorch name (shared if used twice). */
  param(name: string): string {
    if (!this.constants.has(name)) {
      const t = this.weights.get(name);
      if (!t) throw new Error(`internal: parameter '${name}' missing after validation`);
      this.initializers.push({
        name,
        dims: [...t.shape],
        data_type: DataType.FLOAT,
        raw_data: floatBytes(t.data),
      });
      this.constants.set(name, name);
    }
    return name;
  }

  /** An int64 vector constant (gather indices, split sizes), deduplicated by value. */
  int64s(hint: string, values: number[]): string {
    const key = `${hint}:${values.join(',')}`;
    let name = this.constants.get(key);
    if (!name) {
      name = this.fresh(hint);
      this.initializers.push({
        name,
        dims: [values.length],
        data_type: DataType.INT64,
        raw_data: int64Bytes(values),
      });
      this.constants.set(key, name);
    }
    return name;
  }

  /** Channels of `x` (NCHW axis 1) in the order `indices` lists them. */
  gatherChannels(x: string, indices: number[]): string {
    return this.node('Gather', [x, this.int64s('channels', indices)], [int('axis', 1)])[0]!;
  }
}

/** torchvision's channel shuffle as a permutation: output j*g+i <- input i*(C/g)+j. */
export function shufflePermutation(channels: number, groups: number): number[] {
  const n = channels / groups;
  const perm = new Array<number>(channels);
  for (let i = 0; i < groups; i++) for (let j = 0; j < n; j++) perm[j * groups + i] = i * n + j;
  return perm;
}

/** Channel count flowing through the ops (needed for gathers and splits only). */
function emit(b: GraphBuilder, ops: Op[], input: string, channels: number): [string, number] {
  let x = input;
  let c = channels;
  for (const op of ops) {
    switch (op.op) {
      case 'conv':
        x = b.node(
          'Conv',
          [x, b.param(`${op.name}.weight`)],
          [
            ints('kernel_shape', [op.k, op.k]),
            ints('strides', [op.stride, op.stride]),
            ints('pads', [op.pad, op.pad, op.pad, op.pad]),
            ints('dilations', [1, 1]),
            int('group', op.groups),
          ],
        )[0]!;
        c = op.outC;
        break;
      case 'bn':
        x = b.node(
          'BatchNormalization',
          [
            x,
            ...['weight', 'bias', 'running_mean', 'running_var'].map((s) =>
              b.param(`${op.name}.${s}`),
            ),
          ],
          [float('epsilon', BN_EPSILON)],
        )[0]!;
        break;
      case 'relu':
        x = b.node('Relu', [x])[0]!;
        break;
      case 'maxpool':
      case 'avgpool':
        x = b.node(
          op.op === 'maxpool' ? 'MaxPool' : 'AveragePool',
          [x],
          [
            ints('kernel_shape', [op.k, op.k]),
            ints('strides', [op.stride, op.stride]),
            ints('pads', [op.pad, op.pad, op.pad, op.pad]),
            ...(op.op === 'avgpool' ? [int('count_include_pad', 1)] : []),
          ],
        )[0]!;
        break;
      case 'shuffle':
        x = b.gatherChannels(x, shufflePermutation(c, op.groups));
        break;
      case 'globalAvgPool':
        x = b.node('GlobalAveragePool', [x])[0]!;
        x = b.node('Flatten', [x], [int('axis', 1)])[0]!;
        break;
      case 'linear':
        x = b.node(
          'Gemm',
          [x, b.param(`${op.name}.weight`), ...(op.bias ? [b.param(`${op.name}.bias`)] : [])],
          [int('transB', 1)],
        )[0]!;
        c = op.outF;
        break;
      case 'unit': {
        let inputs: string[];
        if (op.split === 'halves') {
          const half = c / 2;
          inputs = b.node('Split', [x, b.int64s('split', [half, half])], [int('axis', 1)], 2);
        } else if (op.split === 'evenOdd') {
          const even = Array.from({ length: c / 2 }, (_, i) => 2 * i);
          inputs = [
            b.gatherChannels(x, even),
            b.gatherChannels(
              x,
              even.map((e) => e + 1),
            ),
          ];
        } else {
          inputs = op.branches.map(() => x);
        }
        const branchIn = op.split === 'none' ? c : c / 2;
        const outs = op.branches.map((branch, i) => emit(b, branch, inputs[i]!, branchIn));
        const names = outs.map(([name]) => name);
        if (op.combine === 'add') {
          x = b.node('Add', names)[0]!;
          c = outs[0]![1];
        } else {
          x = b.node('Concat', names, [int('axis', 1)])[0]!;
          c = outs.reduce((sum, [, ch]) => sum + ch, 0);
        }
        [x, c] = emit(b, op.after, x, c);
        break;
      }
    }
  }
  return [x, c];
}

function tensorType(dims: (number | string)[]) {
  return {
    tensor_type: {
      elem_type: DataType.FLOAT,
      shape: {
        dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })),
      },
    },
  };
}

/** Something that can be exported: a ShuffleNet from `createShuffleNet` fits. */
export interface Exportable {
  readonly arch: Arch;
  exportWeights(): WeightMap;
}

/**
 * The model as ONNX ModelProto bytes: input `input` [N, C, H, W] float32 (NCHW: the tfjs
 * runtime's NHWC input transposed), output `logits` [N, numClasses].
 */
export function exportOnnx(model: Exportable): Uint8Array {
  if (!model || typeof model.exportWeights !== 'function' || !model.arch) {
    throw new Error('exportOnnx expects a ShuffleNet (an object with arch and exportWeights())');
  }
  return exportOnnxFrom(model.arch, model.exportWeights());
}

/** `exportOnnx` for an architecture and its weights (PyTorch names and layouts). */
export function exportOnnxFrom(arch: Arch, weights: ReadonlyMap<string, TensorData>): Uint8Array {
  checkWeights(arch, weights);
  const b = new GraphBuilder(weights);
  const [h, w, c] = arch.config.inputShape;
  const [last] = emit(b, arch.ops, INPUT_NAME, c);
  // The last node writes the graph output directly.
  const lastNode = b.nodes.at(-1)!;
  if (lastNode.output[0] !== last) throw new Error('internal: graph does not end in its output');
  lastNode.output[0] = OUTPUT_NAME;
  const { version, width, groups, layout } = arch.config;
  const ModelProto = modelProtoType();
  const message = ModelProto.fromObject({
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: OPSET }],
    producer_name: 'shufflenet-lab',
    producer_version: '0.1.0',
    doc_string: `ShuffleNet ${version} ${width}x${version === 'v1' ? ` g=${groups}` : ''} (${layout})`,
    graph: {
      name: `shufflenet_${version}`,
      node: b.nodes,
      initializer: b.initializers,
      input: [{ name: INPUT_NAME, type: tensorType(['N', c, h, w]) }],
      output: [{ name: OUTPUT_NAME, type: tensorType(['N', arch.config.numClasses]) }],
    },
  });
  return ModelProto.encode(message).finish();
}
