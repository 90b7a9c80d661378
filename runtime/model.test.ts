import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArch, type ArchOptions, type ConvOp, type UnitOp } from './arch.ts';
import { NODE_BACKENDS, useBackend } from './backends-node.ts';
import { createShuffleNet, compileOps, type GroupConvChoice } from './model.ts';
import * as oracle from './oracle/index.ts';
import { groupConvMethodFor, type GroupConvMethod } from './ops.ts';
import { parseSafetensors, serializeSafetensors } from './safetensors.ts';
import {
  hwioToOihw,
  oihwToHwio,
  parameterSpecs,
  randomWeights,
  transpose2d,
  type TensorData,
  type WeightMap,
} from './weights.ts';

/** Non-negative deterministic input: every unit input in a network comes out of a ReLU. */
function input(shape: number[], seed: number): TensorData {
  let s = seed >>> 0;
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s / 2 ** 32;
  }
  return { shape, data };
}

/** Max |a - b| relative to the reference's magnitude (at least 1): the 1e-4 criterion. */
function relativeError(actual: tf.Tensor, expected: TensorData): number {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.dataSync();
  let worst = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i]! - expected.data[i]!));
    scale = Math.max(scale, Math.abs(expected.data[i]!));
  }
  return worst / scale;
}

function findUnit(options: ArchOptions, name: string): UnitOp {
  const unit = buildArch(options).ops.find((op) => op.op === 'unit' && op.name === name);
  if (!unit || unit.op !== 'unit') throw new Error(`no unit ${name}`);
  return unit;
}

const SMALL = {
  inputShape: [28, 28, 1] as [number, number, number],
  numClasses: 10,
  stem: { convStride: 1, maxPool: false },
};

function sameMaps(a: WeightMap, b: WeightMap): void {
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [name, t] of a) {
    expect(b.get(name)!.shape).toEqual(t.shape);
    expect(
      Buffer.from(b.get(name)!.data.buffer, b.get(name)!.data.byteOffset, t.data.byteLength),
    ).toEqual(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  }
}

describe('weights (backend-independent)', () => {
  it('parameter names and shapes follow torchvision; counts match num_params', () => {
    const specs = parameterSpecs(buildArch({ version: 'v2' }));
    const byName = new Map(specs.map((s) => [s.name, s.shape]));
    expect(byName.get('conv1.0.weight')).toEqual([24, 3, 3, 3]);
    expect(byName.get('stage2.0.branch1.0.weight')).toEqual([24, 1, 3, 3]);
    expect(byName.get('stage2.0.branch1.1.running_var')).toEqual([24]);
    expect(byName.get('stage2.1.branch2.0.weight')).toEqual([58, 58, 1, 1]);
    expect(byName.get('fc.weight')).toEqual([1000, 1024]);
    expect(byName.get('fc.bias')).toEqual([1000]);
    const learned = (options: ArchOptions) =>
      parameterSpecs(buildArch(options))
        .filter((s) => s.role !== 'bnMean' && s.role !== 'bnVar')
        .reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1), 0);
    // torchvision's model docs (num_params) and megvii's counts for the paper layout.
    expect(learned({ version: 'v2', width: 1 })).toBe(2_278_604);
    expect(learned({ version: 'v2', width: 0.5 })).toBe(1_366_792);
    expect(learned({ version: 'v2', width: 0.5, layout: 'paper' })).toBe(1_365_792);
    const v1 = new Map(
      parameterSpecs(buildArch({ version: 'v1', groups: 3 })).map((s) => [s.name, s.shape]),
    );
    expect(v1.get('features.1.branch_main_1.0.weight')).toEqual([60, 80, 1, 1]); // 240 -> 60, g=3
    // [V1] Table 1 note: stage 2's first pointwise conv is not grouped.
    expect(v1.get('features.0.branch_main_1.0.weight')).toEqual([60, 24, 1, 1]);
    expect(v1.get('features.0.branch_main_2.0.weight')).toEqual([216, 20, 1, 1]); // 240 - 24
    expect(v1.has('classifier.0.weight') && !v1.has('classifier.0.bias')).toBe(true);
  });

  it('random weights are deterministic per seed and non-trivial', () => {
    const arch = buildArch({ version: 'v2', width: 0.5, ...SMALL });
    const a = randomWeights(arch, 3);
    sameMaps(a, randomWeights(arch, 3));
    expect(randomWeights(arch, 4).get('conv1.0.weight')!.data).not.toEqual(
      a.get('conv1.0.weight')!.data,
    );
    const v = a.get('conv1.1.running_var')!.data;
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0.5);
    expect(new Set(v).size).toBe(v.length);
    expect(() => randomWeights(arch, -1)).toThrow(/seed -1 .*expected an integer in \[0, 2\^32\)/);
  });

  it('layout conversions are exact inverses', () => {
    const w = input([6, 2, 3, 3], 5);
    const hwio = oihwToHwio(w);
    expect(hwio.shape).toEqual([3, 3, 2, 6]);
    // weight[o=4, i=1, y=2, x=0] sits at hwio[2, 0, 1, 4].
    expect(hwio.data[((2 * 3 + 0) * 2 + 1) * 6 + 4]).toBe(w.data[((4 * 2 + 1) * 3 + 2) * 3 + 0]);
    expect(hwioToOihw(hwio)).toEqual(w);
    const lin = input([3, 5], 6);
    expect(transpose2d(lin).shape).toEqual([5, 3]);
    expect(transpose2d(lin).data[4 * 3 + 2]).toBe(lin.data[2 * 5 + 4]);
    expect(transpose2d(transpose2d(lin))).toEqual(lin);
  });
});

