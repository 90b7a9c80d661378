/**
 * Channel-order algebra of the fast path (runtime/fast/fast-model.ts), in plain arrays.
 *
 * A stored activation may hold its channels in another order than the network defines ("true"
 * order). Its order is a permutation `perm`: stored channel k holds true channel perm[k]; `null`
 * is the identity. Every op that treats channels independently (ReLU, BatchNorm, pooling, a
 * depthwise convolution) commutes with any channel permutation, and a convolution that sums over
 * its input channels gives the same result whatever order those channels come in, as long as
 * its weights come in the same order. So instead of moving the data of a shuffle, the fast path
 * moves the weights once, at load:
 *
 * - a shuffle op with g groups maps true channel c = i*(C/g) + j to s(c) = j*g + i (torchvision's
 *   view(g, C/g) -> transpose -> flatten: output j*g+i takes input i*(C/g)+j). After it, the
 *   stored tensor is unchanged and perm'[k] = s(perm[k]): nothing runs.
 * - a convolution consuming a tensor stored in order perm reads true input channel perm[k] from
 *   stored channel k, so its filter row for stored channel k is the true row perm[k]:
 *   W'[.., k, o] = W[.., perm[k], o] (`permuteRows`). Exact: the sum over k of
 *   W[.., perm[k], o] * x_true[perm[k]] is the true sum, in another summation order.
 * - a dense convolution can write its outputs in any order `order` (stored output k = true output
 *   order[k]): W'[.., k] = W[.., order[k]], bias'[k] = bias[order[k]] (`permuteColumns`). Writing
 *   them in order s^-1 before a shuffle s makes the shuffled tensor's perm s(s^-1(k)) = k, the
 *   identity, so nothing downstream needs to know.
 * - a depthwise convolution keeps the order: its per-channel weights follow it,
 *   W'[.., 0, k] = W[.., 0, perm[k]].
 */

/** Filter data in grouped HWIO layout [kh, kw, inPerGroup, outC] with a per-output bias. */
export interface HwioFilter {
  shape: [number, number, number, number];
  data: Float32Array;
  bias: Float32Array;
}

export function isIdentity(perm: ArrayLike<number> | null): boolean {
  if (perm === null) return true;
  for (let k = 0; k < perm.length; k++) if (perm[k] !== k) return false;
  return true;
}

export function identityPerm(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, k) => k);
}

/** torchvision's shuffle as a map of true channels: s(i*(C/g) + j) = j*g + i. */
export function shuffleMap(channels: number, groups: number): Int32Array {
  const n = channels / groups;
  if (!Number.isInteger(n)) throw new Error(`shuffle: ${channels} channels, ${groups} groups`);
  const s = new Int32Array(channels);
  for (let i = 0; i < groups; i++) for (let j = 0; j < n; j++) s[i * n + j] = j * groups + i;
  return s;
}

/** f after g as arrays: (f . g)[k] = f[g[k]]. */
export function compose(f: ArrayLike<number>, g: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: g.length }, (_, k) => f[g[k]!]!);
}

export function invert(p: ArrayLike<number>): Int32Array {
  const inv = new Int32Array(p.length);
  for (let k = 0; k < p.length; k++) inv[p[k]!] = k;
  return inv;
}

/** W'[.., k, o] = W[.., perm[k], o] (the filter of a conv reading a tensor stored in `perm`). */
export function permuteRows(f: HwioFilter, perm: ArrayLike<number> | null): HwioFilter {
  if (perm === null) return f;
  const [kh, kw, inC, outC] = f.shape;
  if (perm.length !== inC) throw new Error(`permuteRows: ${perm.length} rows for ${inC}`);
  const data = new Float32Array(f.data.length);
  for (let y = 0; y < kh * kw; y++)
    for (let k = 0; k < inC; k++) {
      const from = (y * inC + perm[k]!) * outC;
      data.set(f.data.subarray(from, from + outC), (y * inC + k) * outC);
    }
  return { shape: f.shape, data, bias: f.bias };
}

/** W'[.., k] = W[.., order[k]], bias'[k] = bias[order[k]] (outputs written in `order`). */
export function permuteColumns(f: HwioFilter, order: ArrayLike<number> | null): HwioFilter {
  if (order === null) return f;
  const outC = f.shape[3];
  if (order.length !== outC) throw new Error(`permuteColumns: ${order.length} for ${outC}`);
  const data = new Float32Array(f.data.length);
  for (let r = 0; r < f.data.length / outC; r++)
    for (let k = 0; k < outC; k++) data[r * outC + k] = f.data[r * outC + order[k]!]!;
  const bias = Float32Array.from({ length: outC }, (_, k) => f.bias[order[k]!]!);
  return { shape: f.shape, data, bias };
}

/**
 * The dense [kh, kw, inC, outC] filter equal to a group convolution (zeros between groups):
 * `groups` times the multiply-adds, but one convolution whose rows and columns can be permuted
 * freely, which a split group convolution's cannot.
 */
export function blockDiagonal(f: HwioFilter, groups: number): HwioFilter {
  const [kh, kw, inG, outC] = f.shape;
  const inC = inG * groups;
  const outG = outC / groups;
  const data = new Float32Array(kh * kw * inC * outC);
  for (let y = 0; y < kh * kw; y++)
    for (let g = 0; g < groups; g++)
      for (let r = 0; r < inG; r++)
        for (let o = g * outG; o < (g + 1) * outG; o++)
          data[(y * inC + g * inG + r) * outC + o] = f.data[(y * inG + r) * outC + o]!;
  return { shape: [kh, kw, inC, outC], data, bias: f.bias };
}

/** Splits a grouped filter into one dense filter per group (output columns g*outG..). */
export function splitGroups(f: HwioFilter, groups: number): HwioFilter[] {
  const [kh, kw, inG, outC] = f.shape;
  const outG = outC / groups;
  return Array.from({ length: groups }, (_, g) => {
    const data = new Float32Array(kh * kw * inG * outG);
    for (let r = 0; r < kh * kw * inG; r++)
      for (let o = 0; o < outG; o++) data[r * outG + o] = f.data[r * outC + g * outG + o]!;
    return {
      shape: [kh, kw, inG, outG] as [number, number, number, number],
      data,
      bias: f.bias.slice(g * outG, (g + 1) * outG),
    };
  });
}

/**
 * Whether reshaping a stored [P, C] tensor to [P, A, C/A] and swapping the last two axes puts
 * every channel in true order, i.e. perm[a*(C/A) + b] = b*A + a; returns such an A or null.
 * (This is how an unfoldable shuffle still runs as one transpose.)
 */
export function transposeFor(perm: ArrayLike<number>): number | null {
  const c = perm.length;
  for (let a = 2; a < c; a++) {
    if (c % a !== 0) continue;
    const b = c / a;
    let ok = true;
    for (let i = 0; i < a && ok; i++)
      for (let j = 0; j < b && ok; j++) ok = perm[i * b + j] === j * a + i;
    if (ok) return a;
  }
  return null;
}
