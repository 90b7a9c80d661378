/**
 * The graders catch plausible mistakes: each case edits the reference solution into a typical
 * wrong answer (the inverse shuffle, 'same' padding for stride 2, a forgotten epsilon, ...) and
 * expects the grader to reject it. The edit must apply, so a renamed line cannot turn a case into
 * a test that cannot fail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeExercise } from './grader/grade-exercise.ts';
import { findExercise } from './manifest.ts';
import { nodeEnv } from '../board/bsp/bsp.ts';

interface Mistake {
  id: string;
  mistake: string;
  /** [text in the solution, replacement]. */
  edits: [string, string][];
}

const MISTAKES: Mistake[] = [
  {
    id: 'shufflenet/01-group-conv-params',
    mistake: 'divides the output channels too (groups squared)',
    edits: [['cout * (cin / groups) * k * k', '(cout / groups) * (cin / groups) * k * k']],
  },
  {
    id: 'shufflenet/01-group-conv-params',
    mistake: 'forgets the kernel area',
    edits: [['cout * (cin / groups) * k * k', 'cout * (cin / groups)']],
  },
  {
    id: 'shufflenet/02-channel-shuffle',
    mistake: 'uses the inverse permutation',
    edits: [['[n * h * w, groups, c / groups]', '[n * h * w, c / groups, groups]']],
  },
  {
    id: 'shufflenet/03-group-conv2d',
    mistake: 'takes filter columns interleaved (j, j + g, ...) instead of in blocks',
    edits: [
      [
        'const filters = tf.split(w, groups, 3) as tf.Tensor4D[];',
        'const [kh, kw, ci, co] = w.shape; const filters = tf.split(w.reshape([kh, kw, ci, co / groups, groups]).transpose([0, 1, 2, 4, 3]).reshape([kh, kw, ci, co]), groups, 3) as tf.Tensor4D[];',
      ],
    ],
  },
  {
    id: 'shufflenet/03-group-conv2d',
    mistake: "uses 'valid' padding",
    edits: [
      ["tf.conv2d(part, filters[j]!, 1, 'same')", "tf.conv2d(part, filters[j]!, 1, 'valid')"],
    ],
  },
  {
    id: 'shufflenet/04-pointwise-mac',
    mistake: 'leaves out the weights from the MAC',
    edits: [['return h * w * (c1 + c2) + c1 * c2;', 'return h * w * (c1 + c2);']],
  },
  {
    id: 'shufflenet/04-pointwise-mac',
    mistake: 'leaves out the weights term B/hw from the bound',
    edits: [['2 * Math.sqrt(h * w * flops) + flops / (h * w)', '2 * Math.sqrt(h * w * flops)']],
  },
  {
    id: 'shufflenet/05-group-conv-mac',
    mistake: 'divides the feature maps by the groups too',
    edits: [['h * w * (c1 + c2) + (c1 * c2) / groups', '(h * w * (c1 + c2) + c1 * c2) / groups']],
  },
  {
    id: 'shufflenet/05-group-conv-mac',
    mistake: 'divides by the groups instead of multiplying when solving for the width',
    edits: [['Math.sqrt((groups * flops) / (h * w))', 'Math.sqrt(flops / (groups * h * w))']],
  },
  {
    id: 'shufflenet/06-v1-unit-flops',
    mistake: 'counts the depthwise 3x3 as a dense 3x3',
    edits: [['convFlops(h, w, m, m, 3, m)', 'convFlops(h, w, m, m, 3, 1)']],
  },
  {
    id: 'shufflenet/06-v1-unit-flops',
    mistake: 'groups the first 1x1 convolution of ResNeXt',
    edits: [
      [
        'return convFlops(h, w, c, m, 1, 1) + convFlops(h, w, m, m, 3, g)',
        'return convFlops(h, w, c, m, 1, g) + convFlops(h, w, m, m, 3, g)',
      ],
    ],
  },
  {
    id: 'shufflenet/07-v2-unit',
    mistake: 'forgets the channel shuffle',
    edits: [
      [
        'return channelShuffle(tf.concat([identity, y], 3), 2);',
        'return tf.concat([identity, y], 3);',
      ],
    ],
  },
  {
    id: 'shufflenet/07-v2-unit',
    mistake: 'sends the first half through the branch',
    edits: [['const [identity, processed] =', 'const [processed, identity] =']],
  },
  {
    id: 'shufflenet/07-v2-unit',
    mistake: 'adds a ReLU after the depthwise convolution',
    edits: [
      ['y = depthwise(y, branch.depthwise, 1);', 'y = tf.relu(depthwise(y, branch.depthwise, 1));'],
    ],
  },
  {
    id: 'shufflenet/08-v2-downsampling',
    mistake: "pads stride-2 convolutions TF-style ('same')",
    edits: [['strides: stride, pad: 1,', "strides: stride, pad: 'same',"]],
  },
  {
    id: 'shufflenet/08-v2-downsampling',
    mistake: 'concatenates the branches in the wrong order',
    edits: [['tf.concat([left, right], 3)', 'tf.concat([right, left], 3)']],
  },
  {
    id: 'shufflenet/09-v2-params',
    mistake: 'counts one parameter per BatchNorm channel',
    edits: [['return 2 * channels;', 'return channels;']],
  },
  {
    id: 'shufflenet/09-v2-params',
    mistake: 'forgets branch1 of the downsampling unit',
    edits: [
      [
        'return conv(cin, cin, 3, cin) + bn(cin) + conv(cin, half, 1) + bn(half) + branch2(cin, half);',
        'return branch2(cin, half);',
      ],
    ],
  },
  {
    id: 'shufflenet/10-fold-batchnorm',
    mistake: 'forgets the epsilon',
    edits: [['bn.runningVar.add(EPS).sqrt()', 'bn.runningVar.sqrt()']],
  },
  {
    id: 'shufflenet/10-fold-batchnorm',
    mistake: "uses tfjs's default epsilon 1e-3",
    edits: [['bn.runningVar.add(EPS).sqrt()', 'bn.runningVar.add(1e-3).sqrt()']],
  },
  {
    id: 'shufflenet/10-fold-batchnorm',
    mistake: 'forgets the running mean in the bias',
    edits: [['bias: bn.bias.sub(bn.runningMean.mul(scale))', 'bias: bn.bias']],
  },
  {
    id: 'shufflenet/11-fold-shuffle',
    mistake: "permutes the weights like the activations (the shuffle's own direction)",
    edits: [
      ['rowFor[i * perGroup + j] = j * groups + i', 'rowFor[j * groups + i] = i * perGroup + j'],
    ],
  },
  {
    id: 'zynq/01-fixed-point-print',
    mistake: 'prints the fraction without its leading zeros (5 -> 0.5)',
    edits: [['"%u.%03u"', '"%u.%u"']],
  },
  {
    id: 'zynq/01-fixed-point-print',
    mistake: 'prints the signed quotient and remainder (-50 -> 0.-50)',
    edits: [
      ['if (milli < 0) {', 'if (0) {'],
      [
        'xil_printf("%u.%03u", magnitude / 1000u, magnitude % 1000u);',
        'xil_printf("%d.%03d", milli / 1000, milli % 1000);',
      ],
    ],
  },
  {
    id: 'zynq/01-fixed-point-print',
    mistake: 'negates milli as an int, which overflows for INT_MIN',
    edits: [
      [
        'unsigned int magnitude = milli < 0 ? 0u - (unsigned int)milli : (unsigned int)milli;',
        'int magnitude = milli < 0 ? -milli : milli;',
      ],
      ['magnitude / 1000u, magnitude % 1000u', 'magnitude / 1000, magnitude % 1000'],
    ],
  },
  {
    id: 'zynq/02-bram-checksum',
    mistake: 'reads one word past the range (<= instead of <)',
    edits: [['i < nbytes; i += 4', 'i <= nbytes; i += 4']],
  },
  {
    id: 'zynq/02-bram-checksum',
    mistake: 'counts nbytes as bytes and as words at once (nbytes / 4 bytes)',
    edits: [['i < nbytes; i += 4', 'i < nbytes / 4; i += 4']],
  },
  {
    id: 'zynq/02-bram-checksum',
    mistake: 'steps one byte at a time (overlapping, unaligned words)',
    edits: [['i < nbytes; i += 4', 'i < nbytes; i += 1']],
  },
  {
    id: 'zynq/03-timer-ticks',
    mistake: 'never clears the timer event flag (an interrupt storm)',
    edits: [['  XScuTimer_ClearInterruptStatus(t);\n', '  (void)t;\n']],
  },
  {
    id: 'zynq/03-timer-ticks',
    mistake: 'waits for a sixth tick (<= instead of <)',
    edits: [['while (ticks < 5)', 'while (ticks <= 5)']],
  },
  {
    id: 'zynq/03-timer-ticks',
    mistake: 'loads the timer for the CPU clock instead of half of it (5 Hz)',
    edits: [
      [
        '#define TIMER_CLOCK_HZ (XPAR_CPU_CORTEXA9_0_CPU_CLK_FREQ_HZ / 2)',
        '#define TIMER_CLOCK_HZ XPAR_CPU_CORTEXA9_0_CPU_CLK_FREQ_HZ',
      ],
    ],
  },
  {
    id: 'zynq/04-leds-follow-switches',
    mistake: 'reads the LED channel back instead of the switches',
    edits: [
      ['XGpio_DiscreteRead(&gpio, SWITCH_CHANNEL)', 'XGpio_DiscreteRead(&gpio, LED_CHANNEL)'],
    ],
  },
  {
    id: 'zynq/04-leds-follow-switches',
    mistake: 'leaves the LED pins as inputs',
    edits: [['  XGpio_SetDataDirection(&gpio, LED_CHANNEL, 0x00);\n', '']],
  },
  {
    id: 'zynq/04-leds-follow-switches',
    mistake: 'polls every 5 ms',
    edits: [['usleep(100);', 'usleep(5000);']],
  },
  {
    id: 'zynq/05-uart-line-editor',
    mistake: 'takes CR LF as two Enters',
    edits: [["if (c == '\\n' && before == '\\r') {", 'if (0) {']],
  },
  {
    id: 'zynq/05-uart-line-editor',
    mistake: 'only moves the cursor back on Backspace',
    edits: [['xil_printf("\\b \\b");', 'xil_printf("\\b");']],
  },
  {
    id: 'zynq/05-uart-line-editor',
    mistake: "stores size characters, leaving no room for the '\\0'",
    edits: [['if (n < size - 1) {', 'if (n < size) {']],
  },
  {
    id: 'zynq/06-fix-the-link',
    mistake: 'keeps the old prototypes instead of the header',
    edits: [
      [
        '#include "xil_io.h"\n',
        'void Xil_Out32(UINTPTR Addr, u32 Value);\nu32 Xil_In32(UINTPTR Addr);\n',
      ],
    ],
  },
  {
    id: 'zynq/06-fix-the-link',
    mistake: 'sets the LED pins as inputs',
    edits: [['Xil_Out32(GPIO_TRI, 0x00);', 'Xil_Out32(GPIO_TRI, 0xFF);']],
  },
  {
    id: 'zynq/07-unaligned-read',
    mistake: 'assembles the bytes big-endian',
    edits: [
      [
        'return (u32)Xil_In8(addr) | ((u32)Xil_In8(addr + 1) << 8) | ((u32)Xil_In8(addr + 2) << 16) |\n         ((u32)Xil_In8(addr + 3) << 24);',
        'return ((u32)Xil_In8(addr) << 24) | ((u32)Xil_In8(addr + 1) << 16) | ((u32)Xil_In8(addr + 2) << 8) | (u32)Xil_In8(addr + 3);',
      ],
    ],
  },
  {
    id: 'zynq/07-unaligned-read',
    mistake: 'reads the aligned word around the address',
    edits: [
      [
        'return (u32)Xil_In8(addr) | ((u32)Xil_In8(addr + 1) << 8) | ((u32)Xil_In8(addr + 2) << 16) |\n         ((u32)Xil_In8(addr + 3) << 24);',
        'return Xil_In32(addr & ~3U);',
      ],
    ],
  },
  {
    id: 'zynq/08-blink-on-time',
    mistake: 'sleeps 10 ms instead of 100 ms',
    edits: [['usleep(100000);', 'usleep(10000);']],
  },
  {
    id: 'zynq/08-blink-on-time',
    mistake: 'toggles every LED instead of LED0',
    edits: [['leds ^= 0x01;', 'leds ^= 0xFF;']],
  },
  {
    id: 'shufflenet/12-even-odd-split',
    mistake: 'pairs channels as [2, C/2] (halves) instead of [C/2, 2]',
    edits: [
      [
        'x.reshape([n, h, w, c / 2, 2])',
        'x.reshape([n, h, w, 2, c / 2]).transpose([0, 1, 2, 4, 3])',
      ],
    ],
  },
  {
    id: 'shufflenet/13-requant-multiplier',
    mistake: 'truncates the mantissa instead of rounding it',
    edits: [
      ['let multiplier = Math.round(m0 * TWO_31);', 'let multiplier = Math.floor(m0 * TWO_31);'],
    ],
  },
  {
    id: 'shufflenet/13-requant-multiplier',
    mistake: 'lets a mantissa round up to 2^31',
    edits: [['if (multiplier === TWO_31) {', 'if (multiplier > TWO_31) {']],
  },
  {
    id: 'shufflenet/13-requant-multiplier',
    mistake: 'takes the mantissa in [1, 2) (shift one too small)',
    edits: [
      ['let shift = Math.floor(Math.log2(real)) + 1;', 'let shift = Math.floor(Math.log2(real));'],
      ['while (m0 >= 1) {', 'while (m0 >= 2) {'],
      ['while (m0 < 0.5) {', 'while (m0 < 1) {'],
      ['Math.round(m0 * TWO_31)', 'Math.round((m0 / 2) * TWO_31)'],
    ],
  },
  {
    id: 'zynq/09-int8-pointwise',
    mistake: 'forgets the input zero point',
    edits: [['acc += (xp[i] - in_zero) * wp[i];', 'acc += xp[i] * wp[i];']],
  },
  {
    id: 'zynq/09-int8-pointwise',
    mistake: 'shifts right without rounding',
    edits: [
      [
        'return rounding_divide_by_pot(srdhm(acc, multiplier), -shift);',
        'return srdhm(acc, multiplier) >> -shift;',
      ],
    ],
  },
  {
    id: 'zynq/09-int8-pointwise',
    mistake: 'clamps a ReLU at -128 instead of the output zero point',
    edits: [['int32_t lo = relu ? out_zero : -128;', 'int32_t lo = -128;']],
  },
  {
    id: 'zynq/09-int8-pointwise',
    mistake: 'reads the weights as [in_c][out_c]',
    edits: [
      ['acc += (xp[i] - in_zero) * wp[i];', 'acc += (xp[i] - in_zero) * weight[i * out_c + o];'],
    ],
  },
  {
    id: 'zynq/09-int8-pointwise',
    mistake: 'ignores a positive shift',
    edits: [['  if (shift > 0) {\n    int64_t', '  if (0) {\n    int64_t']],
  },
];

