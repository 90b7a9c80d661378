/**
 * Runs the fast path's compiled steps (steps.ts, from compile.ts: shuffles and V2's split
 * already folded into weight orders) on the WebAssembly SIMD kernels of kernels.ts, one image at
 * a time, in one linear memory planned once at load: the network becomes a list of kernel calls
 * with every argument fixed, every activation has its own NHWC buffer (no per-call allocation; a
 * V2 1.0x at 224x224 needs about 6 MB), and weights are pre-arranged into the kernels' layouts.
 *
 * Channel plumbing costs (almost) nothing. A value is not a tensor but, for each of its channels
 * in the order the compiled steps index them (compile.ts's stored order), the address where that
 * channel's pixel 0 lives (all channels of a value share one pixel stride). So:
 * - a split, V2's even/odd split, a transpose or gather step, a folded shuffle's output order
 *   and a group convolution's shuffled output only reorder that address list;
 * - a concatenation gives both branches one buffer: each branch's last convolution writes its
 *   outputs straight into its slice; only a branch with nothing to compute (V2's pass-through
 *   half) is copied, in runs of consecutive channels (16-byte vector copies);
 * - a consumer reads whatever order it finds: a 1x1 convolution sorts its input channels by
 *   address and reads the runs as segments, its weight rows permuted to match (exact: the sum
 *   over input channels is the same sum in another order); a depthwise convolution, pooling and
 *   global pooling work on the physical channel order with their per-channel weights permuted,
 *   and their outputs keep that order.
 *
 * Only what ShuffleNet V1/V2 use is supported (3x3 depthwise and pooling windows, 1x1 or padded
 * kxk dense convolutions); anything else throws, naming it.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Step } from '../steps.ts';
import {
  DEFAULT_KERNEL_OPTIONS,
  hasRelaxedSimd,
  instantiateKernels,
  packDepthwise,
  packPanels,
  type ConvArgs,
  type KernelOptions,
  type Kernels,
} from './kernels.ts';

/** Channel k of pixel p is the float at byte address chans[k] + 4 * p * pix. */
interface Val {
  chans: Int32Array;
  pix: number;
  h: number;
  w: number;
}
type Value = Val | [Val, Val];

/** Where a branch's last convolution may write: channels [off, off + c) of a shared buffer. */
interface Dest {
  shared: { ptr: number; h: number; w: number; c: number } | null;
  off: number;
  used: boolean;
  /** A residual to add (V1's shortcut), this many bytes from the output, then ReLU or not. */
  residual?: { delta: number; relu: boolean };
}

/** Time classes of the profile. */
export type OpClass =
  | 'conv 1x1'
  | 'conv kxk'
  | 'depthwise'
  | 'maxpool'
  | 'copy (concat)'
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
  /** Kernel calls per image. */
  readonly calls: number;
  /** Runs one NHWC image (h*w*c floats); returns the output (a new array). */
  run(image: Float32Array): Float32Array;
  /** Milliseconds per op class for one run of `image`. */
  profile(image: Float32Array): Record<OpClass, number>;
}

const FILL_FLOATS = 4096;
const SPARE_BYTES = 64;

const range = (n: number) => Int32Array.from({ length: n }, (_, k) => k);
const contiguous = (ptr: number, c: number, h: number, w: number, pix = c): Val => ({
  chans: Int32Array.from({ length: c }, (_, k) => ptr + 4 * k),
  pix,
  h,
  w,
});

/** Channel indices sorted by address. */
function byAddress(v: Val): Int32Array {
  return range(v.chans.length).sort((a, b) => v.chans[a]! - v.chans[b]!);
}

/** Runs of consecutive addresses along `order`: [first address, count, first position]. */
function runsOf(v: Val, order: Int32Array): [number, number, number][] {
  const runs: [number, number, number][] = [];
  order.forEach((k, q) => {
    const last = runs.at(-1);
    const at = v.chans[k]!;
    if (last && last[0] + 4 * last[1] === at) last[1]++;
    else runs.push([at, 1, q]);
  });
  return runs;
}

