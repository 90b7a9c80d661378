/**
 * One training step, the training loop's body (`createStepper`) and batched evaluation, shared by the command-line trainer (train.ts) and
 * the in-browser trainer (browser-trainer.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ShuffleNet } from '../model.ts';
import { STREAM, deriveSeed, mulberry32, permutation } from '../random.ts';
import { augmentedBatch, type Augmentation } from './fashion.ts';
import { cosineLr, type Sgd } from './sgd.ts';
import type { TrainableShuffleNet } from './trainable.ts';

export interface StepResult {
  /** Mean cross-entropy of the batch (with label smoothing, if any). */
  loss: number;
  /** Images whose arg-max logit is the label. */
  correct: number;
}

/**
 * Forward in training mode, softmax cross-entropy (label smoothing as in Szegedy et al. 2016,
 * tf.losses.softmaxCrossEntropy's `labelSmoothing`), gradients, one SGD update.
 * `pixels` is [B, H, W, C] float32 flattened, `labels` class indices.
 */
export function trainStep(
  model: TrainableShuffleNet,
  sgd: Sgd,
  pixels: Float32Array,
  labels: ArrayLike<number>,
  lr: number,
  labelSmoothing = 0,
): StepResult {
  const [h, w, c] = model.arch.config.inputShape;
  const classes = model.arch.config.numClasses;
  const names = [...model.trainable.keys()];
  const variables = [...model.trainable.values()];
  return tf.tidy(() => {
    const x = tf.tensor4d(pixels, [labels.length, h, w, c]);
    const y = tf.tensor1d(Array.from(labels), 'int32');
    const onehot = tf.oneHot(y, classes);
    let logits: tf.Tensor2D | null = null;
    const { value, grads } = tf.variableGrads(() => {
      // Kept: variableGrads disposes everything else its function creates.
      logits = tf.keep(model.forward(x, true));
      return tf.losses.softmaxCrossEntropy(onehot, logits, undefined, labelSmoothing) as tf.Scalar;
    }, variables);
    // variableGrads keys gradients by tfjs variable name; the optimizer uses PyTorch names.
    sgd.apply(new Map(names.map((name, i) => [name, grads[variables[i]!.name]!])), lr);
    const kept = logits! as tf.Tensor2D;
    const correct = tf.sum(tf.cast(tf.equal(tf.argMax(kept, 1), y), 'int32'));
    const result = { loss: value.dataSync()[0]!, correct: correct.dataSync()[0]! };
    kept.dispose();
    return result;
  });
}

export interface Evaluation {
  accuracy: number;
  /** Accuracy of each class (recall): correct / images of that class. */
  perClass: number[];
  /** confusion[label][predicted] counts. */
  confusion: number[][];
  count: number;
}

/** Arg-max predictions of the inference model over `images` ([count, H, W, C] float32). */
export function predictClasses(
  net: ShuffleNet,
  images: Float32Array,
  count: number,
  batch = 500,
): Int32Array {
  const [h, w, c] = net.arch.config.inputShape;
  const per = h * w * c;
  const out = new Int32Array(count);
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    const predicted = tf.tidy(() => {
      const x = tf.tensor4d(images.subarray(start * per, (start + n) * per), [n, h, w, c]);
      return tf.argMax(net.predict(x), 1);
    });
    out.set(predicted.dataSync() as Int32Array, start);
    predicted.dispose();
  }
  return out;
}

/** Accuracy, per-class accuracy and confusion matrix of `predicted` against `labels`. */
export function scorePredictions(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
): Evaluation {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    confusion[labels[i]!]![predicted[i]!]!++;
    if (labels[i] === predicted[i]) correct++;
  }
  const perClass = confusion.map((row, k) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? 0 : row[k]! / total;
  });
  return { accuracy: correct / labels.length, perClass, confusion, count: labels.length };
}

export function evaluate(
  net: ShuffleNet,
  images: Float32Array,
  labels: ArrayLike<number>,
): Evaluation {
  const predicted = predictClasses(net, images, labels.length);
  return scorePredictions(predicted, labels, net.arch.config.numClasses);
}

/** A confusion matrix and per-class accuracies as aligned text. */
export function formatEvaluation(e: Evaluation, classNames: readonly string[]): string {
  const width = Math.max(...classNames.map((n) => n.length));
  const lines = [`accuracy on ${e.count} images: ${(100 * e.accuracy).toFixed(2)}%`, ''];
  lines.push('per class:');
  e.perClass.forEach((a, k) =>
    lines.push(`  ${classNames[k]!.padEnd(width)}  ${(100 * a).toFixed(1)}%`),
  );
  lines.push('', `confusion matrix (rows: label, columns: predicted 0-${classNames.length - 1}):`);
  e.confusion.forEach((row, k) =>
    lines.push(`  ${String(k).padStart(2)} ${row.map((v) => String(v).padStart(5)).join('')}`),
  );
  return lines.join('\n');
}

/** What a training run draws its batches from, and its learning-rate schedule. */
export interface StepPlan {
  /** [count, 28, 28] uint8 images and their labels. */
  images: Uint8Array;
  labels: ArrayLike<number>;
  batchSize: number;
  seed: number;
  /** The random stream of the per-epoch order (the trainers use different ones). */
  orderStream: number;
  augmentation: Augmentation;
  peakLr: number;
  totalSteps: number;
  warmupSteps: number;
  labelSmoothing?: number;
}

export interface PlannedStepResult extends StepResult {
  epoch: number;
  /** 0-based position of the step in its epoch. */
  stepInEpoch: number;
  stepsPerEpoch: number;
  /** Images in the batch. */
  batch: number;
  lr: number;
}

/**
 * The body of the training loop, shared by the command-line session (session.ts) and the
 * in-browser trainer: step t trains on the t-th batch of a seeded per-epoch permutation, with
 * step t's seeded augmentation, at step t's cosine learning rate. Every choice is derived from
 * (seed, stream, index), so a resumed run makes the choices an uninterrupted one makes.
 */
export function createStepper(
  model: TrainableShuffleNet,
  sgd: Sgd,
  plan: StepPlan,
): (step: number) => PlannedStepResult {
  const count = plan.labels.length;
  const stepsPerEpoch = Math.floor(count / plan.batchSize);
  if (stepsPerEpoch < 1) throw new Error(`${count} images is less than one batch`);
  let order: Uint32Array | null = null;
  let orderEpoch = -1;
  return (step) => {
    const epoch = Math.floor(step / stepsPerEpoch);
    const stepInEpoch = step % stepsPerEpoch;
    if (orderEpoch !== epoch || !order) {
      order = permutation(count, mulberry32(deriveSeed(plan.seed, plan.orderStream, epoch)));
      orderEpoch = epoch;
    }
    const at = stepInEpoch * plan.batchSize;
    const indices = order.subarray(at, at + plan.batchSize);
    const rand = mulberry32(deriveSeed(plan.seed, STREAM.augment, step));
    const pixels = augmentedBatch(plan.images, indices, plan.augmentation, rand);
    const labels = Array.from(indices, (i) => plan.labels[i]!);
    const lr = cosineLr(plan.peakLr, step, plan.totalSteps, plan.warmupSteps);
    const result = trainStep(model, sgd, pixels, labels, lr, plan.labelSmoothing);
    return { ...result, epoch, stepInEpoch, stepsPerEpoch, batch: labels.length, lr };
  };
}
