/**
 * The fast path's WebAssembly SIMD kernels, generated with encoder.ts. Activations are NHWC
 * float32 in one linear memory; every address and stride argument is in bytes. The kernels:
 *
 * - `conv`: a register-blocked f32x4 convolution (a GEMM when 1x1): a tile of MR output pixels by
 *   NR = 4*NV output channels is held in MR*NV vector accumulators; for each input element the
 *   kernel splats one input value per pixel (v128.load32_splat) and multiply-adds it with NV
 *   weight vectors. Weights are pre-arranged at load in panels of NR outputs ([k][NR], zero
 *   padded), so weight loads are sequential with static offsets. The reduction runs over
 *   "segments": `nseg` (byte offset, length) pairs from a table, each a run of consecutive input
 *   floats relative to each output pixel's input base. One segment is a 1x1 convolution reading
 *   a channel block; channels scattered over a buffer (after a folded shuffle) are several; the
 *   kh rows of a kxk convolution over a zero-padded input are kh segments. Bias and ReLU are
 *   fused, and so is a residual added before the ReLU (V1's shortcut); outputs can go to any pixel stride (into a slice of a wider buffer), and the last
 *   panel stores only its valid lanes (store64_lane / store32_lane). `conv4` is the same kernel
 *   one vector wide (2*MR pixels), for a layer's last 1-4 outputs.
 * - `window`: 3x3 windows over NHWC, four channels per vector: a depthwise convolution (bias
 *   and ReLU fused) or a max pool. Taps outside the input read a fill buffer (zeros for
 *   convolution, -Infinity for max), chosen once per output pixel with `select`, so the channel
 *   loop has no branches; weights are arranged [C/4][9][4].
 * - `copy`: runs of consecutive floats per pixel between buffers of different pixel strides
 *   (16-byte vectors): the copies that a concatenation cannot avoid.
 * - `add`, `relu`, `gap` (global average pool).
 *
 * Multiply-adds use f32x4.relaxed_madd where the engine has relaxed SIMD (one fused instruction
 * on x86 with FMA3, which doubles the arithmetic rate), else f32x4.mul + f32x4.add.
 */
import { Func, encodeModule, type Local } from './encoder.ts';

export interface KernelOptions {
  /** Use relaxed SIMD's multiply-add. */
  relaxed: boolean;
  /** Output pixels per tile. */
  mr: number;
  /** Output vectors (of 4 channels) per tile: NR = 4 * nv. */
  nv: number;
  /** Input channels per step of the reduction loop (unrolled). */
  ku: number;
}

export const DEFAULT_KERNEL_OPTIONS: Omit<KernelOptions, 'relaxed'> = { mr: 4, nv: 2, ku: 2 };

/** `while (i < limit) { body; }` (body is responsible for advancing i). */
function whileLt(f: Func, i: Local, limit: () => void, body: () => void): void {
  f.block().loop();
  f.get(i);
  limit();
  f.i32GeS().brIf(1);
  body();
  f.br(0).end().end();
}

/**
 * Stores vector `vec` (4 floats) at `addr` + `offset`, but only its first `lanes` lanes
 * (1..3, a runtime value in local `lanes`; 4 or more stores all).
 */
function storePartial(f: Func, addr: Local, offset: number, vec: Local, lanes: Local): void {
  f.block();
  f.get(lanes).i32(4).i32GeS().if_();
  f.get(addr).get(vec).v128Store(offset).br(1);
  f.end();
  f.get(lanes).i32(2).i32GeS().if_();
  f.get(addr).get(vec).v128Store64Lane(0, offset);
  f.get(lanes).i32(3).i32Eq().if_();
  f.get(addr)
    .get(vec)
    .v128Store32Lane(2, offset + 8);
  f.end();
  f.else_();
  f.get(lanes).i32(1).i32Eq().if_();
  f.get(addr).get(vec).v128Store32Lane(0, offset);
  f.end();
  f.end();
  f.end();
}

