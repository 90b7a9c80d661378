/**
 * TypeScript to JavaScript for learner files with sucrase: it strips types without type-checking
 * (the editor and `tsc` do that), keeps line numbers, and runs in a browser worker as well as in
 * Node (Node's own `module.stripTypeScriptTypes` does not exist in browsers). Its `imports`
 * transform turns ES modules into CommonJS, which `module-loader.ts` links against the grader's
 * tfjs and, for files that import `shufflenet-lab/runtime`, the course runtime.
 */
import { transform } from 'sucrase';
import type { CompileOutcome } from './language.ts';
import {
  ALLOWED_IMPORTS,
  loadModules,
  locateInLearnerFiles,
  resolveLearnerImport,
  type CompiledFile,
} from './module-loader.ts';
import type { CompileError } from './types.ts';

interface SucraseSyntaxError extends Error {
  /** 0-based offset of the offending token in the source. */
  pos?: number;
}

/** 1-based line and column of a character offset. */
function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/**
 * The runtime, loaded only for submissions that import it. It imports `@tensorflow/tfjs-core`
 * itself, which resolves to the same module instance as the grader's tfjs (one copy in Node's
 * module graph, one in the worker's Vite bundle), so its ops and the learner's share one engine
 * and tensors pass between them.
 */
const loadRuntime = () => import('../../runtime/index.ts');

/**
 * Imports the grader cannot satisfy, found before running anything so that they are reported
 * at their line like a syntax error rather than as a crash inside the first check; and whether
 * the file imports the runtime.
 */
function scanImports(
  file: string,
  source: string,
  names: ReadonlySet<string>,
): { errors: CompileError[]; usesRuntime: boolean } {
  const errors: CompileError[] = [];
  let usesRuntime = false;
  const pattern =
    /\b(?:import|export)\b[^'";]*?\bfrom\s*(['"])([^'"]+)\1|\bimport\s*(['"])([^'"]+)\3/g;
  for (const match of source.matchAll(pattern)) {
    const specifier = match[2] ?? match[4]!;
    const target = resolveLearnerImport(specifier, names);
    if (target) {
      usesRuntime ||= target.kind === 'runtime';
      continue;
    }
    errors.push({
      file,
      ...position(source, match.index),
      message: `cannot import '${specifier}': exercises may import ${ALLOWED_IMPORTS}`,
    });
  }
  return { errors, usesRuntime };
}

export function compileTypeScript(
  files: Readonly<Record<string, string>>,
  entry: string,
): CompileOutcome {
  const names = new Set(Object.keys(files));
  if (!names.has(entry)) {
    return {
      ok: false,
      errors: [{ file: entry, line: 1, column: 1, message: `missing file ${entry}` }],
    };
  }
  const errors: CompileError[] = [];
  const compiled: CompiledFile[] = [];
  let usesRuntime = false;
  for (const [name, source] of Object.entries(files)) {
    try {
      const { code } = transform(source, {
        transforms: ['typescript', 'imports'],
        filePath: name,
        // Keep modern syntax as written; only types and module syntax change.
        disableESTransforms: true,
        production: true,
      });
      compiled.push({ name, code });
      const scanned = scanImports(name, source, names);
      errors.push(...scanned.errors);
      usesRuntime ||= scanned.usesRuntime;
    } catch (error) {
      const offset = (error as SucraseSyntaxError).pos ?? 0;
      const message = (error as Error).message
        .replace(/^Error transforming [^:]*: /, '')
        .replace(/\s*\(\d+:\d+\)$/, '');
      errors.push({ file: name, ...position(source, offset), message });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    program: {
      load: async (host) =>
        loadModules(compiled, entry, {
          tf: host.tf,
          runtime: usesRuntime ? await loadRuntime() : undefined,
        }),
    },
    locate: locateInLearnerFiles,
  };
}
