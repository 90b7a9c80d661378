/**
 * ShuffleNet architectures as data: one small graph language shared by V1 and V2.
 *
 * Every consumer walks the same description: the cost model counts it, the tfjs executor runs it,
 * the weight loader derives the expected tensor names and shapes from it. Only this file knows
 * the papers' tables.
 *
 * References:
 * - [V1] Zhang et al., "ShuffleNet", arXiv 1707.01083, Sec 3.2-3.3 and Table 1.
 * - [V2] Ma et al., "ShuffleNet V2", arXiv 1807.11164, Sec 3 (Fig 3c/d) and Table 5.
 * - [TV] torchvision/models/shufflenetv2.py (default V2 layout and parameter names).
 * - [MG] megvii-model/ShuffleNet-Series (V1 names, V2 "paper" layout, V1 megvii channel table).
 */

export type Version = 'v1' | 'v2';
/**
 * V2: 'torchvision' (default) or 'paper' (megvii's official code, which reproduces the paper's
 * FLOPs). V1: 'paper' (default, Table 1 channels) or 'megvii' (megvii's retrained channel table
 * and shuffle placement).
 */
export type Layout = 'torchvision' | 'paper' | 'megvii';

/** PyTorch-style convolution: no bias, symmetric zero padding, OIHW weights on disk. */
export interface ConvOp {
  op: 'conv';
  /** Parameter prefix, e.g. `stage2.0.branch2.0`; the weight is `${name}.weight`. */
  name: string;
  inC: number;
  outC: number;
  /** Square kernel size. */
  k: number;
  stride: number;
  /** Zero padding on every side (PyTorch `padding`, not TF 'same'). */
  pad: number;
  /** 1 = dense, inC = depthwise, anything between = group convolution. */
  groups: number;
}
/** Inference BatchNorm with PyTorch's epsilon 1e-5. */
export interface BatchNormOp {
  op: 'bn';
  name: string;
  channels: number;
}
export interface ReluOp {
  op: 'relu';
}
/** Pooling with PyTorch semantics: symmetric padding; average pooling counts the padding. */
export interface PoolOp {
  op: 'maxpool' | 'avgpool';
  k: number;
  stride: number;
  pad: number;
}
/**
 * torchvision's channel shuffle: output channel j*groups+i takes input channel i*(C/groups)+j.
 */
export interface ShuffleOp {
  op: 'shuffle';
  groups: number;
}
/** Mean over height and width, giving [N, C]. */
export interface GlobalAvgPoolOp {
  op: 'globalAvgPool';
}
export interface LinearOp {
  op: 'linear';
  name: string;
  inF: number;
  outF: number;
  bias: boolean;
}
/**
 * A ShuffleNet unit: the input is routed to the branches, their outputs are combined, then
 * `after` runs on the result.
 */
export interface UnitOp {
  op: 'unit';
  /** Parameter prefix of the unit, e.g. `stage2.0` or `features.3`. */
  name: string;
  version: Version;
  stride: number;
  inC: number;
  outC: number;
  /**
   * How the input reaches the branches: 'none' gives every branch the whole input; 'halves'
   * gives branch i the i-th half of the channels (torchvision's `chunk(2)`); 'evenOdd' gives
   * branch 0 the even channels and branch 1 the odd ones (megvii's shuffle-then-split).
   */
  split: 'none' | 'halves' | 'evenOdd';
  /** 'add' for V1 stride 1, 'concat' (in branch order) otherwise. */
  combine: 'add' | 'concat';
  /** Each branch is a sequence; an empty sequence is the identity. */
  branches: Op[][];
  after: Op[];
}

export type Op =
  ConvOp | BatchNormOp | ReluOp | PoolOp | ShuffleOp | GlobalAvgPoolOp | LinearOp | UnitOp;

export interface Stem {
  /** Stride of the first 3x3 convolution (2 in the papers; 1 suits 28x28 inputs). */
  convStride: number;
  /** Whether the 3x3 stride-2 max pool follows the first convolution. */
  maxPool: boolean;
}

export interface ArchConfig {
  version: Version;
  /** Width multiplier: V1 0.25, 0.5, 1, 1.5, 2; V2 0.5, 1, 1.5, 2. */
  width: number;
  /** V1 only: groups of the pointwise group convolutions, 1, 2, 3, 4 or 8. */
  groups: number;
  /** Input [height, width, channels] (NHWC, batch excluded). */
  inputShape: [number, number, number];
  numClasses: number;
  layout: Layout;
  stem: Stem;
}

export interface Arch {
  config: ArchConfig;
  ops: Op[];
}

