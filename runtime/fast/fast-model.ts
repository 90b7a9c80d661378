/**
 * The fast inference path: the same network and the same outputs as `createShuffleNet`'s
 * `predict` (within float32 rounding; fast-model.test.ts checks 1e-4), with its data movement cut
 * down. What it changes, and why it is exact:
 *
 * 1. Channel shuffles move no data. A shuffle is a permutation of channels; every consumer either
 *    treats channels independently or sums over them, so the permutation goes into the weights
 *    once, at load (perm.ts has the algebra). A convolution before a shuffle writes its outputs
 *    in the inverse order, so after the shuffle the channels are in true order again; where that
 *    is not possible (a split group convolution cannot reorder its outputs across groups), the
 *    consumer's rows absorb the order instead (stored channel k of a tensor in order `perm`
 *    holds true channel perm[k]).
 * 2. V2's concat + shuffle + split (torchvision: cat(x1, branch(x2)) -> shuffle(2) -> chunk(2);
 *    megvii: cat -> even/odd split) disappear: stage.ts follows every branch output channel to
 *    the later unit whose branch reads it (or to the stage output), splits each branch's last
 *    1x1 convolution by destination, and feeds each unit one concatenation of the pieces bound
 *    for it. Per unit, one concat instead of two channel slices, a concat and a transpose. On
 *    tfjs-wasm that matters: Slice and SplitV copy the whole input back into JS and then copy a
 *    row at a time (tfjs-backend-wasm kernels/Slice.ts), Concat works on views of the wasm heap.
 * 3. Group convolutions split their input with one transpose, [pixel, g, C/g] -> [g, pixel, C/g]
 *    (C++), then g leading-axis slices (one block copy each) instead of g channel slices; their
 *    outputs are stacked on a leading axis and transposed back, to concat order or, when a
 *    shuffle with the same groups follows, straight to shuffled order ([g, pixel, n] ->
 *    [pixel, n, g]: output j*g+i <- group i's channel j). Which construction each group
 *    convolution uses (this split or one block-diagonal dense convolution, whose rows and columns
 *    absorb any order) follows ops.ts `groupConvMethodFor`, measured on the plain path, or, with
 *    groupConv 'measure', a timing of both on the current backend at load.
 * 4. Weights are folded (BatchNorm into the convolution, in float64, then rounded), permuted
 *    and uploaded once; V1's average-pool shortcut (count_include_pad) is a depthwise
 *    convolution with weights 1/k^2; max pooling uses tfjs's numeric padding, which (like
 *    PyTorch) never lets the padding win, so no padded copy is made; a ReLU after a concat whose
 *    inputs are already non-negative or end in a convolution is fused or dropped.
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildArch, windowOutput, type Arch, type ConvOp, type Op, type UnitOp } from '../arch.ts';
import type { GroupConvChoice, ShuffleNetOptions } from '../model.ts';
import { BN_EPSILON, groupConvMethodFor, type GroupConvMethod } from '../ops.ts';
import {
  oihwToHwio,
  randomWeights,
  readWeights,
  checkWeights,
  type TensorData,
} from '../weights.ts';
import {
  blockDiagonal,
  compose,
  identityPerm,
  invert,
  isIdentity,
  permuteColumns,
  permuteRows,
  selectColumns,
  shuffleMap,
  splitGroups,
  transposeFor,
  type HwioFilter,
} from './perm.ts';
import { concatPerm, planStage } from './stage.ts';

type Value = tf.Tensor;

type Exit = { kind: 'add' } | { kind: 'concat' } | { kind: 'stack' };

/** One convolution split over output columns into pieces that are stored by id. */
interface PieceConv {
  convs: { id: number; filter: tf.Tensor4D; bias: tf.Tensor1D }[];
}

type Step =
  | {
      kind: 'stage';
      /** The stride-2 unit's branches, up to their last convolution, and those convolutions. */
      first: { body: Step[]; last: PieceConv }[];
      /** Stride-1 units: the pieces concatenated into the branch, the branch, its last conv. */
      units: { input: number[]; body: Step[]; last: PieceConv }[];
      output: number[];
      pieces: number;
    }
  | {
      kind: 'conv';
      filter: tf.Tensor4D;
      bias: tf.Tensor1D;
      depthwise: boolean;
      stride: number;
      pad: number;
      relu: boolean;
    }
  | {
      kind: 'gconv';
      filters: tf.Tensor4D[];
      biases: tf.Tensor1D[];
      stride: number;
      pad: number;
      relu: boolean;
      shuffleOut: boolean;
    }
  | { kind: 'relu' }
  | { kind: 'maxpool'; k: number; stride: number; pad: number }
  | { kind: 'transpose'; a: number }
  | { kind: 'gather'; indices: tf.Tensor1D }
  | { kind: 'globalAvgPool' }
  | { kind: 'linear'; weight: tf.Tensor2D; bias: tf.Tensor1D | undefined }
  | {
      kind: 'unit';
      entry: 'whole' | 'halves' | 'evenOdd';
      branches: Step[][];
      exit: Exit;
      after: Step[];
    };

