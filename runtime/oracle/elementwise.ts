/** Per-element and per-channel operations: inference BatchNorm, ReLU and addition. */
import { channelsOf, type OracleTensor } from './tensor.ts';

/** BatchNorm parameters as stored in a PyTorch state_dict (`weight` is gamma, `bias` beta). */
export interface BatchNormParams {
  weight: Float32Array;
  bias: Float32Array;
  runningMean: Float32Array;
  runningVar: Float32Array;
}

/**
 * Inference BatchNorm over the last (channel) axis:
 * y = (x - running_mean) / sqrt(running_var + eps) * weight + bias.
 * eps defaults to PyTorch's 1e-5 (tfjs defaults to 1e-3, which is why this is explicit).
 */
export function batchNorm(x: OracleTensor, params: BatchNormParams, eps = 1e-5): OracleTensor {
  const c = channelsOf(x);
  for (const [name, values] of Object.entries(params) as [string, Float32Array][]) {
    if (values.length !== c) {
      throw new Error(`batchNorm ${name} has ${values.length} values, expected ${c} (channels)`);
    }
  }
  const out = new Float32Array(x.data.length);
  for (let i = 0; i < x.data.length; i++) {
    const ch = i % c;
    const normalized =
      (x.data[i]! - params.runningMean[ch]!) / Math.sqrt(params.runningVar[ch]! + eps);
    out[i] = normalized * params.weight[ch]! + params.bias[ch]!;
  }
  return { shape: [...x.shape], data: out };
}

export function relu(x: OracleTensor): OracleTensor {
  return { shape: [...x.shape], data: x.data.map((v) => (v > 0 ? v : 0)) };
}

/** Element-wise sum of two tensors of the same shape (the V1 stride-1 shortcut). */
export function add(a: OracleTensor, b: OracleTensor): OracleTensor {
  if (a.shape.join(',') !== b.shape.join(',')) {
    throw new Error(
      `add needs equal shapes, got [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`,
    );
  }
  return { shape: [...a.shape], data: a.data.map((v, i) => v + b.data[i]!) };
}
