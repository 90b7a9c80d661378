/**
 * Whether a scrolled log shows its last line: then new output should scroll it along, as a
 * terminal does; a reader who scrolled up to read earlier lines is left where they are.
 */
export interface ScrollBox {
  readonly scrollTop: number;
  readonly clientHeight: number;
  readonly scrollHeight: number;
}

/** Slack for fractional scroll positions (zoomed pages report them). */
const SLACK_PX = 4;

export function showsTail(box: ScrollBox): boolean {
  return box.scrollTop + box.clientHeight >= box.scrollHeight - SLACK_PX;
}
