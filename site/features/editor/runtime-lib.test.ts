/**
 * The runtime files the editor serves: read from disk the way Vite's glob in runtime-types.ts
 * reads them, then checked to be exactly what `index.ts` needs, at the paths Node-style module
 * resolution looks for `shufflenet-lab/runtime`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RUNTIME_SPECIFIER } from '../../../exercises/grader/imports.ts';
import { importsOf, RUNTIME_LIB_ROOT, runtimeLibFiles } from './runtime-lib.ts';

const RUNTIME = new URL('../../../runtime/', import.meta.url);

/** What the glob of runtime-types.ts matches: top-level .ts, less tests and backends-node.ts. */
function globbed(): Record<string, string> {
  const names = readdirSync(RUNTIME).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'backends-node.ts',
  );
  return Object.fromEntries(
    names.map((name) => [`/runtime/${name}`, readFileSync(new URL(name, RUNTIME), 'utf8')]),
  );
}

describe('runtimeLibFiles', () => {
  const files = runtimeLibFiles(globbed());
  const byName = new Map(files.map((f) => [f.filePath.slice(RUNTIME_LIB_ROOT.length), f.content]));

  it('serves index.ts where `shufflenet-lab/runtime` resolves in a virtual node_modules', () => {
    expect(RUNTIME_LIB_ROOT).toBe(`file:///node_modules/${RUNTIME_SPECIFIER}/`);
    expect(files[0]!.filePath).toBe('file:///node_modules/shufflenet-lab/runtime/index.ts');
    expect(byName.get('index.ts')).toBe(readFileSync(new URL('index.ts', RUNTIME), 'utf8'));
  });

  it('includes every file index.ts reaches, with its text unchanged', () => {
    for (const [name, content] of byName) {
      expect(content, name).toBe(readFileSync(new URL(name, RUNTIME), 'utf8'));
      for (const specifier of importsOf(content).filter((s) => s.startsWith('./'))) {
        expect(byName.has(specifier.slice(2)), `${name} imports ${specifier}`).toBe(true);
      }
    }
    // The modules index.ts re-exports are there (their own imports are checked above).
    for (const specifier of importsOf(byName.get('index.ts')!)) {
      expect(byName.has(specifier.slice(2)), specifier).toBe(true);
    }
  });

  it('leaves out what index.ts does not reach: tests, Node-only code, other tools', () => {
    for (const name of byName.keys()) {
      expect(name).not.toMatch(/\.test\.ts$|^backends-node\.ts$|\//);
    }
    const unreached = Object.keys(globbed())
      .map((path) => path.slice('/runtime/'.length))
      .filter((name) => !byName.has(name));
    // Anything not served must also not be imported by a served file.
    for (const content of byName.values()) {
      for (const name of unreached) expect(importsOf(content)).not.toContain(`./${name}`);
    }
  });

  it('names a missing source and the file that imports it', () => {
    const sources = globbed();
    delete sources['/runtime/safetensors.ts'];
    expect(() => runtimeLibFiles(sources)).toThrow(
      /lack \/runtime\/safetensors\.ts \(imported by \/runtime\/weights\.ts\)/,
    );
  });

  it('refuses a package import the editor has no declarations for', () => {
    const sources = {
      '/runtime/index.ts': "export { readFile } from 'node:fs/promises';\n",
    };
    expect(() => runtimeLibFiles(sources)).toThrow(
      "/runtime/index.ts imports 'node:fs/promises', which the editor cannot resolve",
    );
  });
});

describe('importsOf', () => {
  it('finds static, side-effect and dynamic imports and re-exports, not those in comments', () => {
    const source = [
      '/** Register a backend first: import "@tensorflow/tfjs-backend-wasm"; */',
      "import * as tf from '@tensorflow/tfjs-core';",
      "import type { Arch } from './arch.ts';",
      "export { costOf } from './cost.ts';",
      "import './side.ts';",
      "const lazy = () => import('./lazy.ts');",
      "// import { old } from './old.ts';",
      "const url = 'https://example.org'; // a URL is not a comment",
    ].join('\n');
    expect(importsOf(source)).toEqual([
      '@tensorflow/tfjs-core',
      './arch.ts',
      './cost.ts',
      './side.ts',
      './lazy.ts',
    ]);
  });
});
