/**
 * The board console's logic without a DOM or a terminal: its protocol with the board worker, what
 * a keystroke sends to UART1, how received bytes reach the terminal and the text transcript, the
 * command history, and the learner's files in storage. The same worker runs batch jobs for the
 * simple console (FirmwareConsole). No engine code here, so the island stays
 * light until the reader starts the console.
 */
import type {
  FirmwareRunRequest,
  FirmwareRunResult,
  FirmwareSources,
  SessionStatus,
} from '../../../board/session.ts';
import type { XsdbLine } from '../../../board/xsdb-lines.ts';

/** Page to worker. */
export type BoardRequest =
  | { type: 'build'; sources: FirmwareSources; run: boolean }
  /** Continue; after the program ended, reset and start it again. */
  | { type: 'run' }
  | { type: 'stop' }
  /** The board's reset button: the program starts again, running if it was running or ended. */
  | { type: 'reset' }
  | { type: 'input'; bytes: number[] }
  | { type: 'switches'; value: number }
  | { type: 'command'; id: number; line: string }
  /**
   * Batch mode (the lessons' simple console, FirmwareConsole): build and run on a board of its
   * own until main returns or the simulated time is up, then one `batch` event with the result.
   */
  | { type: 'batch'; id: number; request: FirmwareRunRequest };

/** How the program ended: main's return value, or the board's fault (the board's words). */
export type BoardEnd = { kind: 'returned'; code: number } | { kind: 'fault'; reason: string };

/** Worker to page. */
export type BoardEvent =
  | { type: 'built'; ok: boolean; diagnostics: string }
  | { type: 'uart'; bytes: number[] }
  | { type: 'leds'; value: number }
  | { type: 'time'; ms: number; cycles: number }
  | { type: 'status'; status: SessionStatus; end: BoardEnd | null; runtime: string }
  | { type: 'result'; id: number; ok: boolean; lines: XsdbLine[] }
  | { type: 'batch'; id: number; result: FirmwareRunResult }
  | { type: 'error'; message: string };

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

/** Earlier commands, recalled with Up and Down as in a shell. */
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

/**
 * The C sources to build: every `.c` file, in name order (headers are included, not built). The
 * `.c` files named in `cpu1` are CPU1's program, built on their own and linked at 0x02000000
 * (CPU1_TEXT_BASE); the rest are CPU0's. Both programs see every header.
 */
export function sourcesOf(
  files: Readonly<Record<string, string>>,
  cpu1: readonly string[] = [],
): FirmwareSources {
  const cFiles = Object.keys(files)
    .filter((f) => f.endsWith('.c'))
    .sort();
  const cpu1Sources = cFiles.filter((f) => cpu1.includes(f));
  return {
    files: { ...files },
    sources: cFiles.filter((f) => !cpu1.includes(f)),
    ...(cpu1Sources.length ? { cpu1Sources } : {}),
  };
}

/** Whose a file is: a `.c` file of CPU0's or CPU1's program, or a header both include. */
export type FileRole = 'cpu0' | 'cpu1' | 'header';

export function fileRole(name: string, cpu1: readonly string[]): FileRole {
  if (!name.endsWith('.c')) return 'header';
  return cpu1.includes(name) ? 'cpu1' : 'cpu0';
}

/** Whether two sets of files have the same names and contents. */
export function sameFiles(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** The subset of Storage the console uses (localStorage, or a fake in tests). */
export type FileStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const STORE_PREFIX = 'shufflenet-lab:board:';

/**
 * The learner's files saved under `key`, if they match the example's file names (a changed
 * example with other files starts from the example); else the example.
 */
export function loadFiles(
  store: FileStore | null,
  key: string,
  example: Readonly<Record<string, string>>,
): { files: Record<string, string>; saved: boolean } {
  let raw: string | null = null;
  try {
    raw = store?.getItem(STORE_PREFIX + key) ?? null;
  } catch {
    raw = null;
  }
  if (raw !== null) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isFiles(parsed) && sameNames(parsed, example)) return { files: parsed, saved: true };
    } catch {
      // Unreadable: the example it is.
    }
  }
  return { files: { ...example }, saved: false };
}

/** Saves the files, or forgets them when they equal the example; false if storage refused. */
export function saveFiles(
  store: FileStore | null,
  key: string,
  files: Readonly<Record<string, string>>,
  example: Readonly<Record<string, string>>,
): boolean {
  if (!store) return false;
  try {
    if (sameFiles(files, example)) store.removeItem(STORE_PREFIX + key);
    else store.setItem(STORE_PREFIX + key, JSON.stringify(files));
    return true;
  } catch {
    return false;
  }
}

function isFiles(v: unknown): v is Record<string, string> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every((x) => typeof x === 'string')
  );
}

function sameNames(a: Record<string, string>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/** Simulated milliseconds as the panel shows them: one decimal. */
export function formatMs(ms: number): string {
  return ms.toFixed(1);
}

/** Switch bits with switch `index` set to `on`. */
export function withSwitch(bits: number, index: number, on: boolean): number {
  return on ? (bits | (1 << index)) & 0xff : bits & ~(1 << index) & 0xff;
}
