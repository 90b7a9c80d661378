/** The terminal's accessible transcript: what the UART and local echo wrote, as plain text. */

/** The transcript keeps the last 20,000 characters, cut at a line start. */
export const TRANSCRIPT_LIMIT = 20_000;

/**
 * The terminal as plain text for the accessible transcript: UTF-8 decoded, CR LF, lone CR and
 * lone LF each one line break, Backspace erasing the character before it, other control
 * characters dropped.
 */
export class Transcript {
  private text = '';
  private pendingCr = false;
  private readonly decoder = new TextDecoder();

  get value(): string {
    return this.text;
  }

  /** Bytes from the UART. */
  bytes(bytes: readonly number[]): string {
    return this.add(this.decoder.decode(Uint8Array.from(bytes), { stream: true }));
  }

  /** Text the terminal itself wrote (local echo). */
  add(chunk: string): string {
    let t = this.text;
    for (const ch of chunk) {
      if (ch === '\n') {
        t += '\n';
        this.pendingCr = false;
        continue;
      }
      if (this.pendingCr) t += '\n';
      this.pendingCr = ch === '\r';
      if (ch === '\b') t = t.endsWith('\n') || t === '' ? t : t.slice(0, -1);
      else if (ch >= ' ' || ch === '\t') t += ch;
    }
    if (t.length > TRANSCRIPT_LIMIT) {
      const cut = t.length - TRANSCRIPT_LIMIT;
      const nl = t.indexOf('\n', cut);
      t = t.slice(nl >= 0 ? nl + 1 : cut);
    }
    this.text = t;
    return t;
  }

  clear(): void {
    this.text = '';
    this.pendingCr = false;
  }
}
