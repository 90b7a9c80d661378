/**
 * The board console's simulation, off the page's main thread. The session paces the board to real
 * time (`BoardSession.pace`) in slices of about 10 ms; between slices the worker reads its
 * messages, so Stop works even when the firmware never leaves a loop. In batch mode (the lessons'
 * simple console) it builds and runs one program to its end and posts the result; the page
 * terminates the worker if that takes too long.
 */
import runtimeWasm from 'web-tree-sitter/web-tree-sitter.wasm?url';
import grammarWasm from 'tree-sitter-c/tree-sitter-c.wasm?url';
import { loadCParser } from '../../../board/firmware/index.ts';
import { BoardSession, runFirmware, type SessionStatus } from '../../../board/session.ts';
import { executeXsdb } from '../../../board/xsdb.ts';
import { browserBsp } from './bsp-browser.ts';
import type { BoardEnd, BoardEvent, BoardRequest } from './protocol.ts';

/** Time updates to the page, at most this often (its display throttles further). */
const TIME_EVERY_MS = 100;

const post = (event: BoardEvent) => self.postMessage(event);

let leds: number | null = null;

const env = { bsp: browserBsp(), parser: loadCParser({ runtimeWasm, grammarWasm }) };

const session = new BoardSession(env, {
  leds: (v) => (leds = v),
  status: (status) => {
    flush();
    post({ type: 'status', status, end: endOf(status), runtime: session.runtimeMessages() });
  },
});

function endOf(status: SessionStatus): BoardEnd | null {
  if (status !== 'ended') return null;
  const state = session.state();
  if (state.fault) return { kind: 'fault', reason: state.fault };
  return { kind: 'returned', code: state.cpus[0]?.exitCode ?? 0 };
}

let lastTimePost = 0;

/**
 * Sends what the board did since the last flush: UART and JTAG UART bytes, LEDs, and (throttled)
 * the time.
 */
function flush(force = false): void {
  const uart = session.drainOutput();
  if (uart.length) post({ type: 'uart', bytes: uart });
  const jtag = session.drainJtagOutput();
  if (jtag.length) post({ type: 'jtag', bytes: jtag });
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

let timer: ReturnType<typeof setTimeout> | null = null;

function schedule(delay = 0): void {
  if (timer === null) timer = setTimeout(tick, delay);
}

function tick(): void {
  timer = null;
  const caughtUp = session.pace();
  flush(session.status !== 'running');
  // Caught up with real time: wait a little; behind: go on after the queued messages.
  if (session.status === 'running') schedule(caughtUp ? 4 : 0);
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
    case 'buttons':
      session.setButtons(request.value);
      break;
    case 'batch':
      post({ type: 'batch', id: request.id, result: await runFirmware(request.request, env) });
      return;
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
