/** Weights of a k x k convolution from cin to cout channels in `groups` groups (no bias). */
export function groupConvParams(cin: number, cout: number, k: number, groups: number): number {
  // TODO: count the weights. Each of the cout filters is k x k and sees how many input channels?
  return cout * cin * k * k;
}
