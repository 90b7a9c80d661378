/**
 * Runs the fast path's compiled steps (steps.ts, from compile.ts: shuffles and V2's split
 * already folded into weight orders) on the WebAssembly SIMD kernels of kernels.ts, one image at
 * a time, in one linear memory planned once at load:
 *
 * - every activation gets its own NHWC buffer in the memory (no per-call allocation; a V2 1.0x
 *   at 224x224 needs about 6 MB), weights are pre-arranged into the kernels' layouts;
 * - a value is a view (address, channels, pixel stride), so V2's split into halves and a group
 *   convolution's per-group inputs and outputs are offsets into a wider buffer, not copies;
 * - what cannot be a view (a concat, V2's pair exit transpose, a shuffle a split group
 *   convolution cannot absorb) is one `gather` per step;
 * - the network is a list of kernel calls with all their arguments fixed at load.
 *
 * Only what ShuffleNet V1/V2 use is supported (3x3 depthwise and pooling windows, 1x1 or kxk
 * dense convolutions); `buildEngine` throws on anything else, naming it.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Step } from '../steps.ts';
import {
  DEFAULT_KERNEL_OPTIONS,
  hasRelaxedSimd,
  instantiateKernels,
  packDepthwise,
  packPanels,
  type Kernels,
} from './kernels.ts';

/** Pixels [h, w] of `c` channels at byte address `ptr`, pixel p at ptr + 4 * p * pix. */
interface View {
  ptr: number;
  c: number;
  pix: number;
  h: number;
  w: number;
}
type Val = View | [View, View];

/** Time classes of the profile. */
export type OpClass =
  | 'conv 1x1'
  | 'conv kxk'
  | 'depthwise'
  | 'maxpool'
  | 'gather (split, concat, shuffle)'
  | 'add'
  | 'global avg pool'
  | 'fc';

interface Op {
  cls: OpClass;
  run: () => void;
}

export interface WasmEngine {
  readonly inputShape: [number, number, number];
  /** Shape of one image's output: [classes] after pooling or a classifier, else [h, w, c]. */
  readonly outputShape: number[];
  /** Bytes of linear memory the engine uses. */
  readonly memoryBytes: number;
  /** Whether multiply-adds use relaxed SIMD. */
  readonly relaxed: boolean;
  /** Runs one NHWC image (h*w*c floats); returns the logits (a new array). */
  run(image: Float32Array): Float32Array;
  /** Milliseconds per op class for one run of `image`. */
  profile(image: Float32Array): Record<OpClass, number>;
}

const FILL_FLOATS = 4096;
const SPARE_BYTES = 64;

class Planner {
  top = 1024;
  readonly init: { at: number; data: Float32Array | Int32Array }[] = [];
  readonly ops: Op[] = [];
  k!: Kernels;
  readonly zeros: number;
  readonly negInf: number;
  readonly nr: number;

  constructor(nr: number) {
    this.nr = nr;
    this.zeros = this.alloc(FILL_FLOATS);
    this.negInf = this.alloc(FILL_FLOATS, new Float32Array(FILL_FLOATS).fill(-Infinity));
  }

  alloc(floats: number, data?: Float32Array | Int32Array): number {
    const at = this.top;
    this.top += Math.ceil((floats * 4 + SPARE_BYTES) / 16) * 16;
    if (data) this.init.push({ at, data });
    return at;
  }

  buffer(h: number, w: number, c: number): View {
    return { ptr: this.alloc(h * w * c), c, pix: c, h, w };
  }

  /** out[p, k] = src_k[p], with src_k = (view, channel) pairs. */
  gather(out: View, from: [View, number][]): void {
    const table = new Int32Array(from.length * 2);
    from.forEach(([v, ch], k) => {
      table[2 * k] = v.ptr + 4 * ch;
      table[2 * k + 1] = 4 * v.pix;
    });
    const t = this.alloc(table.length, table);
    const n = out.h * out.w;
    this.ops.push({
      cls: 'gather (split, concat, shuffle)',
      run: () => this.k.gather(out.ptr, 4 * out.pix, n, t, from.length),
    });
  }

  /** A contiguous copy of `v` (itself when already contiguous). */
  contiguous(v: View): View {
    if (v.pix === v.c) return v;
    const out = this.buffer(v.h, v.w, v.c);
    this.gather(
      out,
      Array.from({ length: v.c }, (_, ch) => [v, ch]),
    );
    return out;
  }

  /** Weights [k, n] and bias as conv panels; returns their addresses. */
  panels(w: Float32Array, k: number, n: number, bias: Float32Array | null) {
    const padded = Math.ceil(n / this.nr) * this.nr;
    const wa = this.alloc(padded * k, packPanels(w, k, n, this.nr));
    const b = new Float32Array(padded);
    if (bias) b.set(bias);
    return { wa, ba: this.alloc(padded, b) };
  }

