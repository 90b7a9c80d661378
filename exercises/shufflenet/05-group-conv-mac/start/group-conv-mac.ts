/** MAC of a 1x1 group convolution, c1 -> c2 channels in `groups` groups on h x w ([V2] G2). */
export function groupPointwiseMac(
  h: number,
  w: number,
  c1: number,
  c2: number,
  groups: number,
): number {
  // TODO: which of the three terms does grouping shrink?
  return h * w * (c1 + c2) + c1 * c2;
}

/** Width c (c1 = c2 = c) of a 1x1 group convolution with `flops` multiply-adds. */
export function channelsForFlops(h: number, w: number, flops: number, groups: number): number {
  // TODO: solve flops = h * w * c * c / groups for c.
  return Math.sqrt(flops / (h * w));
}
