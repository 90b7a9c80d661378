/**
 * Bytes between the terminal and UART1: what a keystroke sends (Enter as the chosen line
 * ending), what local echo shows, and how received bytes reach xterm.
 */

export type LineEnding = 'cr' | 'lf' | 'crlf';
export const LINE_ENDINGS: readonly LineEnding[] = ['cr', 'lf', 'crlf'];

const ENTER: Record<LineEnding, number[]> = { cr: [13], lf: [10], crlf: [13, 10] };
const encoder = new TextEncoder();

/**
 * The bytes a terminal sends for what xterm reports as typed (`onData`): Enter (which xterm sends
 * as CR) becomes the chosen line ending; everything else goes as UTF-8, as PuTTY or minicom send
 * it.
 */
export function keyBytes(data: string, ending: LineEnding): number[] {
  const out: number[] = [];
  for (const ch of data) {
    if (ch === '\r') out.push(...ENTER[ending]);
    else out.push(...encoder.encode(ch));
  }
  return out;
}

/**
 * What local echo shows for typed text: the characters themselves, Enter as a new line, and
 * Backspace (DEL) as erasing the last character.
 */
export function echoText(data: string): string {
  let out = '';
  for (const ch of data) {
    if (ch === '\r') out += '\r\n';
    else if (ch === '\x7f' || ch === '\b') out += '\b \b';
    else if (ch >= ' ' || ch === '\t') out += ch;
  }
  return out;
}

/**
 * Received bytes on their way to the terminal. By default they pass unchanged (a terminal shows
 * exactly what the UART sent: xil_printf does no "\n" to "\r\n" translation); with `lfAsNewline`
 * a lone LF (no CR before it) also returns the cursor, as a terminal set to "implicit CR in every
 * LF" does, so programs that print only "\n" stay readable.
 */
export class TerminalFeed {
  lfAsNewline: boolean;
  private lastWasCr = false;

  constructor(lfAsNewline = false) {
    this.lfAsNewline = lfAsNewline;
  }

  feed(bytes: readonly number[]): Uint8Array {
    const out: number[] = [];
    for (const b of bytes) {
      if (b === 10 && this.lfAsNewline && !this.lastWasCr) out.push(13);
      out.push(b);
      this.lastWasCr = b === 13;
    }
    return Uint8Array.from(out);
  }
}
