import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../backends-node.ts';
import { runSteps, type Step } from '../steps.ts';
import { buildEngine } from './engine.ts';

const conv = (k: number, inC: number, outC: number, seed: number, relu = true): Step => ({
  kind: 'conv',
  filter: tf.randomNormal([k, k, inC, outC], 0, 0.3, 'float32', seed) as tf.Tensor4D,
  bias: tf.randomNormal([outC], 0, 0.1, 'float32', seed + 1) as tf.Tensor1D,
  depthwise: false,
  stride: k === 1 ? 1 : 2,
  pad: k === 1 ? 0 : 1,
  relu,
});

const depthwise = (c: number, stride: number, seed: number): Step => ({
  kind: 'conv',
  filter: tf.randomNormal([3, 3, c, 1], 0, 0.3, 'float32', seed) as tf.Tensor4D,
  bias: tf.randomNormal([c], 0, 0.1, 'float32', seed + 1) as tf.Tensor1D,
  depthwise: true,
  stride,
  pad: 1,
  relu: false,
});

describe('wasm engine on hand-built step lists', () => {
  it('stem, max pool, gather, transpose, a shuffling group conv, pooling and a classifier equal runSteps', async () => {
    await useBackend('cpu');
    const gconv: Step = {
      kind: 'gconv',
      filters: [0, 1, 2].map(
        (i) => tf.randomNormal([1, 1, 4, 6], 0, 0.3, 'float32', 40 + i) as tf.Tensor4D,
      ),
      biases: [0, 1, 2].map((i) => tf.randomNormal([6], 0, 0.1, 'float32', 50 + i) as tf.Tensor1D),
      stride: 1,
      pad: 0,
      relu: true,
      shuffleOut: true,
    };
    const steps: Step[] = [
      conv(3, 3, 12, 1),
      { kind: 'maxpool', k: 3, stride: 2, pad: 1 },
      { kind: 'gather', indices: tf.tensor1d([3, 1, 4, 0, 5, 9, 2, 6, 8, 7, 11, 10], 'int32') },
      depthwise(12, 1, 3),
      { kind: 'transpose', a: 3 },
      gconv,
      depthwise(18, 2, 5),
      conv(1, 18, 7, 7, false),
      { kind: 'relu' },
      { kind: 'globalAvgPool' },
      {
        kind: 'linear',
        weight: tf.randomNormal([7, 5], 0, 0.3, 'float32', 9) as tf.Tensor2D,
        bias: tf.randomNormal([5], 0, 0.1, 'float32', 10) as tf.Tensor1D,
      },
    ];
    const x = tf.randomNormal([1, 17, 15, 3], 0, 1, 'float32', 11) as tf.Tensor4D;
    const want = tf.tidy(() => (runSteps(steps, x) as tf.Tensor).dataSync());
    const engine = buildEngine(steps, [17, 15, 3]);
    expect(engine.outputShape).toEqual([5]);
    const got = engine.run(x.dataSync() as Float32Array);
    expect(got.length).toBe(5);
    for (let i = 0; i < 5; i++) expect(got[i]).toBeCloseTo(want[i]!, 4);
    // Every op class that ran shows in the profile; the copy: the transpose leaves each group's
    // 4 input channels in single-channel runs, which are copied together rather than read as
    // 4 segments.
    expect(Object.keys(engine.profile(x.dataSync() as Float32Array)).sort()).toEqual(
      [
        'add',
        'conv 1x1',
        'conv kxk',
        'copy (concat)',
        'depthwise',
        'fc',
        'global avg pool',
        'maxpool',
      ].sort(),
    );
    tf.dispose([
      x,
      ...steps.flatMap((s) => Object.values(s).filter((t) => t instanceof tf.Tensor)),
    ]);
    tf.dispose([...gconv.filters, ...gconv.biases]);
  });

  it('refuses what its kernels do not cover, naming it', async () => {
    await useBackend('cpu');
    const filter = tf.zeros([5, 5, 4, 1]) as tf.Tensor4D;
    const bias = tf.zeros([4]) as tf.Tensor1D;
    const dw5: Step = {
      kind: 'conv',
      filter,
      bias,
      depthwise: true,
      stride: 1,
      pad: 2,
      relu: false,
    };
    expect(() => buildEngine([dw5], [8, 8, 4])).toThrow(/5x5 depthwise \(expected 3x3\)/);
    const pool: Step = { kind: 'maxpool', k: 2, stride: 2, pad: 0 };
    expect(() => buildEngine([pool], [8, 8, 4])).toThrow(/2x2 max pool \(expected 3x3\)/);
    const engine = buildEngine([{ kind: 'relu' }], [2, 2, 4]);
    expect(() => engine.run(new Float32Array(15))).toThrow(/an image of 15 floats; expected 16/);
    tf.dispose([filter, bias]);
  });
});
