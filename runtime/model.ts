/**
 * A ShuffleNet V1 or V2 on tfjs: one executor walks the architecture description of arch.ts
 * (stem, units with their split / branches / combine / after, head) for every version and layout.
 *
 * Inference folds every BatchNorm into the convolution before it (and fuses a following ReLU into
 * the same tf.fused call): each conv-BN-ReLU becomes one kernel with a bias, which removes two
 * elementwise passes per convolution ([V2] G4: element-wise ops are not free) and lets XNNPACK
 * apply bias and ReLU in its epilogue. The folded weights are derived; the PyTorch-layout
 * parameters stay the source of truth for saving and exporting, so nothing is lost.
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildArch, type Arch, type ArchOptions, type Op } from './arch.ts';
import { costOf, type CostReport } from './cost.ts';
import {
  avgPool2d,
  batchNorm,
  channelShuffle,
  foldBatchNorm,
  globalAvgPool,
  groupConvMethodFor,
  linear,
  maxPool2d,
  prepareConv,
  runConv,
  splitEvenOdd,
  type BatchNormParams,
  type ConvKernel,
  type GroupConvMethod,
} from './ops.ts';
import {
  checkWeights,
  copyWeights,
  oihwToHwio,
  randomWeights,
  readWeights,
  transpose2d,
  writeWeights,
  type TensorData,
  type WeightMap,
} from './weights.ts';

export interface ShuffleNetOptions extends ArchOptions {
  /** A safetensors file with the architecture's PyTorch state_dict; random weights if absent. */
  weights?: Uint8Array;
  /** Seed of the random weights (an integer in [0, 2^32)); default 0. */
  seed?: number;
  /**
   * How group convolutions run: 'auto' (default) picks per backend from the measurements in
   * `groupConvMethodFor` for each layer; the others force one construction everywhere.
   */
  groupConv?: GroupConvChoice;
}

export interface ShuffleNet {
  readonly arch: Arch;
  /** Logits [N, numClasses] for NHWC input [N, H, W, C] matching `arch.config.inputShape`. */
  predict(x: tf.Tensor4D): tf.Tensor2D;
  /** Per-layer parameters, MACs and memory access (runtime/cost.ts). */
  summary(): CostReport;
  /** Replaces the parameters from a safetensors file; on error the model is unchanged. */
  loadWeights(bytes: Uint8Array): void;
  /** The parameters as safetensors, PyTorch names and layouts. */
  saveWeights(): Uint8Array;
  /** A copy of the parameters, PyTorch layouts (what the oracle reads). */
  exportWeights(): WeightMap;
  /** Frees every tensor the model holds; the model is unusable afterwards. */
  dispose(): void;
}

type Step =
  | { kind: 'conv'; kernel: ConvKernel; relu: boolean }
  | { kind: 'bn'; params: BatchNormParams }
  | { kind: 'relu' }
  | { kind: 'maxpool' | 'avgpool'; k: number; stride: number; pad: number }
  | { kind: 'shuffle'; groups: number }
  | { kind: 'globalAvgPool' }
  | { kind: 'linear'; weight: tf.Tensor2D; bias: tf.Tensor1D | undefined }
  | {
      kind: 'unit';
      split: 'none' | 'halves' | 'evenOdd';
      combine: 'add' | 'concat';
      branches: Step[][];
      after: Step[];
    };

export type GroupConvChoice = GroupConvMethod | 'auto';
const GROUP_CONV_CHOICES = ['auto', 'split', 'blockDiagonal'];

function param(weights: ReadonlyMap<string, TensorData>, name: string): TensorData {
  const t = weights.get(name);
  if (!t) throw new Error(`internal: parameter '${name}' missing after validation`);
  return t;
}

function bnParams(weights: ReadonlyMap<string, TensorData>, name: string): BatchNormParams {
  const vec = (suffix: string) => tf.tensor1d(param(weights, `${name}.${suffix}`).data);
  return {
    weight: vec('weight'),
    bias: vec('bias'),
    runningMean: vec('running_mean'),
    runningVar: vec('running_var'),
  };
}

