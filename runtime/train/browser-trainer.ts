/**
 * Training in a page, for the lessons: fine-tune (or train from scratch) the Fashion-MNIST
 * ShuffleNet for a few steps on a subset, with progress callbacks, yielding to the event loop
 * between steps so the page stays responsive, cancellable with an AbortSignal. No DOM and no
 * Node APIs: the same code runs under vitest in Node.
 *
 * The page must register the gradient functions by importing '@tensorflow/tfjs' (bare
 * tfjs-core has none; the umbrella registers them) and pick a backend; the wasm backend works
 * because the convolutions' gradients come from grad-ops.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildArch } from '../arch.ts';
import { readWeights } from '../weights.ts';
import { FASHION_ARCH, NO_AUGMENTATION, augmentedBatch, type Augmentation } from './fashion.ts';
import { STREAM } from '../random.ts';
import { SGD_DEFAULTS, createSgd } from './sgd.ts';
import { createStepper } from './step.ts';
import { createTrainable, initialWeights, type TrainableShuffleNet } from './trainable.ts';

export interface BrowserTrainerOptions {
  /** Start from these weights (safetensors, e.g. the committed model) to fine-tune. */
  weights?: Uint8Array;
  /** Seed of the initial weights when `weights` is absent; default 0. */
  seed?: number;
}

export interface TrainProgress {
  /** Steps completed in this call, 1-based. */
  step: number;
  steps: number;
  loss: number;
  /** Fraction of this step's batch classified correctly (before the update). */
  batchAccuracy: number;
  lr: number;
  /** Wall milliseconds of this step. */
  stepMs: number;
}

export interface TrainRequest {
  /** [count, 28, 28] uint8 images and their labels: the subset to train on. */
  images: Uint8Array;
  labels: Uint8Array;
  steps: number;
  /** Default 16. */
  batchSize?: number;
  /** Peak learning rate (cosine schedule, warmup of steps/10); default 0.01, for fine-tuning. */
  lr?: number;
  augmentation?: Augmentation;
  /** Seed of the batch order and augmentation; default 0. */
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
}

export interface BrowserTrainer {
  /**
   * Runs `steps` SGD steps. Resolves with the progress of the last step; rejects with the
   * signal's reason (an AbortError) when aborted, keeping the steps already taken.
   */
  train(request: TrainRequest): Promise<TrainProgress | null>;
  /** Accuracy of the current weights (BN running statistics) on `images`. */
  evaluate(images: Uint8Array, labels: Uint8Array): number;
  /** The current weights as safetensors, for `createShuffleNet({ weights })`. */
  saveWeights(): Uint8Array;
  dispose(): void;
}

/** A macrotask boundary: lets the page paint and handle input between steps. */
function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('training was aborted', 'AbortError');
}

export function createBrowserTrainer(options: BrowserTrainerOptions = {}): BrowserTrainer {
  if (!tf.getGradient('Mean')) {
    throw new Error(
      "no gradient functions are registered: import '@tensorflow/tfjs' (not only tfjs-core)",
    );
  }
  const arch = buildArch(FASHION_ARCH);
  const start = options.weights
    ? readWeights(arch, options.weights)
    : initialWeights(arch, options.seed ?? 0);
  const model: TrainableShuffleNet = createTrainable(arch, start);
  let busy = false;

  return {
    async train(request) {
      if (busy) throw new Error('train: a training run is already in progress');
      const { images, labels, steps, signal } = request;
      const count = labels.length;
      if (images.length !== count * 28 * 28) {
        throw new Error(`train: ${images.length} bytes of images for ${count} labels`);
      }
      const batchSize = Math.min(request.batchSize ?? 16, count);
      if (batchSize < 1) throw new Error('train: no images');
      // Fresh momentum per call: each call is its own short fine-tuning run.
      const sgd = createSgd(model.trainable, SGD_DEFAULTS);
      busy = true;
      let last: TrainProgress | null = null;
      try {
        const trainOneStep = createStepper(model, sgd, {
          images,
          labels,
          batchSize,
          seed: request.seed ?? 0,
          orderStream: STREAM.subset,
          augmentation: request.augmentation ?? NO_AUGMENTATION,
          peakLr: request.lr ?? 0.01,
          totalSteps: steps,
          warmupSteps: Math.floor(steps / 10),
        });
        for (let step = 0; step < steps; step++) {
          await nextMacrotask();
          if (signal?.aborted) throw abortReason(signal);
          const began = performance.now();
          const r = trainOneStep(step);
          last = {
            step: step + 1,
            steps,
            loss: r.loss,
            batchAccuracy: r.correct / r.batch,
            lr: r.lr,
            stepMs: performance.now() - began,
          };
          request.onProgress?.(last);
        }
        return last;
      } finally {
        busy = false;
        sgd.dispose();
      }
    },
    evaluate(images, labels) {
      const count = labels.length;
      let correct = 0;
      for (let at = 0; at < count; at += 100) {
        const n = Math.min(100, count - at);
        const pixels = augmentedBatch(
          images,
          Array.from({ length: n }, (_, i) => at + i),
          NO_AUGMENTATION,
          () => 0,
        );
        correct += tf.tidy(() => {
          const logits = model.forward(tf.tensor4d(pixels, [n, 28, 28, 1]), false);
          const hits = tf.equal(
            tf.argMax(logits, 1),
            tf.tensor1d(labels.subarray(at, at + n), 'int32'),
          );
          return tf.sum(tf.cast(hits, 'int32')).dataSync()[0]!;
        });
      }
      return correct / count;
    },
    saveWeights: () => model.saveWeights(),
    dispose: () => model.dispose(),
  };
}
