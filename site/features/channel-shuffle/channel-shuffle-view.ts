/**
 * The arithmetic behind the channel shuffle viewer (ChannelShuffleView.tsx): which
 * input channel lands at each output position, for c channels in g groups. Pure, so it is tested
 * against the runtime's tfjs shuffle without a browser.
 *
 * The shuffle is the one of ShuffleNet V1 (Zhang et al., 2017, Sec 3.1) as torchvision writes it:
 * view the channels as a g x n matrix (n = c / g, row i is group i), transpose it to n x g and read
 * it out row by row. Output position j*g + i therefore holds input channel i*n + j.
 */

/** Smallest and largest channel counts the viewer offers: enough to see the pattern, few enough to read. */
export const MIN_CHANNELS = 2;
export const MAX_CHANNELS = 32;

/** Throws unless `groups` is a positive divisor of `channels`. */
function check(channels: number, groups: number): void {
  if (!Number.isInteger(channels) || channels < 1) {
    throw new Error(`channels must be a positive integer, got ${channels}`);
  }
  if (!Number.isInteger(groups) || groups < 1 || channels % groups !== 0) {
    throw new Error(`groups ${groups} must be a positive divisor of ${channels} channels`);
  }
}

/** The group counts a layer with `channels` channels can have: its divisors, ascending. */
export function groupChoices(channels: number): number[] {
  check(channels, 1);
  const result: number[] = [];
  for (let g = 1; g <= channels; g++) if (channels % g === 0) result.push(g);
  return result;
}

/** The group (0-based) that input channel `channel` belongs to: channels come in blocks of c/g. */
export function groupOf(channel: number, channels: number, groups: number): number {
  check(channels, groups);
  return Math.floor(channel / (channels / groups));
}

/** Source channel of every output position: entry d is the input channel shuffled to position d. */
export function shuffleSources(channels: number, groups: number): number[] {
  check(channels, groups);
  const n = channels / groups;
  const sources = new Array<number>(channels);
  for (let i = 0; i < groups; i++) {
    for (let j = 0; j < n; j++) sources[j * groups + i] = i * n + j;
  }
  return sources;
}

/**
 * The inverse of the shuffle, as source channels per output position. It is the plausible wrong
 * answer (transposing n x g instead of g x n); it equals a shuffle with c/g groups.
 */
export function inverseSources(channels: number, groups: number): number[] {
  const forward = shuffleSources(channels, groups);
  const inverse = new Array<number>(channels);
  forward.forEach((source, position) => (inverse[source] = position));
  return inverse;
}

/** Cuts `items` into consecutive blocks of `size`: the groups of a layer, in channel order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`block size ${size} is not valid`);
  const blocks: T[][] = [];
  for (let k = 0; k < items.length; k += size) blocks.push(items.slice(k, k + size));
  return blocks;
}

/**
 * How many distinct input groups feed each group of the next layer after the shuffle (the next
 * layer has the same g). V1's Fig. 1 point: with n >= g, every next group sees every input group.
 * Returns the smallest count over the next layer's groups.
 */
export function groupsReached(channels: number, groups: number): number {
  const blocks = chunk(shuffleSources(channels, groups), channels / groups);
  return Math.min(
    ...blocks.map((block) => new Set(block.map((s) => groupOf(s, channels, groups))).size),
  );
}

/** Whether the shuffle and its inverse are the same permutation (they are iff it is an involution). */
export function isSelfInverse(channels: number, groups: number): boolean {
  const forward = shuffleSources(channels, groups);
  const inverse = inverseSources(channels, groups);
  return forward.every((source, position) => source === inverse[position]);
}

/** One colour per group, spread around the hue circle, light enough for black text. */
export function groupColour(group: number, groups: number): string {
  check(groups, 1);
  const hue = Math.round((360 * group) / groups + 30) % 360;
  return `hsl(${hue} 70% 78%)`;
}