/** What the compiler knows about the activation flowing between steps. */
interface Flow {
  /** Stored channel k holds true channel perm[k]; null = true order. */
  perm: Int32Array | null;
  channels: number;
  /** Spatial size [height, width] (for measuring group-convolution constructions). */
  size: [number, number];
  /** Every value is >= 0 (after a ReLU, or pooling of such). */
  nonneg: boolean;
}

interface Context {
  weights: ReadonlyMap<string, TensorData>;
  method: (op: ConvOp, size: [number, number]) => GroupConvMethod;
  owned: tf.Tensor[];
  unfolded: number;
  groupConvs: Record<GroupConvMethod, number>;
}

function own<T extends tf.Tensor>(ctx: Context, t: T): T {
  ctx.owned.push(t);
  return t;
}

function param(ctx: Context, name: string): TensorData {
  const t = ctx.weights.get(name);
  if (!t) throw new Error(`internal: parameter '${name}' missing after validation`);
  return t;
}

/** Grouped-HWIO filter with the following BatchNorm folded in (float64, then rounded). */
function foldedFilter(ctx: Context, conv: ConvOp, bnName: string | null): HwioFilter {
  const hwio = oihwToHwio(param(ctx, `${conv.name}.weight`));
  const outC = conv.outC;
  const data = hwio.data.slice();
  const bias = new Float32Array(outC);
  if (bnName) {
    const gamma = param(ctx, `${bnName}.weight`).data;
    const beta = param(ctx, `${bnName}.bias`).data;
    const mean = param(ctx, `${bnName}.running_mean`).data;
    const variance = param(ctx, `${bnName}.running_var`).data;
    const scale = Float64Array.from(
      { length: outC },
      (_, o) => gamma[o]! / Math.sqrt(variance[o]! + BN_EPSILON),
    );
    for (let i = 0; i < data.length; i++) data[i] = hwio.data[i]! * scale[i % outC]!;
    for (let o = 0; o < outC; o++) bias[o] = beta[o]! - mean[o]! * scale[o]!;
  }
  return { shape: hwio.shape as [number, number, number, number], data, bias };
}

/** Output size of a PyTorch convolution or pooling window. */
function outSize(
  size: [number, number],
  op: { k: number; stride: number; pad: number },
): [number, number] {
  return [
    windowOutput(size[0], op.k, op.stride, op.pad),
    windowOutput(size[1], op.k, op.stride, op.pad),
  ];
}

const isDepthwise = (op: Op): boolean =>
  op.op === 'conv' && op.groups === op.inC && op.outC === op.inC;

/** Ops that act on each channel alone, so any channel order passes through them. */
const perChannel = (op: Op): boolean =>
  op.op === 'bn' ||
  op.op === 'relu' ||
  op.op === 'maxpool' ||
  op.op === 'avgpool' ||
  isDepthwise(op);

/** The shuffle that follows `ops[from..]` after per-channel ops only, if any. */
function shuffleAhead(ops: Op[], from: number): { groups: number; direct: boolean } | null {
  for (let j = from; j < ops.length; j++) {
    const op = ops[j]!;
    if (op.op === 'shuffle') return { groups: op.groups, direct: j === from };
    if (!perChannel(op)) return null;
  }
  return null;
}

/** Whether only per-channel ops follow `ops[from..]` to the end of the sequence. */
const onlyPerChannelAfter = (ops: Op[], from: number) => ops.slice(from).every(perChannel);

function fixOrder(ctx: Context, perm: Int32Array): Step {
  // A transpose when the order is one (a shuffle nobody could absorb), else a gather.
  ctx.unfolded++;
  const a = transposeFor(perm);
  if (a !== null) return { kind: 'transpose', a };
  return { kind: 'gather', indices: own(ctx, tf.tensor1d(invert(perm), 'int32')) };
}

