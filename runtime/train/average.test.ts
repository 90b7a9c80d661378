import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArch, type ArchOptions } from '../arch.ts';
import { useBackend } from '../backends-node.ts';
import { encodeIdx } from '../data/idx.ts';
import { parseSafetensors, serializeSafetensors } from '../safetensors.ts';
import { readWeights, type WeightMap } from '../weights.ts';
import { saveCheckpoint } from './checkpoint.ts';
import { FASHION_ARCH } from './fashion.ts';
import { createSgd, SGD_DEFAULTS } from './sgd.ts';
import { createTrainable, initialWeights } from './trainable.ts';
import { averageWeights, readAverageInput, reestimateBatchNorm } from './weight-average.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The Fashion-MNIST network on 8x8 inputs: every op of the real one, a fraction of the work. */
const TINY: ArchOptions = { ...FASHION_ARCH, inputShape: [8, 8, 1] };

function values(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32;
  }
  return out;
}

const map = (entries: [string, number[], number[]][]): WeightMap =>
  new Map(entries.map(([n, shape, d]) => [n, { shape, data: Float32Array.from(d) }]));

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'average-'));
}

/** A checkpoint of `weights` (train.ts's layout: param/, buffer/, momentum/). */
function checkpointBytes(arch: ReturnType<typeof buildArch>, weights: WeightMap): Uint8Array {
  const dir = tempDir();
  const model = createTrainable(arch, weights);
  const sgd = createSgd(model.trainable, SGD_DEFAULTS);
  saveCheckpoint(join(dir, 'c.safetensors'), model, sgd, { step: 5, progress: {} });
  sgd.dispose();
  model.dispose();
  return readFileSync(join(dir, 'c.safetensors'));
}

describe('averageWeights', () => {
  it('is the elementwise mean', () => {
    const a = map([
      ['w', [2, 2], [1, 2, 3, 4]],
      ['b', [1], [-1]],
    ]);
    const b = map([
      ['w', [2, 2], [3, 2, 0, -4]],
      ['b', [1], [2]],
    ]);
    const c = map([
      ['w', [2, 2], [2, 5, 6, 3]],
      ['b', [1], [0.5]],
    ]);
    const out = averageWeights([
      { path: 'a', weights: a },
      { path: 'b', weights: b },
      { path: 'c', weights: c },
    ]);
    expect([...out.get('w')!.data]).toEqual([2, 3, 3, 1]);
    expect(out.get('w')!.shape).toEqual([2, 2]);
    expect([...out.get('b')!.data]).toEqual([0.5]);
  });

  it('names the file and the tensor that do not match the first input', () => {
    const a = { path: 'a.st', weights: map([['w', [2], [1, 2]]]) };
    expect(() => averageWeights([a, { path: 'b.st', weights: map([['w', [1], [1]]]) }])).toThrow(
      "b.st: tensor 'w' has shape [1]; expected [2] as in a.st",
    );
    expect(() => averageWeights([a, { path: 'b.st', weights: map([['v', [2], [1, 2]]]) }])).toThrow(
      "b.st: tensor 'w' missing (a.st has it)",
    );
    const extra = map([
      ['w', [2], [1, 2]],
      ['x', [1], [0]],
    ]);
    expect(() => averageWeights([a, { path: 'c.st', weights: extra }])).toThrow(
      "c.st: tensor 'x' is not in a.st",
    );
  });
});

