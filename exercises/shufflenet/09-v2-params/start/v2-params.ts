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
