/** Settings of the transfer-learning part of the Fashion demo (TransferDemo.tsx). Pure. */

/**
 * Steps of the head fit a reader may ask for. Full-batch steps on a few examples are cheap (the
 * backbone's features are computed once), so a hundred steps take well under a second.
 */
export const TRAIN_STEPS_HEAD = { min: 1, max: 1000, default: 100 } as const;

/** `value` as a step count within TRAIN_STEPS_HEAD, or null when it is not a whole number in range. */
export function parseHeadSteps(value: string): number | null {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(n)) return null;
  return n >= TRAIN_STEPS_HEAD.min && n <= TRAIN_STEPS_HEAD.max ? n : null;
}
