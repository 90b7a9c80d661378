import { describe, expect, it } from 'vitest';
import {
  batchNorm,
  conv2d,
  linear,
  globalAvgPool,
  maxPool2d,
  oracleShuffleNetV1,
  oracleShuffleNetV2Paper,
  oracleShuffleNetV2Torchvision,
  oracleV1Unit,
  oracleV2UnitPaper,
  oracleV2UnitTorchvision,
  relu,
  type OracleTensor,
  type OracleWeights,
} from './index.ts';
import {
  countParameters,
  megviiV1StateDict,
  megviiV2StateDict,
  seededRandom,
  torchvisionV2StateDict,
} from './test-state-dicts.ts';

function randomInput(shape: number[], seed: number): OracleTensor {
  const random = seededRandom(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float32Array.from({ length: size }, () => random() * 2 - 1) };
}

function get(w: OracleWeights, name: string): OracleTensor {
  const t = w.get(name);
  if (!t) throw new Error(`test state_dict lacks ${name}`);
  return t;
}

/** conv (padding k // 2) -> BN -> ReLU, spelled out with the ops, independent of layers.ts. */
function convBnRelu(x: OracleTensor, w: OracleWeights, name: string, stride: number) {
  const weight = get(w, `${name}.0.weight`);
  const y = conv2d(x, weight, { stride, pad: Math.floor(weight.shape[2]! / 2), groups: 1 });
  return relu(
    batchNorm(y, {
      weight: get(w, `${name}.1.weight`).data,
      bias: get(w, `${name}.1.bias`).data,
      runningMean: get(w, `${name}.1.running_mean`).data,
      runningVar: get(w, `${name}.1.running_var`).data,
    }),
  );
}

function head(x: OracleTensor, w: OracleWeights, name: string): OracleTensor {
  return linear(globalAvgPool(x), get(w, `${name}.weight`), w.get(`${name}.bias`)?.data);
}

function expectSame(actual: OracleTensor, expected: OracleTensor): void {
  expect(actual.shape).toEqual(expected.shape);
  actual.data.forEach((v, i) => expect(v).toBeCloseTo(expected.data[i]!, 5));
}

/** Running a batch must equal running each item alone. */
function expectBatchIndependent(run: (x: OracleTensor) => OracleTensor, x: OracleTensor): void {
  const [n, ...item] = x.shape as [number, ...number[]];
  const size = x.data.length / n;
  const batched = run(x);
  const perItem = batched.data.length / n;
  for (let b = 0; b < n; b++) {
    const alone = run({ shape: [1, ...item], data: x.data.slice(b * size, (b + 1) * size) });
    alone.data.forEach((v, i) => expect(batched.data[b * perItem + i]).toBeCloseTo(v, 5));
  }
}

const tinyV2 = {
  stageChannels: [8, 16],
  repeats: [2, 2],
  stemChannels: 4,
  lastChannels: 12,
  classes: 3,
};

describe('oracleShuffleNetV2Torchvision', () => {
  const w = torchvisionV2StateDict(tinyV2, 11);
  const x = randomInput([2, 16, 16, 3], 12);

  it('wires conv1, maxpool, the stages (stride 2 where branch1 exists), conv5 and fc', () => {
    let y = maxPool2d(convBnRelu(x, w, 'conv1', 2), 3, 2, 1);
    y = oracleV2UnitTorchvision(y, w, 'stage2.0', 2);
    y = oracleV2UnitTorchvision(y, w, 'stage2.1', 1);
    y = oracleV2UnitTorchvision(y, w, 'stage3.0', 2);
    y = oracleV2UnitTorchvision(y, w, 'stage3.1', 1);
    expect(y.shape).toEqual([2, 1, 1, 16]);
    const expected = head(convBnRelu(y, w, 'conv5', 1), w, 'fc');
    expectSame(oracleShuffleNetV2Torchvision(x, w, { stemStride: 2, maxPool: true }), expected);
  });

  it('honours the stem options', () => {
    let y = convBnRelu(x, w, 'conv1', 1);
    for (const [p, s] of [
      ['stage2.0', 2],
      ['stage2.1', 1],
      ['stage3.0', 2],
      ['stage3.1', 1],
    ] as const) {
      y = oracleV2UnitTorchvision(y, w, p, s);
    }
    expect(y.shape).toEqual([2, 4, 4, 16]);
    const expected = head(convBnRelu(y, w, 'conv5', 1), w, 'fc');
    expectSame(oracleShuffleNetV2Torchvision(x, w, { stemStride: 1, maxPool: false }), expected);
  });

  it('keeps batch items independent', () => {
    expectBatchIndependent(
      (input) => oracleShuffleNetV2Torchvision(input, w, { stemStride: 1, maxPool: true }),
      x,
    );
  });

  it('runs the real shufflenet_v2_x0_5 layout (1,366,792 parameters, as torchvision lists)', () => {
    const real = torchvisionV2StateDict(
      {
        stageChannels: [48, 96, 192],
        repeats: [4, 8, 4],
        stemChannels: 24,
        lastChannels: 1024,
        classes: 1000,
      },
      13,
    );
    expect(countParameters(real)).toBe(1_366_792);
    const logits = oracleShuffleNetV2Torchvision(randomInput([1, 32, 32, 3], 14), real, {
      stemStride: 2,
      maxPool: true,
    });
    expect(logits.shape).toEqual([1, 1000]);
    expect(logits.data.every(Number.isFinite)).toBe(true);
  });

  it('names the first missing weight', () => {
    const partial = new Map(w);
    partial.delete('stage3.1.branch2.4.running_var');
    expect(() =>
      oracleShuffleNetV2Torchvision(x, partial, { stemStride: 2, maxPool: true }),
    ).toThrow("missing weight 'stage3.1.branch2.4.running_var'");
  });
});