function convKernel(name: string, o: KernelOptions): Func {
  const { mr, nv, relaxed, ku } = o;
  const nr = 4 * nv;
  const f = new Func(name, Array(15).fill('i32'));
  const [x, xRow, xPix, y, yRow, yPix, rows, cols, w, b, n, segs, nseg, relu, resDelta] = f.params;
  const oc = f.local('i32'); // first output channel of the panel
  const wp = f.local('i32');
  const oy = f.local('i32');
  const ox = f.local('i32');
  const rowX = f.local('i32');
  const rowY = f.local('i32');
  const wk = f.local('i32');
  const s = f.local('i32');
  const off = f.local('i32');
  const c = f.local('i32');
  const rem = f.local('i32');
  const lanes = f.local('i32');
  const ya = f.local('i32');
  const panelBytes = f.local('i32');
  const px = Array.from({ length: mr }, () => f.local('i32'));
  const xp = Array.from({ length: mr }, () => f.local('i32'));
  const acc = Array.from({ length: mr }, () => Array.from({ length: nv }, () => f.local('v128')));
  const wv = Array.from({ length: nv }, () => f.local('v128'));
  const t = f.local('v128');

  // Panel bytes: the reduction length (the sum of the segment lengths) times nr floats.
  f.i32(0).set(panelBytes);
  f.i32(0).set(s);
  f.loop();
  f.get(segs!).get(s).i32(3).i32Shl().i32Add().i32Load(4).get(panelBytes).i32Add().set(panelBytes);
  f.get(s).i32(1).i32Add().tee(s).get(nseg!).i32LtS().brIf(0);
  f.end();
  f.get(panelBytes)
    .i32(nr * 4)
    .i32Mul()
    .set(panelBytes);
  f.get(w!).set(wp);

  const tile = (m: number) => {
    // Input bases of the m pixels.
    f.get(rowX).get(ox).get(xPix!).i32Mul().i32Add().set(px[0]!);
    for (let i = 1; i < m; i++)
      f.get(px[i - 1]!)
        .get(xPix!)
        .i32Add()
        .set(px[i]!);
    for (let v = 0; v < nv; v++) {
      f.get(b!)
        .get(oc)
        .i32(2)
        .i32Shl()
        .i32Add()
        .v128Load(16 * v)
        .set(wv[v]!);
      for (let i = 0; i < m; i++) f.get(wv[v]!).set(acc[i]![v]!);
    }
    f.get(wp).set(wk);
    f.i32(0).set(s);
    f.loop(); // segments (nseg >= 1)
    f.get(segs!).get(s).i32(3).i32Shl().i32Add().tee(off).i32Load(4).set(c);
    f.get(off).i32Load().set(off);
    for (let i = 0; i < m; i++) f.get(px[i]!).get(off).i32Add().set(xp[i]!);
    // Channels of the segment (length >= 1): `ku` at a time with static offsets, then singly.
    const step = (u: number) => {
      for (let v = 0; v < nv; v++)
        f.get(wk)
          .v128Load(16 * (u * nv + v))
          .set(wv[v]!);
      for (let i = 0; i < m; i++) {
        f.get(xp[i]!)
          .v128Load32Splat(4 * u)
          .set(t);
        for (let v = 0; v < nv; v++) {
          if (relaxed) {
            f.get(t).get(wv[v]!).get(acc[i]![v]!).f32x4RelaxedMadd().set(acc[i]![v]!);
          } else {
            f.get(acc[i]![v]!).get(t).get(wv[v]!).f32x4Mul().f32x4Add().set(acc[i]![v]!);
          }
        }
      }
    };
    const advance = (u: number) => {
      for (let i = 0; i < m; i++)
        f.get(xp[i]!)
          .i32(4 * u)
          .i32Add()
          .set(xp[i]!);
      f.get(wk)
        .i32(nr * 4 * u)
        .i32Add()
        .set(wk);
      f.get(c).i32(u).i32Sub().set(c);
    };
    if (ku > 1) {
      f.block().loop();
      f.get(c).i32(ku).i32LtS().brIf(1);
      for (let u = 0; u < ku; u++) step(u);
      advance(ku);
      f.br(0).end().end();
    }
    f.block().loop();
    f.get(c).i32Eqz().brIf(1);
    step(0);
    advance(1);
    f.br(0).end().end();
    f.get(s).i32(1).i32Add().tee(s).get(nseg!).i32LtS().brIf(0);
    f.end();
    f.get(rowY).get(ox).get(yPix!).i32Mul().i32Add().get(oc).i32(2).i32Shl().i32Add().set(ya);
    // A residual (same layout as the output, resDelta bytes away) is added before the ReLU.
    f.get(resDelta!).if_();
    for (let i = 0; i < m; i++) {
      f.get(ya).get(resDelta!).i32Add();
      if (i > 0) f.get(yPix!).i32(i).i32Mul().i32Add();
      f.set(off);
      for (let v = 0; v < nv; v++) {
        f.get(acc[i]![v]!)
          .get(off)
          .v128Load(16 * v)
          .f32x4Add()
          .set(acc[i]![v]!);
      }
    }
    f.end();
    f.get(relu!).if_();
    for (let i = 0; i < m; i++)
      for (let v = 0; v < nv; v++) {
        f.v128Const([0, 0, 0, 0]).get(acc[i]![v]!).f32x4Pmax().set(acc[i]![v]!);
      }
    f.end();
    // Store: whole panel, or its valid lanes.
    for (let i = 0; i < m; i++) {
      if (i > 0) f.get(ya).get(yPix!).i32Add().set(ya);
      f.get(rem).i32(nr).i32GeS().if_();
      for (let v = 0; v < nv; v++)
        f.get(ya)
          .get(acc[i]![v]!)
          .v128Store(16 * v);
      f.else_();
      for (let v = 0; v < nv; v++) {
        f.get(rem)
          .i32(4 * v)
          .i32Sub()
          .set(lanes);
        storePartial(f, ya, 16 * v, acc[i]![v]!, lanes);
      }
      f.end();
    }
  };

  f.i32(0).set(oc);
  whileLt(
    f,
    oc,
    () => f.get(n!),
    () => {
      f.get(n!).get(oc).i32Sub().set(rem);
      f.i32(0).set(oy);
      whileLt(
        f,
        oy,
        () => f.get(rows!),
        () => {
          f.get(x!).get(oy).get(xRow!).i32Mul().i32Add().set(rowX);
          f.get(y!).get(oy).get(yRow!).i32Mul().i32Add().set(rowY);
          f.i32(0).set(ox);
          // Full tiles while ox + mr <= cols, then single pixels.
          whileLt(
            f,
            ox,
            () =>
              f
                .get(cols!)
                .i32(mr - 1)
                .i32Sub(),
            () => {
              tile(mr);
              f.get(ox).i32(mr).i32Add().set(ox);
            },
          );
          whileLt(
            f,
            ox,
            () => f.get(cols!),
            () => {
              tile(1);
              f.get(ox).i32(1).i32Add().set(ox);
            },
          );
          f.get(oy).i32(1).i32Add().set(oy);
        },
      );
      f.get(oc).i32(nr).i32Add().set(oc);
      f.get(wp).get(panelBytes).i32Add().set(wp);
    },
  );
  return f;
}

