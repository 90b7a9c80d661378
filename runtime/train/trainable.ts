/**
 * A trainable ShuffleNet: the same arch.ts ops the inference executor (model.ts) runs, with
 * tf.Variables for the parameters and BatchNorm in training mode.
 *
 * - Units run through model.ts's `runUnit`, shuffles and pools through ops.ts: one graph for
 *   inference and training, V1 and V2. Only convolutions differ: grad-ops.ts gives them
 *   gradients the wasm backend can compute, and BN is not folded (its statistics change).
 * - BatchNorm2d as in PyTorch (torch.nn.BatchNorm2d docs): training normalises with the batch's
 *   biased variance, and updates running_mean / running_var with momentum 0.1 using the unbiased
 *   variance (n / (n - 1)); eps 1e-5. Evaluation uses the running statistics.
 * - Parameters live in tfjs layouts (conv grouped HWIO, linear [in, out]) under their PyTorch
 *   names; `exportWeights` converts to PyTorch layouts, so `createShuffleNet({ weights })` loads
 *   the result and runs it with BN folded.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Arch, Op } from '../arch.ts';
import { runUnit } from '../model.ts';
import { BN_EPSILON, avgPool2d, channelShuffle, globalAvgPool, linear, maxPool2d } from '../ops.ts';
import {
  hwioToOihw,
  oihwToHwio,
  parameterSpecs,
  transpose2d,
  writeWeights,
  type TensorData,
  type WeightMap,
} from '../weights.ts';
import { batchNormTraining, trainableConv, type BatchStatistics } from './grad-ops.ts';
import { STREAM, deriveSeed, mulberry32, normal } from '../random.ts';

/** PyTorch BatchNorm2d's default momentum: running = 0.9 * running + 0.1 * batch. */
export const BN_MOMENTUM = 0.1;

type Layer = (x: tf.Tensor, training: boolean) => tf.Tensor;

export interface TrainableShuffleNet {
  readonly arch: Arch;
  /** Parameters updated by gradient descent, PyTorch names (BN weight/bias included). */
  readonly trainable: ReadonlyMap<string, tf.Variable>;
  /** BN running statistics: updated by training forwards, not by gradients. */
  readonly buffers: ReadonlyMap<string, tf.Variable>;
  /**
   * Logits [N, classes]. `training`: batch statistics, and the running statistics are updated
   * (once per call). Otherwise the running statistics, as at inference.
   */
  forward(x: tf.Tensor4D, training: boolean): tf.Tensor2D;
  /** Every parameter and buffer in PyTorch names and layouts (the runtime's weight map). */
  exportWeights(): WeightMap;
  /** `exportWeights` as safetensors, loadable by `createShuffleNet({ weights })`. */
  saveWeights(metadata?: Record<string, string>): Uint8Array;
  /** Replaces every parameter and buffer from a PyTorch-layout weight map (e.g. readWeights). */
  loadWeights(weights: ReadonlyMap<string, TensorData>): void;
  dispose(): void;
}

/**
 * Initial parameters, seeded: conv weights Kaiming-normal with std sqrt(2 / fan_in) (He et al.
 * 2015, the ReLU gain); BN weight 1, bias 0, running mean 0, var 1 (PyTorch's reset_parameters);
 * linear weight and bias uniform +-1/sqrt(in) (PyTorch's default bound).
 */
export function initialWeights(arch: Arch, seed: number): WeightMap {
  const rand = mulberry32(deriveSeed(seed, STREAM.init));
  const weights: WeightMap = new Map();
  for (const spec of parameterSpecs(arch)) {
    const data = new Float32Array(spec.shape.reduce((a, b) => a * b, 1));
    const bound = 1 / Math.sqrt(spec.fanIn);
    for (let i = 0; i < data.length; i++) {
      switch (spec.role) {
        case 'conv':
          data[i] = normal(rand) * Math.sqrt(2 / spec.fanIn);
          break;
        case 'bnWeight':
        case 'bnVar':
          data[i] = 1;
          break;
        case 'bnBias':
        case 'bnMean':
          data[i] = 0;
          break;
        case 'linearWeight':
        case 'linearBias':
          data[i] = (2 * rand() - 1) * bound;
          break;
      }
    }
    weights.set(spec.name, { shape: [...spec.shape], data });
  }
  return weights;
}

