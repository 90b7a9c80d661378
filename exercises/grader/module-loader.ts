/**
 * Evaluates CommonJS-shaped learner modules with a `require` that knows only the grader's tfjs
 * and the learner's other files. This works the same in a Node worker and a browser worker (no
 * import maps, blob URLs or loader hooks), and it is what makes the learner's
 * `import * as tf from '@tensorflow/tfjs-core'` resolve to the very instance the checks use.
 */
import type { LearnerModule } from './engine.ts';

/** Bare specifiers a learner may import, all resolving to the grader's tfjs. */
export const TFJS_SPECIFIERS = ['@tensorflow/tfjs-core', '@tensorflow/tfjs'] as const;

/** A compiled file: CommonJS code whose line numbers match the learner's source. */
export interface CompiledFile {
  name: string;
  code: string;
}

/** The URL scheme stack traces show for learner files, so errors can be mapped back. */
const SOURCE_PREFIX = 'learner:///';

/**
 * How many lines the Function constructor puts before the body (V8: 2). Measured once rather
 * than assumed, since it is an engine detail.
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
  return `${match[1]}:${Number(match[2]) - HEADER_LINES}:${match[3]}`;
}

/**
 * What a learner's import refers to: 'tfjs' for the grader's tfjs, a learner file's name for
 * `./name`, `./name.ts` or `./name.js`, or null when the grader cannot provide it.
 */
export function resolveLearnerImport(specifier: string, names: ReadonlySet<string>): string | null {
  if ((TFJS_SPECIFIERS as readonly string[]).includes(specifier)) return 'tfjs';
  if (!specifier.startsWith('./')) return null;
  const bare = specifier.slice(2);
  for (const candidate of [bare, `${bare}.ts`, bare.replace(/\.js$/, '.ts')]) {
    if (names.has(candidate)) return candidate;
  }
  return null;
}

/** Runs `entry` (and any learner file it requires) and returns its exports. */
export function loadModules(
  files: readonly CompiledFile[],
  entry: string,
  tf: object,
): LearnerModule {
  const byName = new Map(files.map((f) => [f.name, f]));
  const names = new Set(byName.keys());
  const cache = new Map<string, { exports: Record<string, unknown> }>();

  const load = (name: string): Record<string, unknown> => {
    const cached = cache.get(name);
    if (cached) return cached.exports;
    const file = byName.get(name);
    if (!file) throw new Error(`no learner file named ${name}`);
    const module = { exports: {} as Record<string, unknown> };
    cache.set(name, module); // before running, so import cycles see the partial exports
    const require = (specifier: string): unknown => {
      const target = resolveLearnerImport(specifier, names);
      if (target === 'tfjs') return tf;
      if (target) return load(target);
      throw new Error(
        `cannot import '${specifier}': exercises may import ${TFJS_SPECIFIERS.join(' or ')} and ` +
          `their own files (./name.ts)`,
      );
    };
    const body = `${file.code}\n//# sourceURL=${SOURCE_PREFIX}${file.name}`;
    const run = new Function('exports', 'require', 'module', body) as (
      e: unknown,
      r: unknown,
      m: unknown,
    ) => void;
    run(module.exports, require, module);
    return module.exports;
  };

  return load(entry);
}
