/** Weights of a k x k convolution from cin to cout channels in `groups` groups (no bias). */
export function groupConvParams(cin: number, cout: number, k: number, groups: number): number {
  // Each of the cout filters sees only its group's cin / groups input channels ([V1] Sec 3.1),
  // so grouping divides the dense count cout * cin * k * k by `groups`.
  return cout * (cin / groups) * k * k;
}
