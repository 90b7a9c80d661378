/**
 * Pure helpers of the draw-and-classify and transfer-learning parts of the Fashion demo: softmax
 * and top-k for the bars, the feature-map grid as RGBA pixels for a canvas, and its text
 * alternative. No DOM, no tfjs.
 */

/** Softmax of `logits`, computed stably (the maximum is subtracted before exp). */
export function softmax(logits: ArrayLike<number>): number[] {
  if (logits.length === 0) throw new Error('softmax of no logits');
  const max = Math.max(...Array.from(logits));
  const exps = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export interface Ranked {
  index: number;
  probability: number;
}

/** The `k` most probable classes, most probable first (ties keep the lower index first). */
export function topK(probabilities: ArrayLike<number>, k: number): Ranked[] {
  if (!Number.isInteger(k) || k < 1) throw new Error(`top-k needs a whole k >= 1, got ${k}`);
  return Array.from(probabilities, (probability, index) => ({ index, probability }))
    .sort((a, b) => b.probability - a.probability || a.index - b.index)
    .slice(0, k);
}

export interface MapGrid {
  width: number;
  height: number;
  columns: number;
  /** The channels shown, in grid order. */
  channels: number[];
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

/**
 * The first `maxChannels` channels of a [h, w, c] channel-last activation as a grid of grey
 * tiles, `columns` wide, with a 1-pixel dark gap. Each tile is scaled to its own minimum and
 * maximum (activations of different channels differ by orders of magnitude); a constant
 * channel is drawn black.
 */
export function featureMapGrid(
  shape: readonly number[],
  values: ArrayLike<number>,
  maxChannels: number,
  columns: number,
): MapGrid {
  if (shape.length !== 3) {
    throw new Error(`feature maps need a [h, w, c] shape, got [${shape.join(', ')}]`);
  }
  const [h, w, c] = shape as [number, number, number];
  if (values.length !== h * w * c) {
    throw new Error(`${values.length} values for maps of shape [${h}, ${w}, ${c}]`);
  }
  if (!Number.isInteger(columns) || columns < 1) throw new Error(`columns ${columns} < 1`);
  const shown = Math.min(c, maxChannels);
  const cols = Math.min(columns, shown);
  const rows = Math.ceil(shown / cols);
  const width = cols * (w + 1) - 1;
  const height = rows * (h + 1) - 1;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 3; p < rgba.length; p += 4) rgba[p] = 255; // opaque black gaps
  const channels: number[] = [];
  for (let ch = 0; ch < shown; ch++) {
    channels.push(ch);
    let lo = Infinity;
    let hi = -Infinity;
    for (let p = 0; p < h * w; p++) {
      const v = values[p * c + ch]!;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const span = hi - lo;
    const ox = (ch % cols) * (w + 1);
    const oy = Math.floor(ch / cols) * (h + 1);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const v = values[(y * w + x) * c + ch]!;
        const g = span > 0 ? Math.round(((v - lo) / span) * 255) : 0;
        const o = ((oy + y) * width + ox + x) * 4;
        rgba[o] = g;
        rgba[o + 1] = g;
        rgba[o + 2] = g;
      }
    }
  }
  return { width, height, columns: cols, channels, rgba };
}

/** Channels of a [h, w, c] activation ordered by mean activation, strongest first. */
export function strongestChannels(
  shape: readonly number[],
  values: ArrayLike<number>,
  count: number,
): { channel: number; mean: number }[] {
  const [h, w, c] = shape as [number, number, number];
  const means = new Array<number>(c).fill(0);
  for (let p = 0; p < h * w; p++) {
    for (let ch = 0; ch < c; ch++) means[ch]! += values[p * c + ch]! / (h * w);
  }
  return topK(means, Math.min(count, c)).map((r) => ({ channel: r.index, mean: r.probability }));
}

/** Examples the reader must give per new class before the head can be fitted. */
export const MIN_EXAMPLES_PER_CLASS = 2;

/** Whether every one of `classes` classes has at least the minimum number of examples. */
export function readyToFit(counts: readonly number[]): boolean {
  return counts.length >= 2 && counts.every((n) => n >= MIN_EXAMPLES_PER_CLASS);
}

/** Examples per class ([class][example] of 28x28 pixels) as one image array and its labels. */
export function packExamples(examples: readonly (readonly Uint8Array[])[], pixels: number) {
  const all = examples.flatMap((list, label) => list.map((image) => ({ image, label })));
  const images = new Uint8Array(all.length * pixels);
  all.forEach(({ image, label }, i) => {
    if (image.length !== pixels) {
      throw new Error(`example ${i} of class ${label} has ${image.length} pixels, not ${pixels}`);
    }
    images.set(image, i * pixels);
  });
  return { images, labels: Uint8Array.from(all, (e) => e.label) };
}
