/**
 * Type-checks a submission with the TypeScript compiler API (one `ts.createProgram` per
 * submission; https://github.com/microsoft/TypeScript/wiki/Using-the-Compiler-API): the learner's
 * files, the course runtime's sources and tfjs's declarations, under the options the site's
 * editor uses (strict, a worker's globals). Beyond the learner's own files, each name the manifest
 * says the entry exports is checked against the exercise's declared signature, the start file's:
 * a function that returns a `string` where the exercise declares `number` fails here even when
 * the learner changed the annotation too.
 *
 * Node only (it reads the repository's files). It runs in a worker thread of its own
 * (type-check-worker.ts, started by node-runner.ts), the one place `typescript` is imported, so
 * commands other than `learn check` never load it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TS from 'typescript';
import { findExercise } from '../manifest.ts';
import { RUNTIME_SPECIFIER } from './imports.ts';
import type { CompileError } from './types.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Parsed files outside the submission (lib.*.d.ts, tfjs, runtime), kept between programs. */
const shared = new Map<string, TS.SourceFile>();

function options(ts: typeof TS): TS.CompilerOptions {
  // The editor's options (site/features/editor/monaco.ts), with ES2022 for top-level await.
  return {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts', 'lib.webworker.d.ts'],
    paths: { [RUNTIME_SPECIFIER]: [join(ROOT, 'runtime/index.ts')] },
  };
}

/** 1-based line and column of a diagnostic, and its text with TS's code (as tsc prints it). */
function toError(ts: typeof TS, d: TS.Diagnostic, file: string, at?: number): CompileError {
  const { line, character } = d.file
    ? d.file.getLineAndCharacterOfPosition(at ?? d.start ?? 0)
    : { line: 0, character: 0 };
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  return { file, line: line + 1, column: character + 1, message: `${text} (TS${d.code})` };
}

export interface TypeCheckRequest {
  exerciseId: string;
  files: Readonly<Record<string, string>>;
}

/**
 * Every type error of the submission's files, then every mismatch of an exported name with the
 * exercise's declared signature (reported at the learner's declaration of that name).
 */
export function typeCheck(ts: typeof TS, request: TypeCheckRequest): CompileError[] {
  const exercise = findExercise(request.exerciseId);
  if (!exercise || exercise.language !== 'ts') return [];
  const exerciseDir = join(ROOT, 'exercises', exercise.id);
  // The submission sits next to start/ (virtually), so `../start/` reaches the declared files.
  const dir = join(exerciseDir, '.submission');
  const learner = new Map(Object.entries(request.files).map(([n, s]) => [join(dir, n), s]));
  const contractPath = join(dir, '__declared-signature__.ts');
  const declared = join(exerciseDir, 'start', exercise.entry);
  const hasDeclared = existsSync(declared) && learner.has(join(dir, exercise.entry));
  const contractLines = hasDeclared
    ? [
        `import type * as declared from '../start/${exercise.entry}';`,
        `import * as learner from './${exercise.entry}';`,
        ...exercise.exports.map(
          (name, i) => `export const check${i}: typeof declared.${name} = learner.${name};`,
        ),
      ]
    : [];
  if (hasDeclared) learner.set(contractPath, contractLines.join('\n'));

  const compilerOptions = options(ts);
  const host = ts.createCompilerHost(compilerOptions, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (path) => learner.get(path) ?? readFile(path);
  host.fileExists = (path) => learner.has(path) || fileExists(path);
  const directoryExists = host.directoryExists?.bind(host);
  // The submission's folder exists only here; module resolution asks before looking inside.
  host.directoryExists = (path) => path === dir || (directoryExists?.(path) ?? true);
  host.getSourceFile = (path, language, onError) => {
    const text = learner.get(path);
    if (text !== undefined) return ts.createSourceFile(path, text, language, true);
    let file = shared.get(path);
    if (!file) {
      file = getSourceFile(path, language, onError);
      if (file) shared.set(path, file);
    }
    return file;
  };
  // The chained-method augmentations (`x.reshape(...)`), which the grader's tfjs registers.
  const roots = [...learner.keys(), join(ROOT, 'runtime/tfjs-chained-ops.ts')];
  const program = ts.createProgram(roots, compilerOptions, host);

  const errors: CompileError[] = [];
  for (const [path] of learner) {
    if (path === contractPath) continue;
    const file = program.getSourceFile(path);
    if (!file) continue;
    const name = path.slice(dir.length + 1);
    for (const d of [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ]) {
      errors.push(toError(ts, d, name));
    }
  }
  const contract = program.getSourceFile(contractPath);
  if (contract) {
    const entryFile = program.getSourceFile(join(dir, exercise.entry));
    const checker = program.getTypeChecker();
    const entrySymbol = entryFile && checker.getSymbolAtLocation(entryFile);
    const exported = entrySymbol ? checker.getExportsOfModule(entrySymbol) : [];
    for (const d of program.getSemanticDiagnostics(contract)) {
      const line = contract.getLineAndCharacterOfPosition(d.start ?? 0).line;
      const name = exercise.exports[line - 2];
      if (name === undefined) continue; // the imports: the entry's own errors are listed above
      const declaration = exported.find((s) => s.name === name)?.declarations?.[0];
      const base = toError(ts, d, exercise.entry, 0);
      const at =
        declaration && entryFile
          ? entryFile.getLineAndCharacterOfPosition(
              (ts.getNameOfDeclaration(declaration) ?? declaration).getStart(),
            )
          : { line: 0, character: 0 };
      errors.push({
        ...base,
        line: at.line + 1,
        column: at.character + 1,
        message: `'${name}' does not match the exercise's declared signature (start/${exercise.entry}): ${base.message}`,
      });
    }
  }
  return errors;
}
