import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random.ts';
import {
  hasRelaxedSimd,
  instantiateKernels,
  kernelModule,
  packDepthwise,
  packPanels,
  type KernelOptions,
} from './kernels.ts';

/** A memory with a bump allocator (16-byte aligned, 64 spare bytes after each block). */
function arena() {
  const memory = new WebAssembly.Memory({ initial: 64 });
  let top = 64;
  const f32 = () => new Float32Array(memory.buffer);
  return {
    memory,
    alloc(floats: number, data?: ArrayLike<number>): number {
      const at = top;
      top += Math.ceil((floats * 4 + 64) / 16) * 16;
      if (data) f32().set(data, at / 4);
      return at;
    },
    ints(data: number[]): number {
      const at = top;
      top += Math.ceil((data.length * 4 + 16) / 16) * 16;
      new Int32Array(memory.buffer).set(data, at / 4);
      return at;
    },
    read: (at: number, n: number) => f32().slice(at / 4, at / 4 + n),
  };
}

function randoms(n: number, seed: number): Float32Array {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n }, () => r() * 2 - 1);
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5) {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  expect(worst).toBeLessThan(tol);
}

const variants: KernelOptions[] = [
  { relaxed: false, mr: 4, nv: 2, ku: 1 },
  { relaxed: true, mr: 4, nv: 2, ku: 2 },
  { relaxed: true, mr: 3, nv: 3, ku: 4 },
];

describe('kernel module', () => {
  it('validates with and without relaxed SIMD', () => {
    expect(hasRelaxedSimd()).toBe(true);
    for (const v of variants) expect(WebAssembly.validate(kernelModule(v))).toBe(true);
  });
});

