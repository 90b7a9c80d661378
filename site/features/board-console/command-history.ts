/** Earlier xsdb commands, recalled with Up and Down as in a shell. */
export class CommandHistory {
  private readonly entries: string[] = [];
  private position = 0;
  private draft = '';
  private readonly limit: number;

  constructor(limit = 100) {
    this.limit = limit;
  }

  push(line: string): void {
    const trimmed = line.trim();
    if (trimmed && this.entries.at(-1) !== trimmed) this.entries.push(trimmed);
    if (this.entries.length > this.limit) this.entries.shift();
    this.position = this.entries.length;
    this.draft = '';
  }

  /** The previous command, or null at the oldest; `current` is kept as the draft to come back to. */
  up(current: string): string | null {
    if (this.position === 0) return null;
    if (this.position === this.entries.length) this.draft = current;
    this.position--;
    return this.entries[this.position]!;
  }

  /** The next command, the draft after the newest, or null when already there. */
  down(): string | null {
    if (this.position >= this.entries.length) return null;
    this.position++;
    return this.position === this.entries.length ? this.draft : this.entries[this.position]!;
  }
}
