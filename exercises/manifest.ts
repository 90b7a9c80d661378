/**
 * The ordered list of exercises: plain typed data, so the CLI, the workers and the site load it
 * without a validator. `manifest-schema.ts` holds the zod schema that states the rules (id and
 * entry formats, at least one hint, time limits), and `exercises.test.ts` validates this list
 * against it, so a typo in an id or a missing hint fails the test run rather than a learner.
 * Each exercise lives in `exercises/<id>/` with README.md, start/, solution/ and grade.ts.
 */
import type { Language } from './grader/language.ts';

/** One exercise; `manifest-schema.ts` has the rules each field must follow. */
export interface Exercise {
  /** `<track>/<NN-slug>`, also the exercise's folder under exercises/ (e.g. `shufflenet/02-channel-shuffle`). */
  id: string;
  /** Short title shown in lists and above the editor. */
  title: string;
  /** Id of the lesson the exercise belongs to, e.g. `shufflenet/group-convolution` (may be a future lesson). */
  lesson: string;
  /** Language of the learner's files: 'ts' runs in a worker; 'c' runs on the simulated board. */
  language: Language;
  /** The file the checks import, relative to start/ (and solution/), e.g. `channel-shuffle.ts`. */
  entry: string;
  /** Names the entry file must export; the checks call them. */
  exports: string[];
  /** Hints, revealed one at a time in this order: nudge first, near-solution last. */
  hints: string[];
  /** Wall-clock limit for a whole grading run (worker start-up included), in milliseconds. */
  timeLimitMs: number;
}

const DEFAULT_LIMIT_MS = 10_000;
/** C exercises build with the BSP and run on the board, several times per grading run. */
const C_LIMIT_MS = 20_000;