  /** A 1x1 convolution of `x` (stride 1) into `out` at channel offset `o0`. */
  conv1x1(
    x: View,
    w: Float32Array,
    bias: Float32Array,
    n: number,
    relu: boolean,
    out: View,
    o0: number,
    cls: OpClass = 'conv 1x1',
  ): void {
    const { wa, ba } = this.panels(w, x.c, n, bias);
    const segs = this.alloc(1, new Int32Array([0]));
    const p = x.h * x.w;
    const [xPix, yPix, y, k] = [4 * x.pix, 4 * out.pix, out.ptr + 4 * o0, x.c];
    const r = relu ? 1 : 0;
    this.ops.push({
      cls,
      run: () => this.k.conv(x.ptr, 0, xPix, y, 0, yPix, 1, p, wa, ba, n, segs, 1, k, r),
    });
  }
}

const data = (t: tf.Tensor) => t.dataSync() as Float32Array;

function outSize(n: number, k: number, s: number, p: number): number {
  return Math.floor((n + 2 * p - k) / s) + 1;
}

function emitConv(pl: Planner, s: Extract<Step, { kind: 'conv' }>, v: View): View {
  const [kh, kw, inC, outC] = s.filter.shape;
  const w = data(s.filter);
  const bias = data(s.bias);
  const ho = outSize(v.h, kh, s.stride, s.pad);
  const wo = outSize(v.w, kw, s.stride, s.pad);
  if (s.depthwise) {
    if (kh !== 3 || kw !== 3) throw new Error(`wasm engine: ${kh}x${kw} depthwise (expected 3x3)`);
    const c = v.c;
    if (c + 4 > FILL_FLOATS) throw new Error(`wasm engine: ${c} channels (at most 4092)`);
    const wa = pl.alloc(Math.ceil(c / 4) * 36, packDepthwise(w, c));
    const b = new Float32Array(Math.ceil(c / 4) * 4);
    b.set(bias);
    const ba = pl.alloc(b.length, b);
    const out = pl.buffer(ho, wo, c);
    const r = s.relu ? 1 : 0;
    const args = [v.ptr, v.h, v.w, 4 * v.pix, out.ptr, ho, wo, 4 * c, c, s.stride, s.pad, wa, ba];
    pl.ops.push({ cls: 'depthwise', run: () => pl.k.dw(...args, pl.zeros, r) });
    return out;
  }
  if (inC !== v.c) throw new Error(`wasm engine: conv of ${inC} inputs on ${v.c} channels`);
  const out = pl.buffer(ho, wo, outC);
  if (kh === 1 && kw === 1 && s.stride === 1 && s.pad === 0) {
    pl.conv1x1(v, w, bias, outC, s.relu, out, 0);
    return out;
  }
  // A kxk convolution reads a zero-padded copy of its input: kh*kw segments of inC channels.
  const [hp, wp] = [v.h + 2 * s.pad, v.w + 2 * s.pad];
  const padded: View = { ptr: pl.alloc(hp * wp * inC), c: inC, pix: inC, h: hp, w: wp };
  for (let y = 0; y < v.h; y++) {
    const row: View = {
      ...padded,
      ptr: padded.ptr + 4 * inC * ((y + s.pad) * wp + s.pad),
      h: 1,
      w: v.w,
    };
    const src: View = { ...v, ptr: v.ptr + 4 * v.pix * y * v.w, h: 1 };
    pl.gather(
      row,
      Array.from({ length: inC }, (_, ch) => [src, ch]),
    );
  }
  const { wa, ba } = pl.panels(w, kh * kw * inC, outC, bias);
  const offs = new Int32Array(kh * kw);
  for (let ky = 0; ky < kh; ky++)
    for (let kx = 0; kx < kw; kx++) offs[ky * kw + kx] = 4 * inC * (ky * wp + kx);
  const segs = pl.alloc(offs.length, offs);
  const st = s.stride;
  const args = [
    padded.ptr,
    4 * st * wp * inC,
    4 * st * inC,
    out.ptr,
    4 * wo * outC,
    4 * outC,
    ho,
    wo,
    wa,
    ba,
    outC,
    segs,
    kh * kw,
    inC,
    s.relu ? 1 : 0,
  ] as const;
  pl.ops.push({ cls: 'conv kxk', run: () => pl.k.conv(...args) });
  return out;
}

