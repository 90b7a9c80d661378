import { buildArch, costOf, type ArchOptions } from 'shufflenet-lab/runtime';

/**
 * The runtime's parameter count per block (`conv1`, `stage2.0`, ..., `conv5`, `fc`), to compare
 * with your own blocks while you work, e.g.
 * `console.log(runtimeBlocks({ version: 'v2', width: 0.5 }))`: what your code prints is shown
 * with the results. The checks compare the totals with this same cost model.
 */
export function runtimeBlocks(options: ArchOptions): Map<string, number> {
  const blocks = new Map<string, number>();
  for (const row of costOf(buildArch(options)).rows) {
    if (row.params === 0) continue;
    // 'stage2.0.branch1.2' -> 'stage2.0' (one unit); 'conv1.0' -> 'conv1'; 'fc' -> 'fc'.
    const block = /^stage\d+\.\d+|^[a-z]+\d*/.exec(row.name)![0];
    blocks.set(block, (blocks.get(block) ?? 0) + row.params);
  }
  return blocks;
}

/** Weights of a k x k convolution (no bias). */
function conv(cin: number, cout: number, k: number, groups = 1): number {
  return cout * (cin / groups) * k * k;
}

/** BatchNorm: weight and bias per channel. */
function bn(channels: number): number {
  return 2 * channels;
}

/** branch2: 1x1 (in -> half) + BN, 3x3 depthwise + BN, 1x1 (half -> half) + BN. */
function branch2(cin: number, half: number): number {
  return (
    conv(cin, half, 1) +
    bn(half) +
    conv(half, half, 3, half) +
    bn(half) +
    conv(half, half, 1) +
    bn(half)
  );
}

/** Stride-2 unit: branch1 (depthwise 3x3 + BN, 1x1 + BN) and branch2, both on all cin channels. */
function downsamplingUnit(cin: number, cout: number): number {
  const half = cout / 2;
  return conv(cin, cin, 3, cin) + bn(cin) + conv(cin, half, 1) + bn(half) + branch2(cin, half);
}

/** Stride-1 unit: only branch2, on half of the channels ([V2] channel split). */
function unit(c: number): number {
  return branch2(c / 2, c / 2);
}

/** Parameters of ShuffleNet V2 (torchvision layout) for a Table 5 row [c2, c3, c4, c5]. */
export function shuffleNetV2Params(channels: readonly number[], numClasses: number): number {
  const [c2, c3, c4, c5] = channels as [number, number, number, number];
  let total = conv(3, 24, 3) + bn(24);
  // [V2] Table 5: each stage repeats 1 stride-2 unit and then 3, 7, 3 stride-1 units. The
  // stride-2 unit has the extra branch1, which is why the first unit of a stage costs most.
  let cin = 24;
  for (const [cout, repeats] of [
    [c2, 3],
    [c3, 7],
    [c4, 3],
  ] as const) {
    total += downsamplingUnit(cin, cout) + repeats * unit(cout);
    cin = cout;
  }
  total += conv(c4, c5, 1) + bn(c5);
  total += c5 * numClasses + numClasses;
  return total;
}
