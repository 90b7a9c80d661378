import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findCycles,
  importSpecifiers,
  layeringViolations,
  listModules,
  packageOf,
  readImportGraph,
  undeclaredPackages,
} from './import-graph.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('importSpecifiers', () => {
  it('reads static, re-exported, side-effect and dynamic imports, marking type-only ones', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from './b.ts';",
      "export { c } from './c.ts';",
      "export type { D } from './d.ts';",
      "import './e.ts';",
      "const f = await import('./f.ts');",
      "import {\n  g,\n  h,\n} from './gh.ts';",
      "// import { x } from './commented.ts';",
      "/* import { y } from './block.ts'; */",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      { specifier: './a.ts', typeOnly: false },
      { specifier: './b.ts', typeOnly: true },
      { specifier: './c.ts', typeOnly: false },
      { specifier: './d.ts', typeOnly: true },
      { specifier: './gh.ts', typeOnly: false },
      { specifier: './e.ts', typeOnly: false },
      { specifier: './f.ts', typeOnly: false },
    ]);
  });
});

describe('findCycles and layeringViolations on a small tree', () => {
  const root = mkdtempSync(join(tmpdir(), 'import-graph-'));
  mkdirSync(join(root, 'runtime'));
  mkdirSync(join(root, 'site'));
  writeFileSync(join(root, 'runtime/a.ts'), "import { b } from './b.ts';\nexport const a = 1;");
  writeFileSync(join(root, 'runtime/b.ts'), "import { a } from './a.ts';\nexport const b = a;");
  writeFileSync(join(root, 'runtime/c.ts'), "import type { S } from '../site/s.ts';");
  writeFileSync(join(root, 'site/s.ts'), "import type { T } from './t.ts';\nexport type S = 1;");
  writeFileSync(join(root, 'site/t.ts'), "import type { S } from './s.ts';\nexport type T = S;");
  const graph = readImportGraph(root, listModules(root, ['runtime', 'site']));

  it('finds a run-time cycle and ignores one made only of type imports', () => {
    expect(findCycles(graph)).toEqual([['runtime/a.ts', 'runtime/b.ts']]);
  });

  it('reports an upward import, type-only included', () => {
    expect(layeringViolations(graph)).toEqual(['runtime/c.ts -> site/s.ts']);
  });
});

describe('this repository', () => {
  const graph = readImportGraph(ROOT, listModules(ROOT, ['runtime', 'board', 'exercises', 'site']));

  it('reads a graph of the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(200);
  });

  it('has no import cycle', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it('imports nothing upward (site -> exercises -> runtime, board)', () => {
    expect(layeringViolations(graph)).toEqual([]);
  });
});

describe('packageOf', () => {
  it('names the package of a bare specifier and nothing else', () => {
    expect(packageOf('@tensorflow/tfjs-core/dist/ops')).toBe('@tensorflow/tfjs-core');
    expect(packageOf('zod')).toBe('zod');
    expect(packageOf('monaco-editor/esm/vs/editor')).toBe('monaco-editor');
    for (const notPackage of ['./a.ts', '../b', 'node:fs', 'astro:content', '/abs.ts']) {
      expect(packageOf(notPackage)).toBeUndefined();
    }
  });
});

describe('declared packages', () => {
  it('every package imported by the source and tests is declared in package.json', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const declared = new Set([
      // The project's own name (the editor resolves `shufflenet-lab/runtime`) and the Vite alias
      // for Monaco's stylesheet defined in astro.config.mjs.
      manifest.name,
      'monaco-editor-css',
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.devDependencies ?? {}),
    ]);
    const modules = listModules(ROOT, ['runtime', 'board', 'exercises', 'site', 'tests']);
    const configs = ['astro.config.mjs', 'eslint.config.js', 'playwright.config.ts'];
    expect(
      undeclaredPackages(ROOT, [...modules, ...configs, 'vitest.config.ts'], declared),
    ).toEqual([]);
  });
});
