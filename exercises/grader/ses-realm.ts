/**
 * Hardened JavaScript for the Node grading worker (ses, https://github.com/endojs/endo/tree/master/packages/ses):
 * `lockdown()` freezes the shared intrinsics (Object, Array.prototype, Math, Function.prototype,
 * ...), so learner code can no longer patch `Object.is`, `Math.abs` or `Array.prototype.every`
 * under the checks; and each run's learner files are evaluated in a `Compartment` whose global
 * object holds only what is endowed here (ses README, "Compartment"): no `process`, no
 * `require` but the loader's own, no `import(...)` (ses rejects the expression in compartment
 * code, SES_IMPORT_REJECTED), so `process.getBuiltinModule('node:worker_threads')`, `fs` and
 * `child_process` are out of reach. `new Function('return this')()` inside a compartment is the
 * compartment's strict-mode Function: it returns undefined, not the worker's global.
 *
 * Call `lockDownGrader` once per worker, after tfjs and the checks are loaded (they set
 * themselves up at start-up) and before learner code runs; it installs the memory budget.
 */
import 'ses';
import type { Tf } from '../../runtime/tf-start.ts';
import { ALLOCATING_CONSTRUCTORS, installMemoryBudget } from './memory-budget.ts';
import {
  LEARNER_SOURCE_PREFIX,
  useLearnerEvaluator,
  type LearnerEvaluator,
} from './module-loader.ts';

/** Allocating constructors, endowed as the memory budget's counting ones. */
const BUDGETED = ALLOCATING_CONSTRUCTORS;

/**
 * Timers for learner code, handing out numbers instead of Node's Timeout objects (whose shared
 * prototype the grader's own timers use).
 */
function timers(): Record<string, unknown> {
  const live = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 1;
  const start =
    (repeat: boolean) =>
    (callback: unknown, ms?: unknown, ...args: unknown[]): number => {
      if (typeof callback !== 'function') throw new TypeError('the callback must be a function');
      const id = next++;
      const run = () => {
        if (!repeat) live.delete(id);
        (callback as (...a: unknown[]) => void)(...args);
      };
      live.set(id, repeat ? setInterval(run, Number(ms) || 0) : setTimeout(run, Number(ms) || 0));
      return id;
    };
  const clear = (id: unknown) => {
    const timer = live.get(Number(id));
    if (timer === undefined) return;
    clearTimeout(timer);
    live.delete(Number(id));
  };
  return {
    setTimeout: start(false),
    setInterval: start(true),
    clearTimeout: clear,
    clearInterval: clear,
    queueMicrotask: (callback: () => void) => queueMicrotask(() => callback()),
  };
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'table', 'dir'] as const;

/** The global names a learner compartment gets, besides ses's own (Math, JSON, Array, ...). */
function endowments(tf: Tf): Record<string, unknown> {
  const global = globalThis as unknown as Record<string, unknown>;
  const budgeted = Object.fromEntries(BUDGETED.map((name) => [name, global[name]]));
  // On this object, not on globalThis: lockdown checks that the global constructors are the
  // intrinsics. The budget also wraps the tfjs backend's allocation.
  installMemoryBudget(budgeted as unknown as typeof globalThis, tf);
  // Read by name: the budget defines its constructors as non-enumerable properties.
  const counting = Object.fromEntries(BUDGETED.map((name) => [name, budgeted[name]]));
  // Not the worker's console itself, whose symbol-keyed properties hold Node's streams: methods
  // that forward to it (console-capture.ts replaces its methods before learner code runs).
  const host = globalThis.console;
  const console = Object.freeze(
    Object.fromEntries(
      CONSOLE_METHODS.map((name) => [name, (...args: unknown[]) => host[name](...args)]),
    ),
  );
  // The start compartment's Date and Math (frozen by lockdown): ses's compartment versions throw
  // on Date.now() and Math.random() (ses docs, "Compartment": no ambient time or randomness),
  // which learners use to time or initialise things; neither grants any authority here.
  return { console, Date: globalThis.Date, Math: globalThis.Math, ...counting, ...timers() };
}

