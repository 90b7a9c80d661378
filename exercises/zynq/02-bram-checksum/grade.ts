import {
  casesHarness,
  caseOutputs,
  counted,
  expectRan,
  hex,
  runOnBoard,
} from '../../grader/board-run.ts';
import { fail, type Check, type LearnerModule } from '../../grader/engine.ts';
import type { Rng } from '../../grader/rng.ts';

/** XPAR_AXI_BRAM_CTRL_0_S_AXI_BASEADDR and the BRAM's size (board/README.md, xparameters.h). */
const BRAM = 0x40000000;
const BRAM_WORDS = 8192 / 4;

/** The reference: the sum modulo 2^32 of words [first, first + count) of `data`. */
export function wordSum(data: readonly number[], first: number, count: number): number {
  let sum = 0;
  for (let i = first; i < first + count; i++) sum = (sum + data[i]!) >>> 0;
  return sum;
}

/** BRAM contents: non-zero words, so a word read too many or too few changes the sum. */
function fill(rng: Rng, lo = 1, hi = 0xffffffff): number[] {
  return Array.from({ length: BRAM_WORDS }, () => rng.int(lo, hi));
}

/** Calls bram_sum on each range [first, first + count) in words and compares the sums. */
async function expectSums(
  learner: LearnerModule,
  data: readonly number[],
  ranges: readonly (readonly [number, number])[],
): Promise<string> {
  const harness = casesHarness(
    '#include "xil_types.h"\nu32 bram_sum(u32 base, u32 nbytes);',
    ranges.map(
      ([first, count]) => `xil_printf("%x", bram_sum(${hex(BRAM + 4 * first)}U, ${4 * count}U));`,
    ),
  );
  const run = await runOnBoard(learner, {
    harness,
    ms: 100,
    memory: [{ address: BRAM, words: data }],
  });
  expectRan(run, { returned: true });
  const outputs = caseOutputs(run);
  ranges.forEach(([first, count], i) => {
    const expected = wordSum(data, first, count);
    const printed = outputs[i];
    const actual = printed === undefined ? NaN : parseInt(printed, 16);
    if (actual !== expected)
      fail(
        `bram_sum(${hex(BRAM + 4 * first)}, ${4 * count}) returned the wrong sum`,
        hex(expected),
        Number.isNaN(actual) ? 'no value' : hex(actual),
      );
  });
  return `${counted(ranges.length, 'sum')} as expected`;
}

export const checks: Check[] = [
  {
    name: 'returns 0 for nbytes = 0',
    run: (learner, { rng }) =>
      expectSums(learner, fill(rng), [
        [0, 0],
        [100, 0],
      ]),
  },
  {
    name: 'sums the whole 8 KB BRAM (2048 words)',
    run: (learner, { rng }) => expectSums(learner, fill(rng), [[0, BRAM_WORDS]]),
  },
  {
    name: 'sums a range inside the BRAM and no word around it',
    run: (learner, { rng }) => {
      const ranges = Array.from({ length: 4 }, () => {
        const first = rng.int(1, BRAM_WORDS - 40);
        return [first, rng.int(1, 32)] as const;
      });
      return expectSums(learner, fill(rng), [...ranges, [BRAM_WORDS - 3, 3]]);
    },
  },
  {
    name: 'wraps around modulo 2^32 (words near 0xFFFFFFFF)',
    run: (learner, { rng }) => expectSums(learner, fill(rng, 0xfff00000), [[rng.int(0, 100), 16]]),
  },
];
