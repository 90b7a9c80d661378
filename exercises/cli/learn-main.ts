/**
 * The terminal workflow (rustlings-style): `node exercises/cli/learn.ts [command] ...`, or
 * `npm run learn -- [command] ...`. The learner edits a copy of the starter in the git-ignored
 * `workspace/<id>/` with any editor; this tool grades it in an isolated worker.
 *
 *   learn                      list exercises with their status
 *   learn start <id>           copy the starter into workspace/<id>/
 *   learn check <id> [path]    grade a file or folder (default: the workspace copy); exit 0 on pass
 *   learn watch [id]           re-grade on every save (default: the first unfinished exercise)
 *   learn hint <id>            show the next hint
 *   learn reset <id>           put the starter back (the current copy is kept as a backup)
 *   learn solution <id>        show the solution (after a failed attempt, or with --force)
 *
 * Options: --seed N (reproduce a run's random inputs), --force, --no-color.
 * The workspace folder is `workspace/` at the repository root, or $LEARN_WORKSPACE.
 *
 * `learn.ts` is the entry point; it loads this module after switching on Node's compile cache.
 */
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  watch,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NodeGradeRunner } from '../grader/node-runner.ts';
import { randomSeed } from '../grader/rng.ts';
import type { GradeResult } from '../grader/types.ts';
import { manifest, type Exercise } from '../manifest.ts';
import {
  loadProgress as readProgress,
  loadProgressKey,
  progressOf,
  recordPass,
  saveProgress,
  type Progress,
} from './progress.ts';
import { ansi, formatResult, plain } from './report.ts';
import { resolveExercise } from './resolve-id.ts';
import { workspaceTsconfig } from './workspace-tsconfig.ts';

const EXERCISES_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_ROOT = resolve(EXERCISES_DIR, '..');

/** Thrown for a mistake in the command line: printed without a stack, exit code 2. */
class UsageError extends Error {}

const USAGE = `usage: npm run learn -- [command]
  (no command)             list exercises with their status
  start <id>               copy the starter into workspace/<id>/
  check <id> [path]        grade a file or folder (default: workspace/<id>/)
  watch [id]               re-grade on every save
  hint <id>                show the next hint
  reset <id>               put the starter back (your copy is kept as a backup)
  solution <id> [--force]  show the solution (after a failed attempt)
options: --seed N, --no-color`;

interface Context {
  workspace: string;
  progressPath: string;
  /** The key of the proofs of passes (progress.ts). */
  progressKey: () => Buffer;
  paint: typeof plain;
  seed: number | undefined;
  force: boolean;
  out: (line?: string) => void;
  err: (line: string) => void;
}

function findExercise(input: string | undefined): Exercise {
  if (!input) throw new UsageError(`missing exercise id\n${USAGE}`);
  const resolution = resolveExercise(input, manifest);
  if (!resolution.ok) throw new UsageError(resolution.message);
  return resolution.exercise;
}

function readFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files[name] = readFileSync(path, 'utf8');
  }
  return files;
}

/** The progress file, passes without a valid proof read as not passed. */
function loadProgress(ctx: Context): Progress {
  return readProgress(ctx.progressPath, ctx.err, ctx.progressKey());
}

function workspaceDir(ctx: Context, exercise: Exercise): string {
  return join(ctx.workspace, exercise.id);
}

function withProgress<T>(ctx: Context, update: (progress: Progress) => T): T {
  const progress = loadProgress(ctx);
  const value = update(progress);
  saveProgress(ctx.progressPath, progress);
  return value;
}

/** Copies the starter unless the learner already has a copy (never overwrites their work). */
function start(ctx: Context, exercise: Exercise): string {
  const dir = workspaceDir(ctx, exercise);
  if (existsSync(dir)) return dir;
  cpSync(join(EXERCISES_DIR, exercise.id, 'start'), dir, { recursive: true });
  const tsconfig = join(ctx.workspace, 'tsconfig.json');
  if (!existsSync(tsconfig)) {
    writeFileSync(tsconfig, workspaceTsconfig(ctx.workspace, join(REPO_ROOT, 'tsconfig.json')));
  }
  ctx.out(`copied the starter to ${dir}`);
  ctx.out(`read the task: ${join(EXERCISES_DIR, exercise.id, 'README.md')}`);
  return dir;
}

