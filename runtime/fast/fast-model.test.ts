import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { buildArch, type Arch, type ArchOptions } from '../arch.ts';
import { NODE_BACKENDS, useBackend } from '../backends-node.ts';
import { SAMPLE_IMAGES_FILE, SAMPLE_LABELS_FILE, decodeSample } from '../data/sample.ts';
import { compileOps, createShuffleNet } from '../model.ts';
import { parameterSpecs, randomWeights } from '../weights.ts';
import { FASHION_ARCH, WEIGHTS_FILE, scalePixels } from '../train/fashion.ts';
import { compileFast, createFastShuffleNet, type FastEngine } from './fast-model.ts';

const models = (file: string) => new URL(`../../models/${file}`, import.meta.url);

/** Largest |plain - fast| over max(1, max |plain|) (V1's random-weight logits reach hundreds). */
function scaledError(plain: tf.Tensor, fast: tf.Tensor): number {
  const a = plain.dataSync();
  const b = fast.dataSync();
  expect(b.length).toBe(a.length);
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(a[i]!));
  }
  return diff / scale;
}

/** Plain and fast outputs on the same weights and a random batch of 2. */
function compare(
  options: ArchOptions,
  groupConv?: 'split' | 'blockDiagonal',
  engine: FastEngine = 'tfjs',
) {
  const plain = createShuffleNet({ ...options, seed: 5, groupConv });
  const fast = compileFast(plain.arch, plain.exportWeights(), { groupConv, engine });
  const [h, w, c] = plain.arch.config.inputShape;
  const x = tf.randomNormal([2, h, w, c], 0, 1, 'float32', 9) as tf.Tensor4D;
  const a = plain.predict(x);
  const b = fast.predict(x);
  const error = scaledError(a, b);
  const unfolded = fast.unfoldedReorders;
  tf.dispose([x, a, b]);
  plain.dispose();
  fast.dispose();
  return { error, unfolded };
}

const small = (o: ArchOptions, size: number): ArchOptions => ({
  ...o,
  inputShape: [size, size, 3],
});

for (const backend of NODE_BACKENDS) {
  // The cpu backend is plain JS: smaller inputs there.
  const size = backend === 'cpu' ? 32 : 64;
  describe(`fast path equals the plain path on ${backend}`, () => {
    const cases: [string, ArchOptions, number][] = [
      ['V2 1x torchvision', small({ version: 'v2', width: 1 }, size), 0],
      ['V2 0.5x torchvision', small({ version: 'v2', width: 0.5 }, size), 0],
      [
        'V2 1x paper layout (even/odd split)',
        small({ version: 'v2', width: 1, layout: 'paper' }, size),
        0,
      ],
      ['V1 1x g=3', small({ version: 'v1', groups: 3 }, size), 0],
      ['V1 0.5x g=8', small({ version: 'v1', groups: 8, width: 0.5 }, size), 0],
    ];
    for (const [label, options, unfolded] of cases) {
      it(`${label}: logits within 1e-4, every shuffle folded`, async () => {
        await useBackend(backend);
        const r = compare(options);
        expect(r.error).toBeLessThan(1e-4);
        expect(r.unfolded).toBe(unfolded);
      });
    }

    it('V1 g=3 with each group-convolution construction forced', async () => {
      await useBackend(backend);
      for (const method of ['split', 'blockDiagonal'] as const) {
        expect(compare(small({ version: 'v1', groups: 3 }, size), method).error).toBeLessThan(1e-4);
      }
    });

    it('V1 megvii layout: its shuffle between two split group convs runs as one transpose', async () => {
      await useBackend(backend);
      const r = compare(small({ version: 'v1', groups: 3, layout: 'megvii' }, size), 'split');
      expect(r.error).toBeLessThan(1e-4);
      // One per unit except stage 2's first, whose first 1x1 conv is dense ([V1] Table 1 note)
      // and writes its outputs in shuffled order.
      expect(r.unfolded).toBe(15);
    });
  });
}

describe('fast path at full size and on the trained model (wasm)', () => {
  it('V2 1x at 224x224', async () => {
    await useBackend('wasm');
    expect(compare({ version: 'v2', width: 1 }).error).toBeLessThan(1e-4);
  });

  it('V1 1x g=3 at 224x224', async () => {
    await useBackend('wasm');
    expect(compare({ version: 'v1', groups: 3 }).error).toBeLessThan(1e-4);
  });

  it('the Fashion model: same logits (absolute 1e-4) and predictions on the sample images', async () => {
    await useBackend('wasm');
    const weights = new Uint8Array(readFileSync(models(WEIGHTS_FILE)));
    const plain = createShuffleNet({ ...FASHION_ARCH, weights });
    const fast = createFastShuffleNet({ ...FASHION_ARCH, weights });
    const sample = decodeSample(
      new Uint8Array(readFileSync(models(SAMPLE_IMAGES_FILE))),
      new Uint8Array(readFileSync(models(SAMPLE_LABELS_FILE))),
    );
    const n = 8;
    const x = tf.tensor4d(scalePixels(sample.images.pixels.subarray(0, n * 784)), [n, 28, 28, 1]);
    const a = plain.predict(x);
    const b = fast.predict(x);
    const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
    expect(diff).toBeLessThan(1e-4);
    expect(tf.argMax(b, 1).arraySync()).toEqual(tf.argMax(a, 1).arraySync());
    tf.dispose([x, a, b]);
    plain.dispose();
    fast.dispose();
  });
});

