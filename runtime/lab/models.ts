/**
 * Times whole ShuffleNets (random weights, 224x224, batch 1) on the current tfjs backend, the
 * same way `run.ts` times the micro-benchmarks: warm-up, then timed runs that read the logits
 * back, yielding between runs so that a worker stays responsive and an abort is seen.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createShuffleNet } from '../model.ts';
import { deriveSeed, mulberry32, uniformFloats } from '../random.ts';
import { median } from './run.ts';
import type { Table8Row } from './table8.ts';

export interface ModelTiming {
  id: string;
  medianMs: number;
  imagesPerS: number;
}

export interface ModelRunOptions {
  iterations?: number;
  warmup?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, id: string) => void;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function timeModels(
  rows: Table8Row[],
  options: ModelRunOptions = {},
): Promise<ModelTiming[]> {
  const iterations = options.iterations ?? 5;
  const warmup = options.warmup ?? 1;
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new Error(`models: iterations ${iterations}; expected an integer of at least 1`);
  }
  const buildable = rows.filter((r) => r.options);
  const total = buildable.length * (iterations + warmup);
  let done = 0;
  const out: ModelTiming[] = [];
  for (const row of buildable) {
    const model = createShuffleNet({ ...row.options!, seed: 0 });
    const [h, w, c] = model.arch.config.inputShape;
    const input = tf.tensor4d(uniformFloats(h * w * c, mulberry32(deriveSeed(0, 7919)), -1, 1), [
      1,
      h,
      w,
      c,
    ]);
    const times: number[] = [];
    try {
      for (let i = 0; i < warmup + iterations; i++) {
        if (options.signal?.aborted) throw new DOMException('models cancelled', 'AbortError');
        const start = performance.now();
        const logits = model.predict(input);
        await logits.data();
        const ms = performance.now() - start;
        logits.dispose();
        if (i >= warmup) times.push(ms);
        options.onProgress?.(++done, total, row.id);
        await nextTask();
      }
    } finally {
      input.dispose();
      model.dispose();
    }
    const medianMs = median(times);
    out.push({ id: row.id, medianMs, imagesPerS: 1000 / medianMs });
  }
  return out;
}