function windowKernel(name: string, mode: 'dw' | 'max', relaxed: boolean): Func {
  // x, H, W, xPix, y, Ho, Wo, yPix, C, stride, pad, w, b, fill, relu
  const f = new Func(name, Array(15).fill('i32'));
  const [x, hIn, wIn, xPix, y, ho, wo, yPix, ch, stride, pad, w, b, fill, relu] = f.params;
  const oy = f.local('i32');
  const ox = f.local('i32');
  const iy = f.local('i32');
  const ix = f.local('i32');
  const ya = f.local('i32');
  const q = f.local('i32');
  const wq = f.local('i32');
  const lanes = f.local('i32');
  const cBytes = f.local('i32');
  const p = Array.from({ length: 9 }, () => f.local('i32'));
  const acc = f.local('v128');

  f.get(ch!).i32(2).i32Shl().set(cBytes);
  f.i32(0).set(oy);
  whileLt(
    f,
    oy,
    () => f.get(ho!),
    () => {
      f.i32(0).set(ox);
      whileLt(
        f,
        ox,
        () => f.get(wo!),
        () => {
          // Tap pointers: the input pixel, or the fill buffer outside the input.
          for (let ky = 0; ky < 3; ky++) {
            f.get(oy).get(stride!).i32Mul().get(pad!).i32Sub().i32(ky).i32Add().set(iy);
            for (let kx = 0; kx < 3; kx++) {
              f.get(ox).get(stride!).i32Mul().get(pad!).i32Sub().i32(kx).i32Add().set(ix);
              f.get(x!).get(iy).get(wIn!).i32Mul().get(ix).i32Add().get(xPix!).i32Mul().i32Add();
              f.get(fill!);
              f.get(iy).get(hIn!).i32LtU().get(ix).get(wIn!).i32LtU().i32And();
              f.select().set(p[ky * 3 + kx]!);
            }
          }
          f.get(oy).get(wo!).i32Mul().get(ox).i32Add().get(yPix!).i32Mul().get(y!).i32Add();
          f.set(ya);
          f.i32(0).set(q);
          f.get(w!).set(wq);
          whileLt(
            f,
            q,
            () => f.get(cBytes),
            () => {
              if (mode === 'dw') {
                f.get(b!).get(q).i32Add().v128Load().set(acc);
                for (let k = 0; k < 9; k++) {
                  f.get(p[k]!)
                    .get(q)
                    .i32Add()
                    .v128Load()
                    .get(wq)
                    .v128Load(16 * k);
                  if (relaxed) f.get(acc).f32x4RelaxedMadd().set(acc);
                  else f.f32x4Mul().get(acc).f32x4Add().set(acc);
                }
                f.get(wq).i32(144).i32Add().set(wq);
              } else {
                f.get(p[0]!).get(q).i32Add().v128Load().set(acc);
                for (let k = 1; k < 9; k++) {
                  f.get(acc).get(p[k]!).get(q).i32Add().v128Load().f32x4Pmax().set(acc);
                }
              }
              f.get(relu!).if_();
              f.v128Const([0, 0, 0, 0]).get(acc).f32x4Pmax().set(acc);
              f.end();
              f.get(cBytes).get(q).i32Sub().i32(2).i32ShrU().set(lanes);
              f.get(ya).get(q).i32Add().set(iy); // iy reused as the store address
              storePartial(f, iy, 0, acc, lanes);
              f.get(q).i32(16).i32Add().set(q);
            },
          );
          f.get(ox).i32(1).i32Add().set(ox);
        },
      );
      f.get(oy).i32(1).i32Add().set(oy);
    },
  );
  return f;
}

