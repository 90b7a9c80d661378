import { describe, expect, it } from 'vitest';
import {
  oracleV1Unit,
  oracleV2UnitPaper,
  oracleV2UnitTorchvision,
  tensor,
  type OracleTensor,
  type OracleWeights,
} from './index.ts';
import { seededRandom } from './test-state-dicts.ts';

/**
 * The units run on a 1x1 input, so a padded 3x3 depthwise conv reduces to its centre tap and
 * every expected value below can be worked out by hand. The other taps are set to 100, so they
 * would show up if padding were not zero.
 */
function dwCentre(weights: OracleWeights, name: string, centre: number[]): void {
  const data = new Float32Array(centre.length * 9).fill(100);
  centre.forEach((v, c) => (data[c * 9 + 4] = v));
  weights.set(`${name}.weight`, { shape: [centre.length, 1, 3, 3], data });
}

/** A 1x1 conv weight [out, in / groups, 1, 1]; each row lists one output's inputs. */
function pointwise(weights: OracleWeights, name: string, rows: number[][]): void {
  const data = Float32Array.from(rows.flat());
  weights.set(`${name}.weight`, { shape: [rows.length, rows[0]!.length, 1, 1], data });
}

/** BatchNorm that only adds `bias`: scale 1, mean 0, and var + 1e-5 = 1. */
function shiftBn(weights: OracleWeights, name: string, bias: number[]): void {
  const c = bias.length;
  weights.set(`${name}.weight`, { shape: [c], data: new Float32Array(c).fill(1) });
  weights.set(`${name}.bias`, { shape: [c], data: Float32Array.from(bias) });
  weights.set(`${name}.running_mean`, { shape: [c], data: new Float32Array(c) });
  weights.set(`${name}.running_var`, { shape: [c], data: new Float32Array(c).fill(1 - 1e-5) });
}

function identityBn(weights: OracleWeights, name: string, c: number): void {
  shiftBn(weights, name, new Array(c).fill(0));
}

function pixel(values: number[]): OracleTensor {
  return tensor([1, 1, 1, values.length], values);
}

function expectValues(t: OracleTensor, expected: number[]): void {
  expect(t.shape).toEqual([1, 1, 1, expected.length]);
  t.data.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 3));
}

/** branch: 1x1 [[1,0],[0,-1]] -> ReLU -> DW centre [2,5] -> BN +1 -> 1x1 [[1,1],[0,1]] -> ReLU. */
function smallBranch(weights: OracleWeights, p: string, dw: string, bn: string[]): void {
  pointwise(weights, `${p}.0`, [
    [1, 0],
    [0, -1],
  ]);
  identityBn(weights, `${p}.1`, 2);
  dwCentre(weights, `${p}.${dw}`, [2, 5]);
  shiftBn(weights, `${p}.${bn[0]}`, [1, 1]);
  pointwise(weights, `${p}.5`, [
    [1, 1],
    [0, 1],
  ]);
  identityBn(weights, `${p}.${bn[1]}`, 2);
}

