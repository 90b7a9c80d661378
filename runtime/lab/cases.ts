/**
 * The ShuffleNet V2 paper's guideline micro-benchmarks (Ma et al. 2018, Section 2), defined once
 * as plain data: a 56x56 input, one test block stacked 10 times, and within each guideline the
 * FLOPs (multiply-adds, V2 footnote 1) held nearly fixed while one design choice changes.
 *
 * - G1 (Table 1): a block of two 1x1 convolutions c1 -> c2 -> c1 at ratios 1:1, 1:2, 1:6, 1:12,
 *   with the paper's own widths (GPU and ARM columns use different widths).
 * - G2 (Table 2): one 1x1 group convolution c -> c with g = 1, 2, 4, 8, c widened with g.
 * - G3 (Table 3): 1, 2 or 4 1x1 convolutions in series or in parallel, FLOPs matched to the
 *   1-fragment block. The paper draws the blocks (its appendix figure) but gives no widths, so
 *   this course chooses them: a series block goes c -> m -> ... -> m -> c with m solving
 *   2cm + (k-2)m^2 = c^2 (m = c/2 for 2, m = c(sqrt(3)-1)/2 for 4 fragments, rounded); a
 *   parallel block runs k convolutions c -> c/k side by side on the same input and concatenates.
 * - G4 (Table 4): a ResNet bottleneck (1x1 c -> c/4, 3x3 c/4 -> c/4, 1x1 c/4 -> c, shortcut add,
 *   ResNet's expansion of 4) with ReLU and/or the shortcut removed, which changes no multiply-add.
 *   The paper's "c = 32" is read as the unit's input and output width: 10 such units are 34
 *   million multiply-adds, which its 56.7 images/s on one ARM core turns into 1.9 GMAC/s; reading
 *   32 as the inner width instead would be 546 million, 31 GMAC/s, far beyond that core and six
 *   times what the same core reaches in Tables 1 and 2.
 *
 * Pure data and arithmetic, no tfjs: the lesson's page, the worker and `npm run lab` share it.
 */

/** One convolution of a test block: stride 1, 'same' padding (k odd). */
export interface LabConv {
  inC: number;
  outC: number;
  k: number;
  groups: number;
  relu: boolean;
}

/**
 * A test block. 'series' runs its convolutions one after the other, then optionally adds the
 * block's input (shortcut) and applies a final ReLU; 'parallel' runs each convolution on the
 * block's input and concatenates their outputs along the channels.
 */
export type LabBlock =
  | { kind: 'series'; convs: LabConv[]; shortcut: boolean; reluAfter: boolean }
  | { kind: 'parallel'; convs: LabConv[] };

export type Guideline = 'G1' | 'G2' | 'G3' | 'G4';
export const GUIDELINES: readonly Guideline[] = ['G1', 'G2', 'G3', 'G4'];

/** The paper's widths come in two sets: the GPU columns and the (smaller) ARM columns. */
export type Widths = 'arm' | 'gpu';

export interface LabCase {
  /** Stable id, e.g. 'G1-1:6'. */
  id: string;
  guideline: Guideline;
  /** Short label of the design choice, e.g. '1:6', 'g=4', '2-fragment-series', 'ReLU, no shortcut'. */
  label: string;
  /** Input channels of the stacked blocks (each block keeps this width). */
  channels: number;
  block: LabBlock;
}

export interface LabOptions {
  widths?: Widths;
  /** Height = width of the input; the paper's 56 unless a small test run asks for less. */
  size?: number;
  /** Stacked blocks; the paper's 10. */
  blocks?: number;
}

export interface LabConfig {
  widths: Widths;
  size: number;
  blocks: number;
}

export const PAPER_CONFIG: LabConfig = { widths: 'arm', size: 56, blocks: 10 };

export function labConfig(options: LabOptions = {}): LabConfig {
  const config = { ...PAPER_CONFIG, ...options };
  if (config.widths !== 'arm' && config.widths !== 'gpu') {
    throw new Error(`lab: widths ${JSON.stringify(config.widths)}; expected 'arm' or 'gpu'`);
  }
  for (const key of ['size', 'blocks'] as const) {
    const v = config[key];
    if (!Number.isInteger(v) || v < 1 || v > 512) {
      throw new Error(`lab: ${key} ${v}; expected an integer from 1 to 512`);
    }
  }
  return config;
}

const conv = (inC: number, outC: number, k = 1, groups = 1, relu = false): LabConv => ({
  inC,
  outC,
  k,
  groups,
  relu,
});
const series = (convs: LabConv[], shortcut = false, reluAfter = false): LabBlock => ({
  kind: 'series',
  convs,
  shortcut,
  reluAfter,
});

