import {
  expectRan,
  expectTranscript,
  hex,
  PRIVATE_TIMER_IRQ,
  runOnBoard,
  type BoardRun,
} from '../../grader/board-run.ts';
import { fail, type Check, type LearnerModule } from '../../grader/engine.ts';

/** The contract: 10 Hz, the fifth tick, 0.5 s +- 2 % of simulated time. */
const TICK_MS = 100;
const TICKS = 5;
const RETURN_MS = TICKS * TICK_MS;
const TOLERANCE = 0.02;

/**
 * Registers read after the run (UG585 appendix B: mpcore): the private timer's LOAD and CONTROL,
 * and the GIC distributor's first set-enable register (ICDISER0, IDs 0-31).
 */
const TIMER_LOAD = 0xf8f00600;
const TIMER_CONTROL = 0xf8f00608;
const ICDISER0 = 0xf8f01100;
const CONTROL_AUTO_RELOAD = 0x2;
const CONTROL_IRQ_ENABLE = 0x4;
const TIMER_INTERRUPT_ID = PRIVATE_TIMER_IRQ;
/** The private timer counts at half the CPU clock (xparameters.h: 666,666,687 Hz). */
const TIMER_CLOCK_HZ = Math.floor(666666687 / 2);

/**
 * One run serves every check: 600 ms of board time, sampled every 0.5 ms. The interrupts are the
 * GIC's own count of ID 29 acknowledged on CPU0, not a counter the program could write.
 */
function run(learner: LearnerModule): Promise<BoardRun> {
  return runOnBoard(learner, {
    ms: RETURN_MS * 1.2,
    readBack: [TIMER_LOAD, TIMER_CONTROL, ICDISER0],
  });
}

function register(r: BoardRun, address: number): number {
  const value = r.registers.get(address);
  if (value === null || value === undefined)
    fail(`the register at ${hex(address)} could not be read`);
  return value;
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
      const { timer, all, timerAtMs, timerBySoftware } = r.irqs;
      if (timerBySoftware > 0)
        fail(
          'interrupt 29 was made pending by the program itself (a write to ICDISPR), not by the private timer; only the interrupts the timer raised count',
          '0 software-pended',
          `${timerBySoftware} software-pended`,
        );
      if (timer !== TICKS)
        fail(
          'the GIC delivered a number of private-timer interrupts (ID 29) other than 5',
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
  {
    name: 'leaves the timer set for 10 Hz, reloading, its interrupt enabled in the timer and the GIC',
    async run(learner) {
      const r = await run(learner);
      expectRan(r);
      const control = register(r, TIMER_CONTROL);
      const prescaler = (control >>> 8) & 0xff;
      const periodMs = ((register(r, TIMER_LOAD) + 1) * (prescaler + 1) * 1000) / TIMER_CLOCK_HZ;
      if (Math.abs(periodMs - TICK_MS) > TICK_MS * 0.001)
        fail(
          'the timer period (LOAD + 1) x (prescaler + 1) / 333 MHz is not 100 ms',
          `${TICK_MS} ms`,
          `${periodMs.toFixed(3)} ms`,
        );
      const want = CONTROL_AUTO_RELOAD | CONTROL_IRQ_ENABLE;
      if ((control & want) !== want)
        fail(
          'the timer must reload itself and raise its interrupt (CONTROL bits 1 and 2)',
          hex(want),
          hex(control & want),
        );
      if (!(register(r, ICDISER0) & (1 << TIMER_INTERRUPT_ID)))
        fail(
          'interrupt 29 is not enabled in the GIC distributor (ICDISER0 bit 29)',
          'set',
          'clear',
        );
      return `period ${periodMs.toFixed(3)} ms, CONTROL ${hex(control)}`;
    },
  },
];
