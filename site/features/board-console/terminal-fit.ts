/**
 * How many columns the UART terminal gets: as many whole character cells as fit its box, at most
 * the 80 of a serial console, and never so few that a prompt cannot fit. Lines longer than that
 * wrap in the terminal (as on a real one) instead of running past the right edge of a phone.
 */
export const MAX_COLUMNS = 80;
export const MIN_COLUMNS = 20;

export function fitColumns(boxWidth: number, cellWidth: number): number {
  if (!(boxWidth > 0) || !(cellWidth > 0)) return MAX_COLUMNS;
  return Math.max(MIN_COLUMNS, Math.min(MAX_COLUMNS, Math.floor(boxWidth / cellWidth)));
}