/** The physical block of `v`: its channels fill [ptr, ptr + 4c) in some order (order[q]). */
function blockOf(v: Val): { ptr: number; order: Int32Array } | null {
  const order = byAddress(v);
  const ptr = v.chans[order[0]!]!;
  for (let q = 0; q < order.length; q++) if (v.chans[order[q]!] !== ptr + 4 * q) return null;
  return { ptr, order };
}

const isTrueContiguous = (v: Val) =>
  v.pix === v.chans.length && v.chans.every((a, k) => a === v.chans[0]! + 4 * k);

class Planner {
  top = 1024;
  readonly init: { at: number; data: Float32Array | Int32Array }[] = [];
  readonly ops: Op[] = [];
  k!: Kernels;
  readonly zeros: number;
  readonly negInf: number;
  readonly nr: number;
  /** The model input, when the first convolution reads it from a zero-padded buffer. */
  input: { val: Val; padded: number; pad: number } | null = null;

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

  buffer(h: number, w: number, c: number): Val {
    return contiguous(this.alloc(h * w * c), c, h, w);
  }

  /** The address a branch's last op writes to: its slice of the shared buffer, or a new one. */
  target(dest: Dest | undefined, h: number, w: number, c: number): { ptr: number; pix: number } {
    if (!dest) return { ptr: this.alloc(h * w * c), pix: c };
    const s = dest.shared;
    if (!s) throw new Error('internal: destination without a buffer');
    if (s.h === 0) Object.assign(s, { ptr: this.alloc(h * w * s.c), h, w });
    if (s.h !== h || s.w !== w)
      throw new Error('wasm engine: concatenated branches differ in size');
    dest.used = true;
    return { ptr: s.ptr + 4 * dest.off, pix: s.c };
  }

  /**
   * Copies `v` to dst (pixel stride dstPix floats): in address order (`sorted`, the fewest
   * runs) or in true order. Returns the copy.
   */
  copy(v: Val, dst: number, dstPix: number, sorted: boolean): Val {
    const order = sorted ? byAddress(v) : range(v.chans.length);
    const runs = runsOf(v, order);
    const table = new Int32Array(runs.length * 3);
    runs.forEach(([at, n, q], r) => table.set([at, 4 * q, 4 * n], 3 * r));
    const t = this.alloc(table.length, table);
    const n = v.h * v.w;
    const [dp, sp] = [4 * dstPix, 4 * v.pix];
    this.ops.push({
      cls: 'copy (concat)',
      run: () => this.k.copy(dst, dp, sp, n, t, runs.length),
    });
    const chans = new Int32Array(v.chans.length);
    order.forEach((k, q) => (chans[k] = dst + 4 * q));
    return { chans, pix: dstPix, h: v.h, w: v.w };
  }

  /** `v` as a physical block (copied into one if it is not). */
  block(v: Val): { ptr: number; order: Int32Array; pix: number } {
    const b = blockOf(v);
    if (b) return { ...b, pix: v.pix };
    const c = v.chans.length;
    const copied = this.copy(v, this.alloc(v.h * v.w * c), c, true);
    return { ...blockOf(copied)!, pix: c };
  }

  /** `v` in its step order, contiguous (pixel stride = channels): itself or a copy. */
  trueOrder(v: Val): number {
    if (isTrueContiguous(v)) return v.chans[0]!;
    const c = v.chans.length;
    return this.copy(v, this.alloc(v.h * v.w * c), c, false).chans[0]!;
  }

