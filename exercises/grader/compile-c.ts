/**
 * The C "compiler" of the grader: checks the submission's shape, compiles it with the BSP on the
 * board's one build path (`BoardSession.build`, board/session.ts) and reports GCC-style errors in
 * the learner's files as compile errors (file, line, column, GCC's message). Link errors are not
 * compile errors here: a file that defines functions has no `main` of its own, and the grader
 * links it with one (board-run.ts); the checks report what ld says then.
 *
 * The compiled module is the submission itself under FIRMWARE_KEY: checks build and run it on
 * the simulated board with their own inputs.
 */
import { BoardSession, type FirmwareEnv } from '../../board/session.ts';
import { FIRMWARE_KEY, type FirmwareSubmission } from './board-run.ts';
import type { CompileOutcome } from './language.ts';
import type { CompileError } from './types.ts';

/** One submission's files: a few C files and headers, small enough to read in an editor. */
export const MAX_C_FILES = 8;
export const MAX_C_BYTES = 256 * 1024;
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*\.[ch]$/;

/** GCC's `file:line:column: error: message` (and `fatal error:`). */
const GCC_ERROR = /^([^:\n]+):(\d+):(\d+): (?:fatal )?error: (.*)$/gm;

/** The errors GCC reported in the learner's files, in order. */
export function compileErrorsOf(
  diagnostics: string,
  files: Readonly<Record<string, string>>,
): CompileError[] {
  const errors: CompileError[] = [];
  for (const m of diagnostics.matchAll(GCC_ERROR)) {
    const [, file, line, column, message] = m as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    if (file in files) errors.push({ file, line: Number(line), column: Number(column), message });
  }
  return errors;
}

function shapeErrors(files: Readonly<Record<string, string>>, entry: string): CompileError[] {
  const at = (message: string, file?: string): CompileError => ({
    message,
    line: 1,
    column: 1,
    ...(file === undefined ? {} : { file }),
  });
  const names = Object.keys(files);
  if (!(entry in files)) return [at(`the submission has no file named ${entry}`)];
  if (names.length > MAX_C_FILES)
    return [at(`a submission has at most ${MAX_C_FILES} files; this one has ${names.length}`)];
  const bad = names.find((name) => !FILE_NAME.test(name));
  if (bad !== undefined)
    return [
      at(`'${bad}' is not a C file name: expected letters, digits, '_', '-' and '.c' or '.h'`),
    ];
  const bytes = names.reduce((sum, name) => sum + (files[name]?.length ?? 0), 0);
  if (bytes > MAX_C_BYTES)
    return [
      at(`the submission is ${bytes} characters long; the grader takes at most ${MAX_C_BYTES}`),
    ];
  return [];
}

/**
 * Compiles `entry` (with the learner's headers) for the board; `firmware` is the host's board
 * environment (Node's `nodeEnv()`, the browser worker's bundled BSP).
 */
export async function compileC(
  files: Readonly<Record<string, string>>,
  entry: string,
  firmware: FirmwareEnv | undefined,
): Promise<CompileOutcome> {
  const shape = shapeErrors(files, entry);
  if (shape.length) return { ok: false, errors: shape };
  if (!firmware)
    return {
      ok: false,
      errors: [{ line: 1, column: 1, message: 'this grader has no simulated board to build C on' }],
    };
  const session = new BoardSession(firmware, {}, { end: 'cpu0' });
  const sources = Object.keys(files).filter((name) => name.endsWith('.c'));
  const built = await session.build({ files, sources });
  const errors = compileErrorsOf(built.diagnostics, files);
  if (errors.length) return { ok: false, errors };
  const submission: FirmwareSubmission = Object.freeze({
    files: { ...files },
    entry,
    env: firmware,
  });
  return {
    ok: true,
    program: { load: () => Object.freeze({ [FIRMWARE_KEY]: submission }) },
    // C faults carry their file:line in the check's message (board-run.ts).
    locate: () => null,
  };
}
