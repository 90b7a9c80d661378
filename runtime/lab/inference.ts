/**
 * The whole-model inference benchmark of issue #17 that runs on any tfjs backend, in Node and in
 * the course's benchmark page: ShuffleNet V2 1.0x, V2 0.5x and V1 1.0x g=3 (224x224 unless asked
 * smaller), batch 1, random weights (seed 0), up to four ways:
 *   plain    the plain path (runtime/model.ts) on the current tfjs backend: the reference
 *   fast     the fast path (runtime/fast) as tfjs ops on the current backend, group convolutions
 *            built the way measured fastest at load
 *   fastWasm the same compiled steps on the project's own WebAssembly SIMD kernels
 *            (runtime/fast/wasm; engine 'wasm'), whatever the tfjs backend
 *   ortWeb   ONNX Runtime on the model exported by runtime/onnx, through a session factory the
 *            caller supplies (the page: onnxruntime-web, wasm, one thread)
 * After warm-up the ways take turns run by run, in a rotating order, so that load from elsewhere
 * falls on all alike; every timed run includes reading the logits back. Each way's logits are
 * compared with the plain path's. `npm run bench` (bench/run.ts) adds onnxruntime-node in Node.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ArchOptions } from '../arch.ts';
import { costOf } from '../cost.ts';
import { buildArch } from '../arch.ts';
import { compileFast, type FastShuffleNet } from '../fast/fast-model.ts';
import { createShuffleNet } from '../model.ts';
import { deriveSeed, mulberry32, uniformFloats } from '../random.ts';

export interface BenchModel {
  key: string;
  label: string;
  options: ArchOptions;
}

export const BENCH_MODELS: BenchModel[] = [
  { key: 'v2-1.0', label: 'V2 1.0x', options: { version: 'v2', width: 1 } },
  { key: 'v2-0.5', label: 'V2 0.5x', options: { version: 'v2', width: 0.5 } },
  { key: 'v1-1.0-g3', label: 'V1 1.0x g=3', options: { version: 'v1', width: 1, groups: 3 } },
];

/** The ways a model can run, in the order results list them. */
export const WAYS = ['fast', 'fastWasm', 'ortWeb', 'plain'] as const;
export type Way = (typeof WAYS)[number];

export interface Stats {
  medianMs: number;
  p90Ms: number;
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** Median and nearest-rank 90th percentile. */
export function stats(samples: number[]): Stats {
  if (samples.length === 0) throw new Error('stats: no samples');
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  const p90 = s[Math.max(0, Math.ceil(0.9 * s.length) - 1)]!;
  return { medianMs: round(median), p90Ms: round(p90) };
}

export interface WayResult extends Stats {
  way: Way;
  /**
   * Largest |way - plain| over the logits, divided by max(1, largest |plain| logit): every way
   * must agree with the plain path (runtime/fast's tests ask 1e-4 on the same scale).
   */
  scaledDiff: number;
}

export interface InferenceResult {
  key: string;
  label: string;
  /** Input height and width. */
  size: number;
  macs: number;
  /** One entry per way run, in WAYS order. */
  ways: WayResult[];
  /**
   * The own kernels' time per op class for one image (mean of PROFILE_PASSES profiled passes,
   * ms), largest first; only when fastWasm ran.
   */
  wasmProfile?: { op: string; ms: number }[];
}

/** An ONNX Runtime session on one exported model, as the caller's runtime provides it. */
export interface OnnxSession {
  /** Logits for one NCHW image of `dims` [1, C, H, W]. */
  run(nchw: Float32Array, dims: [number, number, number, number]): Promise<Float32Array>;
  release(): Promise<void>;
}
export type OnnxSessionFactory = (model: Uint8Array) => Promise<OnnxSession>;

export interface InferenceOptions {
  runs?: number;
  warmup?: number;
  /** Input height and width (default 224, the paper's); the models take any multiple of 32. */
  size?: number;
  /** Ways to run besides the plain path, which always runs as the reference (default: fast). */
  ways?: readonly Way[];
  /** Needed when `ways` holds 'ortWeb'. */
  onnx?: OnnxSessionFactory;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, key: string) => void;
}