  /**
   * Pushes the conv kernel call(s) for weights [k, n] (rows in segment order): panels of nr
   * outputs, except that when the last panel would hold 4 outputs or fewer, they go to `conv4`
   * (one vector wide) instead of a mostly zero panel (V1 g=3's 20-output groups, V2's 58).
   */
  convCalls(
    cls: OpClass,
    w: Float32Array,
    k: number,
    n: number,
    bias: Float32Array,
    y: number,
    args: (y: number, wa: number, ba: number, n: number) => ConvArgs,
  ): void {
    const rem = n % this.nr;
    const tail = rem > 0 && rem <= 4 && this.nr > 4 ? rem : 0;
    const main = n - tail;
    const part = (n0: number, count: number, nr: number) => {
      const sub = new Float32Array(k * count);
      for (let r = 0; r < k; r++) sub.set(w.subarray(r * n + n0, r * n + n0 + count), r * count);
      const padded = Math.ceil(count / nr) * nr;
      const wa = this.alloc(padded * k, packPanels(sub, k, count, nr));
      const b = new Float32Array(padded);
      b.set(bias.subarray(n0, n0 + count));
      return args(y + 4 * n0, wa, this.alloc(padded, b), count);
    };
    if (main > 0) {
      const a = part(0, main, this.nr);
      this.ops.push({ cls, run: () => this.k.conv(...a) });
    }
    if (tail > 0) {
      const a = part(main, tail, 4);
      this.ops.push({ cls, run: () => this.k.conv4(...a) });
    }
  }

  /**
   * A 1x1 convolution of `x` (weights [c, n], rows by true input channel): input channels read
   * in address order as runs (segments), the weight rows permuted to match.
   */
  conv1x1(
    x: Val,
    w: Float32Array,
    bias: Float32Array,
    n: number,
    relu: boolean,
    dest: Dest | undefined,
    cls: OpClass = 'conv 1x1',
  ): Val {
    const c = x.chans.length;
    let order = byAddress(x);
    let runs = runsOf(x, order);
    if (runs.length > 1 && runs.length * 4 > c) {
      // Mostly single channels: one copy into a block beats a segment per channel.
      const b = this.block(x);
      x = contiguous(b.ptr, c, x.h, x.w, b.pix);
      const wp = new Float32Array(c * n);
      b.order.forEach((k, q) => wp.set(w.subarray(k * n, (k + 1) * n), q * n));
      w = wp;
      order = range(c);
      runs = runsOf(x, order);
    } else {
      const wp = new Float32Array(c * n);
      order.forEach((k, q) => wp.set(w.subarray(k * n, (k + 1) * n), q * n));
      w = wp;
    }
    const segs = this.alloc(2 * runs.length, Int32Array.from(runs.flatMap(([a, len]) => [a, len])));
    const out = this.target(dest, x.h, x.w, n);
    const p = x.h * x.w;
    const [xPix, yPix, nseg] = [4 * x.pix, 4 * out.pix, runs.length];
    const r = relu ? 1 : 0;
    this.convCalls(cls, w, c, n, bias, out.ptr, (y, wa, ba, m) => [
      0,
      0,
      xPix,
      y,
      0,
      yPix,
      1,
      p,
      wa,
      ba,
      m,
      segs,
      nseg,
      dest?.residual ? (dest.residual.relu ? 1 : 0) : r,
      dest?.residual?.delta ?? 0,
    ]);
    return contiguous(out.ptr, n, x.h, x.w, out.pix);
  }

  /**
   * A per-channel 3x3 window (depthwise convolution with weights [9, c] and bias, or max pool
   * when `w` is null) over the physical channel order.
   */
  window(
    v: Val,
    w: Float32Array | null,
    bias: Float32Array | null,
    stride: number,
    pad: number,
    relu: boolean,
    dest: Dest | undefined,
  ): Val {
    const c = v.chans.length;
    if (c + 4 > FILL_FLOATS) throw new Error(`wasm engine: ${c} channels (at most 4092)`);
    const b = this.block(v);
    const ho = outSize(v.h, 3, stride, pad);
    const wo = outSize(v.w, 3, stride, pad);
    const out = this.target(dest, ho, wo, c);
    const head = [b.ptr, v.h, v.w, 4 * b.pix, out.ptr, ho, wo, 4 * out.pix, c, stride, pad];
    const r = relu ? 1 : 0;
    if (w) {
      const wq = new Float32Array(9 * c);
      for (let t = 0; t < 9; t++) b.order.forEach((k, q) => (wq[t * c + q] = w[t * c + k]!));
      const wa = this.alloc(Math.ceil(c / 4) * 36, packDepthwise(wq, c));
      const bq = new Float32Array(Math.ceil(c / 4) * 4);
      b.order.forEach((k, q) => (bq[q] = bias![k]!));
      const ba = this.alloc(bq.length, bq);
      this.ops.push({ cls: 'depthwise', run: () => this.k.dw(...head, wa, ba, this.zeros, r) });
    } else {
      this.ops.push({ cls: 'maxpool', run: () => this.k.maxpool(...head, 0, 0, this.negInf, r) });
    }
    const chans = new Int32Array(c);
    b.order.forEach((k, q) => (chans[k] = out.ptr + 4 * q));
    return { chans, pix: out.pix, h: ho, w: wo };
  }
}

