/**
 * Float against int8, buffer by buffer, for one image: what the lesson's per-layer view shows
 * (the error of each activation after dequantization, and the histogram of its int8 codes).
 */
import { runFloat } from './float-forward.ts';
import type { Graph } from './graph.ts';
import { runInt8 } from './int8-forward.ts';
import type { QModel } from './quantize.ts';

export interface BufferComparison {
  /** Index of the buffer in the graph (0 = the input). */
  buffer: number;
  shape: [number, number, number];
  scale: number;
  zeroPoint: number;
  /** Largest |S (q - Z) - float| over the buffer. */
  maxError: number;
  /** RMS error over RMS of the float values (0 when the float values are all 0). */
  relativeRmsError: number;
  /** Count of each int8 code, index q + 128. */
  histogram: Uint32Array;
}

/** Runs `graph` in float and `model` in int8 on one image of raw pixels and compares them. */
export function compareBuffers(
  graph: Graph,
  model: QModel,
  pixels: ArrayLike<number>,
): BufferComparison[] {
  if (graph.buffers.length !== model.buffers.length) {
    throw new Error(
      `compareBuffers: the graph has ${graph.buffers.length} buffers, the model ` +
        `${model.buffers.length}; quantize this graph`,
    );
  }
  const float = runFloat(
    graph,
    Float64Array.from(pixels, (p) => p / 255),
  );
  const int8 = runInt8(model, pixels);
  return model.buffers.map((b, i) => {
    const q = int8[i]!;
    const f = float[i]!;
    const histogram = new Uint32Array(256);
    let maxError = 0;
    let squaredError = 0;
    let squared = 0;
    for (let j = 0; j < q.length; j++) {
      const error = Math.abs(b.scale * (q[j]! - b.zeroPoint) - f[j]!);
      maxError = Math.max(maxError, error);
      squaredError += error * error;
      squared += f[j]! * f[j]!;
      histogram[q[j]! + 128]!++;
    }
    return {
      buffer: i,
      shape: [b.h, b.w, b.c],
      scale: b.scale,
      zeroPoint: b.zeroPoint,
      maxError,
      relativeRmsError: squared > 0 ? Math.sqrt(squaredError / squared) : 0,
      histogram,
    };
  });
}
