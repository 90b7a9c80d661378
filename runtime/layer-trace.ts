/**
 * Runs a ShuffleNet one layer at a time, to show what happens inside: the time each layer takes
 * on the current backend, the feature maps of one chosen layer, and the features the classifier
 * sees (the globally pooled output of the last convolution, which transfer learning reuses).
 *
 * A "layer" here is a convolution with the BatchNorm and ReLU after it, a whole ShuffleNet unit,
 * a pooling or the classifier: the blocks of [V2] Table 5. Each is compiled separately with the
 * model's own compileOps, so the traced network computes what `ShuffleNet.predict` does.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Arch, Op } from './arch.ts';
import { compileOps, type CompiledOps } from './model.ts';
import type { WeightMap } from './weights.ts';

export interface TracedLayer {
  /** e.g. `conv1`, `stage2.0`, `globalAvgPool`, `fc`. */
  name: string;
  op: Op['op'];
}

export interface LayerTiming extends TracedLayer {
  ms: number;
  /** Output shape without the batch: [h, w, c] or [features]. */
  shape: number[];
}

export interface Trace {
  /** Logits of the single input image. */
  logits: Float32Array;
  /** The classifier's input: the output of the layer before the last. */
  features: Float32Array;
  timings: LayerTiming[];
  /** The chosen layer's output, [h, w, c] channel-last, when a layer was chosen. */
  maps?: { shape: number[]; values: Float32Array };
}

export interface LayerTracer {
  readonly layers: readonly TracedLayer[];
  /** Traces one image [1, H, W, C]; `mapsOf` is an index into `layers`. */
  trace(x: tf.Tensor4D, mapsOf?: number): Trace;
  /** Only the classifier's input features, [count, dim] row-major, for a batch. */
  features(x: tf.Tensor4D): Float32Array;
  dispose(): void;
}

/** Groups the top-level ops: a conv takes the BatchNorm and ReLU that follow it. */
function groupLayers(ops: readonly Op[]): { layer: TracedLayer; ops: Op[] }[] {
  const groups: { layer: TracedLayer; ops: Op[] }[] = [];
  for (const op of ops) {
    const last = groups.at(-1);
    if ((op.op === 'bn' || op.op === 'relu') && last?.layer.op === 'conv') {
      last.ops.push(op);
      continue;
    }
    const name = 'name' in op ? op.name.replace(/\.weight$/, '') : op.op;
    groups.push({ layer: { name, op: op.op }, ops: [op] });
  }
  return groups;
}

export function createLayerTracer(arch: Arch, weights: WeightMap): LayerTracer {
  const groups = groupLayers(arch.ops);
  if (groups.length < 2 || groups.at(-1)!.layer.op !== 'linear') {
    throw new Error('createLayerTracer: the architecture does not end in a linear classifier');
  }
  const compiled: CompiledOps[] = [];
  try {
    for (const g of groups) compiled.push(compileOps(g.ops, weights));
  } catch (e) {
    compiled.forEach((c) => c.dispose());
    throw e;
  }
  let disposed = false;
  const alive = (what: string) => {
    if (disposed) throw new Error(`LayerTracer.${what}: the tracer has been disposed`);
  };
  const [h, w, c] = arch.config.inputShape;
  const checkInput = (x: tf.Tensor4D, batch?: number) => {
    const ok =
      x instanceof tf.Tensor &&
      x.rank === 4 &&
      (batch === undefined || x.shape[0] === batch) &&
      x.shape[1] === h &&
      x.shape[2] === w &&
      x.shape[3] === c;
    if (!ok) {
      const got = x instanceof tf.Tensor ? `[${x.shape.join(', ')}]` : typeof x;
      throw new Error(`expected input [${batch ?? 'N'}, ${h}, ${w}, ${c}] (NHWC), got ${got}`);
    }
  };

  return {
    layers: groups.map((g) => g.layer),
    trace(x, mapsOf) {
      alive('trace');
      checkInput(x, 1);
      if (
        mapsOf !== undefined &&
        !(Number.isInteger(mapsOf) && mapsOf >= 0 && mapsOf < groups.length)
      ) {
        throw new Error(`mapsOf ${mapsOf} is not a layer index 0..${groups.length - 1}`);
      }
      const timings: LayerTiming[] = [];
      let maps: Trace['maps'];
      let features = new Float32Array(0);
      let current: tf.Tensor = x;
      for (let i = 0; i < compiled.length; i++) {
        const began = performance.now();
        const next = compiled[i]!.run(current);
        // Reading the values waits for the backend (webgl and webgpu run asynchronously), so
        // the time is the layer's, not only its dispatch.
        const values = next.dataSync() as Float32Array;
        const ms = performance.now() - began;
        if (current !== x) current.dispose();
        current = next;
        timings.push({ ...groups[i]!.layer, ms, shape: next.shape.slice(1) });
        if (i === mapsOf) maps = { shape: next.shape.slice(1), values: Float32Array.from(values) };
        if (i === compiled.length - 2) features = Float32Array.from(values);
      }
      const logits = Float32Array.from(current.dataSync());
      current.dispose();
      return { logits, features, timings, maps };
    },
    features(x) {
      alive('features');
      checkInput(x);
      const out = tf.tidy(() => {
        let current: tf.Tensor = x;
        for (const step of compiled.slice(0, -1)) current = step.run(current);
        return current;
      });
      const values = Float32Array.from(out.dataSync());
      out.dispose();
      return values;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      compiled.forEach((step) => step.dispose());
    },
  };
}
