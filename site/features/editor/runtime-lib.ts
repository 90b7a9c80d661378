/**
 * Which runtime sources the editor's TypeScript service needs, and where they go. Learners import
 * the runtime as `shufflenet-lab/runtime` (the grader's `RUNTIME_SPECIFIER`); Node-style module
 * resolution in Monaco's worker finds `file:///node_modules/shufflenet-lab/runtime/index.ts` for
 * it, the same file `tsc` reaches through the `paths` entry of tsconfig.json. The sources keep
 * their own imports: `./arch.ts` resolves next to them, and `@tensorflow/tfjs-core` to the tfjs
 * declarations `tfjs-types.ts` serves under the same virtual node_modules.
 *
 * Pure (no Vite, no Monaco), so it is unit-tested in Node against the files on disk.
 */
import { RUNTIME_SPECIFIER } from '../../../exercises/grader/imports.ts';

/** The virtual folder the runtime's sources are served from. */
export const RUNTIME_LIB_ROOT = `file:///node_modules/${RUNTIME_SPECIFIER}/`;

/** Bare imports the runtime may use: the editor serves declarations for these only. */
const PROVIDED_PACKAGES = ['@tensorflow/tfjs-core'];

/**
 * `from './x.ts'`, `import './x.ts'` and `import('./x.ts')` specifiers of a source file. Comments
 * go first: the runtime's doc comments mention imports (`import '@tensorflow/tfjs-backend-wasm'`)
 * that are advice to the reader, not dependencies. (A `//` inside a string on an import's line
 * would hide that import; the runtime has none.)
 */
export function importsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/[^\n]*/g, '$1');
  const pattern =
    /\b(?:import|export)\b[^'";]*?\bfrom\s*(['"])([^'"]+)\1|\bimport\s*\(?\s*(['"])([^'"]+)\3/g;
  return [...code.matchAll(pattern)].map((match) => match[2] ?? match[4]!);
}

/**
 * The runtime's entry `index.ts` and every file it imports, transitively, as extra libs for
 * `typescriptDefaults.setExtraLibs`. `sources` maps paths like `/runtime/arch.ts` to their text
 * (what Vite's `import.meta.glob` returns); files the entry does not reach (tests, command-line
 * tools) are left out. Throws, naming the file, when a needed source is missing from `sources`
 * or a file imports a package the editor has no declarations for: either would silently turn
 * the runtime's types into `any` in the editor.
 */
export function runtimeLibFiles(
  sources: Readonly<Record<string, string>>,
  folder = '/runtime/',
): { filePath: string; content: string }[] {
  const files: { filePath: string; content: string }[] = [];
  const seen = new Set<string>();
  const visit = (name: string, importer: string | null) => {
    if (seen.has(name)) return;
    seen.add(name);
    const content = sources[`${folder}${name}`];
    if (content === undefined) {
      throw new Error(
        `the editor's runtime types lack ${folder}${name}` +
          (importer ? ` (imported by ${folder}${importer})` : '') +
          `: add it to the sources served to the editor`,
      );
    }
    files.push({ filePath: `${RUNTIME_LIB_ROOT}${name}`, content });
    for (const specifier of importsOf(content)) {
      if (specifier.startsWith('./') && !specifier.slice(2).includes('/')) {
        visit(specifier.slice(2), name);
      } else if (!PROVIDED_PACKAGES.includes(specifier)) {
        throw new Error(
          `${folder}${name} imports '${specifier}', which the editor cannot resolve: the ` +
            `runtime's public files may import ${PROVIDED_PACKAGES.join(', ')} and files ` +
            `next to them (./name.ts)`,
        );
      }
    }
  };
  visit('index.ts', null);
  return files;
}