/** V2 Table 1 widths (c1, c2): GPU then ARM. */
const G1_WIDTHS: [string, [number, number], [number, number]][] = [
  ['1:1', [128, 128], [32, 32]],
  ['1:2', [90, 180], [22, 44]],
  ['1:6', [52, 312], [13, 78]],
  ['1:12', [36, 432], [9, 108]],
];
/**
 * V2 Table 2 widths c per g: GPU then ARM. The ARM column's c = 180 at g = 8 does not split into
 * 8 equal groups; 184, the nearest multiple of 8 above, keeps the FLOPs within 4% of g = 1.
 */
const G2_WIDTHS: [number, number, number][] = [
  [1, 128, 64],
  [2, 180, 90],
  [4, 256, 128],
  [8, 360, 184],
];
/** V2 Table 3 (c = 128 GPU, 64 ARM) and Table 4 (c = 32 on both) first columns. */
const G3_C = { gpu: 128, arm: 64 };
const G4_C = 32;

/** Width m of the inner convolutions of a k-fragment series block with FLOPs matched to c -> c. */
export function seriesWidth(c: number, fragments: number): number {
  if (fragments === 1) return c;
  // 2cm + (k - 2) m^2 = c^2, the positive root.
  const a = fragments - 2;
  const m = a === 0 ? c / 2 : (-2 * c + Math.sqrt(4 * c * c + 4 * a * c * c)) / (2 * a);
  return Math.max(1, Math.round(m));
}

function seriesBlock(c: number, fragments: number): LabBlock {
  if (fragments === 1) return series([conv(c, c)]);
  const m = seriesWidth(c, fragments);
  const convs = [conv(c, m)];
  for (let i = 0; i < fragments - 2; i++) convs.push(conv(m, m));
  convs.push(conv(m, c));
  return series(convs);
}

function parallelBlock(c: number, fragments: number): LabBlock {
  if (c % fragments !== 0) throw new Error(`lab: ${fragments} fragments must divide c = ${c}`);
  return {
    kind: 'parallel',
    convs: Array.from({ length: fragments }, () => conv(c, c / fragments)),
  };
}

function bottleneck(c: number, relu: boolean, shortcut: boolean): LabBlock {
  const m = c / 4;
  return series([conv(c, m, 1, 1, relu), conv(m, m, 3, 1, relu), conv(m, c)], shortcut, relu);
}

/** Every case of the four micro-benchmarks, in the order of the paper's tables. */
export function labCases(options: LabOptions = {}): LabCase[] {
  const { widths } = labConfig(options);
  const gpu = widths === 'gpu';
  const cases: LabCase[] = [];
  for (const [label, g, a] of G1_WIDTHS) {
    const [c1, c2] = gpu ? g : a;
    cases.push({
      id: `G1-${label}`,
      guideline: 'G1',
      label,
      channels: c1,
      block: series([conv(c1, c2), conv(c2, c1)]),
    });
  }
  for (const [g, cGpu, cArm] of G2_WIDTHS) {
    const c = gpu ? cGpu : cArm;
    cases.push({
      id: `G2-g${g}`,
      guideline: 'G2',
      label: `g=${g}`,
      channels: c,
      block: series([conv(c, c, 1, g)]),
    });
  }
  const c3 = G3_C[widths];
  for (const [label, block] of [
    ['1-fragment', seriesBlock(c3, 1)],
    ['2-fragment-series', seriesBlock(c3, 2)],
    ['4-fragment-series', seriesBlock(c3, 4)],
    ['2-fragment-parallel', parallelBlock(c3, 2)],
    ['4-fragment-parallel', parallelBlock(c3, 4)],
  ] as const) {
    cases.push({ id: `G3-${label}`, guideline: 'G3', label, channels: c3, block });
  }
  for (const [relu, shortcut] of [
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ]) {
    cases.push({
      id: `G4-relu${relu ? 1 : 0}-sc${shortcut ? 1 : 0}`,
      guideline: 'G4',
      label: `ReLU ${relu ? 'yes' : 'no'}, shortcut ${shortcut ? 'yes' : 'no'}`,
      channels: G4_C,
      block: bottleneck(G4_C, relu, shortcut),
    });
  }
  return cases;
}

/** Multiply-adds of one convolution on a size x size map (stride 1, same padding). */
export function convMacs(c: LabConv, size: number): number {
  return size * size * c.k * c.k * (c.inC / c.groups) * c.outC;
}

/** Multiply-adds of a whole case: `blocks` stacked blocks on a size x size map. */
export function caseMacs(c: LabCase, config: LabOptions = {}): number {
  const { size, blocks } = labConfig(config);
  return blocks * c.block.convs.reduce((sum, cv) => sum + convMacs(cv, size), 0);
}

/** Weights of one block (for memory use and a sanity check; no biases). */
export function blockParams(block: LabBlock): number {
  return block.convs.reduce((sum, c) => sum + c.k * c.k * (c.inC / c.groups) * c.outC, 0);
}
