import { describe, expect, it } from 'vitest';
import { mulberry32, uniformFloats } from '../random.ts';
import {
  add,
  avgPool2d,
  batchNorm,
  channelShuffle,
  concatChannels,
  conv2d,
  globalAvgPool,
  linear,
  maxPool2d,
  megviiV1ChannelShuffle,
  relu,
  splitEvenOdd,
  splitHalves,
  tensor,
  type OracleTensor,
} from './index.ts';

/** Channels 0..c-1 at a single position, so the result of a permutation reads as indices. */
function channelIndices(c: number): OracleTensor {
  return tensor(
    [1, 1, 1, c],
    Array.from({ length: c }, (_, i) => i),
  );
}

function values(t: OracleTensor): number[] {
  return Array.from(t.data);
}

/** Deterministic pseudo-random values in [-1, 1) (the runtime's mulberry32). */
function randomTensor(shape: number[], seed: number): OracleTensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape, data: uniformFloats(size, mulberry32(seed), -1, 1) };
}

function expectClose(actual: OracleTensor, expected: OracleTensor, digits = 5): void {
  expect(actual.shape).toEqual(expected.shape);
  actual.data.forEach((v, i) => expect(v).toBeCloseTo(expected.data[i]!, digits));
}

/** Output channels [from, to) of an OIHW weight. */
function outputSlice(w: OracleTensor, from: number, to: number): OracleTensor {
  const per = w.data.length / w.shape[0]!;
  return { shape: [to - from, ...w.shape.slice(1)], data: w.data.slice(from * per, to * per) };
}