const exercises: Exercise[] = [
  {
    id: 'shufflenet/01-group-conv-params',
    title: 'Parameters of a group convolution',
    lesson: 'shufflenet/group-convolution',
    language: 'ts',
    entry: 'group-conv-params.ts',
    exports: ['groupConvParams'],
    hints: [
      'Each output channel has one filter. How many input channels does that filter see when the input is split into `groups` groups?',
      'A filter of a group convolution is k x k x (cin / groups).',
      'Multiply the number of filters (cout) by the size of one filter: cout * (cin / groups) * k * k.',
    ],
    timeLimitMs: DEFAULT_LIMIT_MS,
  },
  {
    id: 'shufflenet/02-channel-shuffle',
    title: 'Channel shuffle',
    lesson: 'shufflenet/channel-shuffle',
    language: 'ts',
    entry: 'channel-shuffle.ts',
    exports: ['channelShuffle'],
    hints: [
      'Think of the C channels as a groups x (C / groups) matrix, one row per group. The shuffle transposes that matrix and reads it out row by row.',
      'In NHWC the channels are the last axis: reshape to [N, H, W, groups, C / groups] (or [N*H*W, groups, C / groups]), transpose the last two axes, reshape back.',
      'Check the direction with 6 channels and 2 groups: channels [0, 1, 2 | 3, 4, 5] must come out as [0, 3, 1, 4, 2, 5]. [0, 2, 4, 1, 3, 5] is the inverse permutation.',
    ],
    timeLimitMs: DEFAULT_LIMIT_MS,
  },
  {
    id: 'shufflenet/03-group-conv2d',
    title: 'Group convolution in tfjs',
    lesson: 'shufflenet/group-convolution',
    language: 'ts',
    entry: 'group-conv2d.ts',
    exports: ['groupConv2d'],
    hints: [
      "Cut both tensors along their last axis: `tf.split(x, groups, 3)` for the input channels and `tf.split(w, groups, 3)` for the filter's output columns.",
      "Piece j of x and piece j of w form an ordinary convolution: `tf.conv2d(xj, wj, 1, 'same')`.",
      'Join the per-group outputs in order with `tf.concat(outputs, 3)`, and wrap it all in `tf.tidy` so the pieces are freed.',
    ],
    timeLimitMs: DEFAULT_LIMIT_MS,
  },
  {
    id: 'shufflenet/04-pointwise-mac',
    title: 'Memory access cost of a 1x1 convolution (G1)',
    lesson: 'shufflenet/v2-guidelines',
    language: 'ts',
    entry: 'pointwise-mac.ts',
    exports: ['pointwiseMac', 'macLowerBound'],
    hints: [
      'A layer touches three things: the input feature map, the output feature map and its weights. Count the numbers in each.',
      'pointwiseMac is h*w*c1 + h*w*c2 + c1*c2.',
      'For the bound, write c1*c2 = B/(h*w) and use c1 + c2 >= 2*sqrt(c1*c2): the result is 2*sqrt(h*w*B) + B/(h*w).',
    ],
    timeLimitMs: DEFAULT_LIMIT_MS,
  },
  {
    id: 'shufflenet/05-group-conv-mac',
    title: 'Group convolutions cost memory access (G2)',
    lesson: 'shufflenet/v2-guidelines',
    language: 'ts',
    entry: 'group-conv-mac.ts',
    exports: ['groupPointwiseMac', 'channelsForFlops'],
    hints: [
      'Grouping splits the filters, not the feature maps: the input and output are still read and written in full.',
      'Only the weights term changes: c1*c2 becomes c1*c2/g.',
      'From flops = h*w*c*c/g, c = sqrt(g*flops/(h*w)).',
    ],
    timeLimitMs: DEFAULT_LIMIT_MS,
  },
  {
    id: 'shufflenet/06-v1-unit-flops',
    title: 'FLOPs of a ShuffleNet V1 unit',
    lesson: 'shufflenet/v1-unit',
    language: 'ts',
    entry: 'v1-unit-flops.ts',
    exports: ['resnetBottleneckFlops', 'resnextUnitFlops', 'shuffleUnitFlops'],
    hints: [
      'Write one helper for a k x k stride-1 convolution: h*w outputs per channel, each needing (cin/groups)*k*k multiply-adds, times cout channels.',
      'A depthwise convolution is a group convolution with groups = channels: the 3x3 m -> m depthwise conv costs h*w*9*m.',
      'Sum the three convolutions of each unit with the right groups: ResNet (1, 1, 1), ResNeXt (1, g, 1), ShuffleNet (g, m, g).',
    ],
    timeLimitMs: DEFAULT_LIMIT_MS,
  },
  {
    id: 'shufflenet/07-v2-unit',
    title: 'The ShuffleNet V2 unit (stride 1)',
    lesson: 'shufflenet/v2-architecture',
    language: 'ts',
    entry: 'v2-unit.ts',
    exports: ['v2UnitStride1'],
    hints: [
      'Four steps: split, branch, concatenate, shuffle. `tf.split(x, 2, 3)` gives the two halves of the channels.',
      'The branch is pointwiseRelu(expand), depthwise(stride 1), pointwiseRelu(project), applied to the second half only. There is no ReLU after the depthwise convolution.',
      'Concatenate [first half, branch output] along axis 3, then apply the channel shuffle of exercise 02 with 2 groups (write it into this file: exercises cannot import each other).',
    ],
    timeLimitMs: DEFAULT_LIMIT_MS,
  },
  {
    id: 'shufflenet/08-v2-downsampling',
    title: 'The ShuffleNet V2 downsampling unit (stride 2)',
    lesson: 'shufflenet/v2-architecture',
    language: 'ts',
    entry: 'v2-downsampling.ts',
    exports: ['v2UnitStride2'],
    hints: [
      'No channel split here: branch1 and branch2 both start from the whole input x.',
      'branch1 = pointwiseRelu(depthwise(x, stride 2), project); branch2 = pointwiseRelu(expand), depthwise(stride 2), pointwiseRelu(project). Concatenate [branch1, branch2], then shuffle with 2 groups.',
      "If the output is close but shifted by a pixel: tfjs accepts a number as padding (`pad: 1`), which pads every side like PyTorch; 'same' does not for stride 2 on even sizes.",
    ],
    timeLimitMs: DEFAULT_LIMIT_MS,
  },
  {
    id: 'shufflenet/09-v2-params',
    title: 'Assemble ShuffleNet V2: count its parameters',
    lesson: 'shufflenet/v2-architecture',
    language: 'ts',
    entry: 'v2-params.ts',
    exports: ['shuffleNetV2Params'],
    hints: [
      'Write one function per building block: a stride-1 unit, a stride-2 unit, then add them up per stage.',
      'A stride-1 unit is only branch2 on c/2 channels: 1x1 (c/2 -> c/2), depthwise 3x3, 1x1, each with a BatchNorm. A stride-2 unit has branch2 from all cin channels to cout/2, plus branch1: depthwise 3x3 on cin, then 1x1 cin -> cout/2, each with a BatchNorm.',
      'A depthwise 3x3 on c channels has c * 1 * 3 * 3 weights (groups = c). The stages start from 24 channels, then c2 and c3.',
    ],
    timeLimitMs: DEFAULT_LIMIT_MS,
  },
  {
    id: 'shufflenet/10-fold-batchnorm',
    title: 'Fold BatchNorm into the convolution',
    lesson: 'shufflenet/batchnorm-folding',
    language: 'ts',
    entry: 'fold-batchnorm.ts',
    exports: ['foldBatchNorm'],
    hints: [
      'Write the BatchNorm as y = z * scale + shift, with scale = weight / sqrt(runningVar + eps) and shift = bias - runningMean * scale.',
      'z * scale for output channel o is the convolution with filter column o scaled: `filter.mul(scale)` broadcasts an [out] vector over the last axis.',
      "Use eps = 1e-5 (PyTorch), not 0 and not tfjs's 0.001: `bn.runningVar.add(EPS).sqrt()`.",
    ],
    timeLimitMs: DEFAULT_LIMIT_MS,
  },
  {
    id: 'shufflenet/11-fold-shuffle',
    title: 'Fold the channel shuffle into the next convolution',
    lesson: 'shufflenet/channel-shuffle',
    language: 'ts',
    entry: 'fold-shuffle.ts',
    exports: ['foldShuffleIntoConv'],
    hints: [
      'conv(shuffle(x), W) sums shuffled[d] * W[d] over positions d. Rewrite it as a sum over source channels s: x[s] * W[d(s)], where d(s) is where s lands.',
      'Channel s = i*(C/g) + j lands at d = j*g + i. Build the list d(s) for s = 0..C-1.',
      "Gather the filter rows with that list along axis 2: `tf.gather(filter, tf.tensor1d(list, 'int32'), 2)`. With 6 channels in 2 groups the list is [0, 2, 4, 1, 3, 5].",
    ],
    timeLimitMs: DEFAULT_LIMIT_MS,
  },
  {
    id: 'shufflenet/12-even-odd-split',
    title: 'Shuffle and split in one step',
    lesson: 'shufflenet/channel-shuffle',
    language: 'ts',
    entry: 'even-odd-split.ts',
    exports: ['splitEvenOdd'],
    hints: [
      'Channels 2r and 2r+1 form pair r. In NHWC, reshape [N, H, W, C] to [N, H, W, C/2, 2]: the last axis is the position within the pair.',
      'Split that last axis in two (`tf.split(pairs, 2, 4)`) and reshape each part back to [N, H, W, C/2].',
    ],
    timeLimitMs: DEFAULT_LIMIT_MS,
  },
  {
    id: 'shufflenet/13-requant-multiplier',
    title: 'The requantization multiplier',
    lesson: 'zynq/shufflenet-in-c',
    language: 'ts',
    entry: 'requant-multiplier.ts',
    exports: ['quantizeMultiplier'],
    hints: [
      "Split real into a mantissa and an exponent, like C's frexp: real = m0 * 2^shift with m0 in [0.5, 1). Math.log2 gives the exponent to within one.",
      'shift = Math.floor(Math.log2(real)) + 1, m0 = real / 2^shift; then fix m0 with a loop (double or halve it) in case log2 was off by an ulp. multiplier = Math.round(m0 * 2^31).',
      'When m0 is just below 1, Math.round(m0 * 2^31) is exactly 2^31: halve the multiplier and add 1 to the shift. 0 gives { multiplier: 0, shift: 0 }.',
    ],
    timeLimitMs: DEFAULT_LIMIT_MS,
  },
  {
    id: 'zynq/01-fixed-point-print',
    title: 'Print a fixed-point number with xil_printf',
    lesson: 'zynq/uart-printf',
    language: 'c',
    entry: 'fixed-point.c',
    exports: ['print_fixed3'],
    hints: [
      'xil_printf has no %f: print the whole part and the fraction as two integers, milli / 1000 and milli % 1000.',
      'The fraction needs its leading zeros: %03u prints 5 as 005. And -50 / 1000 is 0 in C, so print the minus sign yourself when milli < 0.',
      'Take the magnitude as an unsigned int (0u - (unsigned int)milli for negative milli): that also works for -2147483648, whose negation does not fit in an int.',
    ],
    timeLimitMs: C_LIMIT_MS,
  },
  {
    id: 'zynq/02-bram-checksum',
    title: 'Checksum a block of AXI BRAM',
    lesson: 'zynq/xil-io',
    language: 'c',
    entry: 'bram-sum.c',
    exports: ['bram_sum'],
    hints: [
      'Read one 32-bit word at a time with Xil_In32(base + offset) and add it to a u32 sum; the u32 wraps modulo 2^32 by itself.',
      'nbytes counts bytes, not words: the offsets are 0, 4, 8, ... up to but not including nbytes.',
      'for (u32 i = 0; i < nbytes; i += 4) sum += Xil_In32(base + i);',
    ],
    timeLimitMs: C_LIMIT_MS,
  },
  {
    id: 'zynq/03-timer-ticks',
    title: 'Five timer ticks through the GIC',
    lesson: 'zynq/interrupts',
    language: 'c',
    entry: 'timer-ticks.c',
    exports: ['main'],
    hints: [
      'Three places must agree before a tick reaches timer_isr: the timer (interrupt enabled, started), the GIC distributor (ID 29 connected and enabled) and the CPU (IRQs enabled with Xil_ExceptionEnable).',
      'XScuTimer_EnableAutoReload, XScuTimer_EnableInterrupt and XScuTimer_Start; in the handler XScuTimer_ClearInterruptStatus, or the interrupt comes back at once and never stops.',
      "In main: while (ticks < 5) wfi(); then stop the timer and print. ticks must be volatile, since the handler changes it behind main's back.",
    ],
    timeLimitMs: C_LIMIT_MS,
  },
  {
    id: 'zynq/04-leds-follow-switches',
    title: 'LEDs that follow the switches',
    lesson: 'zynq/xil-io',
    language: 'c',
    entry: 'leds.c',
    exports: ['main'],
    hints: [
      "Every AXI GPIO pin starts as an input: until channel 1's direction bits are 0, the LEDs stay dark whatever you write.",
      'XGpio_SetDataDirection(&gpio, 1, 0x00) makes the LED pins outputs; XGpio_SetDataDirection(&gpio, 2, 0xFF) keeps the switches inputs.',
      'In the loop: XGpio_DiscreteWrite(&gpio, 1, XGpio_DiscreteRead(&gpio, 2)); then a short usleep, well under 1 ms.',
    ],
    timeLimitMs: C_LIMIT_MS,
  },
  {
    id: 'zynq/05-uart-line-editor',
    title: 'A line editor on the UART',
    lesson: 'zynq/uart-printf',
    language: 'c',
    entry: 'read-line.c',
    exports: ['read_line'],
    hints: [
      'Handle each key in its own branch: Enter, Backspace, printable, everything else. The echo is yours to send: outbyte(c) for a stored key.',
      'Backspace erases on screen with "\\b \\b"; a full line (n == size - 1) or an empty one on Backspace gets outbyte(0x07).',
      'Keep the previous key in a static char: when it was CR and this key is LF, skip it (continue) so that CR LF ends one line, not two.',
    ],
    timeLimitMs: C_LIMIT_MS,
  },
  {
    id: 'zynq/06-fix-the-link',
    title: 'A program that does not link',
    lesson: 'zynq/build-errors',
    language: 'c',
    entry: 'leds-a5.c',
    exports: ['main'],
    hints: [
      'An undefined reference is the linker speaking: the compiler took the prototypes on trust, and no object file defines the functions.',
      "Open the BSP's xil_io.h: how are Xil_Out32 and Xil_In32 defined there, and what does `static inline` mean for other files?",
      'Delete the two copied prototypes and #include "xil_io.h" instead: its static inline definitions are compiled into your file.',
    ],
    timeLimitMs: C_LIMIT_MS,
  },
  {
    id: 'zynq/07-unaligned-read',
    title: 'Read a fault report: an unaligned word',
    lesson: 'zynq/xil-io',
    language: 'c',
    entry: 'read-le32.c',
    exports: ['read_le32'],
    hints: [
      'The fault report names the file, the line and the kind of fault: an alignment fault on a word read from an address that is not a multiple of 4.',
      'The BRAM is mapped Strongly-ordered, where every unaligned access aborts. Byte reads (Xil_In8) are aligned at any address.',
      'Read the four bytes with Xil_In8(addr), Xil_In8(addr + 1), ... and combine them: byte 0 | byte 1 << 8 | byte 2 << 16 | byte 3 << 24, each cast to u32 first.',
    ],
    timeLimitMs: C_LIMIT_MS,
  },
  {
    id: 'zynq/08-blink-on-time',
    title: 'Blink on time',
    lesson: 'zynq/interrupts',
    language: 'c',
    entry: 'blink.c',
    exports: ['main'],
    hints: [
      'Run the starter and look at when the LEDs change: a loop of a million empty iterations is over long before 100 ms on a 667 MHz CPU.',
      "Wait on a clock rather than on the CPU's speed: the BSP's sleep.h has usleep(microseconds).",
      'wait_100ms is one line: usleep(100000);',
    ],
    timeLimitMs: C_LIMIT_MS,
  },
  {
    id: 'zynq/09-int8-pointwise',
    title: 'An int8 pointwise convolution',
    lesson: 'zynq/shufflenet-in-c',
    language: 'c',
    entry: 'pointwise.c',
    exports: ['pointwise_int8'],
    hints: [
      'Two loops over pixels p and output channels o, and an inner loop over input channels i: acc starts at bias[o] and adds (x[p * in_c + i] - in_zero) * weight[o * in_c + i].',
      'requantize: if shift > 0, multiply acc by 2^shift in int64_t, clamp to INT32_MIN..INT32_MAX, then srdhm with the multiplier; otherwise rounding_divide_by_pot(srdhm(acc, multiplier), -shift).',
      'Add out_zero after requantize, then clamp to [relu ? out_zero : -128, 127] before storing y[p * out_c + o] as int8_t. A plain >> instead of rounding_divide_by_pot is off by one on about half the values.',
    ],
    timeLimitMs: C_LIMIT_MS,
  },
];

/** Every exercise in course order; the one source of truth for ids and metadata. */
export const manifest: readonly Exercise[] = Object.freeze(exercises);

/** The exercise with this id, or undefined. */
export function findExercise(id: string): Exercise | undefined {
  return manifest.find((exercise) => exercise.id === id);
}
