/**
 * SGD with momentum, Nesterov and weight decay with PyTorch's semantics (torch.optim.SGD docs):
 *   g = grad + weight_decay * w;  v = momentum * v + g;  step = nesterov ? g + momentum * v : v;
 *   w = w - lr * step
 * The momentum buffers are plain tensors we own, so a checkpoint saves and restores them exactly.
 * Weight decay applies to convolution and linear weights only, not to BatchNorm parameters or
 * biases (the usual practice for ShuffleNet V2: megvii's train.py excludes them).
 */
import * as tf from '@tensorflow/tfjs-core';

export interface SgdOptions {
  momentum: number;
  nesterov: boolean;
  weightDecay: number;
}

export const SGD_DEFAULTS: SgdOptions = { momentum: 0.9, nesterov: true, weightDecay: 5e-5 };

export interface Sgd {
  /** Applies one update; disposes nothing of `grads` (the caller owns them). */
  apply(grads: ReadonlyMap<string, tf.Tensor>, lr: number): void;
  /** Momentum buffers by parameter name (zeros until the first step). */
  readonly buffers: ReadonlyMap<string, tf.Variable>;
  dispose(): void;
}

/** Decayed: a weight (rank >= 2), not a BatchNorm scale or shift or a bias (rank 1). */
function decays(v: tf.Variable): boolean {
  return v.rank >= 2;
}

export function createSgd(params: ReadonlyMap<string, tf.Variable>, options: SgdOptions): Sgd {
  const buffers = new Map<string, tf.Variable>();
  for (const [name, v] of params) {
    buffers.set(
      name,
      tf.tidy(() => tf.variable(tf.zerosLike(v), false)),
    );
  }
  return {
    buffers,
    apply(grads, lr) {
      tf.tidy(() => {
        for (const [name, w] of params) {
          const grad = grads.get(name);
          if (!grad) throw new Error(`sgd: no gradient for '${name}'`);
          const g =
            decays(w) && options.weightDecay > 0
              ? tf.add(grad, tf.mul(w, options.weightDecay))
              : grad;
          const buffer = buffers.get(name)!;
          const v = tf.add(tf.mul(buffer, options.momentum), g);
          buffer.assign(v);
          const step = options.nesterov ? tf.add(g, tf.mul(v, options.momentum)) : v;
          w.assign(tf.sub(w, tf.mul(step, lr)));
        }
      });
    },
    dispose: () => tf.dispose([...buffers.values()]),
  };
}

/**
 * Learning rate at `step` of `total`: linear warmup from 0 over `warmup` steps (Goyal et al.
 * 2017), then cosine annealing to 0 (Loshchilov & Hutter 2017, SGDR without restarts).
 */
export function cosineLr(peak: number, step: number, total: number, warmup: number): number {
  if (step < warmup) return (peak * (step + 1)) / warmup;
  const progress = (step - warmup) / Math.max(1, total - warmup);
  return 0.5 * peak * (1 + Math.cos(Math.PI * Math.min(1, progress)));
}