describe('readAverageInput', () => {
  beforeAll(() => useBackend('wasm'));

  it('reads checkpoints and weights files alike, so they mix', () => {
    const arch = buildArch(TINY);
    const one = initialWeights(arch, 1);
    const two = initialWeights(arch, 2);
    const fromCheckpoint = readAverageInput(arch, checkpointBytes(arch, one));
    const model = createTrainable(arch, two);
    const fromWeights = readAverageInput(arch, model.saveWeights());
    model.dispose();
    expect([...fromCheckpoint.keys()].sort()).toEqual([...one.keys()].sort());
    for (const [name, t] of one) {
      expect(fromCheckpoint.get(name)!.shape, name).toEqual(t.shape);
      expect(fromCheckpoint.get(name)!.data, name).toEqual(t.data);
    }
    const mixed = averageWeights([
      { path: 'ckpt', weights: fromCheckpoint },
      { path: 'weights', weights: fromWeights },
    ]);
    const conv = 'conv1.0.weight';
    const i = 7;
    expect(mixed.get(conv)!.data[i]).toBeCloseTo(
      (one.get(conv)!.data[i]! + two.get(conv)!.data[i]!) / 2,
      6,
    );
  });

  it('rejects a file that is not safetensors and a checkpoint with foreign groups', () => {
    const arch = buildArch(TINY);
    expect(() => readAverageInput(arch, new Uint8Array(3))).toThrow(/at least 8/);
    const odd = serializeSafetensors(
      new Map([['adam/x', { shape: [1], data: Float32Array.from([1]) }]]),
    );
    expect(() => readAverageInput(arch, odd)).toThrow(
      "tensor 'adam/x' is neither param/, buffer/ nor momentum/",
    );
  });
});

describe('reestimateBatchNorm', () => {
  beforeAll(() => useBackend('wasm'));

  it('gives the mean of the batch means and of the unbiased batch variances, without leaks', () => {
    const arch = buildArch(TINY);
    const weights = initialWeights(arch, 5);
    const count = 10;
    const images = values(count * 64, 3);
    const before = tf.memory().numTensors;
    // Batches of 4: 4, 4 and the last 2 images, like PyTorch's loader.
    const out = reestimateBatchNorm(arch, weights, images, 3, 4);
    expect(tf.memory().numTensors).toBe(before);
    // Independently: the first BatchNorm normalises the stem convolution's output.
    const expected = tf.tidy(() => {
      const filter = createTrainable(arch, weights);
      const w = filter.trainable.get('conv1.0.weight')!.clone() as tf.Tensor4D;
      filter.dispose();
      const means: tf.Tensor[] = [];
      const vars: tf.Tensor[] = [];
      for (const [start, n] of [
        [0, 4],
        [4, 4],
        [8, 2],
      ] as const) {
        const x = tf.tensor4d(images.subarray(start * 64, (start + n) * 64), [n, 8, 8, 1]);
        const { mean, variance } = tf.moments(tf.conv2d(x, w, 1, 1), [0, 1, 2]);
        const values = n * 64;
        means.push(mean);
        vars.push(tf.mul(variance, values / (values - 1)));
      }
      return [tf.mean(tf.stack(means), 0).dataSync(), tf.mean(tf.stack(vars), 0).dataSync()];
    });
    const mean = out.get('conv1.1.running_mean')!.data;
    const variance = out.get('conv1.1.running_var')!.data;
    expect(mean.length).toBe(24);
    for (let c = 0; c < 24; c++) {
      expect(mean[c]).toBeCloseTo(expected[0]![c]!, 5);
      expect(variance[c]).toBeCloseTo(expected[1]![c]!, 5);
    }
    // Parameters pass through; the last BatchNorm's statistics are re-estimated too.
    expect(out.get('conv1.0.weight')!.data).toEqual(weights.get('conv1.0.weight')!.data);
    expect(out.get('conv5.1.running_mean')!.data).not.toEqual(
      weights.get('conv5.1.running_mean')!.data,
    );
    // One batch instead of three: other statistics.
    const once = reestimateBatchNorm(arch, weights, images, 1, 4);
    expect(once.get('conv1.1.running_var')!.data).not.toEqual(variance);
  });
});