const data = (t: tf.Tensor) => t.dataSync() as Float32Array;

function outSize(n: number, k: number, s: number, p: number): number {
  return Math.floor((n + 2 * p - k) / s) + 1;
}

function emitConv(pl: Planner, s: Extract<Step, { kind: 'conv' }>, v: Val, dest?: Dest): Val {
  const [kh, kw, inC, outC] = s.filter.shape;
  const w = data(s.filter);
  const bias = data(s.bias);
  if (s.depthwise) {
    if (kh !== 3 || kw !== 3) throw new Error(`wasm engine: ${kh}x${kw} depthwise (expected 3x3)`);
    return pl.window(v, w, bias, s.stride, s.pad, s.relu, dest);
  }
  if (inC !== v.chans.length) {
    throw new Error(`wasm engine: conv of ${inC} inputs on ${v.chans.length} channels`);
  }
  if (kh === 1 && kw === 1 && s.stride === 1 && s.pad === 0) {
    return pl.conv1x1(v, w, bias, outC, s.relu, dest);
  }
  // A kxk convolution reads a zero-padded copy of its input (the model input is written there
  // directly): kh segments (kernel rows) of kw*inC consecutive floats.
  const ho = outSize(v.h, kh, s.stride, s.pad);
  const wo = outSize(v.w, kw, s.stride, s.pad);
  const [hp, wp] = [v.h + 2 * s.pad, v.w + 2 * s.pad];
  let padded: number;
  if (pl.input && pl.input.val === v && pl.input.pad === s.pad) padded = pl.input.padded;
  else {
    padded = pl.alloc(hp * wp * inC);
    const src = pl.trueOrder(v);
    for (let y = 0; y < v.h; y++) {
      const row = contiguous(src + 4 * inC * y * v.w, inC, 1, v.w);
      pl.copy(row, padded + 4 * inC * ((y + s.pad) * wp + s.pad), inC, false);
    }
  }
  const segs = pl.alloc(
    2 * kh,
    Int32Array.from({ length: 2 * kh }, (_, i) => (i % 2 ? kw * inC : 4 * inC * (i / 2) * wp)),
  );
  const out = pl.target(dest, ho, wo, outC);
  const st = s.stride;
  const r = s.relu ? 1 : 0;
  pl.convCalls('conv kxk', w, kh * kw * inC, outC, bias, out.ptr, (y, wa, ba, m) => [
    padded,
    4 * st * wp * inC,
    4 * st * inC,
    y,
    4 * wo * out.pix,
    4 * out.pix,
    ho,
    wo,
    wa,
    ba,
    m,
    segs,
    kh,
    r,
    0,
  ]);
  return contiguous(out.ptr, outC, ho, wo, out.pix);
}

