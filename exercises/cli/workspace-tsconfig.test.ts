import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { workspaceTsconfig } from './workspace-tsconfig.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** What TypeScript (and so an editor) resolves `specifier` to from a file in `dir`. */
function resolveFrom(dir: string, specifier: string): string | undefined {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(dir, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => expect.fail(String(d.messageText)) },
  )!;
  expect(parsed.errors.map((e) => e.messageText)).toEqual([]);
  const from = join(dir, 'ex', 'answer.ts');
  return ts.resolveModuleName(specifier, from, parsed.options, ts.sys).resolvedModule
    ?.resolvedFileName;
}

describe('workspaceTsconfig', () => {
  it('lets an editor resolve the runtime and tfjs from a learner copy', () => {
    // Where `learn start` puts it by default: workspace/ at the root (git-ignored).
    mkdirSync(join(ROOT, 'workspace'), { recursive: true });
    const workspace = mkdtempSync(join(ROOT, 'workspace', '.tsconfig-test-'));
    try {
      mkdirSync(join(workspace, 'ex'));
      writeFileSync(
        join(workspace, 'ex', 'answer.ts'),
        "export * from 'shufflenet-lab/runtime';\n",
      );
      writeFileSync(
        join(workspace, 'tsconfig.json'),
        workspaceTsconfig(workspace, join(ROOT, 'tsconfig.json')),
      );
      expect(resolveFrom(workspace, 'shufflenet-lab/runtime')).toBe(
        join(ROOT, 'runtime', 'index.ts'),
      );
      expect(resolveFrom(workspace, '@tensorflow/tfjs-core')).toMatch(
        /node_modules\/@tensorflow\/tfjs-core\/dist\/index\.d\.ts$/,
      );
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('writes a relative extends path', () => {
    const text = workspaceTsconfig('/repo/workspace', '/repo/tsconfig.json');
    expect(JSON.parse(text).extends).toBe('../tsconfig.json');
  });
});
