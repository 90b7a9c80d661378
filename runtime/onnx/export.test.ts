import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchOptions } from '../arch.ts';
import { useBackend } from '../backends-node.ts';
import { SAMPLE_IMAGES_FILE, SAMPLE_LABELS_FILE, decodeSample } from '../data/sample.ts';
import { createShuffleNet, type ShuffleNet } from '../model.ts';
import { FASHION_ARCH, WEIGHTS_FILE, scalePixels } from '../train/fashion.ts';
import { modelProtoType } from './onnx-proto.ts';
import { INPUT_NAME, OPSET, OUTPUT_NAME, exportOnnx, shufflePermutation } from './export.ts';

const models = (file: string) => new URL(`../../models/${file}`, import.meta.url);

/** Runs the exported model in onnxruntime-node on the NHWC batch `x` (transposed to NCHW). */
async function ortLogits(bytes: Uint8Array, x: tf.Tensor4D): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const nchw = tf.tidy(() => tf.transpose(x, [0, 3, 1, 2]));
    const data = nchw.dataSync() as Float32Array;
    nchw.dispose();
    const [n, h, w, c] = x.shape;
    const out = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', data, [n, c, h, w]) });
    return out[OUTPUT_NAME]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

/**
 * Largest |a - b| over the logits, as a fraction of max(1, max |reference|): 1e-4 absolute for
 * logits of order 1 (V2, the Fashion model), relative for V1 on random weights, whose residual
 * additions grow the logits to the hundreds, where float32 rounding alone is ~1e-5 absolute.
 */
function scaledError(reference: Float32Array, other: Float32Array): number {
  expect(other.length).toBe(reference.length);
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < reference.length; i++) {
    diff = Math.max(diff, Math.abs(reference[i]! - other[i]!));
    scale = Math.max(scale, Math.abs(reference[i]!));
  }
  return diff / scale;
}

async function compare(model: ShuffleNet, x: tf.Tensor4D): Promise<number> {
  const bytes = exportOnnx(model);
  const y = model.predict(x);
  const reference = y.dataSync() as Float32Array;
  y.dispose();
  return scaledError(reference, await ortLogits(bytes, x));
}

beforeAll(async () => {
  await useBackend('wasm');
});

describe('exportOnnx', () => {
  it('writes a ModelProto with opset 13, NCHW input with a free batch, weights as initializers', () => {
    const model = createShuffleNet({ version: 'v2', width: 0.5, inputShape: [32, 32, 3] });
    const bytes = exportOnnx(model);
    const type = modelProtoType();
    const decoded = type.toObject(type.decode(bytes), { longs: Number });
    // The default (empty) domain is ai.onnx; proto2 writers may omit an empty string.
    expect(decoded.opset_import).toEqual([{ version: OPSET }]);
    const dims = decoded.graph.input[0].type.tensor_type.shape.dim;
    expect(dims).toEqual([
      { dim_param: 'N' },
      { dim_value: 3 },
      { dim_value: 32 },
      { dim_value: 32 },
    ]);
    const names = decoded.graph.initializer.map((t: { name: string }) => t.name);
    for (const name of model.exportWeights().keys()) expect(names).toContain(name);
    const fc = decoded.graph.initializer.find((t: { name: string }) => t.name === 'fc.weight');
    expect(fc.dims).toEqual([1000, 1024]);
    model.dispose();
  });

  it('refuses something that is not a model, naming what it expects', () => {
    expect(() => exportOnnx({} as ShuffleNet)).toThrow(/expects a ShuffleNet/);
  });

  it('writes the shuffle permutation torchvision uses (output j*g+i <- input i*C/g+j)', () => {
    expect(shufflePermutation(6, 2)).toEqual([0, 3, 1, 4, 2, 5]);
    expect(shufflePermutation(6, 3)).toEqual([0, 2, 4, 1, 3, 5]);
  });

  const cases: [string, ArchOptions, number][] = [
    ['V1 1x g=3 at 64x64', { version: 'v1', groups: 3, inputShape: [64, 64, 3] }, 64],
    [
      'V1 1x g=3 megvii at 64x64',
      { version: 'v1', groups: 3, layout: 'megvii', inputShape: [64, 64, 3] },
      64,
    ],
    ['V2 0.5x at 64x64', { version: 'v2', width: 0.5, inputShape: [64, 64, 3] }, 64],
    [
      'V2 0.5x paper layout at 64x64',
      { version: 'v2', width: 0.5, layout: 'paper', inputShape: [64, 64, 3] },
      64,
    ],
    ['V2 1x at 224x224', { version: 'v2', width: 1 }, 224],
  ];
  for (const [label, options, size] of cases) {
    it(`matches the runtime's logits in onnxruntime-node: ${label}, random weights`, async () => {
      const model = createShuffleNet({ ...options, seed: 3 });
      const x = tf.randomNormal([2, size, size, 3], 0, 1, 'float32', 11) as tf.Tensor4D;
      expect(await compare(model, x)).toBeLessThan(1e-4);
      x.dispose();
      model.dispose();
    });
  }

  it("matches the trained Fashion model's logits on the sample images", async () => {
    const weights = new Uint8Array(readFileSync(models(WEIGHTS_FILE)));
    const model = createShuffleNet({ ...FASHION_ARCH, weights });
    const sample = decodeSample(
      new Uint8Array(readFileSync(models(SAMPLE_IMAGES_FILE))),
      new Uint8Array(readFileSync(models(SAMPLE_LABELS_FILE))),
    );
    const n = 16;
    const pixels = sample.images.pixels.subarray(0, n * 28 * 28);
    const x = tf.tensor4d(scalePixels(pixels), [n, 28, 28, 1]);
    const y = model.predict(x);
    const reference = y.dataSync() as Float32Array;
    y.dispose();
    const onnx = await ortLogits(exportOnnx(model), x);
    // Absolute 1e-4: these logits are of order 10, the scale factor is the largest of them.
    let diff = 0;
    for (let i = 0; i < reference.length; i++)
      diff = Math.max(diff, Math.abs(reference[i]! - onnx[i]!));
    expect(diff).toBeLessThan(1e-4);
    x.dispose();
    model.dispose();
  });
});