describe.each(NODE_BACKENDS)('model on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  describe('units agree with the oracle within 1e-4', () => {
    const cases: {
      label: string;
      options: ArchOptions;
      unit: string;
      hw: number;
      reference: (x: TensorData, w: WeightMap, u: UnitOp) => TensorData;
    }[] = [];
    for (const layout of ['paper', 'megvii'] as const) {
      // features.0: stride 2 with an ungrouped first conv; .1 stride 1; .4 stride 2 grouped.
      for (const unit of ['features.0', 'features.1', 'features.4']) {
        cases.push({
          label: `V1 g=3 ${layout} ${unit}`,
          options: { version: 'v1', groups: 3, width: 0.5, layout },
          unit,
          hw: 6,
          reference: (x, w, u) => oracle.oracleV1Unit(x, w, u.name, u.stride, 3, layout),
        });
      }
    }
    for (const unit of ['features.0', 'features.1']) {
      cases.push({
        label: `V1 g=1 paper ${unit}`,
        options: { version: 'v1', groups: 1, width: 0.5 },
        unit,
        hw: 6,
        reference: (x, w, u) => oracle.oracleV1Unit(x, w, u.name, u.stride, 1, 'paper'),
      });
    }
    cases.push({
      label: 'V1 g=8 megvii features.5',
      options: { version: 'v1', groups: 8, width: 0.5, layout: 'megvii' },
      unit: 'features.5',
      hw: 4,
      reference: (x, w, u) => oracle.oracleV1Unit(x, w, u.name, u.stride, 8, 'megvii'),
    });
    for (const unit of ['stage2.0', 'stage2.1']) {
      cases.push({
        label: `V2 torchvision ${unit}`,
        options: { version: 'v2', width: 0.5 },
        unit,
        hw: 6,
        reference: (x, w, u) => oracle.oracleV2UnitTorchvision(x, w, u.name, u.stride),
      });
    }
    for (const unit of ['features.0', 'features.1']) {
      cases.push({
        label: `V2 paper ${unit}`,
        options: { version: 'v2', width: 1, layout: 'paper' },
        unit,
        hw: 6,
        reference: (x, w, u) => oracle.oracleV2UnitPaper(x, w, u.name, u.stride),
      });
    }

    it.each(cases)('$label', ({ options, unit: name, hw, reference }) => {
      const arch = buildArch(options);
      const unit = findUnit(options, name);
      const weights = randomWeights(arch, 11);
      const x = input([2, hw, hw, unit.inC], 12);
      const expected = reference(x, weights, unit);
      expect(expected.shape).toEqual([2, hw / unit.stride, hw / unit.stride, unit.outC]);
      const xt = tf.tensor4d(x.data, x.shape as [number, number, number, number]);
      for (const method of ['split', 'blockDiagonal'] as GroupConvMethod[]) {
        const before = tf.memory().numTensors;
        const compiled = compileOps([unit], weights, method);
        const y = compiled.run(xt);
        expect(relativeError(y, expected)).toBeLessThan(1e-4);
        tf.dispose(y);
        compiled.dispose();
        expect(tf.memory().numTensors).toBe(before);
      }
      xt.dispose();
    });
  });

  describe('networks agree with the oracle within 1e-4 (28x28x1, 10 classes, batch 2)', () => {
    const stemOptions = { stemStride: 1, maxPool: false };
    const nets: {
      label: string;
      options: ArchOptions;
      reference: (x: TensorData, w: WeightMap) => TensorData;
    }[] = [
      {
        label: 'V2 0.5x torchvision',
        options: { version: 'v2', width: 0.5, ...SMALL },
        reference: (x, w) => oracle.oracleShuffleNetV2Torchvision(x, w, stemOptions),
      },
      {
        label: 'V2 0.5x paper',
        options: { version: 'v2', width: 0.5, layout: 'paper', ...SMALL },
        reference: (x, w) => oracle.oracleShuffleNetV2Paper(x, w, stemOptions),
      },
      {
        label: 'V1 g=3 0.5x paper',
        options: { version: 'v1', groups: 3, width: 0.5, ...SMALL },
        reference: (x, w) =>
          oracle.oracleShuffleNetV1(x, w, { ...stemOptions, groups: 3, layout: 'paper' }),
      },
      {
        label: 'V1 g=3 0.5x megvii',
        options: { version: 'v1', groups: 3, width: 0.5, layout: 'megvii', ...SMALL },
        reference: (x, w) =>
          oracle.oracleShuffleNetV1(x, w, { ...stemOptions, groups: 3, layout: 'megvii' }),
      },
    ];

    it.each(nets)('$label', ({ options, reference }) => {
      const x = input([2, 28, 28, 1], 21);
      const xt = tf.tensor4d(x.data, [2, 28, 28, 1]);
      const methods: GroupConvChoice[] =
        options.version === 'v1' ? ['split', 'blockDiagonal', 'auto'] : ['auto'];
      let expected: TensorData | null = null;
      for (const groupConv of methods) {
        const model = createShuffleNet({ ...options, seed: 5, groupConv });
        expected ??= reference(x, model.exportWeights());
        const logits = model.predict(xt);
        expect(logits.shape).toEqual([2, 10]);
        expect(relativeError(logits, expected)).toBeLessThan(1e-4);
        // Random weights must give a non-degenerate output for the comparison to mean anything.
        expect(new Set(logits.dataSync()).size).toBe(20);
        tf.dispose(logits);
        model.dispose();
      }
      xt.dispose();
    });

    it('V2 0.5x with the papers stem (stride-2 conv + max pool) on 32x32x3', () => {
      const options: ArchOptions = {
        version: 'v2',
        width: 0.5,
        inputShape: [32, 32, 3],
        numClasses: 7,
      };
      const model = createShuffleNet({ ...options, seed: 9 });
      const x = input([1, 32, 32, 3], 22);
      const xt = tf.tensor4d(x.data, [1, 32, 32, 3]);
      const expected = oracle.oracleShuffleNetV2Torchvision(x, model.exportWeights(), {
        stemStride: 2,
        maxPool: true,
      });
      const logits = model.predict(xt);
      expect(relativeError(logits, expected)).toBeLessThan(1e-4);
      tf.dispose([xt, logits]);
      model.dispose();
    });
  });

  describe('public methods', () => {
    const options: ArchOptions = { version: 'v1', groups: 3, width: 0.5, ...SMALL };
    const stemChannels = (buildArch(options).ops[0] as ConvOp).outC;

    it('leave no tensors behind, and dispose frees everything', () => {
      const baseline = tf.memory().numTensors;
      const model = createShuffleNet(options);
      const held = tf.memory().numTensors;
      expect(held).toBeGreaterThan(baseline);
      const x = tf.zeros([2, 28, 28, 1]) as tf.Tensor4D;
      const check = (what: string, fn: () => unknown) => {
        const before = tf.memory().numTensors;
        const out = fn();
        if (out instanceof tf.Tensor) out.dispose();
        expect(tf.memory().numTensors, what).toBe(before);
      };
      check('predict', () => model.predict(x));
      const bytes = model.saveWeights();
      check('saveWeights', () => model.saveWeights());
      check('loadWeights', () => model.loadWeights(bytes));
      check('exportWeights', () => model.exportWeights());
      check('summary', () => model.summary());
      check('failed loadWeights', () => {
        expect(() => model.loadWeights(new Uint8Array(8))).toThrow();
      });
      const wrong = tf.zeros([1, 28, 28, 3]) as tf.Tensor4D;
      check('rejected predict', () => {
        expect(() => model.predict(wrong)).toThrow();
      });
      tf.dispose([x, wrong]);
      expect(tf.memory().numTensors).toBe(held);
      model.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
      expect(() => model.predict(x)).toThrow(/disposed/);
    });

    it('save -> load round-trips exactly', () => {
      const a = createShuffleNet({ ...options, seed: 1 });
      const b = createShuffleNet({ ...options, seed: 2 });
      const bytes = a.saveWeights();
      b.loadWeights(bytes);
      sameMaps(a.exportWeights(), b.exportWeights());
      expect(b.saveWeights()).toEqual(bytes);
      const c = createShuffleNet({ ...options, weights: bytes });
      sameMaps(a.exportWeights(), c.exportWeights());
      const x = tf.tensor4d(input([1, 28, 28, 1], 3).data, [1, 28, 28, 1]);
      const [ya, yc] = [a.predict(x), c.predict(x)];
      expect(yc.dataSync()).toEqual(ya.dataSync());
      // The file uses PyTorch names and OIHW layout.
      const parsed = parseSafetensors(bytes).tensors;
      expect(parsed.get('first_conv.0.weight')!.shape).toEqual([stemChannels, 1, 3, 3]);
      tf.dispose([x, ya, yc]);
      [a, b, c].forEach((m) => m.dispose());
    });

    it('loads torchvision-style files with num_batches_tracked', () => {
      const model = createShuffleNet({ ...options, seed: 1 });
      const weights = model.exportWeights();
      weights.set('first_conv.1.num_batches_tracked', { shape: [], data: new Float32Array([7]) });
      expect(() => model.loadWeights(serializeSafetensors(weights))).not.toThrow();
      model.dispose();
    });

    it('rejects bad files with errors that name the tensor and shapes', () => {
      const model = createShuffleNet({ ...options, seed: 1 });
      const x = tf.tensor4d(input([1, 28, 28, 1], 4).data, [1, 28, 28, 1]);
      const before = model.predict(x);
      const base = model.exportWeights();
      const variant = (edit: (w: WeightMap) => void) => {
        const w = new Map(base);
        edit(w);
        return serializeSafetensors(w);
      };
      expect(() =>
        model.loadWeights(variant((w) => w.delete('features.2.branch_main_1.3.weight'))),
      ).toThrow(
        /missing tensor 'features.2.branch_main_1.3.weight' \(expected shape \[30, 1, 3, 3\]\)/,
      );
      expect(() =>
        model.loadWeights(
          variant((w) => w.set('fc.weight', { shape: [1], data: new Float32Array(1) })),
        ),
      ).toThrow(/unexpected tensor 'fc.weight'/);
      expect(() =>
        model.loadWeights(
          variant((w) =>
            w.set('classifier.0.weight', { shape: [480, 10], data: new Float32Array(4800) }),
          ),
        ),
      ).toThrow(/tensor 'classifier.0.weight' has shape \[480, 10\]; expected \[10, 480\]/);
      // A failed load leaves the model as it was.
      const after = model.predict(x);
      expect(after.dataSync()).toEqual(before.dataSync());
      expect(() => createShuffleNet({ ...options, weights: variant((w) => w.clear()) })).toThrow(
        `missing tensor 'first_conv.0.weight' (expected shape [${stemChannels}, 1, 3, 3])`,
      );
      tf.dispose([x, before, after]);
      model.dispose();
    });

    it('validates the input shape and the options', () => {
      const model = createShuffleNet(options);
      const bad = [tf.zeros([28, 28, 1]), tf.zeros([1, 32, 28, 1]), tf.zeros([1, 28, 28, 3])];
      for (const x of bad) {
        expect(() => model.predict(x as tf.Tensor4D)).toThrow(
          /expects input of shape \[N, 28, 28, 1\] \(NHWC\)/,
        );
      }
      const ints = tf.zeros([1, 28, 28, 1], 'int32') as tf.Tensor4D;
      expect(() => model.predict(ints)).toThrow(/float32/);
      tf.dispose([...bad, ints]);
      model.dispose();
      expect(() => createShuffleNet({ ...options, groupConv: 'fast' as 'split' })).toThrow(
        /groupConv "fast" .*expected one of 'auto', 'split', 'blockDiagonal'/,
      );
      expect(() => createShuffleNet({ version: 'v2', width: 0.75 })).toThrow(
        /V2 width 0.75 .*expected one of 0.5, 1, 1.5, 2/,
      );
      expect(() => createShuffleNet({ ...options, seed: 1.5 })).toThrow(/seed 1.5/);
    });

    it('summary is the cost model of the architecture', () => {
      const model = createShuffleNet({ version: 'v2' });
      const report = model.summary();
      expect(report.totals.params).toBe(2_278_604); // torchvision shufflenet_v2_x1_0 num_params
      expect(report.rows.length).toBeGreaterThan(50);
      model.dispose();
    });
  });
});

