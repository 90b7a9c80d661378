/**
 * Grades a submission in the browser without trusting it: every run gets a FRESH module Web
 * Worker (no state from an earlier run, no way to reach the page's DOM or storage), and the
 * worker is terminated when the exercise's time limit passes, so `while (true) {}` ends as
 * 'timeout' and the page never freezes.
 *
 * The worker answers on a private MessageChannel port handed over with the request. Learner code
 * runs in a ses Compartment inside the worker, without `self` or `postMessage`
 * (grade.worker.ts); were it to post anyway, that would reach the worker's `onmessage` here,
 * which is ignored: only the port counts as the grader's answer, and only under the Node
 * runner's verdict rule (grader/verdict.ts).
 */
import type {
  CheckResult,
  CompileError,
  GradeRequest,
  GradeResult,
  GradeRunner,
  GradeStatus,
} from '../../../exercises/grader/types.ts';
import { verdictOf } from '../../../exercises/grader/verdict.ts';
import type { translator } from '../../i18n/ui.ts';

type Translate = ReturnType<typeof translator>;

/** A result from the browser worker: the contract's, plus what learner code printed. */
export interface BrowserGradeResult extends GradeResult {
  output: string[];
  /** The learner stopped the run: not an attempt, nothing was graded. */
  cancelled?: boolean;
}

/** The part of `Worker` the runner uses, so tests can pass a fake. */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** What the page sends the grade worker. */
export interface GradeWorkerMessage {
  request: GradeRequest;
  port: MessagePort;
}

export interface RunnerDeps {
  createWorker(): WorkerLike;
  createChannel(): { port1: MessagePort; port2: MessagePort };
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Words the runner's own messages (time limit, a crashed or silent worker) in the page's language. */
  t: Translate;
}

const STATUSES: readonly GradeStatus[] = ['pass', 'fail', 'error', 'timeout'];

/**
 * Accepts only a well-formed result from the worker; anything else becomes an 'error' result,
 * so a broken worker can never crash the results panel.
 */
export function sanitizeResult(
  data: unknown,
  request: GradeRequest,
  durationMs: number,
  t: Translate,
): BrowserGradeResult {
  const fallback = (message: string): BrowserGradeResult => ({
    exerciseId: request.exerciseId,
    status: 'error',
    compileErrors: [],
    checks: [],
    durationMs,
    message,
    output: [],
  });
  if (typeof data !== 'object' || data === null) return fallback(t('exercise.runner.noResult'));
  const r = data as Partial<BrowserGradeResult>;
  if (!STATUSES.includes(r.status as GradeStatus) || !Array.isArray(r.checks)) {
    return fallback(t('exercise.runner.malformed'));
  }
  const text = (v: unknown) => (v === undefined ? undefined : String(v));
  const checks: CheckResult[] = r.checks.map((c: Partial<CheckResult>) => ({
    name: String(c?.name ?? '?'),
    status: c?.status === 'pass' || c?.status === 'fail' ? c.status : 'error',
    message: String(c?.message ?? ''),
    expected: text(c?.expected),
    actual: text(c?.actual),
  }));
  const compileErrors: CompileError[] = (Array.isArray(r.compileErrors) ? r.compileErrors : []).map(
    (e: Partial<CompileError>) => ({
      message: String(e?.message ?? ''),
      line: Number(e?.line) || 1,
      column: Number(e?.column) || 1,
      file: text(e?.file),
    }),
  );
  // 'pass' must mean at least one check ran and every one passed: the Node runner's rule
  // (grader/verdict.ts), applied to the result as sanitized here.
  const sanitized: GradeResult = {
    exerciseId: request.exerciseId,
    status: r.status as GradeStatus,
    compileErrors,
    checks,
    durationMs,
    message: text(r.message),
  };
  const verdict = verdictOf(request, sanitized);
  return {
    ...verdict,
    durationMs,
    output: Array.isArray(r.output) ? r.output.map(String) : [],
  };
}

/**
 * What an `error` event on the grade worker means for the learner. The worker reports every
 * error of the grading itself on its port, so this event is an error outside it: an uncaught
 * exception from a timer the learner's code left behind, a worker that failed to load, or one
 * that died. A RangeError about an allocation, or an event without a message after the worker
 * had started, is most likely memory running out, and is named so.
 */
export function workerErrorMessage(message: string | undefined, t: Translate): string {
  if (
    message &&
    /out of memory|allocation failed|invalid (typed )?array( buffer)? length/i.test(message)
  ) {
    return t('exercise.runner.outOfMemory', { message: message.replace(/^Uncaught /, '') });
  }
  if (message) return t('exercise.runner.crashed', { message });
  return t('exercise.runner.died');
}

export interface BrowserRunner extends GradeRunner {
  /** `signal` lets the learner stop a run early; the worker is terminated at once. */
  grade(request: GradeRequest, options?: { signal?: AbortSignal }): Promise<BrowserGradeResult>;
}

export function createBrowserRunner(deps: RunnerDeps): BrowserRunner {
  return {
    grade(request, options = {}) {
      return new Promise((resolve) => {
        const started = deps.now();
        const worker = deps.createWorker();
        const { port1, port2 } = deps.createChannel();
        let done = false;
        const finish = (result: (durationMs: number) => BrowserGradeResult) => {
          if (done) return;
          done = true;
          deps.clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          port1.onmessage = null;
          port1.onmessageerror = null;
          port1.close();
          // Terminating stops any code still running (loops, timers) and frees its memory.
          worker.terminate();
          resolve(result(Math.round(deps.now() - started)));
        };
        const timer = deps.setTimeout(
          () =>
            finish((durationMs) => ({
              exerciseId: request.exerciseId,
              status: 'timeout',
              compileErrors: [],
              checks: [],
              durationMs,
              message: deps.t('exercise.runner.timeLimit', { ms: request.timeLimitMs }),
              output: [],
            })),
          request.timeLimitMs,
        );
        port1.onmessage = (event: MessageEvent) =>
          finish((durationMs) => sanitizeResult(event.data, request, durationMs, deps.t));
        worker.onerror = (event: ErrorEvent) => {
          event.preventDefault?.();
          finish((durationMs) =>
            sanitizeResult(
              { status: 'error', checks: [], message: workerErrorMessage(event.message, deps.t) },
              request,
              durationMs,
              deps.t,
            ),
          );
        };
        // A result that cannot be deserialized is an answer too, just not a readable one.
        port1.onmessageerror = () =>
          finish((durationMs) =>
            sanitizeResult(
              {
                status: 'error',
                checks: [],
                message: deps.t('exercise.runner.unreadable'),
              },
              request,
              durationMs,
              deps.t,
            ),
          );
        const onAbort = () =>
          finish((durationMs) => ({
            exerciseId: request.exerciseId,
            status: 'error',
            compileErrors: [],
            checks: [],
            durationMs,
            message: deps.t('exercise.runner.cancelled'),
            output: [],
            cancelled: true,
          }));
        if (options.signal?.aborted) return onAbort();
        options.signal?.addEventListener('abort', onAbort);
        const message: GradeWorkerMessage = { request, port: port2 };
        worker.postMessage(message, [port2]);
      });
    },
  };
}

/** The runner the site uses: real module workers, built by Vite from grade.worker.ts. */
export function createSiteRunner(t: Translate): BrowserRunner {
  return createBrowserRunner({
    t,
    createWorker: () =>
      new Worker(new URL('./grade.worker.ts', import.meta.url), {
        type: 'module',
        name: 'grade',
      }),
    createChannel: () => new MessageChannel(),
    now: () => performance.now(),
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
  });
}