function emitGroupConv(pl: Planner, s: Extract<Step, { kind: 'gconv' }>, v: Val, dest?: Dest): Val {
  const g = s.filters.length;
  const [kh, kw, cg, og] = s.filters[0]!.shape;
  if (kh !== 1 || kw !== 1 || s.stride !== 1 || s.pad !== 0) {
    throw new Error(`wasm engine: ${kh}x${kw} stride ${s.stride} group convolution (expected 1x1)`);
  }
  if (cg * g !== v.chans.length) {
    throw new Error(`wasm engine: group conv of ${cg * g} inputs on ${v.chans.length} channels`);
  }
  // The groups write one buffer, group i at channels i*og (a shared destination).
  const own: Dest = dest ?? {
    shared: { ptr: 0, h: 0, w: 0, c: og * g },
    off: 0,
    used: false,
  };
  const chans = new Int32Array(og * g);
  let out: Val | null = null;
  for (let i = 0; i < g; i++) {
    const part: Val = { ...v, chans: v.chans.slice(i * cg, (i + 1) * cg) };
    const d: Dest = { ...own, off: own.off + i * og, used: false };
    out = pl.conv1x1(part, data(s.filters[i]!), data(s.biases[i]!), og, s.relu, d);
    chans.set(out.chans, i * og);
  }
  if (dest) dest.used = true;
  const result: Val = { ...out!, chans };
  if (!s.shuffleOut) return result;
  // Output j*g + i is group i's channel j: only the address list changes.
  return {
    ...result,
    chans: Int32Array.from(chans, (_, k) => chans[(k % g) * og + Math.floor(k / g)]!),
  };
}

function emitSteps(pl: Planner, steps: Step[], input: Value, dest?: Dest): Value {
  let v = input;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    const x = v as Val;
    // The last step of a concatenated branch writes into the shared buffer when it can.
    const d = i === steps.length - 1 ? dest : undefined;
    switch (s.kind) {
      case 'conv':
        v = emitConv(pl, s, x, d);
        break;
      case 'gconv':
        v = emitGroupConv(pl, s, x, d);
        break;
      case 'relu': {
        const c = x.chans.length;
        const a = pl.trueOrder(x);
        const out = pl.buffer(x.h, x.w, c);
        const bytes = Math.ceil((x.h * x.w * c) / 4) * 16;
        const zeros = pl.alloc(bytes / 4);
        const o = out.chans[0]!;
        pl.ops.push({ cls: 'add', run: () => pl.k.add(a, zeros, o, bytes, 1) });
        v = out;
        break;
      }
      case 'maxpool':
        if (s.k !== 3) throw new Error(`wasm engine: ${s.k}x${s.k} max pool (expected 3x3)`);
        v = pl.window(x, null, null, s.stride, s.pad, false, d);
        break;
      case 'transpose': {
        // [pixel, a, c/a] -> [pixel, c/a, a]: output j*a + i <- input i*(c/a) + j.
        const c = x.chans.length;
        const b = c / s.a;
        v = {
          ...x,
          chans: Int32Array.from(
            { length: c },
            (_, k) => x.chans[(k % s.a) * b + Math.floor(k / s.a)]!,
          ),
        };
        break;
      }
      case 'gather':
        v = { ...x, chans: Int32Array.from(s.indices.dataSync(), (ch) => x.chans[ch]!) };
        break;
      case 'globalAvgPool': {
        const c = x.chans.length;
        const b = pl.block(x);
        const out = pl.alloc(c);
        const n = x.h * x.w;
        const args = [b.ptr, n, 4 * b.pix, c, out, 1 / n] as const;
        pl.ops.push({ cls: 'global avg pool', run: () => pl.k.gap(...args) });
        const chans = new Int32Array(c);
        b.order.forEach((k, q) => (chans[k] = out + 4 * q));
        v = { chans, pix: c, h: 1, w: 1 };
        break;
      }
      case 'linear': {
        const [, outF] = s.weight.shape;
        const bias = s.bias ? data(s.bias) : new Float32Array(outF);
        v = pl.conv1x1(x, data(s.weight), bias, outF, false, d, 'fc');
        break;
      }
      case 'unit':
        v = emitUnit(pl, s, v);
        break;
    }
  }
  if (dest && !dest.used) {
    // Nothing wrote the shared buffer (a pass-through branch, or a last op that cannot): copy.
    const r = v as Val;
    const at = pl.target(dest, r.h, r.w, r.chans.length);
    v = pl.copy(r, at.ptr, at.pix, true);
  }
  return v;
}