function uploadConv(
  ctx: Context,
  f: HwioFilter,
  depthwise: boolean,
  op: ConvOp,
  relu: boolean,
): Step {
  const [kh, kw, inG, outC] = f.shape;
  // tfjs's depthwise layout [k, k, C, 1] has the same memory order as grouped HWIO [k, k, 1, C].
  const shape: [number, number, number, number] = depthwise
    ? [kh, kw, outC, 1]
    : [kh, kw, inG, outC];
  return {
    kind: 'conv',
    filter: own(ctx, tf.tensor4d(f.data, shape)),
    bias: own(ctx, tf.tensor1d(f.bias)),
    depthwise,
    stride: op.stride,
    pad: op.pad,
    relu,
  };
}

interface SeqResult {
  steps: Step[];
  flow: Flow;
}

/**
 * Compiles a sequence. `want`: the order the sequence's output should have if it can be had for
 * free (a last convolution writes it); the caller fixes it otherwise.
 */
function compileSeq(
  ctx: Context,
  ops: Op[],
  input: Flow,
  want: Int32Array | null = null,
): SeqResult {
  const steps: Step[] = [];
  let flow = { ...input };
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    switch (op.op) {
      case 'conv': {
        const next = ops[i + 1];
        const bn = next?.op === 'bn' && next.channels === op.outC ? next : null;
        let end = bn ? i + 2 : i + 1;
        const relu = bn !== null && ops[end]?.op === 'relu';
        if (relu) end++;
        let f = foldedFilter(ctx, op, bn?.name ?? null);
        const ahead = shuffleAhead(ops, end);
        const wantHere = !ahead && want && onlyPerChannelAfter(ops, end) ? want : null;
        if (isDepthwise(op)) {
          // Per-channel weights follow the stored order; the output keeps it.
          f = permuteColumns(f, flow.perm);
          steps.push(uploadConv(ctx, f, true, op, relu));
        } else {
          const grouped = op.groups > 1;
          const method = grouped ? ctx.method(op, flow.size) : 'blockDiagonal';
          if (grouped) ctx.groupConvs[method]++;
          if (method === 'split') {
            if (!isIdentity(flow.perm)) steps.push(fixOrder(ctx, flow.perm!));
            const shuffleOut = ahead !== null && ahead.groups === op.groups;
            const parts = splitGroups(f, op.groups);
            steps.push({
              kind: 'gconv',
              filters: parts.map((p) => own(ctx, tf.tensor4d(p.data, p.shape))),
              biases: parts.map((p) => own(ctx, tf.tensor1d(p.bias))),
              stride: op.stride,
              pad: op.pad,
              relu,
              shuffleOut,
            });
            flow = { ...flow, perm: shuffleOut ? invert(shuffleMap(op.outC, op.groups)) : null };
          } else {
            if (grouped) f = blockDiagonal(f, op.groups);
            f = permuteRows(f, flow.perm);
            // Write the outputs so that a shuffle ahead lands them in true order, or as wanted.
            const order = ahead ? invert(shuffleMap(op.outC, ahead.groups)) : wantHere;
            f = permuteColumns(f, order);
            steps.push(uploadConv(ctx, f, false, op, relu));
            flow = { ...flow, perm: order };
          }
        }
        flow = { ...flow, channels: op.outC, nonneg: relu, size: outSize(flow.size, op) };
        i = end - 1;
        break;
      }
      case 'bn':
        throw new Error(`fast path: BatchNorm '${op.name}' does not follow a convolution`);
      case 'relu':
        steps.push({ kind: 'relu' });
        flow = { ...flow, nonneg: true };
        break;
      case 'maxpool':
        steps.push({ kind: 'maxpool', k: op.k, stride: op.stride, pad: op.pad });
        flow = { ...flow, size: outSize(flow.size, op) };
        break;
      case 'avgpool': {
        // PyTorch AvgPool2d (count_include_pad) = depthwise conv with 1/k^2 weights, zero pad.
        const c = flow.channels;
        const w = new Float32Array(op.k * op.k * c).fill(1 / (op.k * op.k));
        steps.push({
          kind: 'conv',
          filter: own(ctx, tf.tensor4d(w, [op.k, op.k, c, 1])),
          bias: own(ctx, tf.zeros([c]) as tf.Tensor1D),
          depthwise: true,
          stride: op.stride,
          pad: op.pad,
          relu: false,
        });
        flow = { ...flow, size: outSize(flow.size, op) };
        break;
      }
      case 'shuffle':
        // No data moves: perm'[k] = s(perm[k]).
        flow = {
          ...flow,
          perm: compose(
            shuffleMap(flow.channels, op.groups),
            flow.perm ?? identityPerm(flow.channels),
          ),
        };
        if (isIdentity(flow.perm)) flow.perm = null;
        break;
      case 'globalAvgPool':
        steps.push({ kind: 'globalAvgPool' });
        flow = { ...flow, size: [1, 1] };
        break;
      case 'linear': {
        // [out, in] -> [in, out] rows permuted: row k of the tfjs weight is true input perm[k].
        const w = param(ctx, `${op.name}.weight`).data;
        const data = new Float32Array(op.inF * op.outF);
        for (let k = 0; k < op.inF; k++) {
          const src = flow.perm ? flow.perm[k]! : k;
          for (let o = 0; o < op.outF; o++) data[k * op.outF + o] = w[o * op.inF + src]!;
        }
        const bias = op.bias
          ? own(ctx, tf.tensor1d(param(ctx, `${op.name}.bias`).data))
          : undefined;
        steps.push({
          kind: 'linear',
          weight: own(ctx, tf.tensor2d(data, [op.inF, op.outF])),
          bias,
        });
        flow = { perm: null, channels: op.outF, nonneg: false, size: [1, 1] };
        break;
      }
      case 'unit': {
        const count = stageLength(ops, i);
        const result =
          count > 0
            ? compileStage(ctx, ops.slice(i, i + count) as UnitOp[], flow)
            : compileUnit(ctx, op, flow);
        if (count > 0) i += count - 1;
        steps.push(...result.steps);
        flow = result.flow;
        break;
      }
    }
  }
  return { steps, flow };
}

