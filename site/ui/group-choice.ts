/**
 * The one rule both lesson explorers (the conv cost explorer and the channel shuffle viewer) use
 * when a channel count changes under a chosen group count g.
 *
 * A grouped layer needs g to divide its channel counts (ShuffleNet V1, Zhang et al. 2017, Sec 3.1:
 * "c/g channels" per group). When the reader's g no longer divides, the explorer shows the
 * largest valid g below it (1 always divides) and says so, and it keeps the reader's g as a
 * wish: when the channels change back, the chosen g comes back too. Neither explorer changes g
 * silently, and neither jumps to a larger g than the reader picked.
 */

export interface GroupChoice {
  /** The g the explorer shows and computes with. */
  groups: number;
  /** The reader's g did not divide the channels, so `groups` is a smaller divisor. */
  adjusted: boolean;
}

/**
 * Picks the g to show for a wanted g among the valid ones (`choices`, ascending, including 1).
 * Throws when `choices` is not such a list, naming what was given.
 */
export function chooseGroups(choices: readonly number[], wanted: number): GroupChoice {
  if (choices[0] !== 1 || choices.some((g, i) => i > 0 && !(g > choices[i - 1]!))) {
    throw new Error(`group choices must be ascending and start at 1, got [${choices.join(', ')}]`);
  }
  if (!Number.isInteger(wanted) || wanted < 1) {
    throw new Error(`the wanted group count must be a positive integer, got ${wanted}`);
  }
  if (choices.includes(wanted)) return { groups: wanted, adjusted: false };
  return { groups: choices.filter((g) => g < wanted).at(-1)!, adjusted: true };
}
