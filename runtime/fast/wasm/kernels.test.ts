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
  { relaxed: false, mr: 4, nv: 2 },
  { relaxed: true, mr: 4, nv: 2 },
  { relaxed: true, mr: 3, nv: 3 },
];

describe('kernel module', () => {
  it('validates with and without relaxed SIMD', () => {
    expect(hasRelaxedSimd()).toBe(true);
    for (const v of variants) expect(WebAssembly.validate(kernelModule(v))).toBe(true);
  });
});

for (const v of variants) {
  describe(`kernels (relaxed ${v.relaxed}, ${v.mr}x${4 * v.nv} tiles)`, () => {
    it('conv 1x1: a channel block of a wider input into a slice of a wider output, tails on both axes', () => {
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
      const segs = a.ints([0]);
      for (const relu of [0, 1]) {
        k.conv(
          xa + 4 * k0,
          0,
          4 * cIn,
          ya + 4 * o0,
          0,
          4 * cOut,
          1,
          p,
          wa,
          ba,
          n,
          segs,
          1,
          kLen,
          relu,
        );
        const want = Float32Array.from(before);
        for (let i = 0; i < p; i++)
          for (let o = 0; o < n; o++) {
            let s = bias[o]!;
            for (let r = 0; r < kLen; r++) s += x[i * cIn + k0 + r]! * w[r * n + o]!;
            want[i * cOut + o0 + o] = relu ? Math.max(s, 0) : s;
          }
        // Channels outside [o0, o0 + n) keep their values.
        expectClose(a.read(ya, p * cOut), want);
      }
    });

    it('conv 3x3 stride 2 as nine segments over a zero-padded input', () => {
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
      const offs = [];
      for (let ky = 0; ky < 3; ky++)
        for (let kx = 0; kx < 3; kx++) offs.push(4 * c * (ky * wp + kx));
      const segs = a.ints(offs);
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
        9,
        c,
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

    it('gather, add (+ReLU) and global average pool', () => {
      const a = arena();
      const k = instantiateKernels(a.memory, v);
      const [p, c] = [6, 5];
      const x = randoms(p * c, 11);
      const z = randoms(p * 2, 12);
      const xa = a.alloc(x.length, x);
      const za = a.alloc(z.length, z);
      // out channels: x[2], z[1], x[0]
      const table = a.ints([xa + 8, 4 * c, za + 4, 8, xa, 4 * c]);
      const ga = a.alloc(p * 3);
      k.gather(ga, 12, p, table, 3);
      const got = a.read(ga, p * 3);
      for (let i = 0; i < p; i++) {
        expect([...got.subarray(i * 3, i * 3 + 3)]).toEqual([x[i * c + 2], z[i * 2 + 1], x[i * c]]);
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
