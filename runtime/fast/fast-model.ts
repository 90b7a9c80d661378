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
 *    megvii: cat -> even/odd split) is one transpose. With W = C/2 channels per branch, concat
 *    channel c = src*W + j (src 0 = the pass-through half, 1 = the branch), the shuffle sends it
 *    to o = 2j + src, and chunk(2) gives half h = floor(o/W) at t = o mod W. Writing j = h*(W/2) +
 *    j1 (W is even in every Table 5 width): h = floor(j/(W/2)) and t = 2*j1 + src, so
 *    [src, pixel, h, j1] -> [h, pixel, j1, src] (transpose [2, 1, 3, 0]) lays out both halves of
 *    the next unit, each in true order. megvii: o = c, even/odd half h = o mod 2 = j mod 2, and
 *    t = floor(o/2) = src*(W/2) + floor(j/2): [src, pixel, j1, h] -> [h, pixel, src, j1]. The
 *    two branch outputs are first stacked on a new leading axis, which copies each whole buffer
 *    once, and the halves are leading-axis slices (block copies). `pairView` finds the
 *    transpose by checking the index map, so a case it does not cover falls back to a concat.
 *    On tfjs-wasm, Transpose runs in C++ and a leading-axis Concat is one block copy per input
 *    (kernels/Concat.ts works on views of the wasm heap), whereas a channel-axis Concat or Slice
 *    copies one pixel's channels at a time in JS, and every Slice first reads its whole input
 *    back into JS (kernels/Slice.ts; backend_wasm.ts readSync slices HEAPU8). A plan that also
 *    removed these slices, splitting each branch's last convolution by the unit that reads each
 *    channel, cost more than it saved: 2.4x the convolution calls and concats of many pieces.
 * 3. Group convolutions split their input with one transpose, [pixel, g, C/g] -> [g, pixel, C/g]
 *    (C++), then g leading-axis slices (block copies, though on tfjs-wasm each still reads the
 *    whole input back first: `npm run bench` shows this SplitV among V1's largest costs after the
 *    1x1 convolutions) instead of g channel
 *    slices; their outputs are stacked on a leading axis and transposed back, to concat order
 *    or, when a shuffle with the same groups follows, straight to shuffled order
 *    ([g, pixel, n] -> [pixel, n, g]: output j*g+i <- group i's channel j). Which construction
 *    each group convolution uses (this split or one block-diagonal dense convolution, whose rows
 *    and columns absorb any order) follows ops.ts `groupConvMethodFor`, measured on the plain
 *    path, or, with groupConv 'measure', a timing of both on the current backend at load.
 * 4. Weights are folded (BatchNorm into the convolution, in float64, then rounded), permuted
 *    and uploaded once; V1's average-pool shortcut (count_include_pad) is a depthwise
 *    convolution with weights 1/k^2; max pooling uses tfjs's numeric padding, which (like
 *    PyTorch) never lets the padding win, so no padded copy is made; a ReLU after a concat whose
 *    inputs are already non-negative or end in a convolution is fused or dropped.
 *
 * Two engines run the compiled steps. 'tfjs' (the default) runs them as tfjs ops on the current
 * backend. 'wasm' runs them on this project's own WebAssembly SIMD kernels (wasm/kernels.ts, built
 * with the small encoder in wasm/encoder.ts, no toolchain) in one linear memory planned at load
 * (wasm/engine.ts): there a value is a list of per-channel addresses, so the transposes and
 * slices of points 2 and 3 become address bookkeeping, both branches of a concat write into one
 * buffer, and only V2's pass-through half is copied (in vector runs). It works whatever the tfjs
 * backend, in Node and in browsers with WebAssembly SIMD (relaxed SIMD's fused multiply-add
 * where present). `npm run bench` measures both against ONNX Runtime.
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildArch, type Arch, type ConvOp } from '../arch.ts';
import type { GroupConvChoice, ShuffleNetOptions } from '../model.ts';
import { groupConvMethodFor, type GroupConvMethod } from '../ops.ts';
import { checkWeights, randomWeights, readWeights, type TensorData } from '../weights.ts';
import { compileSeq, fixOrder, type Context } from './compile.ts';
import { isIdentity } from './perm.ts';
import { runSteps, type Step } from './steps.ts';
import { buildEngine, type OpClass } from './wasm/engine.ts';
import { hasSimd } from './wasm/kernels.ts';

