/**
 * Channel routing on the last axis: shuffles, concatenation and the two ways ShuffleNet V2
 * implementations split a tensor. Each permutation is derived here from the reshape/transpose
 * in the reference code, not taken from the code under test.
 */
import { channelsOf, type OracleTensor } from './tensor.ts';

/** Output channel o takes input channel sourceOf[o]; works on any rank (channels last). */
function gatherChannels(x: OracleTensor, sourceOf: number[]): OracleTensor {
  const inC = channelsOf(x);
  const outC = sourceOf.length;
  const positions = x.data.length / inC;
  const out = new Float32Array(positions * outC);
  for (let p = 0; p < positions; p++) {
    for (let o = 0; o < outC; o++) out[p * outC + o] = x.data[p * inC + sourceOf[o]!]!;
  }
  return { shape: [...x.shape.slice(0, -1), outC], data: out };
}

function requireDivisible(what: string, channels: number, by: number): void {
  if (!Number.isInteger(by) || by < 1 || channels % by !== 0) {
    throw new Error(`${what}: ${channels} channels cannot be divided into ${by} groups`);
  }
}

/**
 * torchvision `channel_shuffle(x, groups)`: view (B, g, C/g, H, W), transpose(1, 2), flatten.
 * Element (i, j) of the (g, C/g) view, input channel i*(C/g)+j, lands at position (j, i) of the
 * transposed (C/g, g) view, output channel j*g+i. [V1] Sec 3.1 describes the same reshape.
 */
export function channelShuffle(x: OracleTensor, groups: number): OracleTensor {
  const c = channelsOf(x);
  requireDivisible('channelShuffle', c, groups);
  const perGroup = c / groups;
  const sourceOf = new Array<number>(c);
  for (let i = 0; i < groups; i++) {
    for (let j = 0; j < perGroup; j++) sourceOf[j * groups + i] = i * perGroup + j;
  }
  return gatherChannels(x, sourceOf);
}

/**
 * megvii ShuffleNetV1 `channel_shuffle`: reshape (B, C/g, g, H, W), permute(0, 2, 1, 3, 4),
 * flatten. Element (b, a) of the (C/g, g) view, input channel b*g+a, lands at (a, b) of the
 * (g, C/g) view, output channel a*(C/g)+b. That is torchvision's shuffle with C/g groups, and
 * the inverse of torchvision's shuffle with g groups.
 */
export function megviiV1ChannelShuffle(x: OracleTensor, groups: number): OracleTensor {
  const c = channelsOf(x);
  requireDivisible('megviiV1ChannelShuffle', c, groups);
  const perGroup = c / groups;
  const sourceOf = new Array<number>(c);
  for (let b = 0; b < perGroup; b++) {
    for (let a = 0; a < groups; a++) sourceOf[a * perGroup + b] = b * groups + a;
  }
  return gatherChannels(x, sourceOf);
}

/** torch.cat(parts, dim=channels), in order. */
export function concatChannels(parts: OracleTensor[]): OracleTensor {
  const first = parts[0];
  if (!first) throw new Error('concatChannels needs at least one tensor');
  const lead = first.shape.slice(0, -1).join(',');
  for (const part of parts) {
    if (part.shape.slice(0, -1).join(',') !== lead) {
      throw new Error(
        `concatChannels needs equal shapes except channels, got [${first.shape.join(', ')}] ` +
          `and [${part.shape.join(', ')}]`,
      );
    }
  }
  const widths = parts.map(channelsOf);
  const outC = widths.reduce((a, b) => a + b, 0);
  const positions = first.data.length / widths[0]!;
  const out = new Float32Array(positions * outC);
  for (let p = 0; p < positions; p++) {
    let offset = p * outC;
    parts.forEach((part, k) => {
      const width = widths[k]!;
      out.set(part.data.subarray(p * width, (p + 1) * width), offset);
      offset += width;
    });
  }
  return { shape: [...first.shape.slice(0, -1), outC], data: out };
}

/** torchvision `x.chunk(2, dim=1)`: first half of the channels, then the second half. */
export function splitHalves(x: OracleTensor): [OracleTensor, OracleTensor] {
  const c = channelsOf(x);
  requireDivisible('splitHalves', c, 2);
  const first = Array.from({ length: c / 2 }, (_, k) => k);
  return [
    gatherChannels(x, first),
    gatherChannels(
      x,
      first.map((k) => k + c / 2),
    ),
  ];
}

/**
 * megvii ShuffleNetV2 `channel_shuffle`: reshape (B*C/2, 2, H*W), permute(1, 0, 2), reshape
 * (2, B, C/2, H, W). Row r of part t is input channel 2r+t: part 0 holds the even channels,
 * part 1 the odd ones.
 */
export function splitEvenOdd(x: OracleTensor): [OracleTensor, OracleTensor] {
  const c = channelsOf(x);
  requireDivisible('splitEvenOdd', c, 2);
  const rows = Array.from({ length: c / 2 }, (_, r) => r);
  return [
    gatherChannels(
      x,
      rows.map((r) => 2 * r),
    ),
    gatherChannels(
      x,
      rows.map((r) => 2 * r + 1),
    ),
  ];
}