/** Whether a branch ends in a 1x1 dense conv + BN + ReLU (its output can be split in pieces). */
function endsInPointwise(ops: Op[]): boolean {
  const [conv, bn, relu] = ops.slice(-3);
  return (
    conv?.op === 'conv' &&
    conv.k === 1 &&
    conv.groups === 1 &&
    conv.stride === 1 &&
    bn?.op === 'bn' &&
    relu?.op === 'relu'
  );
}

/**
 * How many units from ops[i] form a V2 stage the pieces plan (stage.ts) covers: a stride-2 unit
 * (both branches ending in conv-BN-ReLU, concat, then shuffle(2) or nothing) and the stride-1
 * units after it (identity + branch, chunk for torchvision / even-odd for megvii). 0 if none.
 */
function stageLength(ops: Op[], i: number): number {
  const first = ops[i];
  if (first?.op !== 'unit' || first.version !== 'v2' || first.split !== 'none') return 0;
  if (first.combine !== 'concat' || first.branches.length !== 2) return 0;
  if (!first.branches.every(endsInPointwise)) return 0;
  const shuffled =
    first.after.length === 1 && first.after[0]!.op === 'shuffle' && first.after[0]!.groups === 2;
  if (!shuffled && first.after.length !== 0) return 0;
  let n = 1;
  for (let j = i + 1; j < ops.length; j++, n++) {
    const u = ops[j]!;
    if (u.op !== 'unit' || u.split !== (shuffled ? 'halves' : 'evenOdd')) break;
    if (u.combine !== 'concat' || u.branches.length !== 2 || u.branches[0]!.length !== 0) break;
    if (!endsInPointwise(u.branches[1]!)) break;
    if (u.after.length !== first.after.length || (shuffled && u.after[0]?.op !== 'shuffle')) break;
  }
  return n > 1 ? n : 0;
}

/** A branch up to its last conv-BN-ReLU, then that conv split into the plan's pieces. */
function compilePieces(
  ctx: Context,
  ops: Op[],
  input: Flow,
  producer: number,
  plan: ReturnType<typeof planStage>,
): { body: Step[]; last: PieceConv; flow: Flow } {
  const r = compileSeq(ctx, ops.slice(0, -3), input);
  const conv = ops.at(-3) as ConvOp;
  const bn = ops.at(-2)!;
  const f = permuteRows(foldedFilter(ctx, conv, bn.op === 'bn' ? bn.name : null), r.flow.perm);
  const convs = plan.pieces.flatMap((piece, id) => {
    if (piece.producer !== producer) return [];
    const p = selectColumns(f, piece.channels);
    return [
      {
        id,
        filter: own(ctx, tf.tensor4d(p.data, p.shape)),
        bias: own(ctx, tf.tensor1d(p.bias)),
      },
    ];
  });
  return { body: r.steps, last: { convs }, flow: r.flow };
}