function emitGroupConv(pl: Planner, s: Extract<Step, { kind: 'gconv' }>, v: View): View {
  const g = s.filters.length;
  const [kh, kw, cg, og] = s.filters[0]!.shape;
  if (kh !== 1 || kw !== 1 || s.stride !== 1 || s.pad !== 0) {
    throw new Error(`wasm engine: ${kh}x${kw} stride ${s.stride} group convolution (expected 1x1)`);
  }
  if (cg * g !== v.c) throw new Error(`wasm engine: group conv of ${cg * g} inputs on ${v.c}`);
  const concat = pl.buffer(v.h, v.w, og * g);
  for (let i = 0; i < g; i++) {
    const part: View = { ...v, ptr: v.ptr + 4 * i * cg, c: cg };
    pl.conv1x1(part, data(s.filters[i]!), data(s.biases[i]!), og, s.relu, concat, i * og);
  }
  if (!s.shuffleOut) return concat;
  // Output j*g + i <- group i's channel j.
  const out = pl.buffer(v.h, v.w, og * g);
  pl.gather(
    out,
    Array.from({ length: og * g }, (_, k) => [concat, (k % g) * og + Math.floor(k / g)]),
  );
  return out;
}

function emitSteps(pl: Planner, steps: Step[], input: Val): Val {
  let v = input;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    const x = v as View;
    switch (s.kind) {
      case 'conv':
        v = emitConv(pl, s, x);
        break;
      case 'gconv':
        v = emitGroupConv(pl, s, x);
        break;
      case 'relu': {
        const a = pl.contiguous(x);
        const out = pl.buffer(a.h, a.w, a.c);
        const bytes = Math.ceil((a.h * a.w * a.c) / 4) * 16;
        const zeros = pl.alloc(bytes / 4);
        pl.ops.push({ cls: 'add', run: () => pl.k.add(a.ptr, zeros, out.ptr, bytes, 1) });
        v = out;
        break;
      }
      case 'maxpool': {
        if (s.k !== 3) throw new Error(`wasm engine: ${s.k}x${s.k} max pool (expected 3x3)`);
        const ho = outSize(x.h, 3, s.stride, s.pad);
        const wo = outSize(x.w, 3, s.stride, s.pad);
        const out = pl.buffer(ho, wo, x.c);
        const args = [x.ptr, x.h, x.w, 4 * x.pix, out.ptr, ho, wo, 4 * x.c, x.c, s.stride, s.pad];
        pl.ops.push({ cls: 'maxpool', run: () => pl.k.maxpool(...args, 0, 0, pl.negInf, 0) });
        v = out;
        break;
      }
      case 'transpose': {
        // [pixel, a, c/a] -> [pixel, c/a, a]: output j*a + i <- input i*(c/a) + j.
        const b = x.c / s.a;
        const out = pl.buffer(x.h, x.w, x.c);
        pl.gather(
          out,
          Array.from({ length: x.c }, (_, k) => [x, (k % s.a) * b + Math.floor(k / s.a)]),
        );
        v = out;
        break;
      }
      case 'gather': {
        const idx = s.indices.dataSync();
        const out = pl.buffer(x.h, x.w, idx.length);
        pl.gather(
          out,
          Array.from(idx, (ch) => [x, ch]),
        );
        v = out;
        break;
      }
      case 'globalAvgPool': {
        const out = pl.buffer(1, 1, x.c);
        const n = x.h * x.w;
        const args = [x.ptr, n, 4 * x.pix, x.c, out.ptr, 1 / n] as const;
        pl.ops.push({ cls: 'global avg pool', run: () => pl.k.gap(...args) });
        v = out;
        break;
      }
      case 'linear': {
        const [inF, outF] = s.weight.shape;
        const out = pl.buffer(1, 1, outF);
        const bias = s.bias ? data(s.bias) : new Float32Array(outF);
        pl.conv1x1({ ...x, h: 1, w: 1, c: inF }, data(s.weight), bias, outF, false, out, 0, 'fc');
        v = out;
        break;
      }
      case 'unit':
        v = emitUnit(pl, s, v);
        break;
    }
  }
  return v;
}