describe('oracleShuffleNetV2Paper', () => {
  const w = megviiV2StateDict(tinyV2, 21);
  const x = randomInput([2, 16, 16, 3], 22);

  it('wires first_conv, maxpool, features (stride 2 where branch_proj exists), conv_last', () => {
    let y = maxPool2d(convBnRelu(x, w, 'first_conv', 2), 3, 2, 1);
    for (const [p, s] of [
      ['features.0', 2],
      ['features.1', 1],
      ['features.2', 2],
      ['features.3', 1],
    ] as const) {
      y = oracleV2UnitPaper(y, w, p, s);
    }
    expect(y.shape).toEqual([2, 1, 1, 16]);
    const expected = head(convBnRelu(y, w, 'conv_last', 1), w, 'classifier.0');
    expect(w.has('classifier.0.bias')).toBe(false);
    expectSame(oracleShuffleNetV2Paper(x, w, { stemStride: 2, maxPool: true }), expected);
  });

  it('keeps batch items independent', () => {
    expectBatchIndependent(
      (input) => oracleShuffleNetV2Paper(input, w, { stemStride: 1, maxPool: false }),
      x,
    );
  });

  it("runs megvii's 0.5x layout (1,365,792 parameters, per the reference notes)", () => {
    const real = megviiV2StateDict(
      {
        stageChannels: [48, 96, 192],
        repeats: [4, 8, 4],
        stemChannels: 24,
        lastChannels: 1024,
        classes: 1000,
      },
      23,
    );
    expect(countParameters(real)).toBe(1_365_792);
    const logits = oracleShuffleNetV2Paper(randomInput([1, 32, 32, 3], 24), real, {
      stemStride: 2,
      maxPool: true,
    });
    expect(logits.shape).toEqual([1, 1000]);
    expect(logits.data.every(Number.isFinite)).toBe(true);
  });
});

describe('oracleShuffleNetV1', () => {
  // Stage 3 doubles 8 -> 16, so its first unit's branch outputs 8 = its input channels: the
  // case where only the next layer's width tells a stride-2 unit from a stride-1 one.
  const spec = { channels: [4, 8, 16], repeats: [2, 2], groups: 2, classes: 3 };
  const w = megviiV1StateDict(spec, 31);
  const x = randomInput([2, 16, 16, 3], 32);

  for (const layout of ['paper', 'megvii'] as const) {
    it(`${layout} layout: wires first_conv, maxpool, features and the classifier`, () => {
      let y = maxPool2d(convBnRelu(x, w, 'first_conv', 2), 3, 2, 1);
      for (const [i, s] of [
        [0, 2],
        [1, 1],
        [2, 2],
        [3, 1],
      ] as const) {
        y = oracleV1Unit(y, w, `features.${i}`, s, 2, layout);
      }
      expect(y.shape).toEqual([2, 1, 1, 16]);
      const options = { groups: 2, layout, stemStride: 2, maxPool: true };
      expectSame(oracleShuffleNetV1(x, w, options), head(y, w, 'classifier.0'));
    });
  }

  it('keeps batch items independent', () => {
    const options = { groups: 2, layout: 'megvii' as const, stemStride: 1, maxPool: false };
    expectBatchIndependent((input) => oracleShuffleNetV1(input, w, options), x);
  });

  it("runs megvii's 0.5x g=3 layout (about 0.72M parameters, per the reference notes)", () => {
    const real = megviiV1StateDict(
      { channels: [12, 120, 240, 480], repeats: [4, 8, 4], groups: 3, classes: 1000 },
      33,
    );
    expect(countParameters(real) / 1e6).toBeCloseTo(0.72, 2);
    const options = { groups: 3, layout: 'megvii' as const, stemStride: 2, maxPool: true };
    const logits = oracleShuffleNetV1(randomInput([1, 32, 32, 3], 34), real, options);
    expect(logits.shape).toEqual([1, 1000]);
    expect(logits.data.every(Number.isFinite)).toBe(true);
  });

  it('reports channel counts that fit neither stride', () => {
    const broken = new Map(w);
    const next = get(w, 'features.2.branch_main_1.0.weight');
    broken.set('features.2.branch_main_1.0.weight', {
      shape: [4, 3, 1, 1],
      data: next.data.slice(0, 12),
    });
    expect(() =>
      oracleShuffleNetV1(x, broken, { groups: 2, layout: 'paper', stemStride: 2, maxPool: true }),
    ).toThrow('features.1: input 8 and branch output 8 channels cannot give the 6 channels');
  });
});