function compileStage(ctx: Context, units: UnitOp[], input: Flow): SeqResult {
  const [first, ...rest] = units as [UnitOp, ...UnitOp[]];
  const widths = first.branches.map((b) => branchWidth(b, input.channels)) as [number, number];
  const plan = planStage({
    firstWidths: widths,
    units: rest.length,
    layout: first.after.length > 0 ? 'torchvision' : 'megvii',
  });
  const whole: Flow = { ...input };
  const firstParts = first.branches.map((ops, b) => compilePieces(ctx, ops, whole, b, plan));
  const size = firstParts[0]!.flow.size;
  const unitParts = rest.map((unit, u) => {
    const perm = concatPerm(plan, plan.inputs[u]!);
    const flow: Flow = {
      perm: isIdentity(perm) ? null : perm,
      channels: plan.channels / 2,
      size,
      nonneg: true,
    };
    const part = compilePieces(ctx, unit.branches[1]!, flow, 2 + u, plan);
    return { input: plan.inputs[u]!, body: part.body, last: part.last };
  });
  const perm = concatPerm(plan, plan.output);
  return {
    steps: [
      {
        kind: 'stage',
        first: firstParts.map(({ body, last }) => ({ body, last })),
        units: unitParts,
        output: plan.output,
        pieces: plan.pieces.length,
      },
    ],
    flow: {
      perm: isIdentity(perm) ? null : perm,
      channels: plan.channels,
      size,
      nonneg: true,
    },
  };
}

/** Width of a branch's output: its last channel-changing op, or its input. */
function branchWidth(ops: Op[], input: number): number {
  let c = input;
  for (const op of ops) if (op.op === 'conv') c = op.outC;
  return c;
}

/** A unit outside a V2 stage plan (every V1 unit; V2 units if the plan does not apply). */
function compileUnit(ctx: Context, op: UnitOp, input: Flow): SeqResult {
  const steps: Step[] = [];
  let flow = input;
  let entry: 'whole' | 'halves' | 'evenOdd';
  if (op.split === 'none') {
    entry = 'whole';
  } else {
    if (!isIdentity(flow.perm)) {
      steps.push(fixOrder(ctx, flow.perm!));
      flow = { ...flow, perm: null };
    }
    entry = op.split;
  }
  const branchIn: Flow =
    entry === 'whole' ? { ...flow } : { ...flow, perm: null, channels: flow.channels / 2 };
  const widths = op.branches.map((b) => branchWidth(b, branchIn.channels));

  let exit: Exit;
  if (op.combine === 'add') exit = { kind: 'add' };
  else exit = widths.every((w) => w === widths[0]) ? { kind: 'stack' } : { kind: 'concat' };

  // A ReLU after a concat: fuse it into each branch's last convolution, or drop it for a branch
  // whose output is already non-negative.
  const reluAfter = op.after.length === 1 && op.after[0]!.op === 'relu' && op.combine === 'concat';

  const branches: Step[][] = [];
  const outs: Flow[] = [];
  op.branches.forEach((ops, b) => {
    let want: Int32Array | null = null;
    if (exit.kind === 'add' && b === 1) want = outs[0]!.perm ?? identityPerm(widths[b]!);
    const r = compileSeq(ctx, ops, branchIn, want);
    let out = r.flow;
    if (want && !isIdentity(compose(invert(want), out.perm ?? identityPerm(out.channels)))) {
      // Bring the branch to the order wanted: to true order, then (add only) to `want`.
      if (!isIdentity(out.perm)) r.steps.push(fixOrder(ctx, out.perm!));
      if (!isIdentity(want)) {
        ctx.unfolded++;
        r.steps.push({ kind: 'gather', indices: own(ctx, tf.tensor1d(want, 'int32')) });
      }
      out = { ...out, perm: isIdentity(want) ? null : want };
    }
    if (reluAfter && !out.nonneg) {
      const last = r.steps.at(-1);
      if (last && (last.kind === 'conv' || last.kind === 'gconv') && !last.relu) {
        last.relu = true;
        out = { ...out, nonneg: true };
      }
    }
    branches.push(r.steps);
    outs.push(out);
  });

  let combined: Flow;
  if (exit.kind === 'add') {
    combined = { ...outs[0]!, nonneg: false };
  } else {
    const total = outs.reduce((s, o) => s + o.channels, 0);
    const perm = new Int32Array(total);
    let offset = 0;
    for (const o of outs) {
      for (let k = 0; k < o.channels; k++) perm[offset + k] = offset + (o.perm ? o.perm[k]! : k);
      offset += o.channels;
    }
    combined = {
      size: outs[0]!.size,
      perm: isIdentity(perm) ? null : perm,
      channels: total,
      nonneg: outs.every((o) => o.nonneg),
    };
  }
  let after: Step[] = [];
  if (reluAfter && combined.nonneg) {
    // every branch ends non-negative: the ReLU is the identity
  } else {
    const r = compileSeq(ctx, op.after, combined);
    after = r.steps;
    combined = r.flow;
  }
  steps.push({ kind: 'unit', entry, branches, exit, after });
  return { steps, flow: combined };
}

