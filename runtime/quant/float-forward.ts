/**
 * The folded graph (graph.ts) in float64 arithmetic, one image at a time, in plain TypeScript:
 * the calibration runs it on training images to record each buffer's range, and the tests hold
 * it to the tfjs executor's logits. Every buffer of the run is returned.
 */
import type { ChannelView, ConvLayer, Graph, LinearLayer } from './graph.ts';

function conv(layer: ConvLayer, graph: Graph, buffers: Float64Array[]): void {
  const src = graph.buffers[layer.input]!;
  const dst = graph.buffers[layer.output]!;
  const x = buffers[layer.input]!;
  const y = buffers[layer.output]!;
  const { k, stride, pad, inView, outView, weight, bias, relu, depthwise } = layer;
  const inC = inView.count;
  for (let oy = 0; oy < dst.h; oy++) {
    for (let ox = 0; ox < dst.w; ox++) {
      for (let o = 0; o < outView.count; o++) {
        let acc = bias[o]!;
        for (let ky = 0; ky < k; ky++) {
          const iy = oy * stride - pad + ky;
          if (iy < 0 || iy >= src.h) continue; // zero padding
          for (let kx = 0; kx < k; kx++) {
            const ix = ox * stride - pad + kx;
            if (ix < 0 || ix >= src.w) continue;
            const base = (iy * src.w + ix) * src.c + inView.offset;
            if (depthwise) {
              acc += x[base + o * inView.step]! * weight[(o * k + ky) * k + kx]!;
            } else {
              const wBase = ((o * k + ky) * k + kx) * inC;
              for (let i = 0; i < inC; i++) acc += x[base + i * inView.step]! * weight[wBase + i]!;
            }
          }
        }
        y[(oy * dst.w + ox) * dst.c + outView.offset + o * outView.step] =
          relu && acc < 0 ? 0 : acc;
      }
    }
  }
}

function copyView(
  x: Float64Array,
  inView: ChannelView,
  y: Float64Array,
  outView: ChannelView,
  pixels: number,
  inC: number,
  outC: number,
): void {
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < inView.count; c++) {
      y[p * outC + outView.offset + c * outView.step] =
        x[p * inC + inView.offset + c * inView.step]!;
    }
  }
}

function linear(layer: LinearLayer, x: Float64Array, y: Float64Array): void {
  for (let o = 0; o < layer.outF; o++) {
    let acc = layer.bias[o]!;
    for (let i = 0; i < layer.inF; i++) acc += x[i]! * layer.weight[o * layer.inF + i]!;
    y[o] = acc;
  }
}

/** Runs `graph` on one image (HWC, already scaled as the model expects); returns every buffer. */
export function runFloat(graph: Graph, image: ArrayLike<number>): Float64Array[] {
  const buffers = graph.buffers.map((b) => new Float64Array(b.h * b.w * b.c));
  const input = buffers[0]!;
  if (image.length !== input.length) {
    throw new Error(
      `runFloat: the image has ${image.length} values, the graph expects ${input.length}`,
    );
  }
  for (let i = 0; i < input.length; i++) input[i] = image[i]!;
  for (const layer of graph.layers) {
    switch (layer.kind) {
      case 'conv':
        conv(layer, graph, buffers);
        break;
      case 'copy': {
        const src = graph.buffers[layer.input]!;
        const dst = graph.buffers[layer.output]!;
        const x = buffers[layer.input]!;
        copyView(
          x,
          layer.inView,
          buffers[layer.output]!,
          layer.outView,
          src.h * src.w,
          src.c,
          dst.c,
        );
        break;
      }
      case 'globalAvgPool': {
        const src = graph.buffers[layer.input]!;
        const x = buffers[layer.input]!;
        const y = buffers[layer.output]!;
        const pixels = src.h * src.w;
        for (let c = 0; c < src.c; c++) {
          let sum = 0;
          for (let p = 0; p < pixels; p++) sum += x[p * src.c + c]!;
          y[c] = sum / pixels;
        }
        break;
      }
      case 'linear':
        linear(layer, buffers[layer.input]!, buffers[layer.output]!);
        break;
    }
  }
  return buffers;
}
