import { expectLines, expectRan, hex, runOnBoard, type BoardRun } from '../../grader/board-run.ts';
import { fail, type Check, type LearnerModule } from '../../grader/engine.ts';

/** AXI GPIO channel 1's tri-state register (PG144: GPIO_TRI at offset 0x4). */
const GPIO_TRI = 0x41200004;
const PATTERN = 0xa5;

function run(learner: LearnerModule): Promise<BoardRun> {
  return runOnBoard(learner, { ms: 50, readBack: [GPIO_TRI] });
}

export const checks: Check[] = [
  {
    name: 'builds and links with the BSP',
    async run(learner) {
      const r = await run(learner);
      if (r.result.status === 'build-error')
        fail(
          `ld could not link the program:\n${r.result.diagnostics.trimEnd()}`,
          'a program that links',
          'undefined references',
        );
    },
  },
  {
    name: 'lights the LED pattern 0xA5 with channel 1 as outputs',
    async run(learner) {
      const r = await run(learner);
      expectRan(r, { returned: true });
      const tri = r.registers.get(GPIO_TRI);
      if (tri !== 0)
        fail(
          'GPIO_TRI must make the LED pins outputs',
          hex(0),
          tri == null ? 'unreadable' : hex(tri),
        );
      if (r.result.leds !== PATTERN)
        fail('the LEDs show the wrong pattern', hex(PATTERN), hex(r.result.leds));
    },
  },
  {
    name: 'prints the line "LEDs = 0xA5" and no ERROR line, and main returns 0',
    async run(learner) {
      const r = await run(learner);
      expectRan(r, { returned: true });
      // xil_printf's %x prints uppercase hex digits (embeddedsw xil_printf.c: "0123456789ABCDEF").
      expectLines(r, { required: ['LEDs = 0xA5'], forbidden: [/^ERROR/] });
      if (r.result.exitCode !== 0) fail('main must return 0', '0', String(r.result.exitCode));
    },
  },
];
