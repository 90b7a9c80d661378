/**
 * A memory budget for one grading run, installed in the grading worker before learner code is
 * evaluated, so that a huge allocation ends as a clear "ran out of memory" result instead of a
 * dead tab or a silent worker.
 *
 * Why this is needed (measured in Chromium 156, see exercises/README.md): a dedicated worker
 * shares the page's renderer process, and a browser offers no per-worker memory limit. An
 * ArrayBuffer of 8 GiB is granted lazily (`new Float32Array(2 ** 31)` succeeds), growing typed
 * arrays fail only near 16 GiB, a JavaScript heap that reaches its limit (about 4 GiB) kills the
 * whole renderer, and tfjs's wasm backend truncates allocation sizes of 4 GiB or more to 32 bits.
 *
 * What is bounded here, exactly:
 * - typed arrays and ArrayBuffers constructed through the global constructors (learner code,
 *   checks and tfjs's cpu backend all use them): a construction that would bring the bytes made
 *   and not yet seen collected past `typedArrayBytes` throws. Collection is seen through a
 *   FinalizationRegistry, whose callbacks only run between tasks, so within one synchronous run
 *   garbage still counts: the bound is on bytes allocated, which errs on the safe side;
 * - tfjs tensor memory on the active backend (on wasm, tensors live in the module's heap, not in
 *   typed arrays): a tensor that would bring `tf.memory().numBytes` past `tensorBytes` throws
 *   before the backend allocates it. That count includes every tensor viewing a buffer (a
 *   reshape counts its input's bytes again), so it errs high, never low.
 * Plain arrays, objects and strings are not counted (no JavaScript API can measure the heap
 * from inside a worker); they are bounded by the time limit in the browser and by the worker's
 * heap limit in Node.
 */

/** Bytes in a mebibyte, for messages. */
const MiB = 2 ** 20;

export interface MemoryBudget {
  /** Typed arrays and ArrayBuffers allocated and not seen collected, in bytes. */
  typedArrayBytes: number;
  /** tfjs tensor bytes alive at once, in bytes. */
  tensorBytes: number;
}

/**
 * 2 GiB of typed arrays and 1 GiB of tensors: the largest exercise input is a few MB, and the
 * wasm backend's heap cannot grow past 4 GiB anyway (emscripten's `getHeapMax`).
 */
export const DEFAULT_MEMORY_BUDGET: MemoryBudget = {
  typedArrayBytes: 2 * 1024 * MiB,
  tensorBytes: 1024 * MiB,
};

/** The prefix every budget error carries; `isOutOfMemory` also knows the engines' own words. */
const OUT_OF_MEMORY = 'out of memory';

function mib(bytes: number): string {
  return `${Math.round(bytes / MiB).toLocaleString('en-US')} MiB`;
}

/**
 * Whether an error means an allocation failed or was refused: the budget's own errors, and the
 * RangeErrors V8 throws for impossible sizes ("Array buffer allocation failed", "Invalid typed
 * array length: 10000000000", "Invalid array length", "Invalid string length").
 */
export function isOutOfMemory(error: unknown): boolean {
  if (!(error instanceof Error) && !(typeof error === 'object' && error !== null)) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (name !== 'RangeError') return false;
  return /out of memory|allocation failed|invalid (typed )?array( buffer)? length|invalid string length/i.test(
    String(message),
  );
}

/** "ran out of memory: <what>" for an allocation error, so no learner mistakes it for a bug. */
export function describeOutOfMemory(error: unknown): string {
  const message = String((error as { message?: unknown }).message ?? error);
  return message.startsWith(OUT_OF_MEMORY)
    ? `ran ${message}`
    : `ran out of memory: ${message} (RangeError)`;
}

