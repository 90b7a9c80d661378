/**
 * Grades submissions in Node, each in a fresh `worker_threads` Worker: terminated when the time
 * limit passes (status 'timeout'), with a heap limit so that a runaway allocation kills the
 * worker, not the terminal or the test run (status 'error'). This mirrors the browser runner's
 * module Web Worker, terminated by the page at the same limit.
 *
 * The heap limit covers JavaScript objects and arrays, not ArrayBuffer memory (Node's
 * `resourceLimits` only configure V8's heap); the worker installs the memory budget of
 * `memory-budget.ts` for typed arrays and tensors, as the browser's grade worker does, and the
 * runner stops a run whose process grows past heap and budget together (memory-watch.ts).
 */
import { Worker } from 'node:worker_threads';
import { describeThrown } from './describe-thrown.ts';
import { DEFAULT_MEMORY_BUDGET } from './memory-budget.ts';
import { watchProcessMemory } from './memory-watch.ts';
import type { WorkerInput } from './node-worker.ts';
import type { TypeCheckRequest } from './type-check.ts';
import { readTypeErrors, typeCheckKey, writeTypeErrors } from './type-check-cache.ts';
import { withTypeErrors } from './type-errors.ts';
import type { CompileError, GradeRequest, GradeResult, GradeRunner } from './types.ts';
import { verdictOf } from './verdict.ts';

export { verdictOf };

export interface NodeRunnerOptions {
  /** V8 old-generation heap limit of each worker, in MiB (default 512). */
  maxHeapMb?: number;
  /** Seed of the randomized inputs; a fresh one per run when absent. */
  seed?: number;
  /**
   * Type-check the submission with the TypeScript compiler (type-check.ts), in a second worker
   * while the first grades, and fail the run on type errors (default true).
   */
  typeCheck?: boolean;
}

const WORKER_URL = new URL('./node-worker.ts', import.meta.url);
const TYPE_CHECK_URL = new URL('./type-check-worker.ts', import.meta.url);
const DEFAULT_HEAP_MB = 512;
const MiB = 1024 * 1024;

function spawn(maxHeapMb: number): Worker {
  return new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
}

/** A worker started ahead of its request (`prewarmGradeWorker`), and its heap limit. */
let spare: { worker: Worker; maxHeapMb: number } | null = null;

/**
 * Starts the next run's worker now, so that its start-up (thread, tfjs, grader modules) overlaps
 * the caller's own: `learn check` calls it before loading the rest of the CLI. The next `grade`
 * with the same heap limit uses it; unused, it does not keep the process alive.
 */
export function prewarmGradeWorker(maxHeapMb = DEFAULT_HEAP_MB): void {
  if (spare) return;
  const worker = spawn(maxHeapMb);
  worker.unref();
  const entry = { worker, maxHeapMb };
  // A spare that failed before its request is dropped; `grade` then starts a fresh one.
  const drop = () => {
    if (spare === entry) spare = null;
  };
  worker.once('error', drop);
  worker.once('exit', drop);
  spare = entry;
}

/**
 * The type errors of `request`, from a worker thread (type-check-worker.ts). A type check that
 * cannot run is reported as an error of its own rather than passed over: a run must not pass
 * without its types checked.
 */
export function typeCheckInWorker(request: TypeCheckRequest): Promise<CompileError[]> {
  const key = typeCheckKey(request);
  const known = key === undefined ? undefined : readTypeErrors(key);
  if (known) return Promise.resolve(known);
  const worker = new Worker(TYPE_CHECK_URL);
  return new Promise((resolve) => {
    const failed = (why: string) =>
      resolve([{ line: 1, column: 1, message: `the type check could not run: ${why}` }]);
    worker.once('message', (errors: CompileError[]) => {
      if (key !== undefined) writeTypeErrors(key, errors);
      resolve(errors);
      void worker.terminate();
    });
    worker.once('error', (error) => failed(describeThrown(error)));
    worker.once('exit', (code) => failed(`its worker exited (code ${code})`));
    worker.postMessage({ exerciseId: request.exerciseId, files: request.files });
  });
}

/** The spare worker if it fits, else a fresh one. */
function takeWorker(maxHeapMb: number): Worker {
  const entry = spare;
  spare = null;
  if (entry && entry.maxHeapMb === maxHeapMb) {
    entry.worker.removeAllListeners();
    entry.worker.ref();
    return entry.worker;
  }
  if (entry) void entry.worker.terminate();
  return spawn(maxHeapMb);
}

export class NodeGradeRunner implements GradeRunner {
  private readonly maxHeapMb: number;
  private readonly seed: number | undefined;
  private readonly typeCheck: boolean;

  constructor(options: NodeRunnerOptions = {}) {
    this.maxHeapMb = options.maxHeapMb ?? DEFAULT_HEAP_MB;
    this.seed = options.seed;
    this.typeCheck = options.typeCheck ?? true;
  }

  /**
   * Grades in one worker and type-checks in another, once per submission: on two cores the two
   * overlap instead of adding up.
   */
  async grade(request: GradeRequest): Promise<GradeResult> {
    if (!this.typeCheck) return this.run(request);
    // Errors a caller computed are replaced by this check's own, not added to them.
    const started = Date.now();
    const graded = this.run({ ...request, typeErrors: undefined });
    const [result, errors] = await Promise.all([graded, typeCheckInWorker(request)]);
    // The run took as long as the slower of the two.
    return { ...withTypeErrors(result, errors), durationMs: Date.now() - started };
  }

  private run(request: GradeRequest): Promise<GradeResult> {
    const started = Date.now();
    const input: WorkerInput = { request, seed: this.seed };
    const worker = takeWorker(this.maxHeapMb);
    worker.postMessage(input);
    const outcome = (status: 'error' | 'timeout', message: string): GradeResult => ({
      exerciseId: request.exerciseId,
      status,
      compileErrors: [],
      checks: [],
      durationMs: Date.now() - started,
      message,
    });

    return new Promise<GradeResult>((resolve) => {
      let settled = false;
      const settle = (result: GradeResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        watch.stop();
        resolve(result);
        void worker.terminate();
      };
      const timer = setTimeout(() => {
        settle(
          outcome(
            'timeout',
            `stopped after ${request.timeLimitMs} ms: the time limit passed (an endless loop?)`,
          ),
        );
      }, request.timeLimitMs);
      const { typedArrayBytes, tensorBytes } = DEFAULT_MEMORY_BUDGET;
      const limit = typedArrayBytes + tensorBytes + this.maxHeapMb * MiB;
      const watch = watchProcessMemory(limit, (grown) => {
        settle(
          outcome(
            'error',
            `your code ran out of memory: the grading process grew by ${Math.round(grown / MiB)} MiB, ` +
              `past the grader's limit of ${Math.round(limit / MiB)} MiB (a huge or endless allocation?)`,
          ),
        );
      });
      worker.once('message', (result: unknown) => {
        settle({ ...verdictOf(request, result), durationMs: Date.now() - started });
      });
      worker.once('error', (error: Error & { code?: string }) => {
        const message =
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `the program ran out of memory: the grader allows ${this.maxHeapMb} MiB of heap (a huge or endless allocation?)`
            : `the grader crashed: ${error.name}: ${error.message}`;
        settle(outcome('error', message));
      });
      worker.once('exit', (code) => {
        settle(
          outcome('error', `the grading worker exited (code ${code}) before reporting a result`),
        );
      });
    });
  }
}