describe('fast path outside a whole network', () => {
  // A lone V2 stride-1 unit receives a whole tensor, not the pair a previous unit would hand
  // it: its split runs as a transpose, and its folded shuffle is put back at the end.
  for (const layout of ['torchvision', 'paper'] as const) {
    it(`a lone ${layout} stride-1 unit equals the plain executor`, async () => {
      await useBackend('wasm');
      const full = buildArch({ version: 'v2', width: 0.5, layout, inputShape: [32, 32, 3] });
      const unit = full.ops.find((o) => o.op === 'unit' && o.stride === 1)!;
      const arch: Arch = { config: { ...full.config, inputShape: [8, 8, 48] }, ops: [unit] };
      const all = randomWeights(full, 4);
      const weights = new Map(parameterSpecs(arch).map((p) => [p.name, all.get(p.name)!]));
      const plain = compileOps(arch.ops, weights);
      const fast = compileFast(arch, weights);
      const x = tf.randomNormal([2, 8, 8, 48], 0, 1, 'float32', 3) as tf.Tensor4D;
      const a = plain.run(x);
      const b = fast.predict(x);
      expect(b.shape).toEqual([2, 8, 8, 48]);
      expect(scaledError(a, b)).toBeLessThan(1e-4);
      tf.dispose([x, a, b]);
      plain.dispose();
      fast.dispose();
    });
  }
});

