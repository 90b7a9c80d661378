/**
 * Evaluates CommonJS-shaped learner modules with a `require` that knows only the grader's tfjs,
 * the course runtime and the learner's other files. This works the same in a Node worker and a
 * browser worker (no import maps, blob URLs or loader hooks), and it is what makes the learner's
 * `import * as tf from '@tensorflow/tfjs-core'` resolve to the very instance the checks use.
 */
import type { LearnerModule } from './engine.ts';
import { ALLOWED_IMPORTS, RUNTIME_SPECIFIER, TFJS_SPECIFIERS } from './imports.ts';

export { ALLOWED_IMPORTS, RUNTIME_SPECIFIER, TFJS_SPECIFIERS };

/** What the learner's bare imports resolve to; the runtime only when a file imports it. */
export interface LoaderHost {
  tf: object;
  /** `runtime/index.ts`'s exports, built on the same tfjs instance as `tf`. */
  runtime?: object;
}

/** A compiled file: CommonJS code whose line numbers match the learner's source. */
export interface CompiledFile {
  name: string;
  code: string;
}

/** The URL scheme stack traces show for learner files, so errors can be mapped back. */
const SOURCE_PREFIX = 'learner:///';

/**
 * Learner files run as async function bodies, so that a top-level `await` (which sucrase leaves
 * as written) works as it does in an ES module. The AsyncFunction constructor is not a global
 * (MDN, "AsyncFunction"); it is reached through an async function's prototype.
 */
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as FunctionConstructor;

/**
 * How many lines the Function constructor puts before the body (V8: 2, the same for
 * AsyncFunction). Measured once rather than assumed, since it is an engine detail.
 */
const HEADER_LINES = (() => {
  try {
    new Function(`throw new Error('probe');\n//# sourceURL=${SOURCE_PREFIX}probe`)();
  } catch (error) {
    const match = /learner:\/\/\/probe:(\d+):\d+/.exec(String((error as Error).stack));
    if (match) return Number(match[1]) - 1;
  }
  return 0;
})();

/** "file.ts:line:column" of the first learner frame in an error's stack, or null. */
export function locateInLearnerFiles(error: unknown): string | null {
  const stack = error instanceof Error ? String(error.stack) : '';
  const match = /learner:\/\/\/([^\s:()]+):(\d+):(\d+)/.exec(stack);
  if (!match) return null;
  return `${match[1]}:${Number(match[2]) - evaluator.headerLines}:${match[3]}`;
}

/**
 * Turns a learner file's compiled code into its async module function. The default is the
 * AsyncFunction constructor of this realm; the Node grading worker replaces it, after
 * `lockdown()`, with an evaluator that runs the code in a ses Compartment (`useLearnerEvaluator`).
 */
export interface LearnerEvaluator {
  compile(
    code: string,
    name: string,
  ): (exports: unknown, require: unknown, module: unknown) => Promise<void>;
  /** Lines the evaluator puts before the body, for mapping stack lines back. */
  headerLines: number;
  /** What learner files get for a tfjs import, given the grader's tfjs (default: tfjs itself). */
  tfFor?: (tf: object) => object;
}

const functionEvaluator: LearnerEvaluator = {
  compile: (code, name) =>
    new AsyncFunction(
      'exports',
      'require',
      'module',
      `${code}\n//# sourceURL=${SOURCE_PREFIX}${name}`,
    ) as (e: unknown, r: unknown, m: unknown) => Promise<void>,
  headerLines: HEADER_LINES,
};

let evaluator: LearnerEvaluator = functionEvaluator;

/** Evaluates learner files with `next` from now on (this realm, this worker). */
export function useLearnerEvaluator(next: LearnerEvaluator): void {
  evaluator = next;
}

/**
 * The stack trace mark of learner files; evaluators put `//# sourceURL=` + this + the file name
 * after the code.
 */
export const LEARNER_SOURCE_PREFIX = SOURCE_PREFIX;

/** What a learner's import refers to. */
export type ResolvedImport =
  { kind: 'tfjs' } | { kind: 'runtime' } | { kind: 'file'; name: string };

/**
 * What a learner's import refers to: the grader's tfjs, the course runtime, a learner file for
 * `./name`, `./name.ts` or `./name.js`, or null when the grader cannot provide it.
 */
export function resolveLearnerImport(
  specifier: string,
  names: ReadonlySet<string>,
): ResolvedImport | null {
  if ((TFJS_SPECIFIERS as readonly string[]).includes(specifier)) return { kind: 'tfjs' };
  if (specifier === RUNTIME_SPECIFIER) return { kind: 'runtime' };
  if (!specifier.startsWith('./')) return null;
  const bare = specifier.slice(2);
  for (const candidate of [bare, `${bare}.ts`, bare.replace(/\.js$/, '.ts')]) {
    if (names.has(candidate)) return { kind: 'file', name: candidate };
  }
  return null;
}

/**
 * Runs `entry` (and any learner file it requires) and resolves to its exports once every file's
 * top-level code, awaits included, has finished. A file runs synchronously up to its first
 * top-level `await`, so `require` hands back its (possibly partial) exports at once, as an import
 * cycle would; the evaluations are awaited together at the end.
 */
export async function loadModules(
  files: readonly CompiledFile[],
  entry: string,
  host: LoaderHost,
): Promise<LearnerModule> {
  const byName = new Map(files.map((f) => [f.name, f]));
  const names = new Set(byName.keys());
  const cache = new Map<string, { exports: Record<string, unknown> }>();
  const evaluations: Promise<void>[] = [];
  let learnerTf: object | undefined;

  const load = (name: string): Record<string, unknown> => {
    const cached = cache.get(name);
    if (cached) return cached.exports;
    const file = byName.get(name);
    if (!file) throw new Error(`no learner file named ${name}`);
    const module = { exports: {} as Record<string, unknown> };
    cache.set(name, module); // before running, so import cycles see the partial exports
    const require = (specifier: string): unknown => {
      const target = resolveLearnerImport(specifier, names);
      if (target?.kind === 'tfjs') return (learnerTf ??= evaluator.tfFor?.(host.tf) ?? host.tf);
      if (target?.kind === 'file') return load(target.name);
      if (target?.kind === 'runtime') {
        // compile-ts.ts loads the runtime before evaluating any file that imports it.
        if (host.runtime) return host.runtime;
        throw new Error(`internal: ${RUNTIME_SPECIFIER} was imported but not loaded`);
      }
      throw new Error(`cannot import '${specifier}': exercises may import ${ALLOWED_IMPORTS}`);
    };
    const run = evaluator.compile(file.code, file.name);
    const evaluation = run(module.exports, require, module);
    // Awaited below, in order; this only keeps a second failure from going unhandled meanwhile.
    evaluation.catch(() => {});
    evaluations.push(evaluation);
    return module.exports;
  };

  const exports = load(entry);
  // Files required later by a file's await-ed code join the list while this waits.
  for (let i = 0; i < evaluations.length; i++) await evaluations[i];
  // A module whose exports have a `then` would be adopted by the promise this function returns
  // (https://promisesaplus.com/, "The Promise Resolution Procedure"): its `then` would decide
  // what the checks see. Refused, never called. `in` on a Proxy runs learner code; it may throw.
  let thenable = true;
  try {
    thenable = 'then' in exports;
  } catch {
    // a trap that throws is refused the same way
  }
  if (thenable) {
    throw new Error(
      'your module exports `then` (a thenable module); the grader does not adopt it: remove the `then` export',
    );
  }
  return exports;
}
