/** Memory access cost of a 1x1 convolution, c1 -> c2 channels on an h x w map ([V2] Sec 2). */
export function pointwiseMac(h: number, w: number, c1: number, c2: number): number {
  // Read the input map (h*w*c1), write the output map (h*w*c2), read every weight once (c1*c2).
  return h * w * (c1 + c2) + c1 * c2;
}

/** The smallest MAC a 1x1 convolution with `flops` multiply-adds can have ([V2] Eq. 1). */
export function macLowerBound(h: number, w: number, flops: number): number {
  // c1 + c2 >= 2*sqrt(c1*c2) (AM-GM) with c1*c2 = B/(h*w), so h*w*(c1 + c2) >= 2*sqrt(h*w*B);
  // the weights term c1*c2 = B/(h*w) is fixed by B. Equality holds when c1 = c2 (G1).
  return 2 * Math.sqrt(h * w * flops) + flops / (h * w);
}