export interface ArchOptions {
  version: Version;
  width?: number;
  groups?: number;
  inputShape?: [number, number, number];
  numClasses?: number;
  layout?: Layout;
  stem?: Partial<Stem>;
}

const V1_WIDTHS = [0.25, 0.5, 1, 1.5, 2];
const V1_GROUPS = [1, 2, 3, 4, 8];
/** [V1] Table 1, 1x: output channels of stages 2-4 for each group count. */
const V1_TABLE1: Record<number, [number, number, number]> = {
  1: [144, 288, 576],
  2: [200, 400, 800],
  3: [240, 480, 960],
  4: [272, 544, 1088],
  8: [384, 768, 1536],
};
/** [MG] ShuffleNetV1/network.py: [conv1, stage2, stage3, stage4] per group count and width. */
const V1_MEGVII: Record<number, Record<number, [number, number, number, number]>> = {
  3: {
    0.5: [12, 120, 240, 480],
    1: [24, 240, 480, 960],
    1.5: [24, 360, 720, 1440],
    2: [48, 480, 960, 1920],
  },
  8: {
    0.5: [16, 192, 384, 768],
    1: [24, 384, 768, 1536],
    1.5: [24, 576, 1152, 2304],
    2: [48, 768, 1536, 3072],
  },
};
/** [V2] Table 5: [stage2, stage3, stage4, conv5] per width. */
const V2_TABLE5: Record<number, [number, number, number, number]> = {
  0.5: [48, 96, 192, 1024],
  1: [116, 232, 464, 1024],
  1.5: [176, 352, 704, 1024],
  2: [244, 488, 976, 2048],
};
/** Units per stage in both papers: 1 stride-2 unit, then 3, 7, 3 stride-1 units. */
const REPEATS = [4, 8, 4];
const STEM_CHANNELS = 24;

function fail(what: string, got: unknown, expected: string): never {
  throw new Error(`${what} ${JSON.stringify(got)} is not supported; expected ${expected}`);
}

/** Output size of a PyTorch convolution or pooling window along one axis. */
export function windowOutput(size: number, k: number, stride: number, pad: number): number {
  return Math.floor((size + 2 * pad - k) / stride) + 1;
}

function convBnRelu(name: string, inC: number, outC: number, k: number, stride: number): Op[] {
  return [
    { op: 'conv', name: `${name}.0`, inC, outC, k, stride, pad: (k - 1) / 2, groups: 1 },
    { op: 'bn', name: `${name}.1`, channels: outC },
    { op: 'relu' },
  ];
}

function conv(
  name: string,
  inC: number,
  outC: number,
  k: number,
  stride: number,
  groups: number,
): ConvOp {
  return { op: 'conv', name, inC, outC, k, stride, pad: (k - 1) / 2, groups };
}

/**
 * V1 output channels of stages 2-4 for the paper layout. The paper scales Table 1 by the width
 * but does not say how it rounds; we round each to a multiple of 4*groups, so that the
 * bottleneck (output/4) and every grouped convolution divide evenly. 1x is unchanged.
 */
function v1PaperChannels(groups: number, width: number): [number, number, number, number] {
  const unit = 4 * groups;
  const [s2, s3, s4] = V1_TABLE1[groups]!.map((c) =>
    Math.max(unit, Math.round((c * width) / unit) * unit),
  );
  // Narrow networks narrow the stem too (megvii's 0.5x uses 12 or 16 channels; with 24 the 0.5x
  // g=3 net costs 42.7 MMACs instead of Table 2's 38). Rounded to a multiple of g so that the
  // first stride-2 branch (output minus input channels) still splits into g groups.
  const stem =
    width < 1
      ? Math.max(groups, Math.round((STEM_CHANNELS * width) / groups) * groups)
      : STEM_CHANNELS;
  return [stem, s2!, s3!, s4!];
}