describe('oracleV2UnitTorchvision', () => {
  it('stride 1: keeps the first half, runs branch2 on the second, then shuffles with g=2', () => {
    const w: OracleWeights = new Map();
    smallBranch(w, 'stage2.1.branch2', '3', ['4', '6']);
    // x2 = [3, 4] -> [3, -4] -> ReLU [3, 0] -> DW [6, 0] -> +1 [7, 1] -> [8, 1] -> ReLU [8, 1].
    // cat([1, 2], [8, 1]) = [1, 2, 8, 1]; shuffle(2) takes channels [0, 2, 1, 3].
    expectValues(oracleV2UnitTorchvision(pixel([1, 2, 3, 4]), w, 'stage2.1', 1), [1, 8, 2, 1]);
  });

  it('stride 2: concatenates branch1(x) and branch2(x), then shuffles', () => {
    const w: OracleWeights = new Map();
    dwCentre(w, 'stage2.0.branch1.0', [3, -1]);
    identityBn(w, 'stage2.0.branch1.1', 2);
    pointwise(w, 'stage2.0.branch1.2', [
      [1, 1],
      [1, 0],
    ]);
    identityBn(w, 'stage2.0.branch1.3', 2);
    pointwise(w, 'stage2.0.branch2.0', [
      [0, 1],
      [1, 0],
    ]);
    identityBn(w, 'stage2.0.branch2.1', 2);
    dwCentre(w, 'stage2.0.branch2.3', [1, -1]);
    identityBn(w, 'stage2.0.branch2.4', 2);
    pointwise(w, 'stage2.0.branch2.5', [
      [1, 0],
      [1, 1],
    ]);
    shiftBn(w, 'stage2.0.branch2.6', [0, -5]);
    // branch1: [1, 2] -> DW [3, -2] -> [1, 3] -> ReLU [1, 3].
    // branch2: [1, 2] -> [2, 1] -> DW [2, -1] -> [2, 1] -> -5 on ch 1 [2, -4] -> ReLU [2, 0].
    // cat [1, 3, 2, 0] -> shuffle(2) [1, 2, 3, 0].
    expectValues(oracleV2UnitTorchvision(pixel([1, 2]), w, 'stage2.0', 2), [1, 2, 3, 0]);
    // Spatially, stride 2 with padding 1 halves a 4x4 map.
    const map = tensor([1, 4, 4, 2], new Array(32).fill(1));
    expect(oracleV2UnitTorchvision(map, w, 'stage2.0', 2).shape).toEqual([1, 2, 2, 4]);
  });

  it('refuses to run a unit with branch1 weights as stride 1', () => {
    const w: OracleWeights = new Map();
    dwCentre(w, 'stage3.0.branch1.0', [1, 1]);
    expect(() => oracleV2UnitTorchvision(pixel([1, 2]), w, 'stage3.0', 1)).toThrow(
      'stage3.0 has branch1 weights, so it is a stride-2 unit',
    );
  });

  it('names a missing weight', () => {
    expect(() => oracleV2UnitTorchvision(pixel([1, 2]), new Map(), 'stage4.2', 1)).toThrow(
      "missing weight 'stage4.2.branch2.0.weight'",
    );
  });
});

