/**
 * A process-wide backstop for the grader's memory budget, in Node. The budget (memory-budget.ts)
 * counts what learner code allocates through the constructors it is given, but an ArrayBuffer
 * constructor is also reachable from any typed array (`new Float32Array(1).buffer.constructor`):
 * a frozen intrinsic that cannot be swapped after `lockdown()`, and whose memory Node's
 * `resourceLimits` do not cover (they set V8's heap only,
 * https://nodejs.org/api/worker_threads.html#new-workerfilename-options). A worker shares its
 * process's memory, so the parent watches the resident set size instead and stops the run when
 * it grows past the limit.
 */

/** How often the resident set is sampled: an allocation loop gains at most a few hundred MiB. */
export const WATCH_INTERVAL_MS = 50;

export interface MemoryWatch {
  stop(): void;
}

/**
 * Calls `exceeded` (once) with the growth in bytes when the process's resident set grows more
 * than `limitBytes` above its size now. `rss` is injectable for tests.
 */
export function watchProcessMemory(
  limitBytes: number,
  exceeded: (grownBytes: number) => void,
  rss: () => number = () => process.memoryUsage.rss(),
): MemoryWatch {
  const baseline = rss();
  const timer = setInterval(() => {
    const grown = rss() - baseline;
    if (grown <= limitBytes) return;
    clearInterval(timer);
    exceeded(grown);
  }, WATCH_INTERVAL_MS);
  // The watch never keeps a CLI process alive on its own.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