// ---------------------------------------------------------------------------------------------
// Execution

function pixels(x: tf.Tensor): number {
  return x.shape[0]! * x.shape[1]! * x.shape[2]!;
}

/** [n, h, w, c] -> the two halves (halves or even/odd), each [n, h, w, c/2], via one transpose. */
function route(x: tf.Tensor4D, kind: 'halves' | 'evenOdd'): [tf.Tensor4D, tf.Tensor4D] {
  const [n, h, w, c] = x.shape;
  const p = n * h * w;
  const t =
    kind === 'halves'
      ? tf.transpose(tf.reshape(x, [p, 2, c / 2]), [1, 0, 2])
      : tf.transpose(tf.reshape(x, [p, c / 2, 2]), [2, 0, 1]);
  const [a, b] = tf.split(t, 2, 0);
  return [tf.reshape(a!, [n, h, w, c / 2]), tf.reshape(b!, [n, h, w, c / 2])];
}

/** Stacks same-shaped NHWC tensors on a new leading axis: [count, pixels, c] (block copies). */
function stack(ys: tf.Tensor[]): tf.Tensor3D {
  const c = ys[0]!.shape[3]!;
  return tf.concat(
    ys.map((y) => tf.reshape(y, [1, pixels(y), c])),
    0,
  ) as tf.Tensor3D;
}

function runGroupConv(x: tf.Tensor4D, s: Extract<Step, { kind: 'gconv' }>): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const g = s.filters.length;
  const routed = tf.transpose(tf.reshape(x, [n * h * w, g, c / g]), [1, 0, 2]);
  const parts = tf.split(routed, g, 0);
  const ys = parts.map((part, i) =>
    tf.fused.conv2d({
      x: tf.reshape(part, [n, h, w, c / g]) as tf.Tensor4D,
      filter: s.filters[i]!,
      strides: s.stride,
      pad: s.pad,
      bias: s.biases[i],
      activation: s.relu ? 'relu' : 'linear',
    }),
  );
  const [, ho, wo, og] = ys[0]!.shape;
  const stacked = stack(ys); // [g, pixels, og]
  const out = tf.transpose(stacked, s.shuffleOut ? [1, 2, 0] : [1, 0, 2]);
  return tf.reshape(out, [n, ho, wo, og * g]);
}

function runSteps(steps: Step[], input: Value): Value {
  let v = input;
  for (const s of steps) {
    const x = v as tf.Tensor4D;
    switch (s.kind) {
      case 'conv': {
        const args = {
          x,
          filter: s.filter,
          strides: s.stride,
          pad: s.pad,
          bias: s.bias,
          activation: s.relu ? ('relu' as const) : ('linear' as const),
        };
        v = s.depthwise ? tf.fused.depthwiseConv2d(args) : tf.fused.conv2d(args);
        break;
      }
      case 'gconv':
        v = runGroupConv(x, s);
        break;
      case 'relu':
        v = tf.relu(x);
        break;
      case 'maxpool':
        v = tf.maxPool(x, s.k, s.stride, s.pad);
        break;
      case 'transpose': {
        const [n, h, w, c] = x.shape;
        const t = tf.transpose(tf.reshape(x, [n * h * w, s.a, c / s.a]), [0, 2, 1]);
        v = tf.reshape(t, [n, h, w, c]);
        break;
      }
      case 'gather':
        v = tf.gather(x, s.indices, x.rank - 1);
        break;
      case 'globalAvgPool':
        v = tf.mean(x, [1, 2]);
        break;
      case 'linear':
        v = tf.fused.matMul({ a: v as tf.Tensor2D, b: s.weight, bias: s.bias });
        break;
      case 'unit':
        v = runUnitStep(s, v);
        break;
      case 'stage':
        v = runStage(s, x);
        break;
    }
  }
  return v;
}

