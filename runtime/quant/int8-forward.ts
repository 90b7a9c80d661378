/**
 * The int8 network in integers only: the specification that the exported C must match bit for
 * bit. Every layer is
 *
 *   acc = bias[c] + sum over the window of (q_x - Z_x) * q_w        (int32, checked)
 *   q_y = clamp(Z_y + MultiplyByQuantizedMultiplier(acc, M[c]), lo, 127)
 *
 * with lo = Z_y after a ReLU (real 0) and -128 otherwise; zero padding contributes nothing
 * (q_x = Z_x there). The copy of an identity branch is the same requantization with no weights;
 * the global average pool sums (q - Z_x) over the pixels and folds the division into M.
 * Argmax picks the first largest logit.
 */
import { INT32_MAX, INT32_MIN, requantize } from './fixed-point.ts';
import type { QConv, QLinear, QModel } from './quantize.ts';

function clamp(v: number, lo: number): number {
  return v < lo ? lo : v > 127 ? 127 : v;
}

function overflow(where: string, acc: number): never {
  throw new Error(`int8 ${where}: accumulator ${acc} overflows int32`);
}

/** 1x1 stride 1: the input pixel minus Z_x is gathered once, then one dot product per row. */
function pointwise(layer: QConv, model: QModel, buffers: Int8Array[]): void {
  const src = model.buffers[layer.input]!;
  const dst = model.buffers[layer.output]!;
  const x = buffers[layer.input]!;
  const y = buffers[layer.output]!;
  const { inView, outView, weight, bias, multiplier, shift } = layer;
  const zx = src.zeroPoint;
  const zy = dst.zeroPoint;
  const lo = layer.relu ? zy : -128;
  const inC = inView.count;
  const centred = new Int32Array(inC);
  for (let p = 0; p < src.h * src.w; p++) {
    const base = p * src.c + inView.offset;
    for (let i = 0; i < inC; i++) centred[i] = x[base + i * inView.step]! - zx;
    const out = p * dst.c + outView.offset;
    for (let o = 0; o < outView.count; o++) {
      let acc = bias[o]!;
      const row = o * inC;
      for (let i = 0; i < inC; i++) acc += centred[i]! * weight[row + i]!;
      if (acc > INT32_MAX || acc < INT32_MIN) overflow(layer.name, acc);
      y[out + o * outView.step] = clamp(zy + requantize(acc, multiplier[o]!, shift[o]!), lo);
    }
  }
}

function conv(layer: QConv, model: QModel, buffers: Int8Array[]): void {
  if (layer.k === 1 && layer.stride === 1 && layer.pad === 0 && !layer.depthwise) {
    pointwise(layer, model, buffers);
    return;
  }
  const src = model.buffers[layer.input]!;
  const dst = model.buffers[layer.output]!;
  const x = buffers[layer.input]!;
  const y = buffers[layer.output]!;
  const { k, stride, pad, inView, outView, weight, bias, multiplier, shift, depthwise } = layer;
  const zx = src.zeroPoint;
  const zy = dst.zeroPoint;
  const lo = layer.relu ? zy : -128;
  const inC = inView.count;
  for (let oy = 0; oy < dst.h; oy++) {
    for (let ox = 0; ox < dst.w; ox++) {
      for (let o = 0; o < outView.count; o++) {
        let acc = bias[o]!;
        for (let ky = 0; ky < k; ky++) {
          const iy = oy * stride - pad + ky;
          if (iy < 0 || iy >= src.h) continue;
          for (let kx = 0; kx < k; kx++) {
            const ix = ox * stride - pad + kx;
            if (ix < 0 || ix >= src.w) continue;
            const base = (iy * src.w + ix) * src.c + inView.offset;
            if (depthwise) {
              acc += (x[base + o * inView.step]! - zx) * weight[(o * k + ky) * k + kx]!;
            } else {
              const wBase = ((o * k + ky) * k + kx) * inC;
              for (let i = 0; i < inC; i++) {
                acc += (x[base + i * inView.step]! - zx) * weight[wBase + i]!;
              }
            }
          }
        }
        if (acc > INT32_MAX || acc < INT32_MIN) overflow(layer.name, acc);
        y[(oy * dst.w + ox) * dst.c + outView.offset + o * outView.step] = clamp(
          zy + requantize(acc, multiplier[o]!, shift[o]!),
          lo,
        );
      }
    }
  }
}

