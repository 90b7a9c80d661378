/**
 * Pure logic of the Fashion-MNIST demo (FashionDemo.tsx, fashion.worker.ts): the messages between
 * page and worker, softmax confidences, the split of the committed 200-image sample into a
 * training half and a held-out half, and grayscale pixels for a canvas. No DOM, no tfjs.
 */

import type { BrowserBackendName } from '../../tf/backend-names.ts';

/** Page -> worker. */
export type FashionJob =
  | { kind: 'classify'; id: number }
  | { kind: 'train'; id: number; steps: number; lr: number; seed: number }
  /** Classify one converted 28x28 image and trace it layer by layer on `backend`. */
  | { kind: 'inspect'; id: number; pixels: Uint8Array; layer: number; backend: BrowserBackendName }
  /** Fit a new head on the frozen backbone's features of `images` ([count, 28, 28]). */
  | {
      kind: 'fitHead';
      id: number;
      images: Uint8Array;
      labels: Uint8Array;
      classes: number;
      steps: number;
    }
  /** Classify one image with the fitted head. */
  | { kind: 'testHead'; id: number; pixels: Uint8Array }
  | { kind: 'cancel' };

export interface LayerTime {
  name: string;
  ms: number;
  shape: number[];
}

/** One image's prediction: the arg-max class and its softmax probability. */
export interface Prediction {
  predicted: number;
  confidence: number;
}

export interface TrainStepReport {
  step: number;
  steps: number;
  loss: number;
  batchAccuracy: number;
}

/** Worker -> page. */
export type FashionReply =
  | { kind: 'sample'; id: number; images: Uint8Array; labels: Uint8Array }
  | { kind: 'predictions'; id: number; predictions: Prediction[]; ms: number; leaked: number }
  | { kind: 'progress'; id: number; report: TrainStepReport }
  | { kind: 'trained'; id: number; heldOutAccuracy: number; aborted: boolean; steps: number }
  | {
      kind: 'inspection';
      id: number;
      backend: string;
      logits: Float32Array;
      timings: LayerTime[];
      maps: { shape: number[]; values: Float32Array } | null;
    }
  | { kind: 'headProgress'; id: number; step: number; steps: number; loss: number }
  | { kind: 'headFitted'; id: number; aborted: boolean }
  | { kind: 'headPrediction'; id: number; probabilities: Float32Array }
  | { kind: 'error'; id: number; message: string };

/** Arg-max and softmax probability of each row of `logits` ([rows, classes], row-major). */
export function predictionsFromLogits(logits: ArrayLike<number>, classes: number): Prediction[] {
  if (classes < 1 || logits.length % classes !== 0) {
    throw new Error(`${logits.length} logits do not split into rows of ${classes} classes`);
  }
  const out: Prediction[] = [];
  for (let start = 0; start < logits.length; start += classes) {
    let best = 0;
    let max = -Infinity;
    for (let k = 0; k < classes; k++) {
      const v = logits[start + k]!;
      if (v > max) [max, best] = [v, k];
    }
    // Subtracting the maximum keeps exp() finite for large logits.
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp(logits[start + k]! - max);
    out.push({ predicted: best, confidence: 1 / sum });
  }
  return out;
}

export interface Score {
  correct: number;
  total: number;
  accuracy: number;
  /** correct / total per true class (0 for a class with no images). */
  perClass: number[];
}

export function scoreOf(predictions: readonly Prediction[], labels: ArrayLike<number>): Score {
  if (predictions.length !== labels.length) {
    throw new Error(`${predictions.length} predictions for ${labels.length} labels`);
  }
  const classes = Math.max(0, ...Array.from(labels, (l) => l + 1));
  const hits = new Array<number>(classes).fill(0);
  const counts = new Array<number>(classes).fill(0);
  let correct = 0;
  predictions.forEach((p, i) => {
    const label = labels[i]!;
    counts[label]!++;
    if (p.predicted === label) {
      hits[label]!++;
      correct++;
    }
  });
  return {
    correct,
    total: labels.length,
    accuracy: labels.length ? correct / labels.length : 0,
    perClass: counts.map((n, k) => (n ? hits[k]! / n : 0)),
  };
}

/**
 * The training demo trains on the even-numbered images of the sample and measures on the odd
 * ones: a model scored on the images it was trained on would look better than it is.
 */
export function splitSample(
  images: Uint8Array,
  labels: Uint8Array,
  pixelsPerImage: number,
): {
  train: { images: Uint8Array; labels: Uint8Array };
  heldOut: { images: Uint8Array; labels: Uint8Array };
} {
  if (images.length !== labels.length * pixelsPerImage) {
    throw new Error(
      `${images.length} bytes of images for ${labels.length} labels of ${pixelsPerImage} pixels`,
    );
  }
  const pick = (parity: number) => {
    const indices = Array.from(labels.keys()).filter((i) => i % 2 === parity);
    const out = new Uint8Array(indices.length * pixelsPerImage);
    indices.forEach((i, j) =>
      out.set(images.subarray(i * pixelsPerImage, (i + 1) * pixelsPerImage), j * pixelsPerImage),
    );
    return { images: out, labels: Uint8Array.from(indices, (i) => labels[i]!) };
  };
  return { train: pick(0), heldOut: pick(1) };
}

/** Image `index` of `images` ([count, size, size] uint8) as RGBA for `new ImageData`. */
export function grayscaleRgba(
  images: Uint8Array,
  index: number,
  size: number,
): Uint8ClampedArray<ArrayBuffer> {
  const per = size * size;
  if (index < 0 || (index + 1) * per > images.length) {
    throw new Error(`no image ${index} in ${images.length / per} images of ${size}x${size}`);
  }
  const out = new Uint8ClampedArray(per * 4);
  for (let p = 0; p < per; p++) {
    const v = images[index * per + p]!;
    out[4 * p] = v;
    out[4 * p + 1] = v;
    out[4 * p + 2] = v;
    out[4 * p + 3] = 255;
  }
  return out;
}

/** Training steps a reader may ask for: enough to see learning, few enough to finish quickly. */
export const TRAIN_STEPS = { min: 1, max: 300, default: 100 } as const;

/** `value` as a step count within TRAIN_STEPS, or null when it is not a whole number in range. */
export function parseSteps(value: string): number | null {
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < TRAIN_STEPS.min || n > TRAIN_STEPS.max) return null;
  return n;
}
