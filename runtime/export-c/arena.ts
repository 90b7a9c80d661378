/**
 * The static arena of the exported C: every activation buffer gets an offset in one byte array,
 * and two buffers share bytes only when their lifetimes (first write to last read, in layer
 * order) do not overlap. Placement is greedy, largest buffer first, at the lowest 4-byte aligned
 * offset that clears every placed buffer it is alive with (the "greedy by size" offset
 * calculation of Pisarchyk and Lee, "Efficient Memory Management for Deep Neural Net
 * Inference", 2020, section 4.2).
 */

export interface Lifetime {
  size: number;
  /** First and last layer index (inclusive) at which the buffer holds data. */
  first: number;
  last: number;
}

export interface ArenaPlan {
  offsets: number[];
  size: number;
}

const ALIGN = 4;

export function planArena(buffers: readonly Lifetime[]): ArenaPlan {
  const offsets = new Array<number>(buffers.length).fill(-1);
  const order = buffers
    .map((_, i) => i)
    .sort((a, b) => buffers[b]!.size - buffers[a]!.size || a - b);
  const placed: number[] = [];
  let size = 0;
  for (const i of order) {
    const b = buffers[i]!;
    const clashes = placed
      .filter((j) => buffers[j]!.first <= b.last && b.first <= buffers[j]!.last)
      .map((j) => [offsets[j]!, offsets[j]! + buffers[j]!.size] as const)
      .sort((x, y) => x[0] - y[0]);
    let offset = 0;
    for (const [start, end] of clashes) {
      if (offset + b.size <= start) break;
      offset = Math.max(offset, Math.ceil(end / ALIGN) * ALIGN);
    }
    offsets[i] = offset;
    placed.push(i);
    size = Math.max(size, offset + b.size);
  }
  return { offsets, size: Math.ceil(size / ALIGN) * ALIGN };
}