function emitUnit(pl: Planner, s: Extract<Step, { kind: 'unit' }>, v: Value): Value {
  let inputs: [Val, Val];
  if (s.entry === 'pair') inputs = v as [Val, Val];
  else if (s.entry === 'whole') inputs = [v as Val, v as Val];
  else {
    const x = v as Val;
    const c = x.chans.length / 2;
    const pick = (f: (k: number) => number): Val => ({
      ...x,
      chans: Int32Array.from({ length: c }, (_, k) => x.chans[f(k)]!),
    });
    inputs =
      s.entry === 'halves'
        ? [pick((k) => k), pick((k) => c + k)]
        : [pick((k) => 2 * k), pick((k) => 2 * k + 1)];
  }
  if (s.exit.kind === 'add') {
    // A ReLU right after the add is fused.
    const fuse = s.after.length >= 1 && s.after[0]!.kind === 'relu';
    const after = fuse ? s.after.slice(1) : s.after;
    const o0 = emitSteps(pl, s.branches[0]!, inputs[0]) as Val;
    const c = o0.chans.length;
    const a = pl.trueOrder(o0);
    const out = pl.buffer(o0.h, o0.w, c);
    const o = out.chans[0]!;
    if (residualFusable(s.branches[1]!.at(-1))) {
      // The second branch's last 1x1 convolution adds the first branch's output (and applies
      // the ReLU) as it stores: no separate add pass.
      const dest: Dest = {
        shared: { ptr: o, h: o0.h, w: o0.w, c },
        off: 0,
        used: false,
        residual: { delta: a - o, relu: fuse },
      };
      emitSteps(pl, s.branches[1]!, inputs[1], dest);
      return emitSteps(pl, after, out);
    }
    const b = pl.trueOrder(emitSteps(pl, s.branches[1]!, inputs[1]) as Val);
    const bytes = Math.ceil((o0.h * o0.w * c) / 4) * 16;
    const r = fuse ? 1 : 0;
    pl.ops.push({ cls: 'add', run: () => pl.k.add(a, b, o, bytes, r) });
    return emitSteps(pl, after, out);
  }
  // Concatenations: both branches write (or are copied) into one buffer.
  const widths = s.branches.map((b, i) => outWidth(b, inputs[i]!.chans.length));
  const shared = { ptr: 0, h: 0, w: 0, c: widths[0]! + widths[1]! };
  const outs = s.branches.map(
    (b, i) =>
      emitSteps(pl, b, inputs[i]!, { shared, off: i === 0 ? 0 : widths[0]!, used: false }) as Val,
  );
  const [o0, o1] = outs as [Val, Val];
  const all: Val = { ...o0, chans: Int32Array.from([...o0.chans, ...o1.chans]) };
  if (s.exit.kind !== 'pair') return emitSteps(pl, s.after, all);
  const { width, layout } = s.exit;
  if (layout.view === null) return [o0, o1];
  // The next unit's halves: the transpose `perm` of the stacked outputs viewed as
  // [2, pixel, a, b] (compile.ts pairView), applied to the channel labels src*width + j.
  const [a, b] = layout.view;
  const dims = [2, 1, a, b];
  const outDims = layout.perm.map((p) => dims[p]!);
  const labels = new Int32Array(2 * width);
  for (let o = 0; o < 2 * width; o++) {
    let rest = o;
    const oi = [0, 0, 0, 0];
    for (let d = 3; d >= 0; d--) {
      oi[d] = rest % outDims[d]!;
      rest = Math.floor(rest / outDims[d]!);
    }
    const idx = [0, 0, 0, 0];
    layout.perm.forEach((p, d) => (idx[p] = oi[d]!));
    labels[o] = idx[0]! * width + idx[2]! * b + idx[3]!;
  }
  const half = (h: number): Val => ({
    ...o0,
    chans: Int32Array.from({ length: width }, (_, t) => all.chans[labels[h * width + t]!]!),
  });
  return [half(0), half(1)];
}