describe('conv2d', () => {
  it('is a matrix multiply over channels for a 1x1 kernel', () => {
    // Two positions with channels [1, 2, 3] and [4, 5, 6]; W = [[1, 0, -1], [2, 1, 0]].
    const x = tensor([1, 1, 2, 3], [1, 2, 3, 4, 5, 6]);
    const w = tensor([2, 3, 1, 1], [1, 0, -1, 2, 1, 0]);
    const y = conv2d(x, w, { stride: 1, pad: 0, groups: 1 });
    expect(y.shape).toEqual([1, 1, 2, 2]);
    expect(values(y)).toEqual([1 - 3, 2 + 2, 4 - 6, 8 + 5]);
  });

  it('pads with zeros: an all-ones 3x3 kernel sums only the real cells at a corner', () => {
    const x = tensor([1, 3, 3, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const ones = tensor([1, 1, 3, 3], new Array(9).fill(1));
    const y = conv2d(x, ones, { stride: 1, pad: 1, groups: 1 });
    expect(y.shape).toEqual([1, 3, 3, 1]);
    expect(y.data[0]).toBe(1 + 2 + 4 + 5); // top-left
    expect(y.data[4]).toBe(45); // centre sees all nine
    expect(y.data[8]).toBe(5 + 6 + 8 + 9); // bottom-right
  });

  it('correlates without flipping the kernel (PyTorch semantics) and honours the stride', () => {
    const x = tensor([1, 3, 3, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Only the top-left tap is set: output (y, x) reads input (y - 1, x - 1).
    const topLeft = tensor([1, 1, 3, 3], [1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(values(conv2d(x, topLeft, { stride: 1, pad: 1, groups: 1 }))).toEqual([
      0, 0, 0, 0, 1, 2, 0, 4, 5,
    ]);
    // Stride 2 keeps output rows/columns 0 and 2 of the stride-1 result.
    const ones = tensor([1, 1, 3, 3], new Array(9).fill(1));
    const y = conv2d(x, ones, { stride: 2, pad: 1, groups: 1 });
    expect(y.shape).toEqual([1, 2, 2, 1]);
    expect(values(y)).toEqual([12, 16, 24, 28]);
  });

  it('computes a group convolution as separate convolutions on the channel slices', () => {
    const x = randomTensor([2, 4, 5, 4], 1);
    const w = randomTensor([6, 2, 3, 3], 2);
    const grouped = conv2d(x, w, { stride: 2, pad: 1, groups: 2 });
    const [x0, x1] = splitHalves(x);
    const dense = { stride: 2, pad: 1, groups: 1 };
    const separate = concatChannels([
      conv2d(x0, outputSlice(w, 0, 3), dense),
      conv2d(x1, outputSlice(w, 3, 6), dense),
    ]);
    expectClose(grouped, separate);
  });

  it('computes a depthwise convolution channel by channel', () => {
    const x = tensor([1, 1, 2, 2], [1, 10, 2, 20]);
    const w = tensor([2, 1, 1, 1], [3, -1]);
    expect(values(conv2d(x, w, { stride: 1, pad: 0, groups: 2 }))).toEqual([3, -10, 6, -20]);
  });

  it('rejects weights that do not fit the input and groups', () => {
    const x = randomTensor([1, 2, 2, 4], 3);
    expect(() =>
      conv2d(x, randomTensor([4, 4, 1, 1], 4), { stride: 1, pad: 0, groups: 2 }),
    ).toThrow('expects 8 input channels with groups 2, got 4');
    expect(() =>
      conv2d(x, randomTensor([3, 1, 1, 1], 4), { stride: 1, pad: 0, groups: 4 }),
    ).toThrow('groups 4 must divide both input channels 4 and output channels 3');
  });
});

describe('batchNorm and relu', () => {
  it('applies (x - mean) / sqrt(var + eps) * weight + bias per channel', () => {
    const x = tensor([1, 1, 2, 2], [3, -1, 5, 2]);
    const params = {
      weight: Float32Array.from([2, 3]),
      bias: Float32Array.from([0.5, -1]),
      runningMean: Float32Array.from([1, 2]),
      runningVar: Float32Array.from([4, 0.25]),
    };
    expect(values(batchNorm(x, params, 0))).toEqual([
      ((3 - 1) / 2) * 2 + 0.5,
      ((-1 - 2) / 0.5) * 3 - 1,
      ((5 - 1) / 2) * 2 + 0.5,
      ((2 - 2) / 0.5) * 3 - 1,
    ]);
    // PyTorch's default eps is 1e-5.
    expect(batchNorm(x, params).data[0]).toBeCloseTo((2 / Math.sqrt(4 + 1e-5)) * 2 + 0.5, 6);
  });

  it('rejects parameters of the wrong length', () => {
    const one = Float32Array.from([1]);
    const params = { weight: one, bias: one, runningMean: one, runningVar: one };
    expect(() => batchNorm(tensor([1, 1, 1, 2], [1, 2]), params)).toThrow(
      'has 1 values, expected 2 (channels)',
    );
  });

  it('relu clamps negatives to zero', () => {
    expect(values(relu(tensor([1, 4], [-2, 0, 0.5, 3])))).toEqual([0, 0, 0.5, 3]);
  });

  it('add sums element-wise and rejects different shapes', () => {
    expect(values(add(tensor([1, 2], [1, 2]), tensor([1, 2], [10, 20])))).toEqual([11, 22]);
    expect(() => add(tensor([1, 2], [1, 2]), tensor([2, 1], [1, 2]))).toThrow(
      'add needs equal shapes, got [1, 2] and [2, 1]',
    );
  });
});

describe('pooling', () => {
  const grid = tensor([1, 3, 3, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]);

  it('average pooling counts the padding: a corner window divides by 9', () => {
    const y = avgPool2d(grid, 3, 2, 1);
    expect(y.shape).toEqual([1, 2, 2, 1]);
    expect(y.data[0]).toBeCloseTo((1 + 2 + 4 + 5) / 9, 6);
    expect(y.data[3]).toBeCloseTo((5 + 6 + 8 + 9) / 9, 6);
  });

  it('max pooling never picks the padding, even when every real value is negative', () => {
    const negative = tensor([1, 3, 3, 1], [-1, -2, -3, -4, -5, -6, -7, -8, -9]);
    expect(values(maxPool2d(negative, 3, 2, 1))).toEqual([-1, -2, -4, -5]);
    expect(values(maxPool2d(grid, 3, 2, 1))).toEqual([5, 6, 8, 9]);
  });

  it('pools each channel and batch item separately', () => {
    const first = [1, 10, 3, 30, 2, 20, 4, 40];
    const x = tensor([2, 2, 2, 2], [...first, ...first.map((v) => -v)]);
    expect(values(maxPool2d(x, 2, 2, 0))).toEqual([4, 40, -1, -10]);
    expect(values(globalAvgPool(x))).toEqual([2.5, 25, -2.5, -25]);
    expect(globalAvgPool(x).shape).toEqual([2, 2]);
  });
});

describe('linear', () => {
  it('computes x W^T + b with W stored as [out, in]', () => {
    const x = tensor([2, 3], [1, 2, 3, -1, 0, 1]);
    const w = tensor([2, 3], [1, 1, 1, 0, 2, -1]);
    expect(values(linear(x, w, Float32Array.from([10, 20])))).toEqual([16, 21, 10, 19]);
    expect(values(linear(x, w))).toEqual([6, 1, 0, -1]);
  });

  it('rejects a weight with the wrong number of inputs', () => {
    expect(() => linear(tensor([1, 3], [1, 2, 3]), tensor([1, 2], [1, 2]))).toThrow(
      'does not fit 3 input features; expected [outFeatures, 3]',
    );
  });
});

describe('channel routing', () => {
  it('shuffles 6 channels with torchvision permutation: g=2 gives [0,3,1,4,2,5]', () => {
    expect(values(channelShuffle(channelIndices(6), 2))).toEqual([0, 3, 1, 4, 2, 5]);
    expect(values(channelShuffle(channelIndices(6), 3))).toEqual([0, 2, 4, 1, 3, 5]);
  });

  it('shuffles every spatial position independently', () => {
    const x = tensor([1, 1, 2, 4], [0, 1, 2, 3, 10, 11, 12, 13]);
    expect(values(channelShuffle(x, 2))).toEqual([0, 2, 1, 3, 10, 12, 11, 13]);
  });

  it("megvii's V1 shuffle is torchvision's with C/g groups and undoes torchvision's with g", () => {
    expect(values(megviiV1ChannelShuffle(channelIndices(6), 2))).toEqual([0, 2, 4, 1, 3, 5]);
    const x = channelIndices(12);
    expect(values(megviiV1ChannelShuffle(x, 3))).toEqual(values(channelShuffle(x, 4)));
    expect(values(megviiV1ChannelShuffle(channelShuffle(x, 3), 3))).toEqual(values(x));
  });

  it('splits into halves (torchvision chunk) or even/odd channels (megvii)', () => {
    const [first, second] = splitHalves(channelIndices(6));
    expect([values(first), values(second)]).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    const [even, odd] = splitEvenOdd(channelIndices(6));
    expect([values(even), values(odd)]).toEqual([
      [0, 2, 4],
      [1, 3, 5],
    ]);
    expect(even.shape).toEqual([1, 1, 1, 3]);
  });

  it('concatenates in order, per position', () => {
    const a = tensor([1, 1, 2, 1], [1, 2]);
    const b = tensor([1, 1, 2, 2], [10, 11, 20, 21]);
    const y = concatChannels([a, b]);
    expect(y.shape).toEqual([1, 1, 2, 3]);
    expect(values(y)).toEqual([1, 10, 11, 2, 20, 21]);
  });

  it('an even/odd split after a 2-group shuffle recovers the two halves ([V2] Concat+Shuffle+Split)', () => {
    const a = randomTensor([1, 2, 2, 3], 5);
    const b = randomTensor([1, 2, 2, 3], 6);
    const [even, odd] = splitEvenOdd(channelShuffle(concatChannels([a, b]), 2));
    expect(values(even)).toEqual(values(a));
    expect(values(odd)).toEqual(values(b));
  });

  it('rejects channel counts that do not divide', () => {
    expect(() => channelShuffle(channelIndices(6), 4)).toThrow(
      'channelShuffle: 6 channels cannot be divided into 4 groups',
    );
    expect(() => splitEvenOdd(channelIndices(5))).toThrow('5 channels cannot be divided into 2');
    expect(() =>
      concatChannels([tensor([1, 1, 2, 1], [1, 2]), tensor([1, 2, 1, 1], [1, 2])]),
    ).toThrow('concatChannels needs equal shapes except channels');
  });
});
