/**
 * Cold start-up of the command-line tools, as a learner meets them: each command runs 7 times in a
 * fresh child process (the same Node binary as this script, `process.execPath`) and the medians
 * are printed. The baseline is a bare `node -e 0`; `learn check` grades exercise 02's solution;
 * `board run` builds and runs an empty C program on the simulated board.
 *
 * Run: npm run bench:cli   (last line: `cli: node N ms, learn check L ms, board run B ms`)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const RUNS = 7;
const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall time of `node ...args` over RUNS cold runs; throws if a run fails. */
function time(label: string, args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, args, {
      cwd: ROOT,
      encoding: 'utf8',
      // Progress goes to a scratch workspace, not the learner's.
      env: { ...process.env, LEARN_WORKSPACE: dir },
    });
    times.push(performance.now() - start);
    if (run.status !== 0) {
      throw new Error(`${label} exited with ${run.status}:\n${run.stdout}\n${run.stderr}`);
    }
  }
  const m = median(times);
  console.log(`${label}: median ${m.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
  return m;
}

try {
  const mainC = join(dir, 'main.c');
  writeFileSync(mainC, 'int main(void){return 0;}\n');
  const node = time('node -e 0', ['-e', '0']);
  const learn = time('learn check', [
    'exercises/cli/learn.ts',
    'check',
    'shufflenet/02-channel-shuffle',
    'exercises/shufflenet/02-channel-shuffle/solution/channel-shuffle.ts',
    '--no-color',
  ]);
  const board = time('board run', ['board/cli.ts', 'run', mainC]);
  console.log(
    `cli: node ${node.toFixed(0)} ms, learn check ${learn.toFixed(0)} ms, board run ${board.toFixed(0)} ms`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