function solutionFiles(id: string): Record<string, string> {
  const exercise = findExercise(id)!;
  const path = join(new URL('.', import.meta.url).pathname, id, 'solution', exercise.entry);
  return { [exercise.entry]: readFileSync(path, 'utf8') };
}

describe.each(MISTAKES.map((m) => [m.id, m.mistake, m] as const))('%s', (_, mistake, m) => {
  it(`fails a solution that ${mistake}`, async () => {
    const exercise = findExercise(m.id)!;
    const files = solutionFiles(m.id);
    let source = files[exercise.entry]!;
    for (const [from, to] of m.edits) {
      expect(source, `edit target missing: ${from}`).toContain(from);
      source = source.replace(from, to);
    }
    const result = await gradeExercise(
      { exerciseId: m.id, files: { [exercise.entry]: source }, timeLimitMs: exercise.timeLimitMs },
      { seed: 4, firmwareEnv: nodeEnv },
    );
    expect(result.compileErrors).toEqual([]);
    expect(result.status).toBe('fail');
    const failed = result.checks.filter((c) => c.status !== 'pass');
    expect(failed.length).toBeGreaterThan(0);
    // A wrong value is shown as expected vs actual; a crash at least says what went wrong.
    for (const check of failed) {
      if (check.status === 'fail') expect(check.expected ?? check.message).toBeTruthy();
      else expect(check.message).toMatch(/threw/);
    }
  });
});