describe('backend choice', () => {
  it('groupConvMethodFor follows the measured per-layer rule', () => {
    // (g-1)/g * outC extra MACs per input element: small -> one block-diagonal dense conv.
    expect(groupConvMethodFor('wasm', { outC: 60, groups: 3 })).toBe('blockDiagonal');
    expect(groupConvMethodFor('wasm', { outC: 960, groups: 3 })).toBe('split');
    expect(groupConvMethodFor('cpu', { outC: 240, groups: 3 })).toBe('blockDiagonal');
    expect(groupConvMethodFor('cpu', { outC: 960, groups: 3 })).toBe('split');
    expect(groupConvMethodFor('webgl', { outC: 960, groups: 3 })).toBe('blockDiagonal');
  });

  it("an 'auto' model re-prepares its weights when the backend changes, without leaks", async () => {
    await useBackend('cpu');
    const baseline = tf.memory().numTensors;
    const model = createShuffleNet({ version: 'v1', groups: 3, width: 0.5, ...SMALL, seed: 8 });
    const xd = input([1, 28, 28, 1], 30);
    const onCpu = tf.tensor4d(xd.data, [1, 28, 28, 1]);
    const yCpu = model.predict(onCpu);
    const expected = { shape: yCpu.shape, data: yCpu.dataSync() as Float32Array };
    tf.dispose([onCpu, yCpu]);
    await useBackend('wasm');
    const x = tf.tensor4d(xd.data, [1, 28, 28, 1]);
    const y = model.predict(x);
    expect(relativeError(y, expected)).toBeLessThan(1e-4);
    tf.dispose([x, y]);
    model.dispose();
    // Disposing frees the wasm kernels, and the cpu ones were freed on the switch.
    expect(tf.memory().numTensors).toBe(baseline);
    await useBackend('cpu');
  });
});
