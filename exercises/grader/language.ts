/**
 * The languages exercises are written in, and the contract each language's compiler implements.
 * Types and one constant only: the manifest and the compilers import it without pulling in a
 * compiler (the compilers are heavy).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { FirmwareEnv } from '../../board/session.ts';
import type { LearnerModule } from './engine.ts';
import type { CompileError } from './types.ts';

export const LANGUAGES = ['ts', 'c'] as const;
export type Language = (typeof LANGUAGES)[number];

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

/** What a compiler may use from its host besides the files. */
export interface CompileHost {
  /** The simulated board's build environment (BSP and C parser), for C. */
  firmware?: FirmwareEnv;
}

export interface LanguageSupport {
  /** `files` by name relative to start/; `entry` is the manifest's entry file. */
  compile(
    files: Readonly<Record<string, string>>,
    entry: string,
    host?: CompileHost,
  ): CompileOutcome | Promise<CompileOutcome>;
}
