/**
 * Helpers for the preprocessor's tests: preprocess sources from an in-memory tree (with the BSP's
 * include directory searched for `<...>`), and compare output as tokens.
 */
import { expect } from 'vitest';
import { formatDiagnostics } from './diagnostics.ts';
import { preprocess } from './preprocess.ts';
import type { PreprocessOptions, PreprocessResult } from './preprocess.ts';
import { lex } from './preprocess-lex.ts';
import { createVfs } from './vfs.ts';

export function run(files: Record<string, string>, options?: PreprocessOptions): PreprocessResult {
  return preprocess(createVfs(files, ['bsp/include']), 'main.c', options);
}

export function pp(source: string, options?: PreprocessOptions): PreprocessResult {
  return run({ 'main.c': source }, options);
}

/** The output as pp-tokens joined by single spaces: spacing is the implementation's choice. */
export function tokens(text: string): string {
  return lex(text)
    .tokens.filter((t) => t.kind !== 'eof')
    .map((t) => t.text)
    .join(' ');
}

export function messages(result: PreprocessResult): string[] {
  return formatDiagnostics(result.diagnostics).split('\n').filter(Boolean);
}

/** The output's tokens when the source preprocesses with no diagnostics. */
export function clean(source: string, options?: PreprocessOptions): string {
  const result = pp(source, options);
  expect(messages(result)).toEqual([]);
  return tokens(result.text);
}