describe('average.ts', () => {
  function run(args: string[]) {
    return spawnSync(process.execPath, [join(repoRoot, 'runtime/train/average.ts'), ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, FASHION_MNIST_DIR: '' },
      timeout: 120_000,
    });
  }

  function dataset(count: number): string {
    const dir = tempDir();
    const pixels = Uint8Array.from({ length: count * 784 }, (_, i) => (i * 37) % 256);
    const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
    writeFileSync(
      join(dir, 'train-images-idx3-ubyte.gz'),
      gzipSync(encodeIdx([count, 28, 28], pixels)),
    );
    writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), gzipSync(encodeIdx([count], labels)));
    return dir;
  }

  it('averages a checkpoint with a weights file and re-estimates BatchNorm (exit 0)', async () => {
    await useBackend('wasm');
    const arch = buildArch(FASHION_ARCH);
    const dir = tempDir();
    const a = join(dir, 'a.safetensors');
    const b = join(dir, 'b.safetensors');
    const model = createTrainable(arch, initialWeights(arch, 2));
    writeFileSync(a, checkpointBytes(arch, initialWeights(arch, 1)));
    writeFileSync(b, model.saveWeights());
    model.dispose();
    const out = join(dir, 'out.safetensors');
    const result = run([out, a, b, '--bn-batches', '2', '--data', dataset(100)]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('averaged 2 files');
    expect(result.stdout).toContain('re-estimated on 2 batches of 64');
    const bytes = readFileSync(out);
    const { metadata } = parseSafetensors(bytes);
    expect(metadata).toMatchObject({
      dataset: 'fashion-mnist',
      input: 'pixel / 255',
      averageOf: JSON.stringify([a, b]),
      bnBatches: '2',
    });
    const weights = readWeights(arch, bytes);
    const [one, two] = [initialWeights(arch, 1), initialWeights(arch, 2)];
    const fc = weights.get('fc.weight')!.data;
    expect(fc[3]).toBeCloseTo(
      (one.get('fc.weight')!.data[3]! + two.get('fc.weight')!.data[3]!) / 2,
    );
    // Seeded statistics are (0, 1); the re-estimate moved them.
    expect(weights.get('conv1.1.running_mean')!.data.some((v) => v !== 0)).toBe(true);

    // --bn-batches 0 keeps the averaged statistics and needs no dataset.
    const plain = run([join(dir, 'plain.safetensors'), a, b, '--bn-batches', '0']);
    expect(plain.status).toBe(0);
    const kept = readWeights(arch, readFileSync(join(dir, 'plain.safetensors')));
    expect(kept.get('conv1.1.running_mean')!.data.every((v) => v === 0)).toBe(true);

    // Mismatched or missing inputs: exit 1, one line naming the file.
    const half = join(dir, 'half.safetensors');
    writeFileSync(
      half,
      serializeSafetensors(new Map([['fc.bias', { shape: [10], data: new Float32Array(10) }]])),
    );
    const mismatch = run([join(dir, 'x.safetensors'), a, half, '--bn-batches', '0']);
    expect(mismatch.status).toBe(1);
    expect(mismatch.stderr.trim().split('\n')).toHaveLength(1);
    expect(mismatch.stderr).toMatch(new RegExp(`^average: ${half}: tensor '.*' missing`));
    const missing = run([join(dir, 'x.safetensors'), a, join(dir, 'nope.safetensors')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`average: ${join(dir, 'nope.safetensors')}: ENOENT`);
    const damaged = join(dir, 'damaged.safetensors');
    writeFileSync(damaged, 'not safetensors');
    expect(run([join(dir, 'x.safetensors'), damaged, b]).stderr).toMatch(
      new RegExp(`^average: ${damaged}: `),
    );
    const noData = run([join(dir, 'x.safetensors'), a, b, '--data', join(dir, 'none')]);
    expect(noData.status).toBe(1);
    expect(noData.stderr).toContain('does not exist');
  }, 300_000);

  it.each([
    [['out.safetensors', 'a.safetensors'], 'expected <out.safetensors> and at least two input'],
    [['o', 'a', 'b', '--bn-batches', '-1'], '--bn-batches "-1" is not valid; expected an integer'],
    [['o', 'a', 'b', '--bn-batches', 'x'], '--bn-batches "x" is not valid'],
    [['models/avg.safetensors', 'a', 'b'], 'is inside models/'],
    [['o', 'a', 'b', '--bn'], "Unknown option '--bn'"],
  ])('bad arguments %j exit 2 naming the option', (args, message) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: node runtime/train/average.ts');
  });
});