/** Bytes a typed-array or ArrayBuffer construction allocates; 0 when it views an existing buffer. */
function requestedBytes(target: { BYTES_PER_ELEMENT?: number }, args: unknown[]): number {
  const perElement = target.BYTES_PER_ELEMENT ?? 1;
  const first = args[0];
  if (typeof first === 'number') return Math.max(0, first) * perElement;
  if (first === undefined || first === null) return 0;
  if (first instanceof ArrayBuffer || ArrayBuffer.isView(first)) {
    // A view over a buffer allocates nothing; copying a typed array allocates its length.
    return ArrayBuffer.isView(first) && !(first instanceof DataView)
      ? (first as unknown as ArrayLike<unknown>).length * perElement
      : 0;
  }
  if (typeof SharedArrayBuffer !== 'undefined' && first instanceof SharedArrayBuffer) return 0;
  const length = (first as { length?: unknown }).length;
  return typeof length === 'number' ? Math.max(0, length) * perElement : 0;
}

/** The global constructors that allocate buffers, which the budget replaces with counting ones. */
export const ALLOCATING_CONSTRUCTORS = [
  'ArrayBuffer',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float16Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
] as const;

/** The part of tfjs the budget uses (duck-typed, so this module needs no tfjs import). */
export interface BudgetTf {
  memory(): { numBytes: number };
  backend(): unknown;
}

interface MovingBackend {
  move(dataId: object, values: unknown, shape: number[], dtype: string, refCount: number): void;
}

const BYTES_PER_DTYPE: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
};

/**
 * Replaces the global typed-array constructors of `scope` with counting ones and wraps the tfjs
 * backend's allocation, both refusing allocations past `budget` with a RangeError whose message
 * starts "out of memory". Call it once per worker (a fresh one per run), after tfjs has started
 * and before learner code is evaluated.
 */
export function installMemoryBudget(
  scope: typeof globalThis,
  tf: BudgetTf | null,
  budget: MemoryBudget = DEFAULT_MEMORY_BUDGET,
): { typedArrayBytesInUse(): number } {
  let inUse = 0;
  const collected = new FinalizationRegistry<number>((bytes) => {
    inUse -= bytes;
  });
  const global = scope as unknown as Record<string, unknown>;
  for (const name of ALLOCATING_CONSTRUCTORS) {
    const original = global[name] as (new (...args: unknown[]) => object) | undefined;
    if (typeof original !== 'function') continue;
    const counting = new Proxy(original, {
      construct(target, args, newTarget) {
        const bytes = requestedBytes(target as { BYTES_PER_ELEMENT?: number }, args);
        if (bytes > 0 && inUse + bytes > budget.typedArrayBytes) {
          throw new RangeError(
            `${OUT_OF_MEMORY}: new ${name}(...) asks for ${mib(bytes)}, and the run has ` +
              `${mib(inUse)} of typed arrays already; the grader allows ${mib(budget.typedArrayBytes)}`,
          );
        }
        const made = Reflect.construct(target, args, newTarget) as object;
        if (bytes > 0) {
          inUse += bytes;
          collected.register(made, bytes);
        }
        return made;
      },
    });
    Object.defineProperty(scope, name, {
      value: counting,
      configurable: true,
      writable: true,
      enumerable: false,
    });
  }

  const backend = tf?.backend() as Partial<MovingBackend> | undefined;
  if (tf && backend && typeof backend.move === 'function') {
    const move = backend.move.bind(backend);
    backend.move = (dataId, values, shape, dtype, refCount) => {
      const elements = shape.reduce((a, b) => a * b, 1);
      const bytes = elements * (BYTES_PER_DTYPE[dtype] ?? 4);
      const live = tf.memory().numBytes;
      if (live + bytes > budget.tensorBytes) {
        throw new RangeError(
          `${OUT_OF_MEMORY}: a ${dtype} tensor of shape [${shape.join(', ')}] needs ${mib(bytes)}, ` +
            `and tensors already use ${mib(live)}; the grader allows ${mib(budget.tensorBytes)} ` +
            `of tensors`,
        );
      }
      move(dataId, values, shape, dtype, refCount);
    };
  }
  return { typedArrayBytesInUse: () => inUse };
}