/** Turns arch ops into executable steps with tfjs tensors, folding conv-BN(-ReLU) triples. */
function compile(
  ops: Op[],
  weights: ReadonlyMap<string, TensorData>,
  choice: GroupConvChoice,
  owned: tf.Tensor[],
): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    switch (op.op) {
      case 'conv': {
        const next = ops[i + 1];
        const foldBn = next?.op === 'bn' && next.channels === op.outC ? next : null;
        const hwio = oihwToHwio(param(weights, `${op.name}.weight`));
        const method = choice === 'auto' ? groupConvMethodFor(tf.getBackend(), op) : choice;
        const raw = tf.tensor4d(hwio.data, hwio.shape as [number, number, number, number]);
        const temporary: tf.Tensor[] = [raw];
        let kernel: ConvKernel;
        try {
          const bn = foldBn ? bnParams(weights, foldBn.name) : null;
          if (bn) temporary.push(...Object.values(bn));
          const folded = bn ? foldBatchNorm(raw, bn) : null;
          if (folded) temporary.push(folded.filter, folded.bias);
          kernel = prepareConv(folded?.filter ?? raw, folded?.bias ?? null, { ...op, method });
        } finally {
          // prepareConv copies what it keeps; the raw filter, BN vectors and folded copies go.
          tf.dispose(temporary);
        }
        owned.push(...kernel.filters, ...(kernel.biases ?? []));
        let relu = false;
        if (foldBn) {
          i++;
          if (ops[i + 1]?.op === 'relu') {
            relu = true;
            i++;
          }
        }
        steps.push({ kind: 'conv', kernel, relu });
        break;
      }
      case 'bn': {
        // Not produced by arch.ts (every BN follows a conv), but kept correct: PyTorch epsilon.
        const params = bnParams(weights, op.name);
        owned.push(params.weight, params.bias, params.runningMean, params.runningVar);
        steps.push({ kind: 'bn', params });
        break;
      }
      case 'relu':
      case 'globalAvgPool':
        steps.push({ kind: op.op });
        break;
      case 'maxpool':
      case 'avgpool':
        steps.push({ kind: op.op, k: op.k, stride: op.stride, pad: op.pad });
        break;
      case 'shuffle':
        steps.push({ kind: 'shuffle', groups: op.groups });
        break;
      case 'linear': {
        const w = transpose2d(param(weights, `${op.name}.weight`));
        const weight = tf.tensor2d(w.data, w.shape as [number, number]);
        const bias = op.bias ? tf.tensor1d(param(weights, `${op.name}.bias`).data) : undefined;
        owned.push(weight, ...(bias ? [bias] : []));
        steps.push({ kind: 'linear', weight, bias });
        break;
      }
      case 'unit':
        steps.push({
          kind: 'unit',
          split: op.split,
          combine: op.combine,
          branches: op.branches.map((b) => compile(b, weights, choice, owned)),
          after: compile(op.after, weights, choice, owned),
        });
        break;
    }
  }
  return steps;
}

/**
 * A unit's data flow (arch.ts UnitOp): route the input to the branches, run them, combine, then
 * run `after`. Shared by this executor and the trainer (runtime/train/trainable.ts), so both run
 * the same graph; only how a branch runs differs.
 */
export function runUnit(
  x: tf.Tensor4D,
  unit: { split: 'none' | 'halves' | 'evenOdd'; combine: 'add' | 'concat' },
  branches: ((input: tf.Tensor) => tf.Tensor)[],
  after: (combined: tf.Tensor) => tf.Tensor,
): tf.Tensor {
  let inputs: tf.Tensor[];
  if (unit.split === 'halves')
    inputs = tf.split(x, 2, 3); // torchvision x.chunk(2, dim=1)
  else if (unit.split === 'evenOdd')
    inputs = splitEvenOdd(x); // [MG] channel_shuffle
  else inputs = branches.map(() => x);
  const outs = branches.map((run, i) => run(inputs[i]!));
  return after(unit.combine === 'add' ? tf.add(outs[0]!, outs[1]!) : tf.concat(outs, 3));
}

/** Runs steps on x; call inside tf.tidy (intermediates are left to the caller's scope). */
function execute(steps: Step[], input: tf.Tensor): tf.Tensor {
  let x = input;
  for (const s of steps) {
    const x4 = x as tf.Tensor4D;
    switch (s.kind) {
      case 'conv':
        x = runConv(x4, s.kernel, s.relu);
        break;
      case 'bn':
        x = batchNorm(x4, s.params);
        break;
      case 'relu':
        x = tf.relu(x);
        break;
      case 'maxpool':
        x = maxPool2d(x4, s.k, s.stride, s.pad);
        break;
      case 'avgpool':
        x = avgPool2d(x4, s.k, s.stride, s.pad);
        break;
      case 'shuffle':
        x = channelShuffle(x4, s.groups);
        break;
      case 'globalAvgPool':
        x = globalAvgPool(x4);
        break;
      case 'linear':
        x = linear(x as tf.Tensor2D, s.weight, s.bias);
        break;
      case 'unit':
        x = runUnit(
          x4,
          s,
          s.branches.map((b) => (input: tf.Tensor) => execute(b, input)),
          (y) => execute(s.after, y),
        );
        break;
    }
  }
  return x;
}

