/**
 * TypeScript to JavaScript for learner files with sucrase: it strips types without type-checking
 * (the editor and `tsc` do that), keeps line numbers, and runs in a browser worker as well as in
 * Node (Node's own `module.stripTypeScriptTypes` does not exist in browsers). Its `imports`
 * transform turns ES modules into CommonJS, which `module-loader.ts` links against the grader's
 * tfjs.
 */
import { transform } from 'sucrase';
import type { CompileOutcome } from './compilers.ts';
import {
  loadModules,
  locateInLearnerFiles,
  resolveLearnerImport,
  TFJS_SPECIFIERS,
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
 * Imports the grader cannot satisfy, found before running anything so that they are reported
 * at their line like a syntax error rather than as a crash inside the first check.
 */
function unsupportedImports(
  file: string,
  source: string,
  names: ReadonlySet<string>,
): CompileError[] {
  const errors: CompileError[] = [];
  const pattern =
    /\b(?:import|export)\b[^'";]*?\bfrom\s*(['"])([^'"]+)\1|\bimport\s*(['"])([^'"]+)\3/g;
  for (const match of source.matchAll(pattern)) {
    const specifier = match[2] ?? match[4]!;
    if (resolveLearnerImport(specifier, names)) continue;
    errors.push({
      file,
      ...position(source, match.index),
      message:
        `cannot import '${specifier}': exercises may import ${TFJS_SPECIFIERS.join(' or ')} ` +
        `and their own files`,
    });
  }
  return errors;
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
      errors.push(...unsupportedImports(name, source, names));
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
    program: { load: (host) => loadModules(compiled, entry, host.tf) },
    locate: locateInLearnerFiles,
  };
}
