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

/** Parameters of ShuffleNet V2 (torchvision layout) for a Table 5 row [c2, c3, c4, c5]. */
export function shuffleNetV2Params(channels: readonly number[], numClasses: number): number {
  const [c2, c3, c4, c5] = channels as [number, number, number, number];
  let total = conv(3, 24, 3) + bn(24);
  // TODO: the three stages: a stride-2 unit, then 3, 7, 3 stride-1 units (stage input: 24, c2, c3).
  total += conv(c4, c5, 1) + bn(c5);
  total += c5 * numClasses + numClasses;
  return total;
}