/** A compiled op sequence (a whole network or a single unit) with its tfjs weights. */
export interface CompiledOps {
  /** The backend the weights were prepared on ('auto' picks constructions for it). */
  readonly backend: string;
  readonly groupConv: GroupConvChoice;
  /** Runs the ops on x; intermediates are disposed, x is not. */
  run(x: tf.Tensor): tf.Tensor;
  /** Frees the prepared weights. */
  dispose(): void;
}

/**
 * Prepares `ops` (from arch.ts; whole networks or single units) with parameters from `weights`
 * (PyTorch names and layouts) for running on tfjs. Does not validate names or shapes beyond
 * what it reads; `checkWeights` does that for whole architectures.
 */
export function compileOps(
  ops: Op[],
  weights: ReadonlyMap<string, TensorData>,
  groupConv: GroupConvChoice = 'auto',
): CompiledOps {
  const owned: tf.Tensor[] = [];
  let steps: Step[];
  try {
    steps = compile(ops, weights, groupConv, owned);
  } catch (e) {
    tf.dispose(owned);
    throw e;
  }
  return {
    backend: tf.getBackend(),
    groupConv,
    run: (x) => tf.tidy(() => execute(steps, x)),
    dispose: () => tf.dispose(owned),
  };
}

function validateOptions(options: ShuffleNetOptions): void {
  if (options.groupConv !== undefined && !GROUP_CONV_CHOICES.includes(options.groupConv)) {
    throw new Error(
      `groupConv ${JSON.stringify(options.groupConv)} is not supported; expected one of ` +
        `'auto', 'split', 'blockDiagonal'`,
    );
  }
  if (options.weights !== undefined && !(options.weights instanceof Uint8Array)) {
    throw new Error('weights must be a Uint8Array holding a safetensors file');
  }
}

/** Builds the model: validates options, derives the architecture, loads or draws the weights. */
export function createShuffleNet(options: ShuffleNetOptions): ShuffleNet {
  validateOptions(options);
  const arch = buildArch(options);
  const choice = options.groupConv ?? 'auto';
  let weights: WeightMap = options.weights
    ? readWeights(arch, options.weights)
    : randomWeights(arch, options.seed ?? 0);
  let compiled: CompiledOps | null = null;
  let disposed = false;

  const dropCompiled = () => {
    compiled?.dispose();
    compiled = null;
  };

  /** The compiled ops; with 'auto', rebuilt when the backend (hence the choice) changes. */
  const current = (): CompiledOps => {
    if (compiled && (choice !== 'auto' || compiled.backend === tf.getBackend())) return compiled;
    dropCompiled();
    compiled = compileOps(arch.ops, weights, choice);
    return compiled;
  };

  const alive = (what: string) => {
    if (disposed) throw new Error(`ShuffleNet.${what}: the model has been disposed`);
  };

  current();

  return {
    arch,
    predict(x) {
      alive('predict');
      const [h, w, c] = arch.config.inputShape;
      const expected = `[N, ${h}, ${w}, ${c}] (NHWC)`;
      if (!(x instanceof tf.Tensor)) throw new Error(`predict expects a tf.Tensor ${expected}`);
      if (x.rank !== 4 || x.shape[1] !== h || x.shape[2] !== w || x.shape[3] !== c) {
        throw new Error(`predict expects input of shape ${expected}, got [${x.shape.join(', ')}]`);
      }
      if (x.dtype !== 'float32') {
        throw new Error(`predict expects float32 input ${expected}, got dtype ${x.dtype}`);
      }
      return current().run(x) as tf.Tensor2D;
    },
    summary() {
      alive('summary');
      return costOf(arch);
    },
    loadWeights(bytes) {
      alive('loadWeights');
      const next = readWeights(arch, bytes); // throws before anything changes
      dropCompiled();
      weights = next;
      current();
    },
    saveWeights() {
      alive('saveWeights');
      return writeWeights(arch, weights, {
        format: 'pt',
        arch: JSON.stringify(arch.config),
      });
    },
    exportWeights() {
      alive('exportWeights');
      checkWeights(arch, weights);
      return copyWeights(weights);
    },
    dispose() {
      dropCompiled();
      disposed = true;
    },
  };
}
