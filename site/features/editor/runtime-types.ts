/**
 * The course runtime's sources, as text, for the editor's TypeScript service: what
 * `import { buildArch } from 'shufflenet-lab/runtime'` resolves to in an exercise. Bundled at build
 * time into the editor's chunk only (the page never loads it before Monaco), and served by
 * `runtimeLibFiles` under a virtual `file:///node_modules/shufflenet-lab/runtime/`. The glob is
 * the runtime's top-level files less tests and the Node-only backend setup; `runtimeLibFiles`
 * keeps only those `index.ts` reaches and fails loudly if one it needs is missing.
 */
import { runtimeLibFiles } from './runtime-lib.ts';

const sources = import.meta.glob(
  ['/runtime/*.ts', '!/runtime/*.test.ts', '!/runtime/backends-node.ts'],
  { query: '?raw', import: 'default', eager: true },
) as Record<string, string>;

/** The runtime's files in the shape `typescriptDefaults.setExtraLibs` takes. */
export function runtimeDeclarationFiles(): { content: string; filePath: string }[] {
  return runtimeLibFiles(sources);
}
