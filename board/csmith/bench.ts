/**
 * `npm run bench:csmith -- [--seeds 1,2,3] [--float]`: the engine's execution time against
 * qemu-arm's on csmith programs (issue #13's goal: at most 4x). Per seed: qemu-arm's wall time for
 * the GCC -O0 binary (without the stack probe; less qemu's start and exit, timed on an empty program), the board's
 * wall time from main's start to its return (the build excluded), and their ratio; then the
 * ratio of the totals and the geometric mean of the ratios.
 */
import { parseArgs } from 'node:util';
import { runOnBoard } from './compare.ts';
import { generate, reference } from './reference.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3,4,5,6,7,8,13,14' },
    float: { type: 'boolean', default: false },
  },
});
const seeds = values.seeds.split(',').map(Number);
if (seeds.some((s) => !Number.isInteger(s) || s < 0)) {
  console.error(
    `bench: --seeds must be non-negative integers separated by commas (got ${values.seeds})`,
  );
  process.exit(2);
}

// qemu-arm's own start and exit, measured on an empty program, is not execution time.
const empty =
  'int printf(const char *, ...);\nint main(void) { printf("checksum = 0\\n"); return 0; }\n';
let baseline = Infinity;
for (let i = 0; i < 5; i++) {
  const r = await reference(empty, false);
  if (r.status === 'ok') baseline = Math.min(baseline, r.ms);
}
if (!Number.isFinite(baseline)) baseline = 0;
console.log(`qemu-arm start and exit: ${baseline.toFixed(0)} ms (subtracted)`);

let qemuTotal = 0;
let boardTotal = 0;
const ratios: number[] = [];
for (const seed of seeds) {
  const program = await generate({ seed, float: values.float });
  const ref = await reference(program, false);
  if (ref.status !== 'ok') {
    console.log(`seed ${seed}: reference ${ref.status}, skipped`);
    continue;
  }
  const board = await runOnBoard(program, 60_000);
  if (board.status !== 'ok') {
    console.log(`seed ${seed}: board ${board.status}, skipped`);
    continue;
  }
  const qemu = Math.max(1, ref.ms - baseline);
  qemuTotal += qemu;
  boardTotal += board.ms;
  ratios.push(board.ms / qemu);
  console.log(
    `seed ${seed}: qemu-arm ${qemu.toFixed(0)} ms, engine ${board.ms.toFixed(0)} ms, ratio ${(board.ms / qemu).toFixed(2)}`,
  );
}
const geo = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / Math.max(1, ratios.length));
console.log(
  `bench: ${ratios.length} programs, engine/qemu-arm total ${(boardTotal / qemuTotal).toFixed(2)}x, geometric mean ${geo.toFixed(2)}x`,
);