function v1Unit(
  name: string,
  inC: number,
  outC: number,
  stride: number,
  groups: number,
  firstGroup: boolean,
  layout: Layout,
): UnitOp {
  const mid = outC / 4;
  const branchOut = stride === 2 ? outC - inC : outC;
  const shuffle: Op[] = groups > 1 ? [{ op: 'shuffle', groups }] : [];
  // [MG] shuffles after the depthwise conv with the inverse permutation, which is torchvision's
  // shuffle with C/g groups; the paper shuffles right after the first group conv.
  const megviiShuffle: Op[] = groups > 1 ? [{ op: 'shuffle', groups: mid / groups }] : [];
  const main: Op[] = [
    conv(`${name}.branch_main_1.0`, inC, mid, 1, 1, firstGroup ? 1 : groups),
    { op: 'bn', name: `${name}.branch_main_1.1`, channels: mid },
    { op: 'relu' },
    ...(layout === 'megvii' ? [] : shuffle),
    // [V1] Sec 3.2: no ReLU after the depthwise convolution.
    conv(`${name}.branch_main_1.3`, mid, mid, 3, stride, mid),
    { op: 'bn', name: `${name}.branch_main_1.4`, channels: mid },
    ...(layout === 'megvii' ? megviiShuffle : []),
    conv(`${name}.branch_main_2.0`, mid, branchOut, 1, 1, groups),
    { op: 'bn', name: `${name}.branch_main_2.1`, channels: branchOut },
  ];
  const shortcut: Op[] = stride === 2 ? [{ op: 'avgpool', k: 3, stride: 2, pad: 1 }] : [];
  return {
    op: 'unit',
    name,
    version: 'v1',
    stride,
    inC,
    outC,
    split: 'none',
    combine: stride === 2 ? 'concat' : 'add',
    branches: [shortcut, main],
    after: [{ op: 'relu' }],
  };
}

function v2TorchvisionUnit(name: string, inC: number, outC: number, stride: number): UnitOp {
  const bf = outC / 2;
  const branch2: Op[] = [
    conv(`${name}.branch2.0`, stride > 1 ? inC : bf, bf, 1, 1, 1),
    { op: 'bn', name: `${name}.branch2.1`, channels: bf },
    { op: 'relu' },
    conv(`${name}.branch2.3`, bf, bf, 3, stride, bf),
    { op: 'bn', name: `${name}.branch2.4`, channels: bf },
    conv(`${name}.branch2.5`, bf, bf, 1, 1, 1),
    { op: 'bn', name: `${name}.branch2.6`, channels: bf },
    { op: 'relu' },
  ];
  const branch1: Op[] =
    stride > 1
      ? [
          conv(`${name}.branch1.0`, inC, inC, 3, stride, inC),
          { op: 'bn', name: `${name}.branch1.1`, channels: inC },
          conv(`${name}.branch1.2`, inC, bf, 1, 1, 1),
          { op: 'bn', name: `${name}.branch1.3`, channels: bf },
          { op: 'relu' },
        ]
      : [];
  return {
    op: 'unit',
    name,
    version: 'v2',
    stride,
    inC,
    outC,
    split: stride > 1 ? 'none' : 'halves',
    combine: 'concat',
    branches: [branch1, branch2],
    after: [{ op: 'shuffle', groups: 2 }],
  };
}

/** [MG] ShuffleV2Block: the shuffle is folded into the even/odd split of the next unit. */
function v2PaperUnit(name: string, inC: number, outC: number, stride: number): UnitOp {
  const mid = outC / 2;
  const branchIn = stride > 1 ? inC : inC / 2;
  const branchOut = outC - branchIn;
  const main: Op[] = [
    conv(`${name}.branch_main.0`, branchIn, mid, 1, 1, 1),
    { op: 'bn', name: `${name}.branch_main.1`, channels: mid },
    { op: 'relu' },
    conv(`${name}.branch_main.3`, mid, mid, 3, stride, mid),
    { op: 'bn', name: `${name}.branch_main.4`, channels: mid },
    conv(`${name}.branch_main.5`, mid, branchOut, 1, 1, 1),
    { op: 'bn', name: `${name}.branch_main.6`, channels: branchOut },
    { op: 'relu' },
  ];
  const proj: Op[] =
    stride > 1
      ? [
          conv(`${name}.branch_proj.0`, inC, inC, 3, stride, inC),
          { op: 'bn', name: `${name}.branch_proj.1`, channels: inC },
          conv(`${name}.branch_proj.2`, inC, inC, 1, 1, 1),
          { op: 'bn', name: `${name}.branch_proj.3`, channels: inC },
          { op: 'relu' },
        ]
      : [];
  return {
    op: 'unit',
    name,
    version: 'v2',
    stride,
    inC,
    outC,
    split: stride > 1 ? 'none' : 'evenOdd',
    combine: 'concat',
    branches: [proj, main],
    after: [],
  };
}

function checkCommon(o: ArchOptions): void {
  const [h, w, c] = o.inputShape ?? [224, 224, 3];
  for (const [label, v] of [
    ['input height', h],
    ['input width', w],
    ['input channels', c],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) fail(label, v, 'a positive integer');
  }
  const classes = o.numClasses ?? 1000;
  if (!Number.isInteger(classes) || classes < 1) fail('numClasses', classes, 'a positive integer');
}

