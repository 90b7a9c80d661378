/**
 * Weight averaging (SWA: Izmailov et al. 2018, "Averaging Weights Leads to Wider Optima and
 * Better Generalization"): the equal-weight average of several weights files or training
 * checkpoints, then the BatchNorm running statistics re-estimated for the averaged weights, since
 * the average of the inputs' running statistics is not the statistics of the averaged network
 * (the paper's Sec 3.2; torch.optim.swa_utils.update_bn).
 *
 * Inputs are read into PyTorch names and layouts: a weights file as it is (`.num_batches_tracked`
 * dropped, as weights.ts does), a checkpoint (checkpoint.ts) from its `param/` and `buffer/`
 * tensors, converted from tfjs layouts; its `momentum/` buffers are ignored.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Arch } from '../arch.ts';
import { parseSafetensors } from '../safetensors.ts';
import type { WeightMap } from '../weights.ts';
import { createTrainable, toPytorchLayout } from './trainable.ts';

/** The batch size of the BatchNorm re-estimate (the training batch size). */
export const BN_BATCH_SIZE = 64;

export interface AverageInput {
  path: string;
  weights: WeightMap;
}

const CHECKPOINT_GROUPS = ['param/', 'buffer/'];

/** One file's tensors under PyTorch names and layouts; throws naming nothing but the problem. */
export function readAverageInput(arch: Arch, bytes: Uint8Array): WeightMap {
  const { tensors } = parseSafetensors(bytes);
  const checkpoint = [...tensors.keys()].some((n) => n.includes('/'));
  const out: WeightMap = new Map();
  for (const [name, t] of tensors) {
    const copy = { shape: [...t.shape], data: t.data.slice() };
    if (!checkpoint) {
      if (!name.endsWith('.num_batches_tracked')) out.set(name, copy);
      continue;
    }
    const group = CHECKPOINT_GROUPS.find((g) => name.startsWith(g));
    if (group) {
      const plain = name.slice(group.length);
      out.set(plain, toPytorchLayout(arch, plain, copy));
    } else if (!name.startsWith('momentum/')) {
      throw new Error(`tensor '${name}' is neither param/, buffer/ nor momentum/`);
    }
  }
  if (out.size === 0) throw new Error('no parameters in it');
  return out;
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * The elementwise mean of every tensor (summed in float64). All inputs must hold the same names
 * and shapes as the first; an error names the file and the tensor that differ.
 */
export function averageWeights(inputs: readonly AverageInput[]): WeightMap {
  const first = inputs[0];
  if (!first) throw new Error('averageWeights: no inputs');
  for (const input of inputs.slice(1)) {
    for (const [name, t] of first.weights) {
      const other = input.weights.get(name);
      if (!other) throw new Error(`${input.path}: tensor '${name}' missing (${first.path} has it)`);
      if (other.shape.join() !== t.shape.join()) {
        throw new Error(
          `${input.path}: tensor '${name}' has shape ${shapeText(other.shape)}; expected ` +
            `${shapeText(t.shape)} as in ${first.path}`,
        );
      }
    }
    for (const name of input.weights.keys()) {
      if (!first.weights.has(name)) {
        throw new Error(`${input.path}: tensor '${name}' is not in ${first.path}`);
      }
    }
  }
  const out: WeightMap = new Map();
  for (const [name, t] of first.weights) {
    const sum = new Float64Array(t.data.length);
    for (const input of inputs) {
      const data = input.weights.get(name)!.data;
      for (let i = 0; i < sum.length; i++) sum[i]! += data[i]!;
    }
    out.set(name, { shape: [...t.shape], data: Float32Array.from(sum, (v) => v / inputs.length) });
  }
  return out;
}

/**
 * `weights` with every BatchNorm's running mean and variance re-estimated as
 * torch.optim.swa_utils.update_bn does: reset, then the cumulative average (momentum=None) over
 * training-mode forwards of the first `batches` batches of `batchSize` images of `images`
 * (NHWC float32, already scaled; dataset order, no augmentation). A last, shorter batch counts
 * like the others, as in PyTorch's loader. Every other tensor is returned unchanged.
 */
export function reestimateBatchNorm(
  arch: Arch,
  weights: WeightMap,
  images: Float32Array,
  batches: number,
  batchSize = BN_BATCH_SIZE,
): WeightMap {
  const [h, w, c] = arch.config.inputShape;
  const per = h * w * c;
  const count = Math.floor(images.length / per);
  const used = Math.min(count, batches * batchSize);
  if (used < 2) throw new Error(`${count} images; BatchNorm statistics need at least 2`);
  const model = createTrainable(arch, weights, { bnStatistics: 'cumulative' });
  try {
    for (let start = 0; start < used; start += batchSize) {
      const n = Math.min(batchSize, used - start);
      tf.tidy(() => {
        const x = tf.tensor4d(images.subarray(start * per, (start + n) * per), [n, h, w, c]);
        model.forward(x, true);
      });
    }
    return model.exportWeights();
  } finally {
    model.dispose();
  }
}
