import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backends-node.ts';
import {
  BENCH_MODELS,
  benchInference,
  stats,
  toNchw,
  waysToRun,
  type OnnxSessionFactory,
} from './inference.ts';

/** onnxruntime-web in Node (wasm, one thread), as the page runs it in a worker. */
const onnx: OnnxSessionFactory = async (model) => {
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  return {
    async run(nchw, dims) {
      const out = await session.run({ input: new ort.Tensor('float32', nchw, dims) });
      return out.logits!.data as Float32Array;
    },
    release: () => session.release(),
  };
};

describe('inference benchmark', () => {
  beforeAll(async () => {
    ort.env.wasm.numThreads = 1;
    ort.env.logLevel = 'error';
    await useBackend('wasm');
  });

  it('times every way at a small input; all agree with the plain path; leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const progress: string[] = [];
    const results = await benchInference(BENCH_MODELS, {
      runs: 2,
      warmup: 1,
      size: 64,
      ways: ['fast', 'fastWasm', 'ortWeb'],
      onnx,
      onProgress: (d, t, key) => progress.push(`${d}/${t} ${key}`),
    });
    expect(results.map((r) => r.key)).toEqual(['v2-1.0', 'v2-0.5', 'v1-1.0-g3']);
    // 3 models x 3 runs x 4 ways.
    expect(progress.at(-1)).toBe('36/36 v1-1.0-g3');
    for (const r of results) {
      expect(r.size).toBe(64);
      expect(r.ways.map((w) => w.way)).toEqual(['fast', 'fastWasm', 'ortWeb', 'plain']);
      for (const w of r.ways) {
        expect(w.scaledDiff, `${r.key} ${w.way}`).toBeLessThan(1e-4);
        expect(w.p90Ms).toBeGreaterThanOrEqual(w.medianMs);
        expect(w.medianMs).toBeGreaterThan(0);
      }
      expect(r.ways.at(-1)!.scaledDiff).toBe(0);
      const ops = r.wasmProfile!.map((p) => p.op);
      expect(ops).toContain('conv 1x1');
      expect(ops).toContain('depthwise');
      const ms = r.wasmProfile!.map((p) => p.ms);
      expect(ms).toEqual([...ms].sort((a, b) => b - a));
    }
    // Fewer multiply-adds at 64x64 than at 224x224: (224/64)^2 = 12.25 times, but for the classifier.
    const full = await benchInference([BENCH_MODELS[1]!], { runs: 1, warmup: 0, size: 224 });
    expect(full[0]!.macs / results[1]!.macs).toBeGreaterThan(8);
    expect(full[0]!.ways.map((w) => w.way)).toEqual(['fast', 'plain']);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops on abort without leaking, and rejects bad counts, sizes and ways', async () => {
    const model = [BENCH_MODELS[1]!];
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    await expect(
      benchInference(model, {
        runs: 5,
        size: 32,
        ways: ['fastWasm'],
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    ).rejects.toThrow(/cancelled/);
    expect(tf.memory().numTensors).toBe(before);
    await expect(benchInference(model, { runs: 0 })).rejects.toThrow(/runs >= 1/);
    await expect(benchInference(model, { size: 100 })).rejects.toThrow(/multiple of 32/);
    await expect(benchInference(model, { ways: ['ortWeb'] })).rejects.toThrow(/session factory/);
    expect(() => waysToRun(['tfjs' as never])).toThrow(/unknown way \["tfjs"\]/);
    expect(waysToRun(['plain', 'fastWasm'])).toEqual(['fastWasm', 'plain']);
  });

  it('computes median and nearest-rank p90', () => {
    expect(stats([5, 1, 3, 2, 4, 6, 7, 8, 9, 10])).toEqual({ medianMs: 5.5, p90Ms: 9 });
    expect(() => stats([])).toThrow(/no samples/);
  });

  it('reorders NHWC to NCHW', () => {
    // 1x2 pixels, 3 channels: pixel p channel k holds 10 p + k.
    const nhwc = Float32Array.from([0, 1, 2, 10, 11, 12]);
    expect([...toNchw(nhwc, 1, 2, 3)]).toEqual([0, 10, 1, 11, 2, 12]);
  });
});
