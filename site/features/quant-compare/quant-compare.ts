/**
 * What the float-vs-int8 widget shows, computed from the committed report
 * (site/build/quant-report.ts, runtime/quant/report.ts): the layer list, the histogram bars of a
 * buffer's int8 codes and its error figures. Plain data; QuantCompare.tsx only draws it.
 */
import type { BufferReport, QuantReport } from '../../../runtime/quant/report.ts';

export interface LayerOption {
  index: number;
  label: string;
}

/** One entry per buffer: "name (h x w x c)". */
export function layerOptions(report: QuantReport): LayerOption[] {
  return report.buffers.map((b, index) => ({
    index,
    label: `${b.name} (${b.shape.join(' × ')})`,
  }));
}

export interface Bar {
  code: number;
  count: number;
}

/** The histogram from the lowest to the highest code that occurs (codes are q, -128..127). */
export function histogramBars(buffer: BufferReport): Bar[] {
  const first = buffer.histogram.findIndex((n) => n > 0);
  if (first < 0) return [];
  let last = buffer.histogram.length - 1;
  while (buffer.histogram[last] === 0) last--;
  return buffer.histogram
    .slice(first, last + 1)
    .map((count, i) => ({ code: first + i - 128, count }));
}

export interface BufferSummary {
  /** Values compared: h * w * c per image, times the images. */
  values: number;
  /** Relative RMS error in percent, one decimal. */
  relativeRmsPercent: string;
  /** Largest absolute error, three significant digits. */
  maxError: string;
  /** Share of values at the clamp's top (127), in percent, one decimal. */
  atTopPercent: string;
  scale: string;
  zeroPoint: number;
}

export function summarize(buffer: BufferReport): BufferSummary {
  const values = buffer.histogram.reduce((s, n) => s + n, 0);
  return {
    values,
    relativeRmsPercent: (buffer.relativeRmsError * 100).toFixed(1),
    maxError: buffer.maxError.toPrecision(3),
    atTopPercent: values > 0 ? ((buffer.histogram[255]! / values) * 100).toFixed(1) : '0.0',
    scale: buffer.scale.toPrecision(3),
    zeroPoint: buffer.zeroPoint,
  };
}

export interface ErrorPoint {
  index: number;
  name: string;
  percent: number;
}

/** Relative RMS error of every buffer after the input, in percent, in network order. */
export function errorSeries(report: QuantReport): ErrorPoint[] {
  return report.buffers
    .map((b, index) => ({ index, name: b.name, percent: b.relativeRmsError * 100 }))
    .slice(1);
}
