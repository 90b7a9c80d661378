import { describe, expect, it } from 'vitest';
import { browserNodeModule, isKnownHarmless, onLog, type BuildLog } from './build-noise.ts';

describe('isKnownHarmless and onLog', () => {
  const headInject: BuildLog = {
    code: 'MODULE_LEVEL_DIRECTIVE',
    message:
      'The semantics of the module level directive "use astro:head-inject" in "site/lessons/a.mdx?astroPropagatedAssets" may not be preserved when bundling.',
  };
  const treeSitterEval: BuildLog = {
    code: 'EVAL',
    message: 'Use of direct `eval` function is strongly discouraged',
    id: '/x/node_modules/web-tree-sitter/web-tree-sitter.js',
  };

  it('drops the two known warnings and nothing else', () => {
    expect(isKnownHarmless(headInject)).toBe(true);
    expect(isKnownHarmless(treeSitterEval)).toBe(true);
    expect(isKnownHarmless({ ...headInject, message: 'directive "use client" in a.ts' })).toBe(
      false,
    );
    expect(isKnownHarmless({ ...treeSitterEval, id: '/x/site/features/mine.ts' })).toBe(false);
    expect(isKnownHarmless({ code: 'CIRCULAR_DEPENDENCY', message: 'web-tree-sitter' })).toBe(
      false,
    );
  });

  it('passes errors and unknown warnings to the handler', () => {
    const seen: string[] = [];
    const handler = (level: string, log: BuildLog) => seen.push(`${level}:${log.code}`);
    onLog('warn', headInject, handler);
    onLog('error', headInject, handler);
    onLog('warn', { code: 'OTHER', message: 'x' }, handler);
    expect(seen).toEqual(['error:MODULE_LEVEL_DIRECTIVE', 'warn:OTHER']);
  });
});

describe('browserNodeModule', () => {
  const plugin = browserNodeModule();

  it('applies to browser builds only', () => {
    expect(plugin.applyToEnvironment({ config: { consumer: 'client' } })).toBe(true);
    expect(plugin.applyToEnvironment({ config: { consumer: 'server' } })).toBe(false);
  });

  it('gives node:module a createRequire that throws a clear error', async () => {
    const id = plugin.resolveId('node:module');
    expect(plugin.resolveId('node:fs')).toBeUndefined();
    const source = plugin.load(id!)!;
    const url = `data:text/javascript,${encodeURIComponent(source)}`;
    const mod = (await import(url)) as { createRequire: () => unknown };
    expect(() => mod.createRequire()).toThrow('node:module is not available in the browser');
  });
});