/**
 * Whether a branch's last step can add a residual as it stores: a 1x1 convolution (or split
 * group convolution) that writes its outputs in order and applies no ReLU of its own.
 */
function residualFusable(s: Step | undefined): boolean {
  if (s?.kind === 'gconv') {
    const [kh, kw] = s.filters[0]!.shape;
    return !s.relu && !s.shuffleOut && kh === 1 && kw === 1 && s.stride === 1 && s.pad === 0;
  }
  if (s?.kind !== 'conv' || s.depthwise || s.relu) return false;
  const [kh, kw] = s.filter.shape;
  return kh === 1 && kw === 1 && s.stride === 1 && s.pad === 0;
}

/** Channels out of a branch: its last channel-changing step, or its input's. */
function outWidth(steps: Step[], input: number): number {
  let c = input;
  for (const s of steps) {
    if (s.kind === 'conv' && !s.depthwise) c = s.filter.shape[3];
    else if (s.kind === 'gconv') c = s.filters.length * s.filters[0]!.shape[3];
    else if (s.kind === 'gather') c = s.indices.shape[0];
    else if (s.kind === 'linear') c = s.weight.shape[1];
    else if (s.kind === 'unit') throw new Error('internal: a unit inside a branch');
  }
  return c;
}

/** Plans the engine for `steps` on single images of `inputShape` [h, w, c]. */
export function buildEngine(
  steps: Step[],
  inputShape: [number, number, number],
  kernelOptions: Partial<KernelOptions> = {},
): WasmEngine {
  const opts: KernelOptions = {
    ...DEFAULT_KERNEL_OPTIONS,
    relaxed: hasRelaxedSimd(),
    ...kernelOptions,
  };
  const relaxed = opts.relaxed;
  const pl = new Planner(4 * opts.nv);
  const [h, w, c] = inputShape;
  const first = steps[0];
  let input: Val;
  let inputPad = 0;
  let padded = 0;
  if (first?.kind === 'conv' && !first.depthwise && first.pad > 0) {
    // The first convolution pads its input: the image is written straight into the padding.
    inputPad = first.pad;
    padded = pl.alloc((h + 2 * inputPad) * (w + 2 * inputPad) * c);
    input = contiguous(0, c, h, w);
    pl.input = { val: input, padded, pad: inputPad };
  } else {
    input = pl.buffer(h, w, c);
  }
  const result = emitSteps(pl, steps, input);
  if (Array.isArray(result)) throw new Error('wasm engine: the network ends in a pair');
  const outPtr = pl.trueOrder(result);
  const last = steps.at(-1)?.kind;
  const flat = last === 'linear' || last === 'globalAvgPool';
  const n = result.h * result.w * result.chans.length;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(pl.top / 65536) + 1 });
  for (const { at, data } of pl.init) {
    const Ctor = data instanceof Int32Array ? Int32Array : Float32Array;
    new Ctor(memory.buffer, at, data.length).set(data as never);
  }
  pl.k = instantiateKernels(memory, opts);
  const heap = new Float32Array(memory.buffer);
  const write = (image: Float32Array) => {
    if (image.length !== h * w * c) {
      throw new Error(`wasm engine: an image of ${image.length} floats; expected ${h * w * c}`);
    }
    if (!inputPad) heap.set(image, input.chans[0]! / 4);
    else {
      const wp = w + 2 * inputPad;
      for (let y = 0; y < h; y++) {
        const at = padded / 4 + ((y + inputPad) * wp + inputPad) * c;
        heap.set(image.subarray(y * w * c, (y + 1) * w * c), at);
      }
    }
  };
  return {
    inputShape,
    outputShape: flat ? [result.chans.length] : [result.h, result.w, result.chans.length],
    memoryBytes: memory.buffer.byteLength,
    relaxed,
    calls: pl.ops.length,
    run(image) {
      write(image);
      for (const op of pl.ops) op.run();
      return heap.slice(outPtr / 4, outPtr / 4 + n);
    },
    profile(image) {
      write(image);
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
