/**
 * `npm run csmith -- --count N --seed S [--float] [--mixed] [--hashes] [--verbose]`: the long
 * differential sweep. Seeds S, S+1, ... S+N-1; with --float csmith's floating-point programs,
 * with --mixed each seed both ways. One line per seed that does not agree, then exactly
 * `csmith: A agree, D differ, B build-error, R runtime-error, T timeout, U unusable`.
 * The next seeds' references (GCC + qemu-arm, child processes) are prepared while the board runs.
 */
import { parseArgs } from 'node:util';
import { comparePrepared, prepareSeed, type Prepared, type SeedResult } from './compare.ts';
import { summaryLine } from './summary.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    float: { type: 'boolean', default: false },
    mixed: { type: 'boolean', default: false },
    hashes: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const count = Number(values.count);
const first = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(first) || first < 0) {
  console.error(
    `csmith: --count must be a positive integer and --seed a non-negative integer (got --count ${values.count} --seed ${values.seed})`,
  );
  process.exit(2);
}

const jobs: { seed: number; float: boolean }[] = [];
for (let i = 0; i < count; i++) {
  const seed = first + i;
  if (values.mixed) jobs.push({ seed, float: false }, { seed, float: true });
  else jobs.push({ seed, float: values.float });
}

const AHEAD = 2;
const pending: Promise<Prepared>[] = [];
const prepare = (k: number): void => {
  const job = jobs[k];
  if (job) pending[k] = prepareSeed({ ...job, hashes: values.hashes });
};
for (let k = 0; k < AHEAD; k++) prepare(k);

const results: SeedResult[] = [];
for (let k = 0; k < jobs.length; k++) {
  const prepared = await pending[k]!;
  prepare(k + AHEAD);
  const r = await comparePrepared(prepared);
  results.push(r);
  if (r.outcome !== 'agree' || values.verbose) {
    const kind = r.float ? 'float' : 'int';
    console.log(`seed ${r.seed} (${kind}): ${r.outcome}${r.detail ? ': ' + r.detail : ''}`);
  }
}
console.log(summaryLine(results));
process.exitCode = results.every((r) => r.outcome === 'agree' || r.outcome === 'unusable') ? 0 : 1;