/** Builds the architecture description for a configuration, validating every option. */
export function buildArch(options: ArchOptions): Arch {
  checkCommon(options);
  const version = options.version;
  if (version !== 'v1' && version !== 'v2') fail('version', version, "'v1' or 'v2'");
  const width = options.width ?? 1;
  const layout = options.layout ?? (version === 'v2' ? 'torchvision' : 'paper');
  const groups = version === 'v1' ? (options.groups ?? 3) : 1;
  const stem: Stem = { convStride: 2, maxPool: true, ...options.stem };
  const config: ArchConfig = {
    version,
    width,
    groups,
    inputShape: options.inputShape ?? [224, 224, 3],
    numClasses: options.numClasses ?? 1000,
    layout,
    stem,
  };
  return { config, ops: version === 'v1' ? v1Ops(config) : v2Ops(config) };
}

function stemOps(names: [string], inC: number, outC: number, stem: Stem): Op[] {
  return [
    ...convBnRelu(names[0], inC, outC, 3, stem.convStride),
    ...(stem.maxPool ? [{ op: 'maxpool', k: 3, stride: 2, pad: 1 } as PoolOp] : []),
  ];
}

function v1Ops(config: ArchConfig): Op[] {
  const { width, groups, layout } = config;
  if (layout !== 'paper' && layout !== 'megvii') fail('V1 layout', layout, "'paper' or 'megvii'");
  if (!V1_GROUPS.includes(groups)) fail('V1 groups', groups, 'one of 1, 2, 3, 4, 8');
  let channels: [number, number, number, number];
  if (layout === 'megvii') {
    const table = V1_MEGVII[groups];
    if (!table) fail('V1 megvii groups', groups, '3 or 8 (the groups megvii published)');
    const row = table[width];
    if (!row) fail('V1 megvii width', width, 'one of 0.5, 1, 1.5, 2');
    channels = row;
  } else {
    if (!V1_WIDTHS.includes(width)) fail('V1 width', width, 'one of 0.25, 0.5, 1, 1.5, 2');
    channels = v1PaperChannels(groups, width);
  }
  const ops = stemOps(['first_conv'], config.inputShape[2], channels[0], config.stem);
  let inC = channels[0];
  let index = 0;
  REPEATS.forEach((repeat, stage) => {
    const outC = channels[stage + 1]!;
    for (let i = 0; i < repeat; i++) {
      const stride = i === 0 ? 2 : 1;
      // [V1] Table 1 note: stage 2's first pointwise conv is not grouped (few input channels).
      const firstGroup = stage === 0 && i === 0;
      ops.push(v1Unit(`features.${index}`, inC, outC, stride, groups, firstGroup, layout));
      inC = outC;
      index++;
    }
  });
  ops.push({ op: 'globalAvgPool' });
  // [MG] V1 classifier: Linear(bias=False).
  ops.push({ op: 'linear', name: 'classifier.0', inF: inC, outF: config.numClasses, bias: false });
  return ops;
}

function v2Ops(config: ArchConfig): Op[] {
  const { width, layout } = config;
  if (layout !== 'torchvision' && layout !== 'paper') {
    fail('V2 layout', layout, "'torchvision' or 'paper'");
  }
  const row = V2_TABLE5[width];
  if (!row) fail('V2 width', width, 'one of 0.5, 1, 1.5, 2');
  const tv = layout === 'torchvision';
  const ops = stemOps(
    [tv ? 'conv1' : 'first_conv'],
    config.inputShape[2],
    STEM_CHANNELS,
    config.stem,
  );
  let inC = STEM_CHANNELS;
  let index = 0;
  REPEATS.forEach((repeat, stage) => {
    const outC = row[stage]!;
    for (let i = 0; i < repeat; i++) {
      const stride = i === 0 ? 2 : 1;
      ops.push(
        tv
          ? v2TorchvisionUnit(`stage${stage + 2}.${i}`, inC, outC, stride)
          : v2PaperUnit(`features.${index}`, inC, outC, stride),
      );
      inC = outC;
      index++;
    }
  });
  const c5 = row[3];
  ops.push(...convBnRelu(tv ? 'conv5' : 'conv_last', inC, c5, 1, 1));
  ops.push({ op: 'globalAvgPool' });
  ops.push(
    tv
      ? { op: 'linear', name: 'fc', inF: c5, outF: config.numClasses, bias: true }
      : { op: 'linear', name: 'classifier.0', inF: c5, outF: config.numClasses, bias: false },
  );
  return ops;
}
