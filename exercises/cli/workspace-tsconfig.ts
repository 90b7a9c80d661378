/**
 * The tsconfig.json that `learn start` puts in the workspace. The repository's own tsconfig
 * excludes workspace/ (the learner's half-done code must not fail `npm run check`), so without
 * this file an editor opening workspace/<id>/*.ts would use default settings and not resolve
 * `shufflenet-lab/runtime`. Extending the root config keeps one source of truth: its `paths`
 * resolve relative to the root file wherever the workspace is.
 */
import { relative } from 'node:path';

export function workspaceTsconfig(workspace: string, rootTsconfig: string): string {
  // tsconfig `extends` takes a relative path with forward slashes (or a package name).
  let extendsPath = relative(workspace, rootTsconfig).split('\\').join('/');
  if (!extendsPath.startsWith('.')) extendsPath = `./${extendsPath}`;
  const config = {
    extends: extendsPath,
    include: ['**/*.ts'],
    exclude: ['**/*.backup-*/**'],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
