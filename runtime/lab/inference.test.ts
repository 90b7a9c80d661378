import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backends-node.ts';
import { BENCH_MODELS, benchInference, stats } from './inference.ts';

describe('inference benchmark', () => {
  beforeAll(() => useBackend('wasm'));

  it('times fast and plain paths, which agree, and leaks no tensor', async () => {
    const small = BENCH_MODELS.map((m) => ({
      ...m,
      options: {
        ...m.options,
        inputShape: [64, 64, 3] as [number, number, number],
        numClasses: 10,
      },
    }));
    const before = tf.memory().numTensors;
    const progress: string[] = [];
    const results = await benchInference(small, {
      runs: 2,
      warmup: 1,
      onProgress: (d, t, key) => progress.push(`${d}/${t} ${key}`),
    });
    expect(results.map((r) => r.key)).toEqual(['v2-1.0', 'v2-0.5', 'v1-1.0-g3']);
    expect(progress.at(-1)).toBe('18/18 v1-1.0-g3');
    for (const r of results) {
      expect(r.scaledDiff, r.key).toBeLessThan(1e-4);
      expect(r.fast.p90Ms).toBeGreaterThanOrEqual(r.fast.medianMs);
      expect(r.plain.medianMs).toBeGreaterThan(0);
      expect(r.macs).toBeGreaterThan(0);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops on abort without leaking, and rejects bad counts', async () => {
    const model = [
      {
        ...BENCH_MODELS[1]!,
        options: {
          ...BENCH_MODELS[1]!.options,
          inputShape: [32, 32, 3] as [number, number, number],
        },
      },
    ];
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    await expect(
      benchInference(model, {
        runs: 5,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    ).rejects.toThrow(/cancelled/);
    expect(tf.memory().numTensors).toBe(before);
    await expect(benchInference(model, { runs: 0 })).rejects.toThrow(/runs >= 1/);
  });

  it('computes median and nearest-rank p90', () => {
    expect(stats([5, 1, 3, 2, 4, 6, 7, 8, 9, 10])).toEqual({ medianMs: 5.5, p90Ms: 9 });
    expect(() => stats([])).toThrow(/no samples/);
  });
});