function copyKernel(): Func {
  // dst, dstPix, srcPix, nPix, table, nRuns: for each run (src, dstOff, bytes) and pixel p,
  // copies `bytes` from src + p*srcPix to dst + dstOff + p*dstPix (16-byte vectors, the last one
  // overlapping, when bytes >= 16; else floats).
  const f = new Func('copy', Array(6).fill('i32'));
  const [dst, dstPix, srcPix, nPix, table, nRuns] = f.params;
  const r = f.local('i32');
  const a = f.local('i32');
  const d = f.local('i32');
  const len = f.local('i32');
  const p = f.local('i32');
  const i = f.local('i32');
  f.i32(0).set(r);
  whileLt(
    f,
    r,
    () => f.get(nRuns!),
    () => {
      f.get(table!).get(r).i32(12).i32Mul().i32Add().tee(a).i32Load(8).set(len);
      f.get(dst!).get(a).i32Load(4).i32Add().set(d);
      f.get(a).i32Load().set(a);
      f.i32(0).set(p);
      whileLt(
        f,
        p,
        () => f.get(nPix!),
        () => {
          f.get(len).i32(16).i32GeS().if_();
          f.i32(0).set(i);
          whileLt(
            f,
            i,
            () => f.get(len).i32(16).i32Sub(),
            () => {
              f.get(d).get(i).i32Add().get(a).get(i).i32Add().v128Load().v128Store();
              f.get(i).i32(16).i32Add().set(i);
            },
          );
          f.get(d).get(len).i32Add().i32(16).i32Sub();
          f.get(a).get(len).i32Add().i32(16).i32Sub().v128Load().v128Store();
          f.else_();
          f.i32(0).set(i);
          whileLt(
            f,
            i,
            () => f.get(len),
            () => {
              f.get(d).get(i).i32Add().get(a).get(i).i32Add().f32Load().f32Store();
              f.get(i).i32(4).i32Add().set(i);
            },
          );
          f.end();
          f.get(a).get(srcPix!).i32Add().set(a);
          f.get(d).get(dstPix!).i32Add().set(d);
          f.get(p).i32(1).i32Add().set(p);
        },
      );
      f.get(r).i32(1).i32Add().set(r);
    },
  );
  return f;
}

