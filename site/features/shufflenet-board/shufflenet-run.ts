/**
 * The lesson zynq/shufflenet-in-c's network console, as plain logic: the exported int8 ShuffleNet
 * (runtime/export-c, served as a static asset by site/pages/shufflenet/int8-c.json.ts) built for
 * the first n sample images, its UART lines read back as predictions, and the run's state as a
 * reducer over the board worker's events (site/features/board-console/protocol.ts). No engine
 * code here: the island stays light until the reader presses Run.
 */
import type { FirmwareSources } from '../../../board/session.ts';
import type { BoardEvent } from '../board-console/protocol.ts';

/** The asset: the C files `npm run export-c` writes, what to build, and how many images. */
export interface ShufflenetProgram {
  files: Record<string, string>;
  sources: string[];
  images: number;
}

/** How many images the reader may classify (the sample has 200). */
export const IMAGE_CHOICES = [1, 3, 10, 50, 200] as const;

/**
 * Simulated time allowed per image. One image takes about 218 ms on the board (its cycle model,
 * board/clock.ts; the lesson's table); the limit leaves room for a changed cost model and stops a
 * program that never returns.
 */
export const LIMIT_MS_PER_IMAGE = 500;
/** Plus the BSP's start and the UART draining the last line. */
export const LIMIT_BASE_MS = 1000;

export function timeLimitMs(images: number): number {
  return LIMIT_BASE_MS + images * LIMIT_MS_PER_IMAGE;
}

/** The exported program built for the first `images` images (main.c's SAMPLE_LIMIT). */
export function programSources(program: ShufflenetProgram, images: number): FirmwareSources {
  if (!Number.isInteger(images) || images < 1 || images > program.images) {
    throw new Error(
      `shufflenet console: ${images} images: expected an integer from 1 to ${program.images}`,
    );
  }
  const main = program.files['main.c'];
  if (main === undefined) throw new Error('shufflenet console: the program has no main.c');
  return {
    files: { ...program.files, 'main.c': `#define SAMPLE_LIMIT ${images}\n${main}` },
    sources: [...program.sources],
  };
}

/** Checks the fetched asset's shape, so that a damaged file fails with a clear message. */
export function parseProgram(value: unknown): ShufflenetProgram {
  const p = value as Partial<ShufflenetProgram> | null;
  const ok =
    p !== null &&
    typeof p === 'object' &&
    typeof p.files === 'object' &&
    p.files !== null &&
    Object.values(p.files).every((t) => typeof t === 'string') &&
    Array.isArray(p.sources) &&
    p.sources.length > 0 &&
    p.sources.every((s) => typeof s === 'string' && s in p.files!) &&
    Number.isInteger(p.images) &&
    p.images! > 0;
  if (!ok) {
    throw new Error('shufflenet console: expected { files, sources, images } in the program asset');
  }
  return p as ShufflenetProgram;
}

export interface Prediction {
  index: number;
  predicted: number;
  label: number;
}

export interface UartReport {
  predictions: Prediction[];
  /** The final `correct=N/M` line, once printed. */
  correct: { n: number; of: number } | null;
}

/** main.c's lines: `index predicted label` per image, then `correct=N/M`. */
export function readUart(text: string): UartReport {
  const predictions: Prediction[] = [];
  let correct: UartReport['correct'] = null;
  for (const line of text.split(/\r?\n/)) {
    const p = /^(\d+) (\d+) (\d+)$/.exec(line.trim());
    if (p) predictions.push({ index: +p[1]!, predicted: +p[2]!, label: +p[3]! });
    const c = /^correct=(\d+)\/(\d+)$/.exec(line.trim());
    if (c) correct = { n: +c[1]!, of: +c[2]! };
  }
  return { predictions, correct };
}

export type Phase =
  | 'idle'
  | 'loading'
  | 'building'
  | 'running'
  | 'stopping'
  | 'done'
  | 'stopped'
  | 'limit'
  | 'failed';

export interface RunState {
  phase: Phase;
  /** Images of the current (or last) run. */
  images: number;
  limitMs: number;
  /** The UART as text (Transcript, board-console/transcript.ts). */
  text: string;
  ms: number;
  cycles: number;
  /** Why it failed: the board's fault, a build error, a worker error. */
  message: string;
  /** Stop was asked for because of the time limit rather than by the reader. */
  byLimit: boolean;
}

export const initialRun: RunState = {
  phase: 'idle',
  images: IMAGE_CHOICES[0],
  limitMs: timeLimitMs(IMAGE_CHOICES[0]),
  text: '',
  ms: 0,
  cycles: 0,
  message: '',
  byLimit: false,
};

export type RunAction =
  | { type: 'start'; images: number; needsProgram: boolean; needsBuild: boolean }
  | { type: 'loaded' }
  | { type: 'stop'; byLimit: boolean }
  | { type: 'text'; text: string }
  | { type: 'failed'; message: string }
  | { type: 'event'; event: BoardEvent };

export function isBusy(phase: Phase): boolean {
  return phase === 'loading' || phase === 'building' || phase === 'running' || phase === 'stopping';
}

export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'start':
      return {
        ...initialRun,
        images: action.images,
        limitMs: timeLimitMs(action.images),
        phase: action.needsProgram ? 'loading' : action.needsBuild ? 'building' : 'running',
      };
    case 'loaded':
      return state.phase === 'loading' ? { ...state, phase: 'building' } : state;
    case 'stop':
      // Nothing runs yet while the program downloads: stopping then is immediate.
      if (state.phase === 'loading') return { ...state, phase: 'stopped' };
      return isBusy(state.phase) ? { ...state, phase: 'stopping', byLimit: action.byLimit } : state;
    case 'text':
      return { ...state, text: action.text };
    case 'failed':
      return { ...state, phase: 'failed', message: action.message };
    case 'event':
      return onEvent(state, action.event);
  }
}

function onEvent(state: RunState, event: BoardEvent): RunState {
  switch (event.type) {
    case 'built':
      if (state.phase !== 'building') return state;
      return event.ok
        ? { ...state, phase: 'running' }
        : { ...state, phase: 'failed', message: event.diagnostics };
    case 'time':
      return { ...state, ms: event.ms, cycles: event.cycles };
    case 'status':
      if (event.status === 'ended' && (state.phase === 'running' || state.phase === 'stopping')) {
        return event.end?.kind === 'fault'
          ? { ...state, phase: 'failed', message: event.end.reason }
          : { ...state, phase: 'done' };
      }
      if (event.status === 'stopped' && state.phase === 'stopping') {
        return { ...state, phase: state.byLimit ? 'limit' : 'stopped' };
      }
      return state;
    case 'error':
      return { ...state, phase: 'failed', message: event.message };
    default:
      return state;
  }
}

/** Whether the run is past its time limit and should be stopped. */
export function overLimit(state: RunState): boolean {
  return state.phase === 'running' && state.ms > state.limitMs;
}

/** Images classified so far, and cycles per image (null before the first). */
export function progressOf(state: RunState): {
  done: number;
  cyclesPerImage: number | null;
  correct: UartReport['correct'];
} {
  const { predictions, correct } = readUart(state.text);
  const done = predictions.length;
  return { done, cyclesPerImage: done > 0 ? Math.round(state.cycles / done) : null, correct };
}
