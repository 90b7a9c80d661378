/**
 * The board console's simulation, off the page's main thread. The board runs in slices of about
 * 10 ms of real time; between slices the worker reads its messages, so Stop works even when the
 * firmware never leaves a loop. Simulated time is paced to real time (a `sleep(1)` takes a second,
 * as on the desk); a slower simulation runs flat out and lags at most 100 ms behind, so it never
 * builds up a debt of time to burst through.
 */
import runtimeWasm from 'web-tree-sitter/web-tree-sitter.wasm?url';
import grammarWasm from 'tree-sitter-c/tree-sitter-c.wasm?url';
import { cyclesFromSeconds } from '../../board/clock.ts';
import { loadCParser } from '../../board/firmware/c-parser.ts';
import { BoardSession, type SessionStatus } from '../../board/session.ts';
import { executeXsdb } from '../../board/xsdb.ts';
import { browserBsp } from '../lib/bsp-browser.ts';
import type { BoardEnd, BoardEvent, BoardRequest } from '../lib/board-console.ts';

/** Real time one slice may run before the worker looks at its messages again. */
const SLICE_MS = 10;
/** How far simulated time may fall behind real time before the pacing gives up on catching up. */
const MAX_LAG_MS = 100;
/** Time updates to the page, at most this often (its display throttles further). */
const TIME_EVERY_MS = 100;

const post = (event: BoardEvent) => self.postMessage(event);

let uartBytes: number[] = [];
let leds: number | null = null;

const session = new BoardSession(
  { bsp: browserBsp(), parser: loadCParser({ runtimeWasm, grammarWasm }) },
  {
    uart: (b) => uartBytes.push(b),
    leds: (v) => (leds = v),
    status: (status) => {
      flush();
      post({ type: 'status', status, end: endOf(status), runtime: session.runtimeMessages() });
    },
  },
);

function endOf(status: SessionStatus): BoardEnd | null {
  if (status !== 'ended') return null;
  const state = session.state();
  if (state.fault) return { kind: 'fault', reason: state.fault };
  return { kind: 'returned', code: state.cpus[0]?.exitCode ?? 0 };
}

let lastTimePost = 0;

/** Sends what the board did since the last flush: UART bytes, LEDs, and (throttled) the time. */
function flush(force = false): void {
  if (uartBytes.length) {
    post({ type: 'uart', bytes: uartBytes });
    uartBytes = [];
  }
  if (leds !== null) {
    post({ type: 'leds', value: leds });
    leds = null;
  }
  const now = performance.now();
  if (force || now - lastTimePost >= TIME_EVERY_MS) {
    lastTimePost = now;
    const { simulatedMs, cycles } = session.state();
    post({ type: 'time', ms: simulatedMs, cycles });
  }
}

/** Real time and simulated cycles when pacing last started: simulated time follows real time. */
let anchor: { real: number; cycles: number } | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule(delay = 0): void {
  if (timer === null) timer = setTimeout(tick, delay);
}

function tick(): void {
  timer = null;
  if (session.status !== 'running') {
    anchor = null;
    flush(true);
    return;
  }
  const start = performance.now();
  anchor ??= { real: start, cycles: session.cycles };
  const maxLag = cyclesFromSeconds(MAX_LAG_MS / 1000);
  let target = anchor.cycles + cyclesFromSeconds((start - anchor.real) / 1000);
  if (target - session.cycles > maxLag) {
    anchor = { real: start - MAX_LAG_MS, cycles: session.cycles };
    target = session.cycles + maxLag;
  }
  if (target > session.cycles)
    session.runFor(target - session.cycles, () => performance.now() - start >= SLICE_MS);
  flush();
  // Caught up with real time: wait a little; behind: go on after the queued messages.
  if (session.status === 'running') schedule(session.cycles >= target ? 4 : 0);
  else flush(true);
}

async function handle(request: BoardRequest): Promise<void> {
  switch (request.type) {
    case 'build': {
      const result = await session.build(request.sources);
      post({ type: 'built', ok: result.ok, diagnostics: result.diagnostics });
      if (result.ok && request.run) session.con();
      break;
    }
    case 'run':
      if (session.status === 'ended') session.reset({ run: true });
      else session.con();
      break;
    case 'stop':
      session.stop();
      break;
    case 'reset':
      session.reset({ run: session.status === 'running' || session.status === 'ended' });
      break;
    case 'input':
      session.sendInput(request.bytes);
      break;
    case 'switches':
      session.setSwitches(request.value);
      break;
    case 'command': {
      const result = executeXsdb(request.line, session);
      flush(true);
      post({ type: 'result', id: request.id, ok: result.ok, lines: [...result.lines] });
      break;
    }
  }
  flush(true);
  if (session.status === 'running') schedule();
}

// Requests are handled one at a time, in order: a build's await must not let a later Run through
// before the program exists.
let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<BoardRequest>) => {
  const request = event.data;
  queue = queue
    .then(() => handle(request))
    .catch((err: unknown) => {
      post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    });
};
