import { describe, expect, it } from 'vitest';
import { buildArch } from '../arch.ts';
import { mulberry32 } from '../random.ts';
import { buildGraph } from '../quant/graph.ts';
import { calibrate, quantizeGraph, type QModel } from '../quant/quantize.ts';
import { FASHION_ARCH } from '../train/fashion.ts';
import { randomWeights } from '../weights.ts';
import { exportC } from './emit.ts';

/** The Fashion architecture with random weights, calibrated on two random images. */
function randomModel(): QModel {
  const arch = buildArch(FASHION_ARCH);
  const graph = buildGraph(arch, randomWeights(arch, 1));
  const rand = mulberry32(2);
  const images = [0, 1].map(() => Float64Array.from({ length: 784 }, () => rand()));
  return quantizeGraph(graph, calibrate(graph, images));
}

describe('exportC', () => {
  const model = randomModel();
  const samples = {
    count: 2,
    pixels: new Uint8Array(2 * 784).fill(7),
    labels: new Uint8Array([3, 4]),
  };

  it('writes one function per kind of op and one call per layer', () => {
    const { files, arenaBytes } = exportC(model, samples);
    expect(Object.keys(files).sort()).toEqual([
      'main.c',
      'platform.h',
      'samples.c',
      'samples.h',
      'shufflenet_int8.c',
      'shufflenet_int8.h',
    ]);
    const c = files['shufflenet_int8.c']!;
    for (const fn of ['conv_dense', 'conv_depthwise', 'conv_pointwise', 'copy_view']) {
      expect(c).toContain(`static void ${fn}(`);
    }
    expect(c).toContain('static void global_avg_pool(');
    expect(c).toContain('static void fully_connected(');
    // Every layer of the model is called once, in order.
    const calls = c.match(/^ {2}(conv_\w+|copy_view|global_avg_pool|fully_connected)\(/gm) ?? [];
    expect(calls.length).toBe(model.layers.length);
    // The arena is smaller than all buffers side by side: lifetimes share bytes.
    const total = model.buffers.reduce((s, b) => s + b.h * b.w * b.c, 0);
    expect(arenaBytes).toBeLessThan(total);
    expect(files['samples.c']).toContain('const uint8_t sample_labels[2] = {\n  3, 4,\n};');
  });

  it('refuses samples whose sizes do not match, saying what was expected', () => {
    expect(() => exportC(model, { ...samples, pixels: new Uint8Array(100) })).toThrow(
      /100 sample bytes for 2 images of 784 pixels/,
    );
    expect(() => exportC(model, { ...samples, labels: new Uint8Array(1) })).toThrow(
      /1 labels for 2 images/,
    );
  });
});
