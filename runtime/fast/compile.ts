/**
 * The fast path's compiler: arch.ts ops + PyTorch-layout weights -> steps (steps.ts), with
 * weights folded and permuted once (the algebra: perm.ts; what and why: fast-model.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { windowOutput, type ConvOp, type Op, type UnitOp } from '../arch.ts';
import { BN_EPSILON, type GroupConvMethod } from '../ops.ts';
import { oihwToHwio, type TensorData } from '../weights.ts';
import {
  blockDiagonal,
  compose,
  identityPerm,
  invert,
  isIdentity,
  permuteColumns,
  permuteRows,
  shuffleMap,
  splitGroups,
  transposeFor,
  type HwioFilter,
} from './perm.ts';
import type { Exit, PairView, Step } from './steps.ts';

/** What the compiler knows about the activation flowing between steps. */
export interface Flow {
  /** Stored channel k holds true channel perm[k]; null = true order. */
  perm: Int32Array | null;
  channels: number;
  /** Spatial size [height, width] (for measuring group-convolution constructions). */
  size: [number, number];
  /** Every value is >= 0 (after a ReLU, or pooling of such). */
  nonneg: boolean;
  /** The value is the next unit's two split inputs (a Pair), in true order. */
  pair: boolean;
}

export interface Context {
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

export function fixOrder(ctx: Context, perm: Int32Array): Step {
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
export function compileSeq(
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
        flow = { perm: null, channels: op.outF, nonneg: false, pair: false, size: [1, 1] };
        break;
      }
      case 'unit': {
        const result = compileUnit(ctx, op, flow, ops[i + 1]);
        steps.push(...result.steps);
        flow = result.flow;
        break;
      }
    }
  }
  return { steps, flow };
}

/** Width of a branch's output: its last channel-changing op, or its input. */
function branchWidth(ops: Op[], input: number): number {
  let c = input;
  for (const op of ops) if (op.op === 'conv') c = op.outC;
  return c;
}

/**
 * How stacked branch outputs [2, pixels, W] become the next unit's halves in true order: the
 * index map (src, j) -> (half, t) of concat -> `after` -> next split, matched against the
 * transposes of a [2, pixels, A, W/A] view. Null if none reproduces it.
 */
export function pairView(
  width: number,
  shuffle: boolean,
  nextSplit: 'halves' | 'evenOdd',
): PairView | null {
  const c = 2 * width;
  const s = shuffle ? shuffleMap(c, 2) : identityPerm(c);
  const target = (src: number, j: number): [number, number] => {
    const o = s[src * width + j]!;
    return nextSplit === 'halves' ? [Math.floor(o / width), o % width] : [o % 2, Math.floor(o / 2)];
  };
  let direct = true;
  for (let src = 0; src < 2; src++)
    for (let j = 0; j < width; j++) {
      const [h, t] = target(src, j);
      direct &&= h === src && t === j;
    }
  if (direct) return { view: null, perm: [] };
  if (width % 2 !== 0) return null;
  for (const [a, b] of [
    [2, width / 2],
    [width / 2, 2],
  ] as const) {
    const dims = [2, 1, a, b];
    for (const perm of [
      [2, 1, 3, 0],
      [3, 1, 0, 2],
      [2, 1, 0, 3],
      [3, 1, 2, 0],
      [0, 1, 3, 2],
    ]) {
      if (dims[perm[0]!] !== 2) continue;
      let ok = true;
      for (let src = 0; src < 2 && ok; src++)
        for (let j = 0; j < width && ok; j++) {
          const idx = [src, 0, Math.floor(j / b), j % b];
          const out = perm.map((p) => idx[p]!);
          const t = out[2]! * dims[perm[3]!]! + out[3]!;
          const [h, tt] = target(src, j);
          ok = out[0] === h && t === tt;
        }
      if (ok) return { view: [a, b], perm };
    }
  }
  return null;
}

function compileUnit(ctx: Context, op: UnitOp, input: Flow, next: Op | undefined): SeqResult {
  const steps: Step[] = [];
  let flow = input;
  let entry: 'whole' | 'pair' | 'halves' | 'evenOdd';
  if (flow.pair) {
    if (op.split === 'none') throw new Error('internal: a pair reached a unit without a split');
    entry = 'pair';
  } else if (op.split === 'none') {
    entry = 'whole';
  } else {
    if (!isIdentity(flow.perm)) {
      steps.push(fixOrder(ctx, flow.perm!));
      flow = { ...flow, perm: null };
    }
    entry = op.split;
  }
  const branchIn: Flow =
    entry === 'whole'
      ? { ...flow, pair: false }
      : { ...flow, perm: null, channels: flow.channels / 2, pair: false };
  const widths = op.branches.map((b) => branchWidth(b, branchIn.channels));

  // Exit: the next unit's halves directly, when the after-ops are at most a shuffle(2).
  const afterIsShuffle2 =
    op.after.length === 1 && op.after[0]!.op === 'shuffle' && op.after[0]!.groups === 2;
  let exit: Exit;
  let layout: PairView | null = null;
  if (
    op.combine === 'concat' &&
    widths.length === 2 &&
    widths[0] === widths[1] &&
    next?.op === 'unit' &&
    next.split !== 'none' &&
    (op.after.length === 0 || afterIsShuffle2)
  ) {
    layout = pairView(widths[0]!, afterIsShuffle2, next.split);
  }
  if (layout) exit = { kind: 'pair', width: widths[0]!, layout };
  else if (op.combine === 'add') exit = { kind: 'add' };
  else exit = widths.every((w) => w === widths[0]) ? { kind: 'stack' } : { kind: 'concat' };

  // A ReLU after a concat: fuse it into each branch's last convolution, or drop it for a branch
  // whose output is already non-negative.
  const reluAfter = op.after.length === 1 && op.after[0]!.op === 'relu' && op.combine === 'concat';

  const branches: Step[][] = [];
  const outs: Flow[] = [];
  op.branches.forEach((ops, b) => {
    let want: Int32Array | null = null;
    if (exit.kind === 'pair') want = identityPerm(widths[b]!);
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
    combined = { ...outs[0]!, nonneg: false, pair: false };
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
      pair: exit.kind === 'pair',
    };
  }
  let after: Step[] = [];
  if (exit.kind === 'pair') {
    combined = { ...combined, perm: null }; // the transpose applied the after-ops
  } else if (reluAfter && combined.nonneg) {
    // every branch ends non-negative: the ReLU is the identity
  } else {
    const r = compileSeq(ctx, op.after, combined);
    after = r.steps;
    combined = r.flow;
  }
  steps.push({ kind: 'unit', entry, branches, exit, after });
  return { steps, flow: combined };
}
