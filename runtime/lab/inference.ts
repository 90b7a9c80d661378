/**
 * The whole-model inference benchmark of issue #17 that runs on any tfjs backend (Node's
 * `npm run bench` adds ONNX Runtime beside it; the course's benchmark page runs this on the
 * reader's backends): ShuffleNet V2 1.0x, V2 0.5x and V1 1.0x g=3 at 224x224, batch 1, random
 * weights (seed 0), the fast path (runtime/fast) against the plain path (runtime/model.ts).
 * After warm-up the two paths alternate run by run, so that load from elsewhere falls on both
 * alike; every timed run includes reading the logits back.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ArchOptions } from '../arch.ts';
import { costOf } from '../cost.ts';
import { buildArch } from '../arch.ts';
import { compileFast } from '../fast/fast-model.ts';
import { createShuffleNet } from '../model.ts';
import { deriveSeed, mulberry32, uniformFloats } from '../random.ts';

export interface BenchModel {
  key: string;
  label: string;
  options: ArchOptions;
}

export const BENCH_MODELS: BenchModel[] = [
  { key: 'v2-1.0', label: 'V2 1.0x', options: { version: 'v2', width: 1 } },
  { key: 'v2-0.5', label: 'V2 0.5x', options: { version: 'v2', width: 0.5 } },
  { key: 'v1-1.0-g3', label: 'V1 1.0x g=3', options: { version: 'v1', width: 1, groups: 3 } },
];

export interface Stats {
  medianMs: number;
  p90Ms: number;
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** Median and nearest-rank 90th percentile. */
export function stats(samples: number[]): Stats {
  if (samples.length === 0) throw new Error('stats: no samples');
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  const p90 = s[Math.max(0, Math.ceil(0.9 * s.length) - 1)]!;
  return { medianMs: round(median), p90Ms: round(p90) };
}

export interface InferenceResult {
  key: string;
  label: string;
  macs: number;
  fast: Stats;
  plain: Stats;
  /**
   * Largest |fast - plain| over the logits, divided by max(1, largest |plain| logit): the two
   * paths must agree (runtime/fast's tests ask 1e-4 on the same scale).
   */
  scaledDiff: number;
}

export interface InferenceOptions {
  runs?: number;
  warmup?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, key: string) => void;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function benchInference(
  models: BenchModel[],
  options: InferenceOptions = {},
): Promise<InferenceResult[]> {
  const runs = options.runs ?? 30;
  const warmup = options.warmup ?? 3;
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmup) || warmup < 0) {
    throw new Error(`inference: runs ${runs}, warmup ${warmup}; expected integers, runs >= 1`);
  }
  const total = models.length * (runs + warmup) * 2;
  let done = 0;
  const out: InferenceResult[] = [];
  for (const m of models) {
    const plain = createShuffleNet({ ...m.options, seed: 0 });
    const fast = compileFast(plain.arch, plain.exportWeights(), { groupConv: 'measure' });
    const [h, w, c] = plain.arch.config.inputShape;
    const x = tf.tensor4d(uniformFloats(h * w * c, mulberry32(deriveSeed(0, 7919)), -1, 1), [
      1,
      h,
      w,
      c,
    ]);
    const times = { fast: [] as number[], plain: [] as number[] };
    const logits: Partial<Record<'fast' | 'plain', Float32Array>> = {};
    try {
      for (let i = 0; i < warmup + runs; i++) {
        // Alternate which path goes first, so neither always runs on a cache the other warmed.
        const order = i % 2 ? (['plain', 'fast'] as const) : (['fast', 'plain'] as const);
        for (const way of order) {
          if (options.signal?.aborted) throw new DOMException('inference cancelled', 'AbortError');
          const model = way === 'fast' ? fast : plain;
          const start = performance.now();
          const y = model.predict(x);
          const values = (await y.data()) as Float32Array;
          const ms = performance.now() - start;
          y.dispose();
          logits[way] ??= values;
          if (i >= warmup) times[way].push(ms);
          options.onProgress?.(++done, total, m.key);
          await nextTask();
        }
      }
    } finally {
      x.dispose();
      fast.dispose();
      plain.dispose();
    }
    let diff = 0;
    let scale = 1;
    logits.plain!.forEach((v, i) => {
      diff = Math.max(diff, Math.abs(v - logits.fast![i]!));
      scale = Math.max(scale, Math.abs(v));
    });
    out.push({
      key: m.key,
      label: m.label,
      macs: costOf(buildArch(m.options)).totals.macs,
      fast: stats(times.fast),
      plain: stats(times.plain),
      scaledDiff: diff / scale,
    });
  }
  return out;
}
