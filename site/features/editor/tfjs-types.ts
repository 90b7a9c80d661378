/**
 * tfjs-core's own declaration files, as text, for the editor's TypeScript service. They are
 * bundled at build time (about 130 KB gzipped) into a chunk that only the editor loads, and
 * served under a virtual `file:///node_modules/@tensorflow/tfjs-core/`, so that Node-style module
 * resolution in Monaco's worker finds them the same way `tsc` does on disk.
 */
const declarations = import.meta.glob(
  [
    '/node_modules/@tensorflow/tfjs-core/dist/**/*.d.ts',
    '!**/*_test.d.ts',
    '!**/test_util.d.ts',
    '!**/*_test_util.d.ts',
  ],
  { query: '?raw', import: 'default', eager: true },
) as Record<string, string>;

const ROOT = '/node_modules/@tensorflow/tfjs-core/';

/**
 * The package entry, plus the chained-method augmentations (`x.reshape(...)`): the grader
 * registers chained ops (runtime/tf-start.ts), so the editor must know them as well.
 */
const ENTRY = `export * from './dist/index';
import './dist/public/chained_ops/register_all_chained_ops';
`;

/** Declaration files in the shape `typescriptDefaults.setExtraLibs` takes. */
export function tfjsDeclarationFiles(): { content: string; filePath: string }[] {
  const files = Object.entries(declarations).map(([path, content]) => ({
    filePath: `file://${path}`,
    content,
  }));
  files.push({ filePath: `file://${ROOT}index.d.ts`, content: ENTRY });
  return files;
}
