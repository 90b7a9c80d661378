/**
 * A V2 stage without any split, slice or shuffle at run time: the "pieces" plan.
 *
 * In a V2 stage, a stride-1 unit passes half of its input through and feeds the other half to
 * its branch; concat + shuffle then interleave the two (torchvision), or the next unit splits
 * even/odd (megvii). Where each output channel of each branch goes is therefore fixed by the
 * architecture: it either becomes part of the branch input of one later unit of the stage, or it
 * survives to the stage's output. `planStage` follows every channel through the units once, at
 * load, with the true-position algebra of the architecture:
 *
 *   stride-2 unit: concat channel c (c < W0 from branch 0, else branch 1) lands at position
 *     o = s(c) with s = shuffle(2) (torchvision) or o = c (megvii);
 *   stride-1 unit with C channels: the channel at position p goes to the branch, as its input
 *     channel p - C/2 (torchvision chunk: p >= C/2) or (p - 1)/2 (megvii: p odd); otherwise it
 *     passes through as channel q = p (chunk) or p/2 (even), and the unit's output puts it at
 *     o = s(q), its own branch output channel j at o = s(C/2 + j).
 *
 * Each branch's last convolution is then split by destination into several convolutions (the
 * same multiply-adds, split over output columns), so every piece is born as its own tensor. A
 * unit's branch input is the concatenation of the pieces bound for it, in any order: its first
 * convolution's rows are permuted to match (perm.ts). The stage output is the concatenation of
 * the surviving pieces, in the order the next stage's weights are arranged for.
 *
 * This replaces, per unit, a channel split (two slices), a concat and a transpose by one concat:
 * on tfjs-wasm, Slice reads its whole input back into JS and copies a row at a time, while Concat
 * works on views of the wasm heap (tfjs-backend-wasm kernels/Slice.ts, Concat.ts).
 */
import { shuffleMap } from './perm.ts';

export interface StageShape {
  /** Output widths of the stride-2 unit's two branches. */
  firstWidths: [number, number];
  /** Number of stride-1 units after it. */
  units: number;
  /** torchvision: shuffle(2) after every concat, chunk(2) split; megvii: no shuffle, even/odd. */
  layout: 'torchvision' | 'megvii';
}

/** Where one producer channel goes: a later unit's branch input index, or the stage output. */
export type Destination = { unit: number; index: number } | { unit: 'end'; index: number };

export interface Piece {
  /** Producer: 0 and 1 are the stride-2 unit's branches, 2 + u is stride-1 unit u's branch. */
  producer: number;
  /** Producer output channels, ascending. */
  channels: number[];
  /** Consumer: a stride-1 unit or 'end'. */
  unit: number | 'end';
  /** For each channel, its index in the consumer's input (branch input or stage output). */
  indices: number[];
}

export interface StagePlan {
  channels: number;
  /** Pieces in a fixed order: by producer, then by consumer. */
  pieces: Piece[];
  /** Per stride-1 unit, the piece ids concatenated into its branch input, in order. */
  inputs: number[][];
  /** Piece ids concatenated into the stage output, in order. */
  output: number[];
}

export function planStage(shape: StageShape): StagePlan {
  const [w0, w1] = shape.firstWidths;
  const c = w0 + w1;
  const half = c / 2;
  const tv = shape.layout === 'torchvision';
  const s = tv ? shuffleMap(c, 2) : null;
  const land = (concat: number) => (s ? s[concat]! : concat);
  type Origin = { producer: number; channel: number };
  let at: Origin[] = new Array<Origin>(c);
  for (let k = 0; k < c; k++) {
    at[land(k)] = k < w0 ? { producer: 0, channel: k } : { producer: 1, channel: k - w0 };
  }
  const dest = new Map<string, Destination>();
  const key = (o: Origin) => `${o.producer}:${o.channel}`;
  for (let u = 0; u < shape.units; u++) {
    const next = new Array<Origin>(c);
    for (let p = 0; p < c; p++) {
      const toBranch = tv ? p >= half : p % 2 === 1;
      if (toBranch) dest.set(key(at[p]!), { unit: u, index: tv ? p - half : (p - 1) / 2 });
      else next[land(tv ? p : p / 2)] = at[p]!;
    }
    for (let j = 0; j < half; j++) next[land(half + j)] = { producer: 2 + u, channel: j };
    at = next;
  }
  for (let p = 0; p < c; p++) dest.set(key(at[p]!), { unit: 'end', index: p });

  const widths = [w0, w1, ...Array.from({ length: shape.units }, () => half)];
  const pieces: Piece[] = [];
  widths.forEach((width, producer) => {
    const groups = new Map<number | 'end', Piece>();
    for (let channel = 0; channel < width; channel++) {
      const d = dest.get(key({ producer, channel }));
      if (!d) throw new Error(`internal: channel ${producer}:${channel} has no destination`);
      let piece = groups.get(d.unit);
      if (!piece) {
        piece = { producer, channels: [], unit: d.unit, indices: [] };
        groups.set(d.unit, piece);
      }
      piece.channels.push(channel);
      piece.indices.push(d.index);
    }
    // Consumers in stage order, the output last.
    const order = [...groups.keys()].sort((a, b) =>
      a === 'end' ? 1 : b === 'end' ? -1 : (a as number) - (b as number),
    );
    for (const unit of order) pieces.push(groups.get(unit)!);
  });
  const inputs = Array.from({ length: shape.units }, (_, u) =>
    pieces.flatMap((p, id) => (p.unit === u ? [id] : [])),
  );
  const output = pieces.flatMap((p, id) => (p.unit === 'end' ? [id] : []));
  return { channels: c, pieces, inputs, output };
}

/** The stored-order permutation of a concatenation of pieces (stored k -> consumer index). */
export function concatPerm(plan: StagePlan, ids: number[]): Int32Array {
  return Int32Array.from(ids.flatMap((id) => plan.pieces[id]!.indices));
}
