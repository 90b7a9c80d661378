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

/** XPAR_AXI_BRAM_CTRL_0_S_AXI_BASEADDR and the BRAM's size in bytes. */
const BRAM = 0x40000000;
const BRAM_BYTES = 8192;

/** The reference: the little-endian word at byte `offset` of `words` (the BRAM, word by word). */
export function le32At(words: readonly number[], offset: number): number {
  let value = 0;
  for (let i = 3; i >= 0; i--) {
    const at = offset + i;
    value = value * 256 + ((words[at >> 2]! >>> (8 * (at & 3))) & 0xff);
  }
  return value >>> 0;
}

async function expectReads(
  learner: LearnerModule,
  rng: Rng,
  offsets: readonly number[],
): Promise<string> {
  const words = Array.from({ length: BRAM_BYTES / 4 }, () => rng.int(0, 0xffffffff));
  const harness = casesHarness(
    '#include "xil_types.h"\nu32 read_le32(u32 addr);',
    offsets.map((offset) => `xil_printf("%x", read_le32(${hex(BRAM + offset)}U));`),
  );
  const run = await runOnBoard(learner, { harness, ms: 50, memory: [{ address: BRAM, words }] });
  expectRan(run, { returned: true });
  const outputs = caseOutputs(run);
  offsets.forEach((offset, i) => {
    const expected = le32At(words, offset);
    const printed = outputs[i];
    const actual = printed === undefined ? NaN : parseInt(printed, 16);
    if (actual !== expected)
      fail(
        `read_le32(${hex(BRAM + offset)}) returned the wrong value`,
        hex(expected),
        Number.isNaN(actual) ? 'no value' : hex(actual),
      );
  });
  return `${counted(offsets.length, 'read')} as expected`;
}

export const checks: Check[] = [
  {
    name: 'reads aligned words',
    run: (learner, { rng }) => expectReads(learner, rng, [0, 4, 400, BRAM_BYTES - 4]),
  },
  {
    name: 'reads at byte offsets 1, 2 and 3 without a fault',
    run: (learner, { rng }) => expectReads(learner, rng, [1, 2, 3, 4097, 4098, 4099]),
  },
  {
    name: 'assembles the bytes little-endian at random addresses, to the last byte of the BRAM',
    run: (learner, { rng }) =>
      expectReads(learner, rng, [
        ...Array.from({ length: 6 }, () => rng.int(0, BRAM_BYTES - 4)),
        BRAM_BYTES - 5,
      ]),
  },
];
