/**
 * The exercise view's splitter as numbers: the editor's share of the width, in percent, and how
 * the keys of a WAI-ARIA window splitter move it
 * (https://www.w3.org/WAI/ARIA/apg/patterns/windowsplitter/): arrows step, Home and End jump to
 * the limits. Both panes keep at least MIN_SPLIT percent, so neither can vanish.
 */
export const MIN_SPLIT = 25;
export const MAX_SPLIT = 75;
export const DEFAULT_SPLIT = 55;
/** One arrow key press. */
export const SPLIT_STEP = 5;

export function clampSplit(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_SPLIT;
  return Math.min(MAX_SPLIT, Math.max(MIN_SPLIT, Math.round(value)));
}

/** The split after `key`, or null when the key does not move the splitter. */
export function splitAfterKey(value: number, key: string): number | null {
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clampSplit(value - SPLIT_STEP);
    case 'ArrowRight':
    case 'ArrowUp':
      return clampSplit(value + SPLIT_STEP);
    case 'Home':
      return MIN_SPLIT;
    case 'End':
      return MAX_SPLIT;
    default:
      return null;
  }
}

/** The split that puts the splitter at `x` in a box from `left` that is `width` wide. */
export function splitAtPointer(x: number, left: number, width: number): number {
  if (width <= 0) return DEFAULT_SPLIT;
  return clampSplit(((x - left) / width) * 100);
}
