/**
 * Transfer learning's second half: a new classifier head (one linear layer and softmax) fitted
 * on features of a frozen backbone. The backbone's features come in as plain numbers, so nothing
 * here can change it; only the head's weight and bias are variables.
 *
 * With the backbone frozen, fitting the head is multinomial logistic regression, a convex
 * problem: starting from zero weights is as good as any random start and makes every fit
 * reproducible without a seed. The features are standardised with the training set's mean and
 * standard deviation first (kept in the head and applied again at prediction), so one learning
 * rate suits any backbone's feature scale. Full-batch steps: the reader gives a few examples
 * (e.g. 3 classes x 5), far fewer than a batch. The update is the runtime's SGD (sgd.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createSgd } from './sgd.ts';

export interface HeadProgress {
  step: number;
  steps: number;
  /** Mean cross-entropy over the examples before this step's update. */
  loss: number;
  /** Share of the examples the head classified right before this step's update. */
  accuracy: number;
}

export interface HeadFitRequest {
  /** [count, dim] row-major backbone features. */
  features: Float32Array;
  /** The class of each example, 0 .. classes - 1. */
  labels: ArrayLike<number>;
  dim: number;
  classes: number;
  steps: number;
  /** Default 0.5 (standardised features make the problem well scaled). */
  lr?: number;
  signal?: AbortSignal;
  onProgress?: (progress: HeadProgress) => void;
}

export interface Head {
  readonly classes: number;
  /** Softmax probabilities [count, classes] row-major for [count, dim] features. */
  predict(features: Float32Array): Float32Array;
  dispose(): void;
}

function check(request: HeadFitRequest): number {
  const { features, labels, dim, classes, steps } = request;
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`fitHead: dim ${dim} is not a count`);
  if (!Number.isInteger(classes) || classes < 2) {
    throw new Error(`fitHead: ${classes} classes; expected a whole number of at least 2`);
  }
  if (!Number.isInteger(steps) || steps < 1) {
    throw new Error(`fitHead: ${steps} steps; expected a whole number of at least 1`);
  }
  const count = labels.length;
  if (count < 1) throw new Error('fitHead: no examples');
  if (features.length !== count * dim) {
    throw new Error(`fitHead: ${features.length} feature values for ${count} examples of ${dim}`);
  }
  for (let i = 0; i < count; i++) {
    const l = labels[i]!;
    if (!Number.isInteger(l) || l < 0 || l >= classes) {
      throw new Error(`fitHead: label ${l} of example ${i} is not a class 0..${classes - 1}`);
    }
  }
  return count;
}

const nextMacrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Fits a head; yields to the event loop between steps so that a worker can receive a cancel
 * message, and rejects with an AbortError when `signal` aborts (nothing is left allocated).
 */
export async function fitHead(request: HeadFitRequest): Promise<Head> {
  const count = check(request);
  const { dim, classes, steps, signal } = request;
  const lr = request.lr ?? 0.5;

  const owned: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => (owned.push(t), t);
  const moments = tf.tidy(() => {
    const x = tf.tensor2d(request.features, [count, dim]);
    const { mean, variance } = tf.moments(x, 0);
    // The floor keeps a feature that is constant on the examples from dividing by zero.
    return { mean, std: tf.sqrt(tf.add(variance, 1e-5)) };
  });
  const mean = keep(moments.mean);
  const std = keep(moments.std);
  const standardise = (f: tf.Tensor2D) => tf.div(tf.sub(f, mean), std) as tf.Tensor2D;
  const weight = keep(tf.tidy(() => tf.variable(tf.zeros<tf.Rank.R2>([dim, classes]))));
  const bias = keep(tf.tidy(() => tf.variable(tf.zeros<tf.Rank.R1>([classes]))));
  const params = new Map<string, tf.Variable>([
    ['weight', weight],
    ['bias', bias],
  ]);
  const sgd = createSgd(params, { momentum: 0.9, nesterov: true, weightDecay: 1e-4 });
  const x = keep(tf.tidy(() => standardise(tf.tensor2d(request.features, [count, dim]))));
  const y = keep(
    tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from(request.labels), 'int32'), classes)),
  );

  try {
    for (let step = 0; step < steps; step++) {
      await nextMacrotask();
      if (signal?.aborted) {
        throw signal.reason ?? new DOMException('the head fit was cancelled', 'AbortError');
      }
      let loss = 0;
      let accuracy = 0;
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const logits = tf.add(tf.matMul(x, weight), bias);
          accuracy = tf
            .mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32'))
            .dataSync()[0]!;
          return tf.mean(tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1))) as tf.Scalar;
        });
        loss = value.dataSync()[0]!;
        // variableGrads keys the gradients by tfjs's variable names.
        sgd.apply(
          new Map([
            ['weight', grads[weight.name]!],
            ['bias', grads[bias.name]!],
          ]),
          lr,
        );
      });
      request.onProgress?.({ step: step + 1, steps, loss, accuracy });
    }
  } catch (err) {
    sgd.dispose();
    tf.dispose(owned);
    throw err;
  }
  sgd.dispose();
  tf.dispose([x, y]);

  let disposed = false;
  return {
    classes,
    predict(features) {
      if (disposed) throw new Error('Head.predict: the head has been disposed');
      if (features.length % dim !== 0) {
        throw new Error(`Head.predict: ${features.length} values do not split into rows of ${dim}`);
      }
      return tf.tidy(() => {
        const f = standardise(tf.tensor2d(features, [features.length / dim, dim]));
        return tf.softmax(tf.add(tf.matMul(f, weight), bias)).dataSync() as Float32Array;
      });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      tf.dispose([mean, std, weight, bias]);
    },
  };
}
