import { expectRan, expectTranscript, runOnBoard, type BoardRun } from '../../grader/board-run.ts';
import { fail, type Check, type LearnerModule } from '../../grader/engine.ts';

/** The contract: 10 Hz, the fifth tick, 0.5 s +- 2 % of simulated time. */
const TICK_MS = 100;
const TICKS = 5;
const RETURN_MS = TICKS * TICK_MS;
const TOLERANCE = 0.02;

/** One run serves every check: 600 ms of board time, the IRQs counted, sampled every 0.5 ms. */
function run(learner: LearnerModule): Promise<BoardRun> {
  return runOnBoard(learner, { ms: RETURN_MS * 1.2, countIrqs: true });
}

export const checks: Check[] = [
  {
    name: 'prints exactly "done after 5 ticks\\r\\n"',
    async run(learner) {
      const r = await run(learner);
      expectRan(r);
      expectTranscript(r, `done after ${TICKS} ticks\r\n`);
    },
  },
  {
    name: 'main returns 0 after 0.5 s of board time (+- 2 %)',
    async run(learner) {
      const r = await run(learner);
      expectRan(r, { returned: true });
      const at = r.returnedAtMs!;
      const lo = RETURN_MS * (1 - TOLERANCE);
      const hi = RETURN_MS * (1 + TOLERANCE);
      if (at < lo || at > hi)
        fail('main returned at the wrong time', `${lo} to ${hi} ms`, `${at.toFixed(1)} ms`);
      if (r.result.exitCode !== 0) fail('main must return 0', '0', String(r.result.exitCode));
      return `returned at ${at.toFixed(1)} ms`;
    },
  },
  {
    name: 'takes exactly 5 timer interrupts, one every 100 ms, before main returns',
    async run(learner) {
      const r = await run(learner);
      expectRan(r);
      const { timer, all, timerAtMs } = r.irqs;
      if (timer !== TICKS)
        fail(
          'the number of private-timer interrupts taken is not 5',
          String(TICKS),
          `${timer}${all > timer ? ` (and ${all - timer} other IRQs)` : ''}`,
        );
      timerAtMs.forEach((ms, i) => {
        const due = (i + 1) * TICK_MS;
        if (Math.abs(ms - due) > TICK_MS * TOLERANCE)
          fail(`interrupt ${i + 1} came at the wrong time`, `${due} ms`, `${ms.toFixed(1)} ms`);
      });
      return `${timer} interrupts at ${timerAtMs.map((ms) => ms.toFixed(1)).join(', ')} ms`;
    },
  },
];
