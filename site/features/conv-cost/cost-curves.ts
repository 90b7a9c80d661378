/**
 * The data behind the cost explorer's charts (CostCharts.tsx): how parameters, multiply-adds and
 * memory access cost (MAC) change with the number of groups g, and, for guideline G1 of
 * ShuffleNet V2 (Ma et al., 2018, Sec 3, Eq. 1 and Table 1), how MAC changes with the ratio
 * c1 : c2 of a 1x1 convolution at fixed multiply-adds. All counts come from runtime/conv-cost.ts.
 */
import { convCost, convCounts, validGroups, type ConvShape } from '../../../runtime/conv-cost.ts';

export type Metric = 'params' | 'macs' | 'memoryAccess';
export const METRICS: Metric[] = ['params', 'macs', 'memoryAccess'];

export interface GroupPoint {
  g: number;
  metric: Metric;
  value: number;
  /** value / the same metric at g = 1: what the chart plots, so the three share one axis. */
  relative: number;
}

/** One point per valid g and metric, for a layer shape (its `groups` is ignored). */
export function costByGroups(shape: Omit<ConvShape, 'groups'>): GroupPoint[] {
  const dense = convCost({ ...shape, groups: 1 });
  return validGroups(shape.inChannels, shape.outChannels).flatMap((g) => {
    const cost = convCost({ ...shape, groups: g });
    return METRICS.map((metric) => ({
      g,
      metric,
      value: cost[metric],
      relative: cost[metric] / dense[metric],
    }));
  });
}

export interface RatioPoint {
  /** c1 / c2. */
  ratio: number;
  /** "1:4", "2:1": how V2's Table 1 writes the ratio. */
  label: string;
  c1: number;
  c2: number;
  memoryAccess: number;
  macs: number;
}

/** The ratios charted: V2 Table 1's 1:1, 1:2, 1:6, 1:12 and their mirrors. */
export const RATIOS = [1 / 12, 1 / 6, 1 / 2, 1, 2, 6, 12];

/**
 * MAC of a 1x1 convolution on an h x w map whose c1 * c2 (so its multiply-adds, h*w*c1*c2) is
 * held at `product`, for each c1 : c2 in RATIOS. The channels are real numbers here (a curve, not
 * a layer): c2 = sqrt(product / r), c1 = r * c2.
 */
export function macByRatio(product: number, size: number): RatioPoint[] {
  if (!(product > 0) || !(size > 0)) {
    throw new Error(`c1*c2 (${product}) and the map size (${size}) must be positive`);
  }
  return RATIOS.map((ratio) => {
    const c2 = Math.sqrt(product / ratio);
    const c1 = ratio * c2;
    const counts = convCounts(
      { inChannels: c1, outChannels: c2, kernel: 1, groups: 1 },
      [size, size],
      [size, size],
    );
    const label = ratio >= 1 ? `${Math.round(ratio)}:1` : `1:${Math.round(1 / ratio)}`;
    return { ratio, label, c1, c2, memoryAccess: counts.memoryAccess, macs: counts.macs };
  });
}

/** [V2] Eq. 1: MAC >= 2*sqrt(h*w*B) + B/(h*w) with B = h*w*c1*c2, reached at c1 = c2. */
export function macLowerBound(product: number, size: number): number {
  const hw = size * size;
  const b = hw * product;
  return 2 * Math.sqrt(hw * b) + b / hw;
}