function runPieces(last: PieceConv, y: tf.Tensor4D, store: tf.Tensor4D[]): void {
  for (const { id, filter, bias } of last.convs) {
    store[id] = tf.fused.conv2d({ x: y, filter, bias, strides: 1, pad: 0, activation: 'relu' });
  }
}

function concatPieces(store: tf.Tensor4D[], ids: number[]): tf.Tensor4D {
  return ids.length === 1
    ? store[ids[0]!]!
    : tf.concat(
        ids.map((id) => store[id]!),
        3,
      );
}

function runStage(s: Extract<Step, { kind: 'stage' }>, x: tf.Tensor4D): tf.Tensor4D {
  const store = new Array<tf.Tensor4D>(s.pieces);
  for (const b of s.first) runPieces(b.last, runSteps(b.body, x) as tf.Tensor4D, store);
  for (const u of s.units) {
    runPieces(u.last, runSteps(u.body, concatPieces(store, u.input)) as tf.Tensor4D, store);
  }
  return concatPieces(store, s.output);
}

function runUnitStep(s: Extract<Step, { kind: 'unit' }>, v: Value): Value {
  let inputs: tf.Tensor4D[];
  if (s.entry === 'whole') inputs = [v as tf.Tensor4D, v as tf.Tensor4D];
  else inputs = route(v as tf.Tensor4D, s.entry);
  const outs = s.branches.map((b, i) => runSteps(b, inputs[i]!) as tf.Tensor4D);
  const [n, h, w] = outs[0]!.shape;
  switch (s.exit.kind) {
    case 'add':
      return runSteps(s.after, tf.add(outs[0]!, outs[1]!));
    case 'concat':
      return runSteps(s.after, tf.concat(outs, 3));
    case 'stack': {
      const c = outs.reduce((sum, o) => sum + o.shape[3], 0);
      const t = tf.transpose(stack(outs), [1, 0, 2]);
      return runSteps(s.after, tf.reshape(t, [n, h, w, c]));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

export interface FastShuffleNet {
  readonly arch: Arch;
  /** The backend the weights were arranged for (its group-convolution constructions). */
  readonly backend: string;
  /** Logits [N, numClasses] for NHWC input [N, H, W, C]; equal to the plain path's predict. */
  predict(x: tf.Tensor4D): tf.Tensor2D;
  /**
   * Channel reorderings the compiler could not fold into weights and runs as a transpose or a
   * gather (0 for V2 in both layouts and V1 in the paper's layout; megvii's V1 shuffle sits
   * between two split group convolutions).
   */
  readonly unfoldedReorders: number;
  /** Group convolutions built each way (after 'measure', what the measurements chose). */
  readonly groupConvs: Record<GroupConvMethod, number>;
  /** Frees every tensor the model holds; the model is unusable afterwards. */
  dispose(): void;
}

export interface FastOptions {
  /**
   * How group convolutions run: as in ShuffleNetOptions ('auto' picks per layer with ops.ts
   * `groupConvMethodFor`, from measurements of the plain path), or 'measure': time both
   * constructions for each distinct layer shape on the current backend at load (batch 1, the
   * faster of 5 alternating runs each; about 10-50 ms per shape on wasm) and keep the faster.
   */
  groupConv?: GroupConvChoice | 'measure';
}

/** Times split vs block-diagonal for one group-convolution shape; returns the faster. */
function measureGroupConv(op: ConvOp, size: [number, number]): GroupConvMethod {
  return tf.tidy(() => {
    const [h, w] = size;
    const x = tf.randomNormal([1, h, w, op.inC]) as tf.Tensor4D;
    const g = op.groups;
    const k = op.k;
    const split: Extract<Step, { kind: 'gconv' }> = {
      kind: 'gconv',
      filters: Array.from({ length: g }, () =>
        tf.randomNormal([k, k, op.inC / g, op.outC / g]),
      ) as tf.Tensor4D[],
      biases: Array.from({ length: g }, () => tf.zeros([op.outC / g])) as tf.Tensor1D[],
      stride: op.stride,
      pad: op.pad,
      relu: true,
      shuffleOut: false,
    };
    const dense: Step = {
      kind: 'conv',
      filter: tf.randomNormal([k, k, op.inC, op.outC]) as tf.Tensor4D,
      bias: tf.zeros([op.outC]) as tf.Tensor1D,
      depthwise: false,
      stride: op.stride,
      pad: op.pad,
      relu: true,
    };
    const time = (step: Step) => {
      const t0 = performance.now();
      tf.tidy(() => (runSteps([step], x) as tf.Tensor).dataSync());
      return performance.now() - t0;
    };
    let best = { split: Infinity, blockDiagonal: Infinity };
    for (let i = 0; i < 7; i++) {
      const a = time(split);
      const b = time(dense);
      // The first two rounds warm up caches and XNNPACK operator set-up.
      if (i >= 2)
        best = { split: Math.min(best.split, a), blockDiagonal: Math.min(best.blockDiagonal, b) };
    }
    return best.split < best.blockDiagonal ? 'split' : 'blockDiagonal';
  });
}

/** The fast path for an architecture and its weights (PyTorch names and layouts). */
export function compileFast(
  arch: Arch,
  weights: ReadonlyMap<string, TensorData>,
  options: FastOptions = {},
): FastShuffleNet {
  checkWeights(arch, weights);
  const choice = options.groupConv ?? 'auto';
  if (!['auto', 'measure', 'split', 'blockDiagonal'].includes(choice)) {
    throw new Error(
      `groupConv ${JSON.stringify(choice)} is not supported; expected one of 'auto', 'measure', ` +
        `'split', 'blockDiagonal'`,
    );
  }
  const backend = tf.getBackend();
  const measured = new Map<string, GroupConvMethod>();
  const method = (op: ConvOp, size: [number, number]): GroupConvMethod => {
    if (choice === 'auto') return groupConvMethodFor(backend, op);
    if (choice !== 'measure') return choice;
    const key = `${size.join('x')} ${op.inC}->${op.outC} k${op.k} s${op.stride} g${op.groups}`;
    let m = measured.get(key);
    if (!m) {
      m = measureGroupConv(op, size);
      measured.set(key, m);
    }
    return m;
  };
  const ctx: Context = {
    weights,
    method,
    owned: [],
    unfolded: 0,
    groupConvs: { split: 0, blockDiagonal: 0 },
  };
  let steps: Step[];
  try {
    const input = arch.config.inputShape[2];
    const r = compileSeq(ctx, arch.ops, {
      perm: null,
      channels: input,
      size: [arch.config.inputShape[0], arch.config.inputShape[1]],
      nonneg: false,
    });
    steps = r.steps;
    // Whole networks end in true order (the classifier absorbs any order); op lists that stop
    // earlier get their channels put back.
    if (!isIdentity(r.flow.perm)) steps.push(fixOrder(ctx, r.flow.perm!));
  } catch (e) {
    tf.dispose(ctx.owned);
    throw e;
  }
  let disposed = false;
  const [h, w, c] = arch.config.inputShape;
  return {
    arch,
    backend,
    unfoldedReorders: ctx.unfolded,
    groupConvs: ctx.groupConvs,
    predict(x) {
      if (disposed) throw new Error('FastShuffleNet.predict: the model has been disposed');
      const expected = `[N, ${h}, ${w}, ${c}] (NHWC)`;
      if (!(x instanceof tf.Tensor)) throw new Error(`predict expects a tf.Tensor ${expected}`);
      if (x.rank !== 4 || x.shape[1] !== h || x.shape[2] !== w || x.shape[3] !== c) {
        throw new Error(`predict expects input of shape ${expected}, got [${x.shape.join(', ')}]`);
      }
      if (x.dtype !== 'float32') {
        throw new Error(`predict expects float32 input ${expected}, got dtype ${x.dtype}`);
      }
      return tf.tidy(() => runSteps(steps, x) as tf.Tensor2D);
    },
    dispose() {
      if (!disposed) tf.dispose(ctx.owned);
      disposed = true;
    },
  };
}

/** Builds the fast path from the same options as `createShuffleNet`. */
export function createFastShuffleNet(options: ShuffleNetOptions): FastShuffleNet {
  const arch = buildArch(options);
  if (options.weights !== undefined && !(options.weights instanceof Uint8Array)) {
    throw new Error('weights must be a Uint8Array holding a safetensors file');
  }
  const weights = options.weights
    ? readWeights(arch, options.weights)
    : randomWeights(arch, options.seed ?? 0);
  return compileFast(arch, weights, { groupConv: options.groupConv });
}