/**
 * tfjs exports that hand out the engine, the backend, the kernel registry or the environment:
 * `tf.env().global` is the worker's real global object (process included), and a patched
 * backend `readSync` or a re-registered kernel would change what the checks' own tfjs
 * computations read. Learner files get tfjs without them.
 */
const TF_WITHHELD = new Set([
  'ENV',
  'Environment',
  'KernelBackend',
  'backend',
  'backend_util',
  'copyRegisteredKernels',
  'device_util',
  'engine',
  'env',
  'findBackend',
  'findBackendFactory',
  'getGradient',
  'getKernel',
  'getKernelsForBackend',
  'io',
  'kernel_impls',
  'registerBackend',
  'registerGradient',
  'registerKernel',
  'removeBackend',
  'setBackend',
  'setPlatform',
  'unregisterGradient',
  'unregisterKernel',
]);

/** The tfjs learner files import: a frozen copy of the namespace, less `TF_WITHHELD`. */
export function learnerTf(tf: object): object {
  const facade: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(tf)) {
    if (TF_WITHHELD.has(name)) continue;
    facade[name] = value;
  }
  // tf.util.fetch is the platform's fetch: network access.
  const util = (tf as { util?: Record<string, unknown> }).util;
  if (util) {
    const { fetch: _fetch, ...rest } = util;
    facade.util = Object.freeze(rest);
  }
  return Object.freeze(facade);
}

/**
 * Locks the realm down and makes the module loader evaluate learner files in a fresh
 * Compartment. `harden` then freezes what learner code is handed and the checks rely on:
 * tfjs's Tensor prototype chain (its chained ops are registered by now), so a learner cannot
 * patch `dataSync` or `arraySync` under the checks.
 */
export function lockDownGrader(tf: Tf): void {
  // Options (ses docs, "lockdown options"): errors keep their V8 stacks (errorTaming, stackFiltering)
  // so that failures point at the learner's line; the worker reports unhandled errors itself
  // (errorTrapping, unhandledRejectionTrapping); the console stays the one the grader captures;
  // locale methods keep their formatting ("8,192 MiB");
  // 'severe' override taming lets tfjs assign over inherited properties such as `toString`;
  // no report of the intrinsics ses removes (Chromium's Iterator.prototype.join and .includes,
  // not in ses's permits): it went to the console of the page, as an error, on every run.
  lockdown({
    reporting: 'none',
    errorTaming: 'unsafe',
    stackFiltering: 'verbose',
    consoleTaming: 'unsafe',
    errorTrapping: 'none',
    unhandledRejectionTrapping: 'none',
    overrideTaming: 'severe',
    domainTaming: 'unsafe',
    localeTaming: 'unsafe',
  } as Parameters<typeof lockdown>[0]);
  harden(tf.Tensor);
  harden(tf.Variable);
  harden(tf.TensorBuffer);
  const compartment = new Compartment({ globals: endowments(tf), __options__: true });
  const probe = compartment.evaluate(
    `(async function () {\nthrow new Error('probe');\n})\n//# sourceURL=${LEARNER_SOURCE_PREFIX}probe`,
  ) as () => Promise<void>;
  let headerLines = 1;
  probe().catch((error: unknown) => {
    const match = /learner:\/\/\/probe:(\d+):\d+/.exec(String((error as Error).stack));
    if (match) headerLines = Number(match[1]) - 1;
  });
  const evaluator: LearnerEvaluator = {
    compile: (code, name) =>
      compartment.evaluate(
        `(async function (exports, require, module) {\n${code}\n})\n//# sourceURL=${LEARNER_SOURCE_PREFIX}${name}`,
      ) as (e: unknown, r: unknown, m: unknown) => Promise<void>,
    get headerLines() {
      return headerLines;
    },
    tfFor: learnerTf,
  };
  useLearnerEvaluator(evaluator);
}
