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

const BELL = '\x07';

/**
 * The reference line editor: what read_line echoes for each line of `input`, followed by what the
 * grader's main prints (`[length:text]`), one entry per line.
 */
export function editLines(input: string, size: number): string[] {
  const outputs: string[] = [];
  let echo = '';
  let line = '';
  let last = '';
  for (const c of input) {
    const before = last;
    last = c;
    if (c === '\n' && before === '\r') continue;
    if (c === '\r' || c === '\n') {
      outputs.push(`${echo}\r\n[${line.length}:${line}]`);
      echo = '';
      line = '';
    } else if (c === '\b' || c === '\x7f') {
      if (line) {
        line = line.slice(0, -1);
        echo += '\b \b';
      } else echo += BELL;
    } else if (c >= ' ' && c <= '~') {
      if (line.length < size - 1) {
        line += c;
        echo += c;
      } else echo += BELL;
    }
  }
  return outputs;
}

/** Types `input` into UART1 and compares every line's echo and result. */
async function expectLines(learner: LearnerModule, input: string, size = 16): Promise<string> {
  const expected = editLines(input, size);
  const harness = casesHarness(
    `int read_line(char *buf, int size);\nstatic char buf[${size}];`,
    expected.map(() => `xil_printf("[%d:%s]", read_line(buf, ${size}), buf);`),
  );
  // One byte per frame at 115200 baud is 87 us; the rest is margin.
  const run = await runOnBoard(learner, { harness, ms: 20 + input.length * 0.2, input });
  expectRan(run, { returned: true });
  const outputs = caseOutputs(run);
  expected.forEach((want, i) => {
    const got = outputs[i];
    if (got !== want)
      fail(
        `line ${i + 1} of the keys "${showText(input)}" (buffer of ${size}) echoed or returned the wrong text`,
        `"${showText(want)}"`,
        got === undefined ? 'nothing' : `"${showText(got)}"`,
      );
  });
  return `${counted(expected.length, 'line')} as expected`;
}

function randomLine(rng: Rng): string {
  const keys = 'abcxyz 0123456789-_\b\x7f';
  let line = '';
  for (let i = rng.int(0, 12); i > 0; i--) line += rng.pick([...keys]);
  return line + rng.pick(['\r', '\n', '\r\n']);
}

export const checks: Check[] = [
  {
    name: 'echoes a typed line and returns it on Enter (CR)',
    run: (learner) => expectLines(learner, 'hello\rzynq 7000\r'),
  },
  {
    name: 'erases with Backspace (BS or DEL) on screen and in the buffer; a bell on an empty line',
    run: (learner) => expectLines(learner, 'abx\x7fc\r\b\x08q\r'),
  },
  {
    name: 'keeps at most size - 1 characters and rings the bell for the rest',
    run: (learner) => expectLines(learner, '0123456789\rab\r', 8),
  },
  {
    name: 'takes CR, LF and CR LF each as one Enter',
    run: (learner) => expectLines(learner, 'a\r\nb\nc\r\n\nd\r'),
  },
  {
    name: 'edits random lines',
    run: (learner, { rng }) =>
      expectLines(learner, Array.from({ length: 5 }, () => randomLine(rng)).join(''), 10),
  },
];