/** What runs the steps: tfjs ops on the current backend, or this project's WebAssembly kernels. */
export type FastEngine = 'tfjs' | 'wasm';

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
  /** What runs the steps. */
  readonly engine: FastEngine;
  /**
   * Milliseconds per op class for one image (the first of `x`); the wasm engine only (the tfjs
   * engine is profiled with tf.profile).
   */
  profile?(x: tf.Tensor4D): Record<OpClass, number>;
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
  /**
   * 'tfjs' (default): tfjs ops on the current backend. 'wasm': the same steps on this project's
   * WebAssembly SIMD kernels (wasm/engine.ts), whatever the tfjs backend; group convolutions are
   * always split there (a block-diagonal one would do `groups` times the multiply-adds).
   */
  engine?: FastEngine;
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
  const engine = options.engine ?? 'tfjs';
  if (engine !== 'tfjs' && engine !== 'wasm') {
    throw new Error(`engine ${JSON.stringify(engine)} is not supported; expected 'tfjs' or 'wasm'`);
  }
  if (engine === 'wasm' && !hasSimd()) {
    throw new Error("engine 'wasm' needs WebAssembly SIMD, which this JavaScript engine lacks");
  }
  const backend = tf.getBackend();
  const measured = new Map<string, GroupConvMethod>();
  const method = (op: ConvOp, size: [number, number]): GroupConvMethod => {
    if (engine === 'wasm') return 'split';
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
      pair: false,
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
  const check = (x: tf.Tensor4D, what: string) => {
    if (disposed) throw new Error(`FastShuffleNet.${what}: the model has been disposed`);
    const expected = `[N, ${h}, ${w}, ${c}] (NHWC)`;
    if (!(x instanceof tf.Tensor)) throw new Error(`${what} expects a tf.Tensor ${expected}`);
    if (x.rank !== 4 || x.shape[1] !== h || x.shape[2] !== w || x.shape[3] !== c) {
      throw new Error(`${what} expects input of shape ${expected}, got [${x.shape.join(', ')}]`);
    }
    if (x.dtype !== 'float32') {
      throw new Error(`${what} expects float32 input ${expected}, got dtype ${x.dtype}`);
    }
  };
  const base = {
    arch,
    backend,
    unfoldedReorders: ctx.unfolded,
    groupConvs: ctx.groupConvs,
  };
  if (engine === 'wasm') {
    let wasm;
    try {
      wasm = buildEngine(steps, [h, w, c]);
    } finally {
      // The engine keeps its own copy of every weight.
      tf.dispose(ctx.owned);
    }
    const image = h * w * c;
    const per = wasm.outputShape.reduce((a, b) => a * b, 1);
    return {
      ...base,
      engine,
      predict(x) {
        check(x, 'predict');
        const n = x.shape[0];
        const input = x.dataSync() as Float32Array;
        const out = new Float32Array(n * per);
        for (let i = 0; i < n; i++) {
          out.set(wasm.run(input.subarray(i * image, (i + 1) * image)), i * per);
        }
        // [N, classes] for a whole network (or [N, h, w, c] for op lists that stop earlier).
        const y: tf.Tensor = tf.tensor(out, [n, ...wasm.outputShape]);
        return y as tf.Tensor2D;
      },
      profile(x) {
        check(x, 'profile');
        return wasm.profile((x.dataSync() as Float32Array).subarray(0, image));
      },
      dispose() {
        disposed = true;
      },
    };
  }
  return {
    ...base,
    engine,
    predict(x) {
      check(x, 'predict');
      return tf.tidy(() => runSteps(steps, x) as tf.Tensor2D);
    },
    dispose() {
      if (!disposed) tf.dispose(ctx.owned);
      disposed = true;
    },
  };
}

/** Builds the fast path from the same options as `createShuffleNet`. */
export function createFastShuffleNet(
  options: ShuffleNetOptions & { engine?: FastEngine },
): FastShuffleNet {
  const arch = buildArch(options);
  if (options.weights !== undefined && !(options.weights instanceof Uint8Array)) {
    throw new Error('weights must be a Uint8Array holding a safetensors file');
  }
  const weights = options.weights
    ? readWeights(arch, options.weights)
    : randomWeights(arch, options.seed ?? 0);
  return compileFast(arch, weights, { groupConv: options.groupConv, engine: options.engine });
}