function linear(layer: QLinear, model: QModel, buffers: Int8Array[]): void {
  const x = buffers[layer.input]!;
  const y = buffers[layer.output]!;
  const zx = model.buffers[layer.input]!.zeroPoint;
  const zy = model.buffers[layer.output]!.zeroPoint;
  for (let o = 0; o < layer.outF; o++) {
    let acc = layer.bias[o]!;
    for (let i = 0; i < layer.inF; i++) acc += (x[i]! - zx) * layer.weight[o * layer.inF + i]!;
    if (acc > INT32_MAX || acc < INT32_MIN) overflow(layer.name, acc);
    y[o] = clamp(zy + requantize(acc, layer.multiplier[o]!, layer.shift[o]!), -128);
  }
}

/** Runs the int8 model on one image of raw pixels (0-255, HWC); returns every buffer. */
export function runInt8(model: QModel, pixels: ArrayLike<number>): Int8Array[] {
  const buffers = model.buffers.map((b) => new Int8Array(b.h * b.w * b.c));
  const input = buffers[0]!;
  if (pixels.length !== input.length) {
    throw new Error(
      `runInt8: the image has ${pixels.length} pixels, the model expects ${input.length}`,
    );
  }
  // S = 1/255, Z = -128 (quantize.ts): q = pixel - 128, exactly.
  for (let i = 0; i < input.length; i++) input[i] = pixels[i]! - 128;
  for (const layer of model.layers) {
    switch (layer.kind) {
      case 'conv':
        conv(layer, model, buffers);
        break;
      case 'linear':
        linear(layer, model, buffers);
        break;
      case 'copy': {
        const a = model.buffers[layer.input]!;
        const b = model.buffers[layer.output]!;
        const x = buffers[layer.input]!;
        const y = buffers[layer.output]!;
        const { inView, outView, requant } = layer;
        for (let p = 0; p < a.h * a.w; p++) {
          for (let c = 0; c < inView.count; c++) {
            const q = x[p * a.c + inView.offset + c * inView.step]!;
            y[p * b.c + outView.offset + c * outView.step] = requant
              ? clamp(
                  b.zeroPoint + requantize(q - a.zeroPoint, requant.multiplier, requant.shift),
                  -128,
                )
              : q;
          }
        }
        break;
      }
      case 'globalAvgPool': {
        const a = model.buffers[layer.input]!;
        const b = model.buffers[layer.output]!;
        const x = buffers[layer.input]!;
        const y = buffers[layer.output]!;
        const pixels = a.h * a.w;
        for (let c = 0; c < a.c; c++) {
          let sum = 0;
          for (let p = 0; p < pixels; p++) sum += x[p * a.c + c]! - a.zeroPoint;
          const { multiplier, shift } = layer.requant;
          y[c] = clamp(b.zeroPoint + requantize(sum, multiplier, shift), -128);
        }
        break;
      }
    }
  }
  return buffers;
}

/** The int8 logits of one image. */
export function int8Logits(model: QModel, pixels: ArrayLike<number>): Int8Array {
  return runInt8(model, pixels)[model.output]!;
}

/** Index of the first largest value. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Predicted classes of `count` images stored back to back in `pixels` (raw, 0-255). */
export function predictInt8(model: QModel, pixels: Uint8Array, count: number): Int32Array {
  const input = model.buffers[0]!;
  const per = input.h * input.w * input.c;
  if (pixels.length !== count * per) {
    throw new Error(`predictInt8: ${pixels.length} bytes for ${count} images of ${per} pixels`);
  }
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++)
    out[i] = argmax(int8Logits(model, pixels.subarray(i * per, (i + 1) * per)));
  return out;
}
