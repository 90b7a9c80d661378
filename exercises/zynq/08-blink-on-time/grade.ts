import { expectRan, expectTranscript, runOnBoard, type BoardRun } from '../../grader/board-run.ts';
import { fail, type Check, type LearnerModule } from '../../grader/engine.ts';

/** The contract: LED0 toggles every 100 ms, ten times, then main prints and returns. */
const PERIOD_MS = 100;
const TOGGLES = 10;
const TOLERANCE_MS = 1;

function run(learner: LearnerModule): Promise<BoardRun> {
  return runOnBoard(learner, { ms: PERIOD_MS * TOGGLES * 1.2 });
}

const byte = (v: number) => `0x${v.toString(16).toUpperCase().padStart(2, '0')}`;

export const checks: Check[] = [
  {
    name: 'toggles LED0 ten times, one change every 100 ms (+- 1 ms)',
    async run(learner) {
      const r = await run(learner);
      expectRan(r);
      const changes = r.leds.slice(1);
      for (let k = 1; k <= TOGGLES; k++) {
        const change = changes[k - 1];
        const due = k * PERIOD_MS;
        const want = k % 2;
        if (!change)
          fail(
            `the LEDs changed only ${changes.length} times`,
            `${TOGGLES} changes`,
            `${changes.length}`,
          );
        if (Math.abs(change.ms - due) > TOLERANCE_MS)
          fail(
            `change ${k} of the LEDs came at the wrong time`,
            `${due} ms`,
            `${change.ms.toFixed(2)} ms`,
          );
        if (change.value !== want)
          fail(`after change ${k} the LEDs show the wrong pattern`, byte(want), byte(change.value));
      }
      if (changes.length > TOGGLES)
        fail('the LEDs changed too often', `${TOGGLES} changes`, `${changes.length}`);
      return `${TOGGLES} changes on time`;
    },
  },
  {
    name: 'prints "blinked 5 times\\r\\n" and returns 0 after 1 s (+- 1 ms)',
    async run(learner) {
      const r = await run(learner);
      expectRan(r, { returned: true });
      expectTranscript(r, 'blinked 5 times\r\n');
      const at = r.returnedAtMs!;
      const due = PERIOD_MS * TOGGLES;
      if (Math.abs(at - due) > TOLERANCE_MS)
        fail('main returned at the wrong time', `${due} ms`, `${at.toFixed(1)} ms`);
      if (r.result.exitCode !== 0) fail('main must return 0', '0', String(r.result.exitCode));
    },
  },
];