/** Moves the learner's copy aside (never deletes it) and copies the starter again. */
function reset(ctx: Context, exercise: Exercise): number {
  const dir = workspaceDir(ctx, exercise);
  if (existsSync(dir)) {
    const backup = `${dir}.backup-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dir, backup);
    ctx.out(`your copy is now ${backup}`);
  }
  start(ctx, exercise);
  return 0;
}

function statusOf(ctx: Context, progress: Progress, exercise: Exercise): string {
  const p = progress.exercises[exercise.id];
  if (p?.passed) return 'passed';
  if (p?.attempts || existsSync(workspaceDir(ctx, exercise))) return 'in progress';
  return 'not started';
}

function list(ctx: Context): number {
  const progress = loadProgress(ctx);
  const width = Math.max(...manifest.map((e) => e.id.length));
  for (const exercise of manifest) {
    const status = statusOf(ctx, progress, exercise);
    const mark = status === 'passed' ? ctx.paint.ok('✓') : status === 'in progress' ? '…' : ' ';
    ctx.out(`${mark} ${exercise.id.padEnd(width)}  ${status.padEnd(11)}  ${exercise.title}`);
  }
  const next = manifest.find((e) => !progress.exercises[e.id]?.passed);
  ctx.out();
  ctx.out(next ? `next: npm run learn -- check ${next.id}` : 'every exercise passed');
  return 0;
}

/** The files to grade: a given file (as the entry) or folder, else the workspace copy. */
function submission(ctx: Context, exercise: Exercise, path: string | undefined) {
  if (!path) return readFiles(start(ctx, exercise));
  const full = resolve(path);
  if (!existsSync(full)) throw new UsageError(`no such file or folder: ${path}`);
  if (statSync(full).isDirectory()) return readFiles(full);
  return { [exercise.entry]: readFileSync(full, 'utf8') };
}

async function grade(
  ctx: Context,
  exercise: Exercise,
  files: Record<string, string>,
): Promise<GradeResult> {
  const seed = ctx.seed ?? randomSeed();
  ctx.out(ctx.paint.dim(`${exercise.id}: ${exercise.title} (seed ${seed})`));
  // TypeScript's checker only knows TypeScript; C is checked by the board's GCC-style build.
  const runner = new NodeGradeRunner({ seed, typeCheck: exercise.language === 'ts' });
  const result = await runner.grade({
    exerciseId: exercise.id,
    files,
    timeLimitMs: exercise.timeLimitMs,
  });
  for (const line of formatResult(result, ctx.paint)) ctx.out(line);
  withProgress(ctx, (progress) => {
    const p = progressOf(progress, exercise.id);
    p.attempts++;
    if (result.status === 'pass') recordPass(p, ctx.progressKey(), exercise.id, files);
    else p.failedAttempts++;
  });
  if (result.status !== 'pass' && result.status !== 'timeout') {
    ctx.out(ctx.paint.dim(`stuck? npm run learn -- hint ${exercise.id}`));
  }
  return result;
}

async function check(ctx: Context, id: string | undefined, path: string | undefined) {
  const exercise = findExercise(id);
  const result = await grade(ctx, exercise, submission(ctx, exercise, path));
  return result.status === 'pass' ? 0 : 1;
}

function hint(ctx: Context, id: string | undefined): number {
  const exercise = findExercise(id);
  const { hints } = exercise;
  withProgress(ctx, (progress) => {
    const p = progressOf(progress, exercise.id);
    if (p.hintsShown >= hints.length) {
      hints.forEach((text, i) => ctx.out(`hint ${i + 1} of ${hints.length}: ${text}`));
      ctx.out(ctx.paint.dim('that was every hint; the solution opens after a failed attempt'));
      return;
    }
    ctx.out(`hint ${p.hintsShown + 1} of ${hints.length}: ${hints[p.hintsShown]}`);
    p.hintsShown++;
  });
  return 0;
}

function solution(ctx: Context, id: string | undefined): number {
  const exercise = findExercise(id);
  const progress = loadProgress(ctx);
  const p = progress.exercises[exercise.id];
  if (!ctx.force && !p?.failedAttempts && !p?.passed) {
    ctx.err(
      `the solution of ${exercise.id} opens after a graded attempt: ` +
        `npm run learn -- check ${exercise.id} (or add --force)`,
    );
    return 1;
  }
  const files = readFiles(join(EXERCISES_DIR, exercise.id, 'solution'));
  for (const [name, text] of Object.entries(files)) {
    ctx.out(ctx.paint.dim(`// ${exercise.id}/solution/${name}`));
    ctx.out(text.trimEnd());
  }
  return 0;
}

function watchExercise(ctx: Context, id: string | undefined): Promise<number> {
  const progress = loadProgress(ctx);
  const exercise = id ? findExercise(id) : manifest.find((e) => !progress.exercises[e.id]?.passed);
  if (!exercise) {
    ctx.out('every exercise passed');
    return Promise.resolve(0);
  }
  const dir = start(ctx, exercise);
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    do {
      again = false;
      ctx.out();
      await grade(ctx, exercise, readFiles(dir));
      ctx.out(ctx.paint.dim(`watching ${dir} (Ctrl-C to stop)`));
    } while (again);
    running = false;
  };
  // Editors save in bursts (write, rename, chmod): wait for the burst to end, then grade once.
  watch(dir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 200);
  });
  void run();
  return new Promise<number>(() => {}); // runs until interrupted
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      force: { type: 'boolean', default: false },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new UsageError(`--seed must be an integer in [0, 2^32), got ${values.seed}`);
  }
  const workspace = resolve(process.env.LEARN_WORKSPACE ?? join(REPO_ROOT, 'workspace'));
  let key: Buffer | undefined;
  const color = process.stdout.isTTY && !values['no-color'] && !process.env.NO_COLOR;
  const ctx: Context = {
    workspace,
    progressPath: join(workspace, '.progress.json'),
    progressKey: () => (key ??= loadProgressKey()),
    paint: color ? ansi : plain,
    seed,
    force: values.force,
    out: (line = '') => console.log(line),
    err: (line) => console.error(line),
  };
  const [command, id, path] = positionals;
  if (values.help) {
    ctx.out(USAGE);
    return 0;
  }
  switch (command) {
    case undefined:
    case 'list':
      return list(ctx);
    case 'start':
      start(ctx, findExercise(id));
      return 0;
    case 'check':
      return check(ctx, id, path);
    case 'watch':
      return watchExercise(ctx, id);
    case 'hint':
      return hint(ctx, id);
    case 'reset':
      return reset(ctx, findExercise(id));
    case 'solution':
      return solution(ctx, id);
    default:
      throw new UsageError(`unknown command '${command}'\n${USAGE}`);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError) && !(error instanceof TypeError && 'code' in error)) {
    throw error;
  }
  console.error(error.message);
  process.exitCode = 2;
}