function addKernel(): Func {
  // a, b, y, bytes (a multiple of 16), relu
  const f = new Func('add', Array(5).fill('i32'));
  const [a, b, y, bytes, relu] = f.params;
  const i = f.local('i32');
  const v = f.local('v128');
  f.i32(0).set(i);
  whileLt(
    f,
    i,
    () => f.get(bytes!),
    () => {
      f.get(a!).get(i).i32Add().v128Load().get(b!).get(i).i32Add().v128Load().f32x4Add().set(v);
      f.get(relu!).if_();
      f.v128Const([0, 0, 0, 0]).get(v).f32x4Pmax().set(v);
      f.end();
      f.get(y!).get(i).i32Add().get(v).v128Store();
      f.get(i).i32(16).i32Add().set(i);
    },
  );
  return f;
}

function gapKernel(): Func {
  // x, nPix, xPix, C, y, scale: y[c] = scale * sum_p x[p, c]
  const f = new Func('gap', ['i32', 'i32', 'i32', 'i32', 'i32', 'f32']);
  const [x, nPix, xPix, ch, y, scale] = f.params;
  const q = f.local('i32');
  const a = f.local('i32');
  const end = f.local('i32');
  const lanes = f.local('i32');
  const ya = f.local('i32');
  const acc = f.local('v128');
  f.i32(0).set(q);
  whileLt(
    f,
    q,
    () => f.get(ch!).i32(2).i32Shl(),
    () => {
      f.v128Const([0, 0, 0, 0]).set(acc);
      f.get(x!).get(q).i32Add().set(a);
      f.get(a).get(nPix!).get(xPix!).i32Mul().i32Add().set(end);
      whileLt(
        f,
        a,
        () => f.get(end),
        () => {
          f.get(acc).get(a).v128Load().f32x4Add().set(acc);
          f.get(a).get(xPix!).i32Add().set(a);
        },
      );
      f.get(acc).get(scale!).f32x4Splat().f32x4Mul().set(acc);
      f.get(ch!).i32(2).i32Shl().get(q).i32Sub().i32(2).i32ShrU().set(lanes);
      f.get(y!).get(q).i32Add().set(ya);
      storePartial(f, ya, 0, acc, lanes);
      f.get(q).i32(16).i32Add().set(q);
    },
  );
  return f;
}

/** The kernel module's bytes. */
export function kernelModule(o: KernelOptions): Uint8Array<ArrayBuffer> {
  return encodeModule([
    convKernel('conv', o),
    // One vector wide, for the last few outputs of a layer (see engine.ts).
    convKernel('conv4', { ...o, mr: 2 * o.mr, nv: 1 }),
    windowKernel('dw', 'dw', o.relaxed),
    windowKernel('maxpool', 'max', o.relaxed),
    copyKernel(),
    addKernel(),
    gapKernel(),
  ]);
}