for (const v of variants) {
  describe(`kernels (relaxed ${v.relaxed}, ${v.mr}x${4 * v.nv} tiles, ${v.ku} channels a step)`, () => {
    it('conv 1x1: a channel block of a wider input into a slice of a wider output, tails on both axes, residual', () => {
      const a = arena();
      const k = instantiateKernels(a.memory, v);
      const [p, cIn, k0, kLen, n, cOut, o0] = [13, 40, 5, 29, 19, 30, 7];
      const x = randoms(p * cIn, 1);
      const w = randoms(kLen * n, 2);
      const bias = randoms(n, 3);
      const nr = 4 * v.nv;
      const xa = a.alloc(x.length, x);
      const wa = a.alloc(Math.ceil(n / nr) * nr * kLen, packPanels(w, kLen, n, nr));
      const ba = a.alloc(Math.ceil(n / nr) * nr, bias);
      const before = randoms(p * cOut, 4);
      const ya = a.alloc(p * cOut, before);
      const segs = a.ints([0, kLen]);
      // A residual in the output's layout, added before the ReLU when given.
      const res = randoms(p * cOut, 5);
      const ra = a.alloc(res.length, res);
      for (const [relu, withRes] of [
        [0, 0],
        [1, 0],
        [1, 1],
      ]) {
        const delta = withRes ? ra - ya : 0;
        const y = ya + 4 * o0;
        k.conv(xa + 4 * k0, 0, 4 * cIn, y, 0, 4 * cOut, 1, p, wa, ba, n, segs, 1, relu!, delta);
        const want = Float32Array.from(before);
        for (let i = 0; i < p; i++)
          for (let o = 0; o < n; o++) {
            let s = bias[o]! + (withRes ? res[i * cOut + o0 + o]! : 0);
            for (let r = 0; r < kLen; r++) s += x[i * cIn + k0 + r]! * w[r * n + o]!;
            want[i * cOut + o0 + o] = relu ? Math.max(s, 0) : s;
          }
        // Channels outside [o0, o0 + n) keep their values.
        expectClose(a.read(ya, p * cOut), want);
      }
    });

    it('conv4 (one vector wide): the last 3 outputs of a layer, beside values it must keep', () => {
      const a = arena();
      const k = instantiateKernels(a.memory, v);
      const [p, kLen, n, cOut] = [11, 13, 3, 5];
      const x = randoms(p * kLen, 31);
      const w = randoms(kLen * n, 32);
      const bias = randoms(n, 33);
      const xa = a.alloc(x.length, x);
      const wa = a.alloc(4 * kLen, packPanels(w, kLen, n, 4));
      const ba = a.alloc(4, bias);
      const before = randoms(p * cOut, 34);
      const ya = a.alloc(p * cOut, before);
      k.conv4(xa, 0, 4 * kLen, ya + 8, 0, 4 * cOut, 1, p, wa, ba, n, a.ints([0, kLen]), 1, 0, 0);
      const want = Float32Array.from(before);
      for (let i = 0; i < p; i++)
        for (let o = 0; o < n; o++) {
          let s = bias[o]!;
          for (let r = 0; r < kLen; r++) s += x[i * kLen + r]! * w[r * n + o]!;
          want[i * cOut + 2 + o] = s;
        }
      expectClose(a.read(ya, p * cOut), want);
    });

    it('conv 1x1 over channels scattered in runs of unequal length (segments)', () => {
      const a = arena();
      const k = instantiateKernels(a.memory, v);
      const [p, cIn, n] = [7, 24, 9];
      const runs: [number, number][] = [
        [17, 5],
        [2, 7],
        [11, 1],
      ];
      const kLen = runs.reduce((t, r) => t + r[1], 0);
      const x = randoms(p * cIn, 21);
      const w = randoms(kLen * n, 22);
      const nr = 4 * v.nv;
      const xa = a.alloc(x.length, x);
      const wa = a.alloc(Math.ceil(n / nr) * nr * kLen, packPanels(w, kLen, n, nr));
      const ba = a.alloc(Math.ceil(n / nr) * nr);
      const ya = a.alloc(p * n);
      const segs = a.ints(runs.flatMap(([at, len]) => [4 * at, len]));
      k.conv(xa, 0, 4 * cIn, ya, 0, 4 * n, 1, p, wa, ba, n, segs, runs.length, 0, 0);
      const channels = runs.flatMap(([at, len]) => Array.from({ length: len }, (_, j) => at + j));
      const want = new Float32Array(p * n);
      for (let i = 0; i < p; i++)
        for (let o = 0; o < n; o++) {
          let s = 0;
          channels.forEach((ch, r) => (s += x[i * cIn + ch]! * w[r * n + o]!));
          want[i * n + o] = s;
        }
      expectClose(a.read(ya, p * n), want);
    });

    it('conv 3x3 stride 2 as three row segments over a zero-padded input', () => {
      const a = arena();
      const k = instantiateKernels(a.memory, v);
      const [h, wd, c, n, s] = [9, 11, 3, 10, 2];
      const [hp, wp] = [h + 2, wd + 2];
      const ho = Math.floor((h + 2 - 3) / s) + 1;
      const wo = Math.floor((wd + 2 - 3) / s) + 1;
      const x = randoms(h * wd * c, 5);
      const padded = new Float32Array(hp * wp * c);
      for (let i = 0; i < h; i++)
        padded.set(x.subarray(i * wd * c, (i + 1) * wd * c), ((i + 1) * wp + 1) * c);
      const w = randoms(9 * c * n, 6); // HWIO
      const bias = randoms(n, 7);
      const nr = 4 * v.nv;
      const xa = a.alloc(padded.length, padded);
      const wa = a.alloc(Math.ceil(n / nr) * nr * 9 * c, packPanels(w, 9 * c, n, nr));
      const ba = a.alloc(Math.ceil(n / nr) * nr, bias);
      const ya = a.alloc(ho * wo * n);
      // One segment per kernel row: 3 taps x c channels are consecutive in the padded input.
      const segs = a.ints([0, 1, 2].flatMap((ky) => [4 * c * ky * wp, 3 * c]));
      k.conv(
        xa,
        4 * s * wp * c,
        4 * s * c,
        ya,
        4 * wo * n,
        4 * n,
        ho,
        wo,
        wa,
        ba,
        n,
        segs,
        3,
        0,
        0,
      );
      const want = new Float32Array(ho * wo * n);
      for (let oy = 0; oy < ho; oy++)
        for (let ox = 0; ox < wo; ox++)
          for (let o = 0; o < n; o++) {
            let sum = bias[o]!;
            for (let ky = 0; ky < 3; ky++)
              for (let kx = 0; kx < 3; kx++) {
                const iy = oy * s + ky - 1;
                const ix = ox * s + kx - 1;
                if (iy < 0 || ix < 0 || iy >= h || ix >= wd) continue;
                for (let ci = 0; ci < c; ci++) {
                  sum += x[(iy * wd + ix) * c + ci]! * w[((ky * 3 + kx) * c + ci) * n + o]!;
                }
              }
            want[(oy * wo + ox) * n + o] = sum;
          }
      expectClose(a.read(ya, want.length), want);
    });

    for (const [stride, c] of [
      [1, 10],
      [2, 8],
      [2, 7],
    ]) {
      it(`depthwise 3x3 stride ${stride}, ${c} channels, and max pool, padding 1`, () => {
        const a = arena();
        const k = instantiateKernels(a.memory, v);
        const [h, wd] = [7, 6];
        const ho = Math.floor((h - 1) / stride) + 1;
        const wo = Math.floor((wd - 1) / stride) + 1;
        const x = randoms(h * wd * c, 8);
        const w = randoms(9 * c, 9);
        const bias = randoms(c, 10);
        const xa = a.alloc(x.length, x);
        const wa = a.alloc(Math.ceil(c / 4) * 36, packDepthwise(w, c));
        const ba = a.alloc(Math.ceil(c / 4) * 4, bias);
        const zeros = a.alloc(c + 4);
        const ninf = a.alloc(c + 4, new Float32Array(c + 4).fill(-Infinity));
        const ya = a.alloc(ho * wo * c);
        const ma = a.alloc(ho * wo * c);
        k.dw(xa, h, wd, 4 * c, ya, ho, wo, 4 * c, c, stride, 1, wa, ba, zeros, 1);
        k.maxpool(xa, h, wd, 4 * c, ma, ho, wo, 4 * c, c, stride, 1, 0, 0, ninf, 0);
        const want = new Float32Array(ho * wo * c);
        const wantMax = new Float32Array(ho * wo * c);
        for (let oy = 0; oy < ho; oy++)
          for (let ox = 0; ox < wo; ox++)
            for (let ci = 0; ci < c; ci++) {
              let s = bias[ci]!;
              let m = -Infinity;
              for (let ky = 0; ky < 3; ky++)
                for (let kx = 0; kx < 3; kx++) {
                  const iy = oy * stride + ky - 1;
                  const ix = ox * stride + kx - 1;
                  if (iy < 0 || ix < 0 || iy >= h || ix >= wd) continue;
                  s += x[(iy * wd + ix) * c + ci]! * w[(ky * 3 + kx) * c + ci]!;
                  m = Math.max(m, x[(iy * wd + ix) * c + ci]!);
                }
              want[(oy * wo + ox) * c + ci] = Math.max(s, 0);
              wantMax[(oy * wo + ox) * c + ci] = m;
            }
        expectClose(a.read(ya, want.length), want);
        expectClose(a.read(ma, want.length), wantMax);
      });
    }

    it('copy, add (+ReLU) and global average pool', () => {
      const a = arena();
      const k = instantiateKernels(a.memory, v);
      const [p, c] = [6, 5];
      const x = randoms(p * c, 11);
      const xa = a.alloc(x.length, x);
      // Output pixel [x[1..5), x[3], x[0]]: runs of 16 bytes (one vector), 4 and 4 (floats).
      const table = a.ints([xa + 4, 0, 16, xa + 12, 16, 4, xa, 20, 4]);
      const ga = a.alloc(p * 6);
      k.copy(ga, 24, 4 * c, p, table, 3);
      const got = a.read(ga, p * 6);
      for (let i = 0; i < p; i++) {
        const row = [...x.subarray(i * c + 1, i * c + 5), x[i * c + 3]!, x[i * c]!];
        expect([...got.subarray(i * 6, i * 6 + 6)]).toEqual(row);
      }
      // 28 bytes: one vector and an overlapping last one.
      const long = randoms(p * 9, 14);
      const la = a.alloc(long.length, long);
      const ca = a.alloc(p * 7);
      k.copy(ca, 28, 36, p, a.ints([la + 8, 0, 28]), 1);
      const copied = a.read(ca, p * 7);
      for (let i = 0; i < p; i++) {
        expect([...copied.subarray(i * 7, i * 7 + 7)]).toEqual([
          ...long.subarray(i * 9 + 2, i * 9 + 9),
        ]);
      }
      const b = randoms(p * c, 13);
      const ba = a.alloc(b.length, b);
      const sa = a.alloc(p * c);
      const n16 = Math.ceil((p * c) / 4) * 16;
      k.add(xa, ba, sa, n16, 1);
      expectClose(
        a.read(sa, p * c),
        Array.from(x, (xi, i) => Math.max(xi + b[i]!, 0)),
      );
      const ya = a.alloc(c);
      k.gap(xa, p, 4 * c, c, ya, 1 / p);
      const mean = Array.from({ length: c }, (_, ci) => {
        let s = 0;
        for (let i = 0; i < p; i++) s += x[i * c + ci]!;
        return s / p;
      });
      expectClose(a.read(ya, c), mean);
    });
  });
}
