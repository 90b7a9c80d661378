import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArch } from './arch.ts';
import { useBackend } from './backends-node.ts';
import { createLayerTracer } from './layer-trace.ts';
import { createShuffleNet } from './model.ts';
import { FASHION_ARCH } from './train/fashion.ts';
import { randomWeights } from './weights.ts';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('createLayerTracer', () => {
  it('computes what predict does, times every layer and returns the chosen maps', () => {
    const arch = buildArch(FASHION_ARCH);
    const weights = randomWeights(arch, 7);
    const net = createShuffleNet({ ...FASHION_ARCH, seed: 7 });
    const tracer = createLayerTracer(arch, weights);
    const x = tf.randomUniform([1, 28, 28, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    try {
      const names = tracer.layers.map((l) => l.name);
      expect(names[0]).toBe('conv1.0');
      expect(names).toContain('stage2.0');
      expect(names.at(-2)).toBe('globalAvgPool');
      expect(names.at(-1)).toBe('fc');
      const stage2 = names.indexOf('stage2.0');
      const trace = tracer.trace(x, stage2);
      expect(tf.memory().numTensors).toBe(before);
      const expected = net.predict(x);
      const want = expected.dataSync();
      expected.dispose();
      expect(trace.logits).toHaveLength(10);
      trace.logits.forEach((v, k) => expect(v).toBeCloseTo(want[k]!, 3));
      expect(trace.timings.map((t) => t.name)).toEqual(names);
      trace.timings.forEach((t) => expect(t.ms).toBeGreaterThanOrEqual(0));
      // [V2] Table 5 at 0.5x with the 28x28 stem: stage 2 is 14x14x48, conv5 1024 features.
      expect(trace.maps!.shape).toEqual([14, 14, 48]);
      expect(trace.maps!.values).toHaveLength(14 * 14 * 48);
      expect(trace.features).toHaveLength(1024);
      const batch = tracer.features(tf.concat([x, x]) as tf.Tensor4D);
      expect(batch).toHaveLength(2048);
      batch.subarray(1024).forEach((v, i) => expect(v).toBeCloseTo(trace.features[i]!, 4));
    } finally {
      x.dispose();
      net.dispose();
      tracer.dispose();
    }
  });

  it('names bad input and frees everything on dispose', () => {
    const arch = buildArch(FASHION_ARCH);
    const before = tf.memory().numTensors;
    const tracer = createLayerTracer(arch, randomWeights(arch, 1));
    const wrong = tf.zeros([1, 32, 32, 1]) as tf.Tensor4D;
    expect(() => tracer.trace(wrong)).toThrow(
      /expected input \[1, 28, 28, 1\].*got \[1, 32, 32, 1\]/,
    );
    wrong.dispose();
    const x = tf.zeros([1, 28, 28, 1]) as tf.Tensor4D;
    expect(() => tracer.trace(x, 99)).toThrow(/mapsOf 99 is not a layer index/);
    x.dispose();
    tracer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => tracer.features(x)).toThrow(/disposed/);
  });
});