export type ConvArgs = Parameters<Kernels['conv']>;

export interface Kernels {
  /** conv with tiles one vector (4 outputs) wide; weights packed with nr = 4. */
  conv4(...args: ConvArgs): void;
  conv(
    x: number,
    xRow: number,
    xPix: number,
    y: number,
    yRow: number,
    yPix: number,
    rows: number,
    cols: number,
    w: number,
    b: number,
    n: number,
    segs: number,
    nseg: number,
    relu: number,
    /** Byte distance from the output to a residual of the same layout; 0: none. */
    resDelta: number,
  ): void;
  dw(...args: number[]): void;
  maxpool(...args: number[]): void;
  copy(
    dst: number,
    dstPix: number,
    srcPix: number,
    nPix: number,
    table: number,
    nRuns: number,
  ): void;
  add(a: number, b: number, y: number, bytes: number, relu: number): void;
  gap(x: number, nPix: number, xPix: number, c: number, y: number, scale: number): void;
}

const compiled = new Map<string, WebAssembly.Module>();

let relaxedProbe: boolean | undefined;

/** Whether this engine runs relaxed SIMD's multiply-add (checked once by validation). */
export function hasRelaxedSimd(): boolean {
  if (relaxedProbe === undefined) {
    const f = new Func('p', ['i32']);
    const [a] = f.params;
    f.get(a!).v128Load().get(a!).v128Load().get(a!).v128Load().f32x4RelaxedMadd().drop();
    relaxedProbe = typeof WebAssembly === 'object' && WebAssembly.validate(encodeModule([f]));
  }
  return relaxedProbe;
}

/** Whether this engine runs WebAssembly SIMD at all. */
export function hasSimd(): boolean {
  const f = new Func('p', []);
  f.v128Const([0, 0, 0, 0]).drop();
  return typeof WebAssembly === 'object' && WebAssembly.validate(encodeModule([f]));
}

/** Compiles (once per option set) and instantiates the kernels on `memory`. */
export function instantiateKernels(memory: WebAssembly.Memory, o: KernelOptions): Kernels {
  const key = JSON.stringify(o);
  let module = compiled.get(key);
  if (!module) {
    module = new WebAssembly.Module(kernelModule(o));
    compiled.set(key, module);
  }
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as Kernels;
}

/**
 * `conv`'s weight layout: a [k, n] matrix (row r = the r-th reduction element in segment order,
 * column = output channel) as panels of `nr` columns, each [k][nr], zero-padded past n.
 */
export function packPanels(w: Float32Array, k: number, n: number, nr: number): Float32Array {
  if (w.length !== k * n) throw new Error(`packPanels: ${w.length} weights for [${k}, ${n}]`);
  const panels = Math.ceil(n / nr);
  const out = new Float32Array(panels * k * nr);
  for (let p = 0; p < panels; p++)
    for (let r = 0; r < k; r++)
      for (let j = 0; j < nr && p * nr + j < n; j++) {
        out[(p * k + r) * nr + j] = w[r * n + p * nr + j]!;
      }
  return out;
}

/** `dw`'s weight layout: [9, c] taps (row-major 3x3) as [ceil(c/4)][9][4], zero-padded. */
export function packDepthwise(w: Float32Array, c: number): Float32Array {
  if (w.length !== 9 * c) throw new Error(`packDepthwise: ${w.length} weights for [9, ${c}]`);
  const blocks = Math.ceil(c / 4);
  const out = new Float32Array(blocks * 36);
  for (let q = 0; q < blocks; q++)
    for (let t = 0; t < 9; t++)
      for (let j = 0; j < 4 && q * 4 + j < c; j++) out[(q * 9 + t) * 4 + j] = w[t * c + q * 4 + j]!;
  return out;
}
