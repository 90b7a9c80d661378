import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findCycles,
  importSpecifiers,
  layeringViolations,
  listModules,
  readImportGraph,
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