describe('oracleV2UnitPaper', () => {
  it('stride 1: keeps the even channels, runs the odd ones through branch_main, no shuffle', () => {
    const w: OracleWeights = new Map();
    smallBranch(w, 'features.1.branch_main', '3', ['4', '6']);
    // odd = [2, 4] -> [2, -4] -> ReLU [2, 0] -> DW [4, 0] -> +1 [5, 1] -> [6, 1] -> ReLU [6, 1].
    expectValues(oracleV2UnitPaper(pixel([1, 2, 3, 4]), w, 'features.1', 1), [1, 3, 6, 1]);
  });

  it('stride 2: cat(branch_proj(x) with inp outputs, branch_main(x) with oup - inp)', () => {
    const w: OracleWeights = new Map();
    dwCentre(w, 'features.0.branch_proj.0', [3, -1]);
    identityBn(w, 'features.0.branch_proj.1', 2);
    pointwise(w, 'features.0.branch_proj.2', [
      [1, 1],
      [1, 0],
    ]);
    identityBn(w, 'features.0.branch_proj.3', 2);
    pointwise(w, 'features.0.branch_main.0', [
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    identityBn(w, 'features.0.branch_main.1', 3);
    dwCentre(w, 'features.0.branch_main.3', [1, -1, 2]);
    identityBn(w, 'features.0.branch_main.4', 3);
    pointwise(w, 'features.0.branch_main.5', [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 1, 1],
    ]);
    identityBn(w, 'features.0.branch_main.6', 4);
    // proj: [1, 2] -> DW [3, -2] -> [1, 3] -> ReLU [1, 3].
    // main: [1, 2] -> [1, 2, 3] -> DW [1, -2, 6] -> [1, -2, 6, 5] -> ReLU [1, 0, 6, 5].
    expectValues(oracleV2UnitPaper(pixel([1, 2]), w, 'features.0', 2), [1, 3, 1, 0, 6, 5]);
  });
});

/** A V1 stride-1 unit with g = 2 on 4 channels; only the shuffle placement differs by layout. */
function v1StrideOneWeights(): OracleWeights {
  const w: OracleWeights = new Map();
  const p = 'features.2';
  // Group conv, 2 groups of 2 -> 2: identity inside each group.
  pointwise(w, `${p}.branch_main_1.0`, [
    [1, 0],
    [0, 1],
    [1, 0],
    [0, 1],
  ]);
  identityBn(w, `${p}.branch_main_1.1`, 4);
  dwCentre(w, `${p}.branch_main_1.3`, [1, 10, 100, 1000]);
  identityBn(w, `${p}.branch_main_1.4`, 4);
  pointwise(w, `${p}.branch_main_2.0`, [
    [1, 1],
    [0, 1],
    [1, 0],
    [1, -1],
  ]);
  identityBn(w, `${p}.branch_main_2.1`, 4);
  return w;
}

describe('oracleV1Unit', () => {
  const x = pixel([1, 2, 3, 4]);

  it('paper layout: shuffle(g) right after the first group conv ([V1] Fig 2b)', () => {
    // [1, 2, 3, 4] -> shuffle(2) [1, 3, 2, 4] -> DW [1, 30, 200, 4000]
    // -> group conv: [1 + 30, 30, 200, 200 - 4000] -> + x -> ReLU.
    expectValues(
      oracleV1Unit(x, v1StrideOneWeights(), 'features.2', 1, 2, 'paper'),
      [32, 32, 203, 0],
    );
  });

  it("megvii layout: megvii's shuffle after the depthwise conv", () => {
    // [1, 2, 3, 4] -> DW [1, 20, 300, 4000] -> megvii shuffle(2) [1, 300, 20, 4000]
    // -> group conv: [301, 300, 20, 20 - 4000] -> + x -> ReLU.
    expectValues(
      oracleV1Unit(x, v1StrideOneWeights(), 'features.2', 1, 2, 'megvii'),
      [302, 302, 23, 0],
    );
  });

  it('stride 2: ReLU(cat(avgpool3x3s2p1(x), main)), with an ungrouped first conv', () => {
    const w: OracleWeights = new Map();
    pointwise(w, 'features.0.branch_main_1.0', [
      [1, 1],
      [1, -1],
    ]);
    identityBn(w, 'features.0.branch_main_1.1', 2);
    dwCentre(w, 'features.0.branch_main_1.3', [2, 3]);
    shiftBn(w, 'features.0.branch_main_1.4', [0, -5]);
    pointwise(w, 'features.0.branch_main_2.0', [[1], [1]]); // 2 groups of 1
    identityBn(w, 'features.0.branch_main_2.1', 2);
    // avgpool of a 1x1 map divides the single cell by 9: [9, 18] -> [1, 2].
    // main: [27, -9] -> ReLU [27, 0] -> DW [54, 0] -> -5 on ch 1 [54, -5] -> group conv [54, -5].
    expectValues(oracleV1Unit(pixel([9, 18]), w, 'features.0', 2, 2, 'paper'), [1, 2, 54, 0]);
  });

  it('rejects a first conv whose grouping is neither 1 nor g', () => {
    const w: OracleWeights = new Map();
    w.set('features.5.branch_main_1.0.weight', { shape: [4, 2, 1, 1], data: new Float32Array(8) });
    expect(() => oracleV1Unit(pixel(new Array(8).fill(1)), w, 'features.5', 1, 2, 'paper')).toThrow(
      'means groups 4; expected 1 or 2',
    );
  });

  it('the two layouts agree when g*g = C and the depthwise layer treats all channels alike', () => {
    // With 9 = 3*3 bottleneck channels both shuffles are the same transpose, and a depthwise
    // conv + BN that is equal on every channel commutes with any permutation.
    const random = seededRandom(7);
    const values = (n: number) => Float32Array.from({ length: n }, () => random() - 0.5);
    const w: OracleWeights = new Map();
    const p = 'features.3';
    w.set(`${p}.branch_main_1.0.weight`, { shape: [9, 3, 1, 1], data: values(27) });
    identityBn(w, `${p}.branch_main_1.1`, 9);
    const kernel = values(9);
    const dw = new Float32Array(81).map((_, i) => kernel[i % 9]!);
    w.set(`${p}.branch_main_1.3.weight`, { shape: [9, 1, 3, 3], data: dw });
    shiftBn(w, `${p}.branch_main_1.4`, new Array(9).fill(0.25));
    w.set(`${p}.branch_main_2.0.weight`, { shape: [9, 3, 1, 1], data: values(27) });
    identityBn(w, `${p}.branch_main_2.1`, 9);
    const map = tensor([1, 3, 3, 9], values(81));
    const paper = oracleV1Unit(map, w, p, 1, 3, 'paper');
    const megvii = oracleV1Unit(map, w, p, 1, 3, 'megvii');
    paper.data.forEach((v, i) => expect(v).toBeCloseTo(megvii.data[i]!, 5));
    // ...and with a different depthwise kernel per channel they do not.
    w.set(`${p}.branch_main_1.3.weight`, { shape: [9, 1, 3, 3], data: values(81) });
    const megviiPerChannel = oracleV1Unit(map, w, p, 1, 3, 'megvii');
    const differs = oracleV1Unit(map, w, p, 1, 3, 'paper').data.some(
      (v, i) => Math.abs(v - megviiPerChannel.data[i]!) > 1e-3,
    );
    expect(differs).toBe(true);
  });
});
