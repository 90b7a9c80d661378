/**
 * The repository's import graph, read from the source text: which module imports which, the
 * import cycles (strongly connected components, Tarjan 1972), and the imports that break the
 * layering (site -> exercises -> runtime, board; nothing imports upward).
 *
 * Only relative specifiers are followed: packages are leaves. `import type` counts for layering
 * (a type still ties the layers together) but not for cycles, since it is erased before run time.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface ImportEdge {
  /** Repository-relative path of the imported module. */
  to: string;
  /** True for `import type` / `export type ... from`, which TypeScript erases. */
  typeOnly: boolean;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mjs', '.js'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.astro', 'start', 'solution']);

/**
 * Static import and re-export specifiers of one module, and dynamic `import('...')` with a
 * literal. Comments are removed first so that an example in a comment is not read as an import.
 */
export function importSpecifiers(source: string): { specifier: string; typeOnly: boolean }[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const fromClause = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?[^;'"]*?\sfrom\s*['"]([^'"]+)['"]/g;
  for (const match of code.matchAll(fromClause)) {
    found.push({ specifier: match[3]!, typeOnly: Boolean(match[2]) });
  }
  for (const match of code.matchAll(/(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g)) {
    found.push({ specifier: match[1]!, typeOnly: false });
  }
  for (const match of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push({ specifier: match[1]!, typeOnly: false });
  }
  return found;
}

/** Resolves a relative specifier the way the bundler does (exact file, then `/index.ts`). */
export function resolveRelative(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier.replace(/\?.*$/, ''));
  const candidates = [base, ...SOURCE_EXTENSIONS.map((ext) => base + ext)];
  candidates.push(...SOURCE_EXTENSIONS.map((ext) => join(base, 'index' + ext)));
  return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

/** Every source module under the given top-level folders, repository-relative. */
export function listModules(root: string, folders: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(join(dir, entry.name));
      } else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
        out.push(relative(root, join(dir, entry.name)));
      }
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return out.sort();
}

/** The graph: module -> the modules it imports (repository-relative). */
export function readImportGraph(root: string, modules: string[]): Map<string, ImportEdge[]> {
  const graph = new Map<string, ImportEdge[]>();
  for (const module of modules) {
    const file = join(root, module);
    const edges: ImportEdge[] = [];
    for (const { specifier, typeOnly } of importSpecifiers(readFileSync(file, 'utf8'))) {
      const target = resolveRelative(file, specifier);
      if (target) edges.push({ to: relative(root, target), typeOnly });
    }
    graph.set(module, edges);
  }
  return graph;
}

/** Import cycles through run-time imports: each a list of two or more modules, or a self-import. */
export function findCycles(graph: Map<string, ImportEdge[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const successors = (node: string): string[] =>
    (graph.get(node) ?? []).filter((edge) => !edge.typeOnly).map((edge) => edge.to);

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of successors(node)) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || successors(node).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/**
 * Which top-level folders each layer may import from. `tests/` and the root configs are outside
 * the layering (they look at everything); `models/` holds data files (weights, sample images)
 * that the site bundles by URL.
 */
export const ALLOWED_LAYERS: Record<string, string[]> = {
  runtime: ['runtime'],
  board: ['board', 'runtime'],
  exercises: ['exercises', 'runtime', 'board'],
  site: ['site', 'exercises', 'runtime', 'board', 'models'],
};

/** Imports that reach a layer the importing layer may not use, as `from -> to` lines. */
export function layeringViolations(graph: Map<string, ImportEdge[]>): string[] {
  const layerOf = (path: string): string => path.split('/')[0]!;
  const out: string[] = [];
  for (const [from, edges] of graph) {
    const allowed = ALLOWED_LAYERS[layerOf(from)];
    if (!allowed) continue;
    for (const edge of edges) {
      if (!allowed.includes(layerOf(edge.to))) out.push(`${from} -> ${edge.to}`);
    }
  }
  return out;
}

/**
 * The npm package a bare specifier names (`@scope/name/sub` -> `@scope/name`), or undefined for
 * a relative path, a `node:` built-in or a virtual module such as `astro:content`.
 */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || /^[a-z]+:/.test(specifier)) {
    return undefined;
  }
  const parts = specifier.replace(/\?.*$/, '').split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Packages the given modules import that package.json does not declare, as `module: package`. */
export function undeclaredPackages(
  root: string,
  modules: string[],
  declared: Set<string>,
): string[] {
  const out: string[] = [];
  for (const module of modules) {
    for (const { specifier } of importSpecifiers(readFileSync(join(root, module), 'utf8'))) {
      const name = packageOf(specifier);
      if (name && !declared.has(name)) out.push(`${module}: ${name}`);
    }
  }
  return out;
}
