/**
 * The fast path's executable steps (what runtime/fast/compile.ts produces) and how they run.
 * Every function here runs inside the caller's `tf.tidy`; intermediates are left to it.
 */
import * as tf from '@tensorflow/tfjs-core';

export type Pair = [tf.Tensor4D, tf.Tensor4D];
export type Value = tf.Tensor | Pair;

/** How stacked branch outputs become the next unit's halves (compile.ts `pairView`). */
export interface PairView {
  /** Null: the branch outputs already are the next unit's halves. */
  view: [number, number] | null;
  perm: number[];
}

export type Exit =
  | { kind: 'add' }
  | { kind: 'concat' }
  | { kind: 'stack' }
  | { kind: 'pair'; width: number; layout: PairView };

export type Step =
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
      entry: 'whole' | 'pair' | 'halves' | 'evenOdd';
      branches: Step[][];
      exit: Exit;
      after: Step[];
    };

function pixels(x: tf.Tensor): number {
  return x.shape[0]! * x.shape[1]! * x.shape[2]!;
}

/** [n, h, w, c] -> the two halves (halves or even/odd), each [n, h, w, c/2], via one transpose. */
function route(x: tf.Tensor4D, kind: 'halves' | 'evenOdd'): Pair {
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

export function runSteps(steps: Step[], input: Value): Value {
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
    }
  }
  return v;
}

function runUnitStep(s: Extract<Step, { kind: 'unit' }>, v: Value): Value {
  let inputs: tf.Tensor4D[];
  if (s.entry === 'pair') inputs = v as Pair;
  else if (s.entry === 'whole') inputs = [v as tf.Tensor4D, v as tf.Tensor4D];
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
    case 'pair': {
      const { width, layout } = s.exit;
      if (layout.view === null) return [outs[0]!, outs[1]!];
      const p = n * h * w;
      const t = tf.transpose(tf.reshape(stack(outs), [2, p, ...layout.view]), layout.perm);
      const [a, b] = tf.split(tf.reshape(t, [2, p, width]), 2, 0);
      return [tf.reshape(a!, [n, h, w, width]), tf.reshape(b!, [n, h, w, width])];
    }
  }
}
