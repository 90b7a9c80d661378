import {
  casesHarness,
  caseOutputs,
  counted,
  expectRan,
  runOnBoard,
  showText,
} from '../../grader/board-run.ts';
import { fail, type Check, type LearnerModule } from '../../grader/engine.ts';
import type { Rng } from '../../grader/rng.ts';

/** The contract: milli / 1000 with exactly three decimals and the sign of milli. */
export function fixed3(milli: number): string {
  const magnitude = Math.abs(milli);
  const sign = milli < 0 ? '-' : '';
  return `${sign}${Math.floor(magnitude / 1000)}.${String(magnitude % 1000).padStart(3, '0')}`;
}

/** A C int literal; INT_MIN has none of its own. */
function cInt(value: number): string {
  return value === -2147483648 ? '(-2147483647 - 1)' : String(value);
}

/** Runs print_fixed3 on each value (one grader main, one run) and compares every output. */
async function expectPrints(learner: LearnerModule, values: readonly number[]): Promise<string> {
  const harness = casesHarness(
    'void print_fixed3(int milli);',
    values.map((v) => `print_fixed3(${cInt(v)});`),
  );
  const run = await runOnBoard(learner, { harness, ms: 200 });
  expectRan(run, { returned: true });
  const outputs = caseOutputs(run);
  values.forEach((value, i) => {
    const actual = outputs[i];
    if (actual !== fixed3(value))
      fail(
        `print_fixed3(${value}) printed the wrong text`,
        `"${fixed3(value)}"`,
        actual === undefined ? 'nothing' : `"${showText(actual)}"`,
      );
  });
  return `${counted(values.length, 'value')} printed as expected`;
}

const randomValues = (rng: Rng, n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => rng.int(lo, hi));

export const checks: Check[] = [
  {
    name: 'prints the values of the task: 23456, 5, -50, 0, 2147483647',
    run: (learner) => expectPrints(learner, [23456, 5, -50, 0, 2147483647]),
  },
  {
    name: 'prints fractions under one, positive and negative (0.007, -0.999, ...)',
    run: (learner, { rng }) =>
      expectPrints(learner, [...randomValues(rng, 4, 1, 999), ...randomValues(rng, 4, -999, -1)]),
  },
  {
    name: 'prints random values of every size',
    run: (learner, { rng }) =>
      expectPrints(learner, [
        ...randomValues(rng, 4, 1000, 2147483647),
        ...randomValues(rng, 4, -2147483647, -1000),
      ]),
  },
  {
    name: 'prints INT_MIN, -2147483648, as -2147483.648',
    run: (learner) => expectPrints(learner, [-2147483648]),
  },
];
