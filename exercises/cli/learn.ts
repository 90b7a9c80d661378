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
 * This entry only switches on Node's compile cache (`module.enableCompileCache`, Node >= 22.1)
 * before loading the CLI (`learn-main.ts`) and, through it, the grader: later runs then reuse the
 * compiled and type-stripped modules instead of stripping every TypeScript file again, in this
 * thread and in the grading worker. The cache lives in the OS temp folder and is keyed by file
 * contents, so an edited file is simply compiled afresh.
 */
import module from 'node:module';

const cache = module.enableCompileCache?.();
// Worker threads read the setting from the environment, not from the thread that enabled it.
if (cache?.directory) process.env.NODE_COMPILE_CACHE = cache.directory;
// Grading runs in a worker thread: start it now, so it boots (tfjs) while the CLI loads.
if (process.argv[2] === 'check') {
  const runner = await import('../grader/node-runner.ts');
  runner.prewarmGradeWorker();
  // The type check's worker starts once the files are read: most runs find their answer in
  // the type-check cache (type-check-cache.ts) and need no compiler at all.
}
await import('./learn-main.ts');