/** How each parameter is stored in tfjs: conv OIHW -> grouped HWIO, linear transposed. */
function toTfjsLayout(name: string, t: TensorData, convNames: Set<string>): TensorData {
  if (convNames.has(name)) return oihwToHwio(t);
  if (t.shape.length === 2) return transpose2d(t);
  return t;
}

function fromTfjsLayout(name: string, t: TensorData, convNames: Set<string>): TensorData {
  if (convNames.has(name)) return hwioToOihw(t);
  if (t.shape.length === 2) return transpose2d(t);
  return t;
}

/** A tensor stored in tfjs layout (a training checkpoint's `param/`) in PyTorch layout. */
export function toPytorchLayout(arch: Arch, name: string, t: TensorData): TensorData {
  const convNames = new Set(
    parameterSpecs(arch)
      .filter((s) => s.role === 'conv')
      .map((s) => s.name),
  );
  return fromTfjsLayout(name, t, convNames);
}

export interface TrainableOptions {
  /**
   * How training forwards update the BatchNorm running statistics:
   * - 'momentum' (default): running = (1 - BN_MOMENTUM) * running + BN_MOMENTUM * batch;
   * - 'cumulative': PyTorch's momentum=None, as torch.optim.swa_utils.update_bn uses it
   *   (Izmailov et al. 2018, "Averaging Weights Leads to Wider Optima", Sec 3.2): the
   *   statistics start reset (mean 0, variance 1) and after k training forwards are the mean of
   *   the k batch means and of the k unbiased batch variances (running += (batch - running) / k).
   */
  bnStatistics?: 'momentum' | 'cumulative';
}