function emitUnit(pl: Planner, s: Extract<Step, { kind: 'unit' }>, v: Val): Val {
  let inputs: [View, View];
  if (s.entry === 'pair') inputs = v as [View, View];
  else if (s.entry === 'whole') inputs = [v as View, v as View];
  else {
    const x = v as View;
    const c = x.c / 2;
    if (s.entry === 'halves') {
      inputs = [
        { ...x, c },
        { ...x, ptr: x.ptr + 4 * c, c },
      ];
    } else {
      const even = pl.buffer(x.h, x.w, c);
      const odd = pl.buffer(x.h, x.w, c);
      pl.gather(
        even,
        Array.from({ length: c }, (_, k) => [x, 2 * k]),
      );
      pl.gather(
        odd,
        Array.from({ length: c }, (_, k) => [x, 2 * k + 1]),
      );
      inputs = [even, odd];
    }
  }
  const outs = s.branches.map((b, i) => emitSteps(pl, b, inputs[i]!) as View);
  const [o0, o1] = outs as [View, View];
  const { h, w } = o0;
  switch (s.exit.kind) {
    case 'add': {
      const a = pl.contiguous(o0);
      const b = pl.contiguous(o1);
      const out = pl.buffer(h, w, a.c);
      const bytes = Math.ceil((h * w * a.c) / 4) * 16;
      // A ReLU right after the add is fused.
      const fuse = s.after.length >= 1 && s.after[0]!.kind === 'relu';
      const r = fuse ? 1 : 0;
      pl.ops.push({ cls: 'add', run: () => pl.k.add(a.ptr, b.ptr, out.ptr, bytes, r) });
      return emitSteps(pl, fuse ? s.after.slice(1) : s.after, out);
    }
    case 'concat':
    case 'stack': {
      const out = pl.buffer(h, w, o0.c + o1.c);
      const from: [View, number][] = [];
      for (const o of outs) for (let ch = 0; ch < o.c; ch++) from.push([o, ch]);
      pl.gather(out, from);
      return emitSteps(pl, s.after, out);
    }
    case 'pair': {
      const { width, layout } = s.exit;
      if (layout.view === null) return [o0, o1];
      // Where each (half, channel) of the next unit comes from: the transpose `perm` of the
      // stacked outputs viewed as [2, pixel, a, b], applied to labels src*width + j.
      const [a, b] = layout.view;
      const dims = [2, 1, a, b];
      const outDims = layout.perm.map((p) => dims[p]!);
      const labels = new Int32Array(2 * width);
      const idx = [0, 0, 0, 0];
      for (let o = 0; o < 2 * width; o++) {
        // Output index o over outDims (pixel axis of size 1) -> input index -> label.
        let rest = o;
        const oi = [0, 0, 0, 0];
        for (let d = 3; d >= 0; d--) {
          oi[d] = rest % outDims[d]!;
          rest = Math.floor(rest / outDims[d]!);
        }
        layout.perm.forEach((p, d) => (idx[p] = oi[d]!));
        labels[o] = idx[0]! * width + idx[2]! * b + idx[3]!;
      }
      const out = pl.buffer(h, w, 2 * width);
      pl.gather(
        out,
        Array.from(labels, (l) => [l < width ? o0 : o1, l % width]),
      );
      return [
        { ...out, c: width },
        { ...out, ptr: out.ptr + 4 * width, c: width },
      ];
    }
  }
}

/** Plans the engine for `steps` on single images of `inputShape` [h, w, c]. */
export function buildEngine(steps: Step[], inputShape: [number, number, number]): WasmEngine {
  const relaxed = hasRelaxedSimd();
  const opts = { ...DEFAULT_KERNEL_OPTIONS, relaxed };
  const pl = new Planner(4 * opts.nv);
  const [h, w, c] = inputShape;
  const input = pl.buffer(h, w, c);
  const result = emitSteps(pl, steps, input);
  if (Array.isArray(result)) throw new Error('wasm engine: the network ends in a pair');
  const out = result;
  const last = steps.at(-1)?.kind;
  const flat = last === 'linear' || last === 'globalAvgPool';
  const memory = new WebAssembly.Memory({ initial: Math.ceil(pl.top / 65536) + 1 });
  for (const { at, data } of pl.init) {
    const Ctor = data instanceof Int32Array ? Int32Array : Float32Array;
    new Ctor(memory.buffer, at, data.length).set(data as never);
  }
  pl.k = instantiateKernels(memory, opts);
  const n = out.h * out.w * out.c;
  const inView = new Float32Array(memory.buffer, input.ptr, h * w * c);
  const check = (image: Float32Array) => {
    if (image.length !== h * w * c) {
      throw new Error(`wasm engine: an image of ${image.length} floats; expected ${h * w * c}`);
    }
  };
  const read = () => {
    const o = new Float32Array(memory.buffer, out.ptr, out.h * out.w * out.pix);
    if (out.pix === out.c) return o.slice(0, n);
    return Float32Array.from(
      { length: n },
      (_, i) => o[Math.floor(i / out.c) * out.pix + (i % out.c)]!,
    );
  };
  return {
    inputShape,
    outputShape: flat ? [out.c] : [out.h, out.w, out.c],
    memoryBytes: memory.buffer.byteLength,
    relaxed,
    run(image) {
      check(image);
      inView.set(image);
      for (const op of pl.ops) op.run();
      return read();
    },
    profile(image) {
      check(image);
      inView.set(image);
      const times = {} as Record<OpClass, number>;
      for (const op of pl.ops) {
        const t0 = performance.now();
        op.run();
        times[op.cls] = (times[op.cls] ?? 0) + performance.now() - t0;
      }
      return times;
    },
  };
}
