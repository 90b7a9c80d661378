import { expectRan, hex, ledsAt, runOnBoard, type BoardRun } from '../../grader/board-run.ts';
import { fail, type Check, type LearnerModule } from '../../grader/engine.ts';
import type { Rng } from '../../grader/rng.ts';

/** AXI GPIO channel 1's tri-state register (PG144: GPIO_TRI at offset 0x4). */
const GPIO_TRI = 0x41200004;
/** How soon the LEDs must follow a switch (the task's contract). */
const WITHIN_MS = 1;
const CHANGE_EVERY_MS = 5;
const CHANGES = 8;

function byte(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** The switches at reset, then CHANGES different positions, one every 5 ms. */
function positions(rng: Rng): number[] {
  const values = [rng.int(1, 0xff)];
  while (values.length <= CHANGES) {
    const next = rng.int(0, 0xff);
    if (next !== values[values.length - 1]) values.push(next);
  }
  return values;
}

function run(learner: LearnerModule, values: readonly number[]): Promise<BoardRun> {
  return runOnBoard(learner, {
    ms: (CHANGES + 1) * CHANGE_EVERY_MS,
    switches: values[0]!,
    switchesAt: values.slice(1).map((value, i) => ({ ms: (i + 1) * CHANGE_EVERY_MS, value })),
    readBack: [GPIO_TRI],
  });
}

export const checks: Check[] = [
  {
    name: "sets the LED pins as outputs (channel 1's GPIO_TRI = 0x00)",
    async run(learner, { rng }) {
      const r = await run(learner, positions(rng));
      expectRan(r);
      const tri = r.registers.get(GPIO_TRI);
      if (tri === null || tri === undefined) fail('GPIO_TRI could not be read after the run');
      if ((tri & 0xff) !== 0)
        fail('some LED pins are still inputs, so they stay dark', byte(0), byte(tri & 0xff));
      return `GPIO_TRI = ${hex(tri)}`;
    },
  },
  {
    name: 'shows the switches on the LEDs within 1 ms of the start',
    async run(learner, { rng }) {
      const values = positions(rng);
      const r = await run(learner, values);
      expectRan(r);
      const shown = ledsAt(r, WITHIN_MS);
      if (shown !== values[0])
        fail(
          `with the switches at ${byte(values[0]!)}, the LEDs at 1 ms`,
          byte(values[0]!),
          byte(shown),
        );
    },
  },
  {
    name: 'follows every switch change within 1 ms',
    async run(learner, { rng }) {
      const values = positions(rng);
      const r = await run(learner, values);
      expectRan(r);
      values.slice(1).forEach((value, i) => {
        const at = (i + 1) * CHANGE_EVERY_MS;
        const shown = ledsAt(r, at + WITHIN_MS);
        if (shown !== value)
          fail(
            `the switches moved to ${byte(value)} at ${at} ms; the LEDs 1 ms later`,
            byte(value),
            byte(shown),
          );
      });
      return `${CHANGES} changes followed`;
    },
  },
];