/** Builds the trainable network for `arch` from PyTorch-layout `weights` (e.g. initialWeights). */
export function createTrainable(
  arch: Arch,
  weights: ReadonlyMap<string, TensorData>,
  options: TrainableOptions = {},
): TrainableShuffleNet {
  const cumulative = options.bnStatistics === 'cumulative';
  const specs = parameterSpecs(arch);
  const convNames = new Set(specs.filter((s) => s.role === 'conv').map((s) => s.name));
  const trainable = new Map<string, tf.Variable>();
  const buffers = new Map<string, tf.Variable>();
  for (const spec of specs) {
    const t = weights.get(spec.name);
    if (!t) throw new Error(`createTrainable: parameter '${spec.name}' missing`);
    const tfjs = toTfjsLayout(spec.name, t, convNames);
    const isBuffer = spec.role === 'bnMean' || spec.role === 'bnVar';
    // Unnamed: tfjs variable names are global, and several models may coexist.
    const v = tf.tidy(() => tf.variable(tf.tensor(tfjs.data, tfjs.shape), !isBuffer));
    (isBuffer ? buffers : trainable).set(spec.name, v);
  }
  const get = (map: Map<string, tf.Variable>, name: string) => map.get(name)!;

  function batchNormLayer(name: string): Layer {
    const gamma = get(trainable, `${name}.weight`) as tf.Tensor1D;
    const beta = get(trainable, `${name}.bias`) as tf.Tensor1D;
    const runningMean = get(buffers, `${name}.running_mean`);
    const runningVar = get(buffers, `${name}.running_var`);
    let batches = 0;
    if (cumulative) {
      tf.tidy(() => {
        runningMean.assign(tf.zerosLike(runningMean));
        runningVar.assign(tf.onesLike(runningVar));
      });
    }
    return (x, training) => {
      if (!training) {
        return tf.batchNorm(x as tf.Tensor4D, runningMean, runningVar, beta, gamma, BN_EPSILON);
      }
      // The running statistics are buffers outside the loss: nothing differentiates them.
      const update = ({ mean, variance, count }: BatchStatistics) =>
        tf.tidy(() => {
          const unbiased = tf.mul(variance, count / Math.max(1, count - 1));
          // PyTorch's exponential_average_factor: 1 / num_batches_tracked without momentum.
          const factor = cumulative ? 1 / ++batches : BN_MOMENTUM;
          runningMean.assign(tf.add(tf.mul(runningMean, 1 - factor), tf.mul(mean, factor)));
          runningVar.assign(tf.add(tf.mul(runningVar, 1 - factor), tf.mul(unbiased, factor)));
        });
      return batchNormTraining(x as tf.Tensor4D, gamma, beta, BN_EPSILON, update);
    };
  }

  function compile(ops: Op[]): Layer[] {
    return ops.map((op): Layer => {
      switch (op.op) {
        case 'conv': {
          const filter = get(trainable, `${op.name}.weight`);
          return (x) =>
            trainableConv(x as tf.Tensor4D, filter as tf.Tensor4D, op.groups, op.stride, op.pad);
        }
        case 'bn':
          return batchNormLayer(op.name);
        case 'relu':
          return (x) => tf.relu(x);
        case 'maxpool':
          return (x) => maxPool2d(x as tf.Tensor4D, op.k, op.stride, op.pad);
        case 'avgpool':
          return (x) => avgPool2d(x as tf.Tensor4D, op.k, op.stride, op.pad);
        case 'shuffle':
          return (x) => channelShuffle(x as tf.Tensor4D, op.groups);
        case 'globalAvgPool':
          return (x) => globalAvgPool(x as tf.Tensor4D);
        case 'linear': {
          const w = get(trainable, `${op.name}.weight`) as tf.Tensor2D;
          const b = op.bias ? (get(trainable, `${op.name}.bias`) as tf.Tensor1D) : undefined;
          return (x) => linear(x as tf.Tensor2D, w, b);
        }
        case 'unit': {
          const branches = op.branches.map(compile);
          const after = compile(op.after);
          return (x, training) =>
            runUnit(
              x as tf.Tensor4D,
              op,
              branches.map((b) => (input: tf.Tensor) => run(b, input, training)),
              (y) => run(after, y, training),
            );
        }
      }
    });
  }

  function run(layers: Layer[], x: tf.Tensor, training: boolean): tf.Tensor {
    return layers.reduce((y, layer) => layer(y, training), x);
  }

  const layers = compile(arch.ops);
  const all = () => [...trainable, ...buffers];

  const exportWeights = (): WeightMap => {
    const out: WeightMap = new Map();
    for (const spec of specs) {
      const v = trainable.get(spec.name) ?? buffers.get(spec.name)!;
      const t = { shape: [...v.shape], data: v.dataSync() as Float32Array };
      out.set(spec.name, fromTfjsLayout(spec.name, { ...t, data: t.data.slice() }, convNames));
    }
    return out;
  };

  return {
    arch,
    trainable,
    buffers,
    forward: (x, training) => tf.tidy(() => run(layers, x, training) as tf.Tensor2D),
    exportWeights,
    saveWeights: (metadata) =>
      writeWeights(arch, exportWeights(), {
        format: 'pt',
        arch: JSON.stringify(arch.config),
        ...metadata,
      }),
    loadWeights(weights) {
      for (const [name, v] of all()) {
        const t = weights.get(name);
        if (!t) throw new Error(`loadWeights: parameter '${name}' missing`);
        const tfjs = toTfjsLayout(name, t, convNames);
        tf.tidy(() => v.assign(tf.tensor(tfjs.data, v.shape)));
      }
    },
    dispose: () => tf.dispose(all().map(([, v]) => v)),
  };
}
