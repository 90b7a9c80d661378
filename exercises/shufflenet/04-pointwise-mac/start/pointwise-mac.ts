/** Memory access cost of a 1x1 convolution, c1 -> c2 channels on an h x w map ([V2] Sec 2). */
export function pointwiseMac(h: number, w: number, c1: number, c2: number): number {
  // TODO: input feature map + output feature map + weights.
  return h * w * c1 * c2;
}

/** The smallest MAC a 1x1 convolution with `flops` multiply-adds can have ([V2] Eq. 1). */
export function macLowerBound(h: number, w: number, flops: number): number {
  // TODO: 2 * sqrt(h*w*B) + B / (h*w).
  return flops;
}
