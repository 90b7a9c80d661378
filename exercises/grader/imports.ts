/**
 * The bare specifiers learner files may import. A module of constants only, so the editor's
 * chunk can share the runtime's name with the grader without loading the grader's loader.
 */

/** Bare specifiers a learner may import, all resolving to the grader's tfjs. */
export const TFJS_SPECIFIERS = ['@tensorflow/tfjs-core', '@tensorflow/tfjs'] as const;

/**
 * The course runtime (`runtime/index.ts`) as learners import it. It is the package's own name
 * (package.json `"name": "shufflenet-lab"`) plus the folder, so it reads like any other package
 * import, is the same string in the grader, in `tsc` (a `paths` entry in tsconfig.json) and in
 * the editor (a virtual `node_modules/shufflenet-lab/runtime/`), and cannot be mistaken for a
 * learner file (those are `./name.ts`).
 */
export const RUNTIME_SPECIFIER = 'shufflenet-lab/runtime';

/** Everything a learner may import, for error messages. */
export const ALLOWED_IMPORTS = `${TFJS_SPECIFIERS.join(', ')}, ${RUNTIME_SPECIFIER} and their own files (./name.ts)`;
