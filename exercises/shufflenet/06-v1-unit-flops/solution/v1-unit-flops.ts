/** Multiply-adds of one k x k stride-1 convolution on h x w: every output sees (in/groups)*k*k inputs. */
function convFlops(h: number, w: number, cin: number, cout: number, k: number, groups: number) {
  return h * w * (cin / groups) * cout * k * k;
}

/** Multiply-adds of a ResNet bottleneck: 1x1 c->m, 3x3 m->m, 1x1 m->c, all dense. */
export function resnetBottleneckFlops(h: number, w: number, c: number, m: number): number {
  // hw(cm + 9m^2 + mc) = hw(2cm + 9m^2), [V1] Sec 3.3.
  return convFlops(h, w, c, m, 1, 1) + convFlops(h, w, m, m, 3, 1) + convFlops(h, w, m, c, 1, 1);
}

/** Multiply-adds of a ResNeXt unit: like ResNet, but the 3x3 conv has g groups. */
export function resnextUnitFlops(h: number, w: number, c: number, m: number, g: number): number {
  // Grouping the 3x3 conv divides its 9m^2 by g: hw(2cm + 9m^2/g).
  return convFlops(h, w, c, m, 1, 1) + convFlops(h, w, m, m, 3, g) + convFlops(h, w, m, c, 1, 1);
}

/** Multiply-adds of a ShuffleNet V1 unit: 1x1 group conv, 3x3 depthwise, 1x1 group conv. */
export function shuffleUnitFlops(h: number, w: number, c: number, m: number, g: number): number {
  // Grouped 1x1 convs divide 2cm by g and the depthwise 3x3 (m groups) costs 9m: hw(2cm/g + 9m).
  return convFlops(h, w, c, m, 1, g) + convFlops(h, w, m, m, 3, m) + convFlops(h, w, m, c, 1, g);
}