describe("groupConv 'measure'", () => {
  it('times both constructions per layer shape, leaks nothing and keeps the outputs', async () => {
    await useBackend('wasm');
    const plain = createShuffleNet({ version: 'v1', groups: 3, inputShape: [32, 32, 3] });
    const before = tf.memory().numTensors;
    const fast = compileFast(plain.arch, plain.exportWeights(), { groupConv: 'measure' });
    // 16 units with two 1x1 group convs each, except stage 2's first dense one ([V1] Table 1).
    expect(fast.groupConvs.split + fast.groupConvs.blockDiagonal).toBe(31);
    const x = tf.randomNormal([1, 32, 32, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
    const a = plain.predict(x);
    const b = fast.predict(x);
    expect(scaledError(a, b)).toBeLessThan(1e-4);
    tf.dispose([x, a, b]);
    fast.dispose();
    expect(tf.memory().numTensors).toBe(before);
    plain.dispose();
  });
});

describe('fast path: no tensor leaks, clear errors', () => {
  const options: ArchOptions = {
    version: 'v2',
    width: 0.5,
    inputShape: [32, 32, 3],
    numClasses: 7,
  };

  it('building and disposing leaves no tensor behind', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const fast = createFastShuffleNet(options);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    fast.dispose();
    fast.dispose(); // a second dispose is harmless
    expect(tf.memory().numTensors).toBe(before);
  });

  it('predict adds exactly its output, for V2 and for V1 with split group convolutions', async () => {
    await useBackend('wasm');
    for (const o of [options, { ...options, version: 'v1', groups: 3 } as ArchOptions]) {
      const fast = createFastShuffleNet({ ...o, groupConv: 'split' });
      const x = tf.zeros([2, 32, 32, 3]) as tf.Tensor4D;
      const before = tf.memory().numTensors;
      const y = fast.predict(x);
      expect(y.shape).toEqual([2, 7]);
      expect(tf.memory().numTensors).toBe(before + 1);
      y.dispose();
      x.dispose();
      fast.dispose();
    }
  });

  it('bad input throws a clear error and leaks nothing', async () => {
    await useBackend('wasm');
    const fast = createFastShuffleNet(options);
    const x = tf.zeros([1, 28, 28, 3]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    expect(() => fast.predict(x)).toThrow(
      /expects input of shape \[N, 32, 32, 3\] \(NHWC\), got \[1, 28, 28, 3\]/,
    );
    const ints = tf.zeros([1, 32, 32, 3], 'int32') as tf.Tensor4D;
    expect(() => fast.predict(ints)).toThrow(/expects float32 input/);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([x, ints]);
    fast.dispose();
    expect(() => fast.predict(x)).toThrow(/has been disposed/);
  });

  it('weights of another architecture or a bad option are refused before anything is built', async () => {
    await useBackend('wasm');
    const plain = createShuffleNet({ version: 'v2', width: 1, inputShape: [32, 32, 3] });
    const before = tf.memory().numTensors;
    expect(() => compileFast(plain.arch, new Map())).toThrow(/missing tensor 'conv1.0.weight'/);
    expect(() =>
      compileFast(plain.arch, plain.exportWeights(), { groupConv: 'fast' as never }),
    ).toThrow(/groupConv "fast" is not supported; expected one of 'auto', 'measure', 'split'/);
    expect(tf.memory().numTensors).toBe(before);
    plain.dispose();
  });
});

describe("engine 'wasm' (this project's WebAssembly SIMD kernels)", () => {
  const cases: [string, ArchOptions][] = [
    ['V2 1x torchvision', { version: 'v2', width: 1 }],
    ['V2 0.5x torchvision', { version: 'v2', width: 0.5 }],
    ['V2 1x paper layout', { version: 'v2', width: 1, layout: 'paper', inputShape: [64, 64, 3] }],
    ['V1 1x g=3', { version: 'v1', groups: 3 }],
    [
      'V1 1x g=3 megvii layout',
      { version: 'v1', groups: 3, layout: 'megvii', inputShape: [64, 64, 3] },
    ],
    ['V1 0.5x g=8', { version: 'v1', groups: 8, width: 0.5, inputShape: [64, 64, 3] }],
  ];
  for (const [label, options] of cases) {
    const size = (options.inputShape ?? [224, 224, 3]).slice(0, 2).join('x');
    it(`${label} at ${size}: logits within 1e-4 of the plain path`, async () => {
      await useBackend('wasm');
      expect(compare(options, undefined, 'wasm').error).toBeLessThan(1e-4);
    });
  }

  it('equals the plain path on the cpu backend too (the kernels do not depend on tfjs)', async () => {
    await useBackend('cpu');
    expect(
      compare({ version: 'v2', width: 0.5, inputShape: [32, 32, 3] }, undefined, 'wasm').error,
    ).toBeLessThan(1e-4);
  });

  it('the Fashion model: same logits (absolute 1e-4) and predictions on the sample images', async () => {
    await useBackend('wasm');
    const weights = new Uint8Array(readFileSync(models(WEIGHTS_FILE)));
    const plain = createShuffleNet({ ...FASHION_ARCH, weights });
    const fast = createFastShuffleNet({ ...FASHION_ARCH, weights, engine: 'wasm' });
    const sample = decodeSample(
      new Uint8Array(readFileSync(models(SAMPLE_IMAGES_FILE))),
      new Uint8Array(readFileSync(models(SAMPLE_LABELS_FILE))),
    );
    const n = 8;
    const x = tf.tensor4d(scalePixels(sample.images.pixels.subarray(0, n * 784)), [n, 28, 28, 1]);
    const a = plain.predict(x);
    const b = fast.predict(x);
    const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
    expect(diff).toBeLessThan(1e-4);
    expect(tf.argMax(b, 1).arraySync()).toEqual(tf.argMax(a, 1).arraySync());
    tf.dispose([x, a, b]);
    plain.dispose();
    fast.dispose();
  });

  it('a lone stride-1 unit (output [N, h, w, c], not logits) equals the plain executor', async () => {
    await useBackend('wasm');
    const full = buildArch({ version: 'v2', width: 0.5, inputShape: [32, 32, 3] });
    const unit = full.ops.find((o) => o.op === 'unit' && o.stride === 1)!;
    const arch: Arch = { config: { ...full.config, inputShape: [8, 8, 48] }, ops: [unit] };
    const all = randomWeights(full, 4);
    const weights = new Map(parameterSpecs(arch).map((p) => [p.name, all.get(p.name)!]));
    const plain = compileOps(arch.ops, weights);
    const fast = compileFast(arch, weights, { engine: 'wasm' });
    const x = tf.randomNormal([2, 8, 8, 48], 0, 1, 'float32', 3) as tf.Tensor4D;
    const a = plain.run(x);
    const b = fast.predict(x);
    expect(b.shape).toEqual([2, 8, 8, 48]);
    expect(scaledError(a, b)).toBeLessThan(1e-4);
    tf.dispose([x, a, b]);
    plain.dispose();
    fast.dispose();
  });

  it('holds no tensors; predict adds exactly its output, profile none; clear errors', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const options: ArchOptions = { version: 'v1', groups: 3, inputShape: [32, 32, 3] };
    const fast = createFastShuffleNet({ ...options, numClasses: 7, engine: 'wasm' });
    expect(fast.engine).toBe('wasm');
    expect(tf.memory().numTensors).toBe(before);
    const x = tf.randomNormal([3, 32, 32, 3]) as tf.Tensor4D;
    const y = fast.predict(x);
    expect(y.shape).toEqual([3, 7]);
    expect(tf.memory().numTensors).toBe(before + 2);
    const profile = fast.profile!(x);
    expect(profile['conv 1x1']).toBeGreaterThan(0);
    expect(Object.keys(profile)).toContain('depthwise');
    expect(tf.memory().numTensors).toBe(before + 2);
    const bad = tf.zeros([1, 28, 28, 3]) as tf.Tensor4D;
    expect(() => fast.predict(bad)).toThrow(
      /expects input of shape \[N, 32, 32, 3\] \(NHWC\), got \[1, 28, 28, 3\]/,
    );
    tf.dispose([x, y, bad]);
    expect(tf.memory().numTensors).toBe(before);
    fast.dispose();
    expect(() => fast.predict(x)).toThrow(/has been disposed/);
    expect(() => createFastShuffleNet({ ...options, engine: 'gpu' as never })).toThrow(
      /engine "gpu" is not supported; expected 'tfjs' or 'wasm'/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
