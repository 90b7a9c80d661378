/**
 * Language support for exercises: each language turns the learner's files into a loadable module
 * or a list of compile errors with positions. TypeScript is built in (`compile-ts.ts`); C
 * exercises register a compiler that runs them on the simulated board, whose exports are then
 * the functions the checks call, the same way as a TypeScript module's.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { LearnerModule } from './engine.ts';
import type { CompileError } from './types.ts';
import { compileTypeScript } from './compile-ts.ts';
import type { Language } from './language.ts';

/** What a compiled program may use from its host when it is loaded. */
export interface ModuleHost {
  /** The grader's tfjs (with chained ops registered), shared with the checks. */
  tf: typeof tfc;
}

/** A program that compiled; `load` evaluates it and returns the entry file's exports. */
export interface CompiledProgram {
  load(host: ModuleHost): LearnerModule | Promise<LearnerModule>;
}

export type CompileOutcome =
  | { ok: true; program: CompiledProgram; locate: (error: unknown) => string | null }
  | { ok: false; errors: CompileError[] };

export interface LanguageSupport {
  /** `files` by name relative to start/; `entry` is the manifest's entry file. */
  compile(
    files: Readonly<Record<string, string>>,
    entry: string,
  ): CompileOutcome | Promise<CompileOutcome>;
}

const registry = new Map<Language, LanguageSupport>([['ts', { compile: compileTypeScript }]]);

/** Adds or replaces a language's compiler (C: the simulated board's toolchain). */
export function registerLanguage(language: Language, support: LanguageSupport): void {
  registry.set(language, support);
}

export function languageSupport(language: Language): LanguageSupport | undefined {
  return registry.get(language);
}
