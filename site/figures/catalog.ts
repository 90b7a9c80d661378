/**
 * The lessons' figures by name: each one's SVG, its caption and the name of its scroll region.
 * Lessons write `<Figure name="v1-unit-s1" />` (Figure.astro); everything a figure shows of a
 * network comes from `buildArch`, the description the runtime executes.
 */
import { buildArch } from '../../runtime/index.ts';
import { unitWithStride, stagesFigure, stagesOf, unitFigure } from './arch-figures.ts';
import { convTypesFigure } from './conv-figure.ts';
import { shuffleFigure } from './shuffle-figure.ts';

export interface LessonFigure {
  svg: string;
  caption: string;
  /** Below this width (CSS px) the figure scrolls sideways instead of shrinking further. */
  minWidth: number;
}

/** The networks the figures draw: V1 g = 3 (Table 1's reference) and V2 1x (Table 5). */
export const V1_ARCH = () => buildArch({ version: 'v1', groups: 3 });
export const V2_ARCH = () => buildArch({ version: 'v2' });

function shapeList(arch: ReturnType<typeof buildArch>): string {
  return stagesOf(arch)
    .map((r) => {
      const units = r.repeat > 1 ? ` (${r.repeat} units)` : '';
      return `${r.name}${units}: ${r.output[0]}×${r.output[1]}×${r.output[2]}`;
    })
    .join('; ');
}

const builders: Record<string, () => LessonFigure> = {
  'conv-types': () => ({
    svg: convTypesFigure('fig-conv-types', {
      title: 'Standard, group and depthwise convolution',
      desc:
        'Six input channels above, six output channels below, a line for every input channel an ' +
        'output channel reads. Standard convolution (g = 1): every output reads all six inputs, ' +
        '36 lines. Group convolution (g = 3): the channels form three groups of two and each ' +
        'output reads only the two inputs of its own group, 12 lines. Depthwise convolution ' +
        '(g = 6): each output reads exactly one input, 6 lines.',
      input: 'input',
      output: 'output',
      panels: [
        { label: 'Standard', groups: 1 },
        { label: 'Group', groups: 3 },
        { label: 'Depthwise', groups: 6 },
      ],
    }),
    caption:
      'Which input channels each output channel reads. Weights and multiply-adds are proportional to the number of lines: g groups cut them by g.',
    minWidth: 420,
  }),
  'channel-shuffle': () => {
    const channels = 6;
    const groups = 3;
    return {
      svg: shuffleFigure('fig-channel-shuffle', channels, groups, {
        title: 'The channel shuffle as a permutation, c = 6, g = 3',
        desc:
          'Top row: channels 0 to 5 in three groups of two (0 1 | 2 3 | 4 5), coloured by group. ' +
          'Bottom row after the shuffle: 0 2 4 1 3 5. Cut into three groups again, every new ' +
          'group (0 2 | 4 1 | 3 5) holds channels from two different old groups, and the first ' +
          'channel of each old group moves to the front.',
        before: 'before',
        after: 'after',
      }),
      caption:
        'Shuffle with g = 3: write the channels as a 3 × 2 matrix, transpose it, read it out. Colours are the groups the channels came from.',
      minWidth: 300,
    };
  },
  'v1-unit-s1': () => ({
    svg: unitFigure(
      'fig-v1-unit-s1',
      unitWithStride(V1_ARCH(), 1),
      'ShuffleNet V1 unit, stride 1 (g = 3, stage 2)',
      'Two branches from the input. Left: the identity shortcut. Right: 1×1 group convolution ' +
        'with BN and ReLU, channel shuffle, 3×3 depthwise convolution with BN and no ReLU, 1×1 ' +
        'group convolution with BN. The branches are added element-wise, then a ReLU.',
    ),
    caption: 'V1 unit at stride 1, drawn from the runtime’s description of stage 2 (g = 3).',
    minWidth: 340,
  }),
  'v1-unit-s2': () => ({
    svg: unitFigure(
      'fig-v1-unit-s2',
      // Stage 3's: stage 2's first unit has an ungrouped first conv ([V1] Table 1 note).
      unitWithStride(V1_ARCH(), 2, 1),
      'ShuffleNet V1 unit, stride 2 (g = 3, first unit of stage 3)',
      'Two branches from the input. Left: 3×3 average pooling with stride 2. Right: 1×1 group ' +
        'convolution with BN and ReLU, channel shuffle, 3×3 depthwise convolution with stride 2 ' +
        'and BN, 1×1 group convolution with BN that makes only the new channels. The branches ' +
        'are concatenated, doubling the channels, then a ReLU.',
    ),
    caption:
      'V1 unit at stride 2 (first unit of stage 3): the shortcut is an average pool and the outputs are concatenated.',
    minWidth: 340,
  }),
  'v2-unit-s1': () => ({
    svg: unitFigure(
      'fig-v2-unit-s1',
      unitWithStride(V2_ARCH(), 1),
      'ShuffleNet V2 unit, stride 1 (1×, stage 2)',
      'The input channels are split in two halves. Left half: identity. Right half: 1×1 ' +
        'convolution with BN and ReLU, 3×3 depthwise convolution with BN, 1×1 convolution with ' +
        'BN and ReLU, all with the same number of channels. The halves are concatenated and ' +
        'channel-shuffled with 2 groups.',
    ),
    caption:
      'V2 unit at stride 1 (torchvision layout, as the runtime runs it): split, one branch, concat, shuffle.',
    minWidth: 340,
  }),
  'v2-unit-s2': () => ({
    svg: unitFigure(
      'fig-v2-unit-s2',
      unitWithStride(V2_ARCH(), 2),
      'ShuffleNet V2 unit, stride 2 (1×, first unit of stage 2)',
      'No split: both branches read the whole input. Left: 3×3 depthwise convolution with ' +
        'stride 2 and BN, then 1×1 convolution with BN and ReLU. Right: 1×1 convolution with BN ' +
        'and ReLU, 3×3 depthwise convolution with stride 2 and BN, 1×1 convolution with BN and ' +
        'ReLU. The outputs are concatenated, doubling the channels, and shuffled with 2 groups.',
    ),
    caption: 'V2 unit at stride 2: both branches downsample, and the concat doubles the channels.',
    minWidth: 340,
  }),
  'network-stages': () => {
    const v1 = V1_ARCH();
    const v2 = V2_ARCH();
    return {
      svg: stagesFigure(
        'fig-network-stages',
        [
          { label: 'V1 g=3', arch: v1 },
          { label: 'V2 1×', arch: v2 },
        ],
        'The stages of ShuffleNet V1 (g = 3) and V2 (1×) with their output shapes',
        `Each box is a layer or a stage, with its output height × width × channels, for a ` +
          `224×224×3 input. V1: ${shapeList(v1)}. V2: ${shapeList(v2)}.`,
      ),
      caption:
        'Both networks, drawn from the runtime’s buildArch: each stage starts with a stride-2 unit that halves the map and doubles the channels.',
      minWidth: 500,
    };
  },
};

export const FIGURE_NAMES = Object.keys(builders);

export function lessonFigure(name: string): LessonFigure {
  const build = builders[name];
  if (!build) {
    throw new Error(`no figure named ${JSON.stringify(name)}; expected one of ${FIGURE_NAMES}`);
  }
  return build();
}
