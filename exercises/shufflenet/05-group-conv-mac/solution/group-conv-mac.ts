/** MAC of a 1x1 group convolution, c1 -> c2 channels in `groups` groups on h x w ([V2] G2). */
export function groupPointwiseMac(
  h: number,
  w: number,
  c1: number,
  c2: number,
  groups: number,
): number {
  // Grouping shrinks only the weights (c1 * c2 / g); the feature maps are read and written whole.
  return h * w * (c1 + c2) + (c1 * c2) / groups;
}

/** Width c (c1 = c2 = c) of a 1x1 group convolution with `flops` multiply-adds. */
export function channelsForFlops(h: number, w: number, flops: number, groups: number): number {
  // flops = h*w*c*c/g, so c = sqrt(g * flops / (h*w)): g times the groups buys sqrt(g) the width.
  return Math.sqrt((groups * flops) / (h * w));
}
