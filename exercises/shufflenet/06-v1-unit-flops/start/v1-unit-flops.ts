/** Multiply-adds of a ResNet bottleneck: 1x1 c->m, 3x3 m->m, 1x1 m->c, all dense. */
export function resnetBottleneckFlops(h: number, w: number, c: number, m: number): number {
  // TODO: add up the three convolutions; a k x k conv costs h*w * (in/groups) * out * k*k.
  return h * w * (c * m + m * c);
}

/** Multiply-adds of a ResNeXt unit: like ResNet, but the 3x3 conv has g groups. */
export function resnextUnitFlops(h: number, w: number, c: number, m: number, g: number): number {
  // TODO
  return resnetBottleneckFlops(h, w, c, m);
}

/** Multiply-adds of a ShuffleNet V1 unit: 1x1 group conv, 3x3 depthwise, 1x1 group conv. */
export function shuffleUnitFlops(h: number, w: number, c: number, m: number, g: number): number {
  // TODO
  return resnetBottleneckFlops(h, w, c, m);
}