interface Runner {
  run(): Promise<Float32Array>;
  dispose(): Promise<void> | void;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Same data, NHWC [h, w, c] to NCHW [c, h, w]. */
export function toNchw(nhwc: Float32Array, h: number, w: number, c: number): Float32Array {
  const out = new Float32Array(nhwc.length);
  for (let p = 0; p < h * w; p++) {
    for (let k = 0; k < c; k++) out[k * h * w + p] = nhwc[p * c + k]!;
  }
  return out;
}

/** The ways asked for, checked, in WAYS order, with the plain path always among them. */
export function waysToRun(ways: readonly Way[]): Way[] {
  const bad = ways.filter((w) => !WAYS.includes(w));
  if (bad.length > 0) {
    throw new Error(`inference: unknown way ${JSON.stringify(bad)}; expected some of ${WAYS}`);
  }
  return WAYS.filter((w) => w === 'plain' || ways.includes(w));
}

export async function benchInference(
  models: BenchModel[],
  options: InferenceOptions = {},
): Promise<InferenceResult[]> {
  const runs = options.runs ?? 30;
  const warmup = options.warmup ?? 3;
  const size = options.size ?? 224;
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmup) || warmup < 0) {
    throw new Error(`inference: runs ${runs}, warmup ${warmup}; expected integers, runs >= 1`);
  }
  if (!Number.isInteger(size) || size < 32 || size % 32 !== 0) {
    throw new Error(`inference: input size ${size}; expected a multiple of 32, at least 32`);
  }
  const ways = waysToRun(options.ways ?? ['fast']);
  if (ways.includes('ortWeb') && !options.onnx) {
    throw new Error("inference: way 'ortWeb' needs an ONNX Runtime session factory (onnx)");
  }
  const total = models.length * (runs + warmup) * ways.length;
  let done = 0;
  const out: InferenceResult[] = [];
  for (const m of models) {
    const arch: ArchOptions = { ...m.options, inputShape: [size, size, 3] };
    const plain = createShuffleNet({ ...arch, seed: 0 });
    const [h, w, c] = plain.arch.config.inputShape;
    const data = uniformFloats(h * w * c, mulberry32(deriveSeed(0, 7919)), -1, 1);
    const x = tf.tensor4d(data, [1, h, w, c]);
    const runners: Partial<Record<Way, Runner>> = {};
    let wasmModel: FastShuffleNet | undefined;
    try {
      const tfRunner = (model: { predict(x: tf.Tensor4D): tf.Tensor2D }, input = x): Runner => ({
        async run() {
          const y = model.predict(input);
          const values = (await y.data()) as Float32Array;
          y.dispose();
          return values;
        },
        dispose: () => {},
      });
      runners.plain = tfRunner(plain);
      if (ways.includes('fast')) {
        const fast = compileFast(plain.arch, plain.exportWeights(), { groupConv: 'measure' });
        runners.fast = { ...tfRunner(fast), dispose: () => fast.dispose() };
      }
      if (ways.includes('fastWasm')) {
        const model = compileFast(plain.arch, plain.exportWeights(), { engine: 'wasm' });
        wasmModel = model;
        // Its own input tensor, never used by a GPU op: on webgl and webgpu its values stay in
        // JavaScript, so the engine's read of its input costs no download from the GPU.
        const own = tf.tensor4d(data, [1, h, w, c]);
        runners.fastWasm = {
          ...tfRunner(model, own),
          dispose: () => {
            own.dispose();
            model.dispose();
          },
        };
      }
      if (ways.includes('ortWeb')) {
        // Loaded only when asked for: the exporter pulls in a protobuf library.
        const { exportOnnxFrom } = await import('../onnx/export.ts');
        const session = await options.onnx!(exportOnnxFrom(plain.arch, plain.exportWeights()));
        const nchw = toNchw(data, h, w, c);
        runners.ortWeb = {
          run: () => session.run(nchw, [1, c, h, w]),
          dispose: () => session.release(),
        };
      }
      const times = Object.fromEntries(ways.map((way) => [way, [] as number[]]));
      const logits: Partial<Record<Way, Float32Array>> = {};
      for (let i = 0; i < warmup + runs; i++) {
        // Rotate which way goes first, so none always runs on caches another warmed.
        for (let j = 0; j < ways.length; j++) {
          const way = ways[(i + j) % ways.length]!;
          if (options.signal?.aborted) throw new DOMException('inference cancelled', 'AbortError');
          const start = performance.now();
          const values = await runners[way]!.run();
          const ms = performance.now() - start;
          logits[way] ??= values;
          if (i >= warmup) times[way]!.push(ms);
          options.onProgress?.(++done, total, m.key);
          await nextTask();
        }
      }
      const reference = logits.plain!;
      const scale = reference.reduce((s, v) => Math.max(s, Math.abs(v)), 1);
      const result: InferenceResult = {
        key: m.key,
        label: m.label,
        size,
        macs: costOf(buildArch(arch)).totals.macs,
        ways: ways.map((way) => ({
          way,
          ...stats(times[way]!),
          scaledDiff:
            logits[way]!.reduce((d, v, k) => Math.max(d, Math.abs(v - reference[k]!)), 0) / scale,
        })),
      };
      if (wasmModel) result.wasmProfile = profileWasm(wasmModel, x, PROFILE_PASSES);
      out.push(result);
    } finally {
      x.dispose();
      plain.dispose();
      for (const r of Object.values(runners)) await r.dispose();
    }
  }
  return out;
}

/**
 * Profiled passes of the own kernels. Each op is timed alone, and browsers coarsen
 * performance.now() (to 100 us in a page that is not cross-origin isolated, with random jitter
 * so that averages stay unbiased: the W3C High Resolution Time spec, section "Clock resolution"),
 * so the profile is the mean of many passes, not a median of few.
 */
export const PROFILE_PASSES = 20;

/** Mean ms per op class of the wasm engine over `passes` profiled passes, largest first. */
function profileWasm(model: FastShuffleNet, x: tf.Tensor4D, passes: number) {
  const sum: Record<string, number> = {};
  for (let r = 0; r < passes; r++) {
    for (const [op, ms] of Object.entries(model.profile!(x))) sum[op] = (sum[op] ?? 0) + ms;
  }
  return Object.entries(sum)
    .map(([op, ms]) => ({ op, ms: round(ms / passes, 4) }))
    .sort((a, b) => b.ms - a.ms);
}
