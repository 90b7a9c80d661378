/**
 * Language support for exercises: each language turns the learner's files into a loadable module
 * or a list of compile errors with positions. TypeScript is built in (`compile-ts.ts`); C is built
 * for the simulated board (`compile-c.ts`). The
 * contract the compilers implement lives in `language.ts`, so a compiler never imports this
 * registry (no import cycle).
 */
import { compileTypeScript } from './compile-ts.ts';
import type { Language, LanguageSupport } from './language.ts';

const registry: Partial<Record<Language, LanguageSupport>> = {
  ts: { compile: compileTypeScript },
  // Loaded on first use: the C path brings the firmware engine, which TypeScript runs never need.
  c: {
    compile: async (files, entry, host) =>
      (await import('./compile-c.ts')).compileC(files, entry, host?.firmware),
  },
};

export function languageSupport(language: Language): LanguageSupport | undefined {
  return registry[language];
}
