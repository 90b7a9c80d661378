/**
 * Whole-model inference benchmark (issue #17, item 3): ShuffleNet V2 1.0x, V2 0.5x and V1 1.0x
 * g=3 at 224x224, batch 1, in Node, one thread, random weights (seed 0), five ways:
 *   fastTfjs this runtime's fast path (runtime/fast) on tfjs-wasm (XNNPACK, single-threaded
 *           SIMD), group convolutions built the way measured fastest at load (groupConv 'measure')
 *   fastWasm the same compiled steps on the project's own WebAssembly SIMD kernels
 *           (runtime/fast/wasm, engine 'wasm')
 *   plain   this runtime's plain path (runtime/model.ts) on tfjs-wasm
 *   ortWeb  onnxruntime-web (wasm, numThreads 1) on the model exported by runtime/onnx
 *   ortNode onnxruntime-node (native CPU, intra- and inter-op threads 1) on the same export
 * Each timed run includes reading the logits back. After the warm-up, runs are interleaved
 * (run r times every model and way once, in a rotating order) so that load from other processes
 * falls on all of them alike. Also measured: the peak throughput of one tfjs-wasm 1x1
 * convolution (the op that dominates these networks) and a per-op profile of each fast path
 * (1x1 convolutions apart from the others, so that the share of data movement shows).
 *
 * Prints a table (median and p90 ms, ratios) and writes bench/results/latest.json; its `fast`
 * entry is the faster of the two fast paths (by median; `fastEngine` says which).
 *
 * Run: npm run bench [-- --runs 30 --warmup 5 --out bench/results/latest.json]
 *      npm run bench -- --quick   (10 runs, 2 warm-up: a quick look, not a result to quote)
 *      npm run bench -- --models v2-1.0,v1-1.0-g3   (a subset)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import type { ArchOptions } from '../runtime/arch.ts';
import { useBackend } from '../runtime/backends-node.ts';
import { costOf } from '../runtime/cost.ts';
import { compileFast, type FastShuffleNet } from '../runtime/fast/fast-model.ts';
import {
  DEFAULT_KERNEL_OPTIONS,
  hasRelaxedSimd,
  instantiateKernels,
} from '../runtime/fast/wasm/kernels.ts';
import { createShuffleNet } from '../runtime/model.ts';
import { exportOnnxFrom } from '../runtime/onnx/export.ts';
import { BENCH_MODELS, stats, type Stats } from '../runtime/lab/inference.ts';

interface Args {
  runs: number;
  warmup: number;
  out: string;
  models: string[];
}

function parse(argv: string[]): Args {
  const keys = BENCH_MODELS.map((m) => m.key);
  const args: Args = { runs: 30, warmup: 5, out: 'bench/results/latest.json', models: keys };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!;
    if (name === '--quick') {
      args.runs = 10;
      args.warmup = 2;
      continue;
    }
    const value = argv[++i];
    if (name === '--out' && value) args.out = value;
    else if (name === '--models' && value) {
      args.models = value.split(',');
      const bad = args.models.filter((m) => !keys.includes(m));
      if (bad.length > 0 || args.models.length === 0) {
        throw new Error(`bench: unknown model ${JSON.stringify(bad)}; expected some of ${keys}`);
      }
    } else if ((name === '--runs' || name === '--warmup') && value && /^\d+$/.test(value)) {
      args[name === '--runs' ? 'runs' : 'warmup'] = Number(value);
    } else {
      throw new Error(
        `bench: bad argument ${JSON.stringify(name)} ${JSON.stringify(value ?? '')}; expected ` +
          '--runs N, --warmup N (non-negative integers), --out FILE, --models A,B or --quick',
      );
    }
  }
  if (args.runs < 1) throw new Error('bench: --runs must be at least 1 (the issue asks for 30)');
  return args;
}

// The models and the statistics are shared with the course's benchmark page.
const MODELS = BENCH_MODELS;
const WAYS = ['fastTfjs', 'fastWasm', 'plain', 'ortWeb', 'ortNode'] as const;
type Way = (typeof WAYS)[number];
/** The JSON's entries: the ways, and `fast`, the faster fast path. */
type Entry = Way | 'fast';

export { stats, type Stats };

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** [size, in, out] of the 1x1 convolutions the peaks are measured on (ShuffleNet-like). */
const PEAK_SHAPES: [number, number, number][] = [
  [56, 64, 64],
  [28, 116, 116],
  [28, 232, 232],
  [14, 232, 232],
  [14, 464, 464],
  [7, 464, 1024],
];

interface Peak {
  /** Best over the shapes of GMAC/s by median wall time. */
  gmacPerS: number;
  /** Best over the shapes of GMAC/s by mean CPU time of the process (less load-sensitive). */
  cpuGmacPerS: number;
  shapes: Record<string, number>;
}

/** Times `run` (after 3 warm-up calls): GMAC/s by median wall time and by mean CPU time. */
function timeShape(macs: number, runs: number, run: () => void): { wall: number; cpu: number } {
  for (let i = 0; i < 3; i++) run();
  const times: number[] = [];
  const n = Math.max(runs, 10);
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1e3 / n;
  return { wall: macs / 1e9 / (stats(times).medianMs / 1e3), cpu: macs / 1e9 / (cpuMs / 1e3) };
}

/** Best GMAC/s of one fused 1x1 convolution (+bias+ReLU) over ShuffleNet-like shapes. */
function onePeak(runs: number): Peak {
  const out: Record<string, number> = {};
  let best = 0;
  let bestCpu = 0;
  for (const [hw, inC, outC] of PEAK_SHAPES) {
    const x = tf.randomNormal([1, hw, hw, inC]) as tf.Tensor4D;
    const filter = tf.randomNormal([1, 1, inC, outC], 0, 0.1) as tf.Tensor4D;
    const bias = tf.zeros([outC]) as tf.Tensor1D;
    const run = () => {
      const y = tf.fused.conv2d({ x, filter, strides: 1, pad: 0, bias, activation: 'relu' });
      y.dataSync();
      y.dispose();
    };
    const { wall, cpu } = timeShape(hw * hw * inC * outC, runs, run);
    out[`${hw}x${hw} ${inC}->${outC}`] = round(wall, 2);
    best = Math.max(best, wall);
    bestCpu = Math.max(bestCpu, cpu);
    tf.dispose([x, filter, bias]);
  }
  return { gmacPerS: round(best, 2), cpuGmacPerS: round(bestCpu, 2), shapes: out };
}

type Runner = () => Promise<void> | void;

async function setUp(options: ArchOptions) {
  const plain = createShuffleNet({ ...options, seed: 0 });
  const weights = plain.exportWeights();
  const fast = compileFast(plain.arch, weights, { groupConv: 'measure' });
  const fastWasm = compileFast(plain.arch, weights, { engine: 'wasm' });
  const onnx = exportOnnxFrom(plain.arch, weights);
  const [h, w, c] = plain.arch.config.inputShape;
  const x = tf.randomNormal([1, h, w, c], 0, 1, 'float32', 1) as tf.Tensor4D;
  const nchw = tf.transpose(x, [0, 3, 1, 2]);
  const data = nchw.dataSync() as Float32Array;
  nchw.dispose();
  const node = await ortNode.InferenceSession.create(onnx, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const web = await ortWeb.InferenceSession.create(onnx, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  const nodeInput = { input: new ortNode.Tensor('float32', data, [1, c, h, w]) };
  const webInput = { input: new ortWeb.Tensor('float32', data, [1, c, h, w]) };
  const tfRun = (model: { predict(x: tf.Tensor4D): tf.Tensor2D }) => () => {
    const y = model.predict(x);
    y.dataSync();
    y.dispose();
  };
  const runners: Record<Way, Runner> = {
    fastTfjs: tfRun(fast),
    fastWasm: tfRun(fastWasm),
    plain: tfRun(plain),
    ortWeb: async () => {
      const out = await web.run(webInput);
      void (out.logits as ortWeb.Tensor).data;
    },
    ortNode: async () => {
      const out = await node.run(nodeInput);
      void (out.logits as ortNode.Tensor).data;
    },
  };
  // The four must agree before their speeds mean anything.
  const logits = (await node.run(nodeInput)).logits!.data as Float32Array;
  let diff = 0;
  let scale = 1;
  for (const model of [fast, fastWasm]) {
    const y = model.predict(x);
    const mine = y.dataSync();
    y.dispose();
    for (let i = 0; i < mine.length; i++) {
      diff = Math.max(diff, Math.abs(mine[i]! - logits[i]!));
      scale = Math.max(scale, Math.abs(logits[i]!));
    }
  }
  const dispose = async () => {
    fast.dispose();
    fastWasm.dispose();
    plain.dispose();
    x.dispose();
    await node.release();
    await web.release();
  };
  return {
    runners,
    fast,
    fastWasm,
    x,
    macs: costOf(plain.arch).totals.macs,
    agreement: diff / scale,
    groupConvs: fast.groupConvs,
    dispose,
  };
}

/** Per-op time of one fast-path forward pass, grouped: 1x1 conv, depthwise, plumbing, other. */
async function profileFast(fast: { predict(x: tf.Tensor4D): tf.Tensor2D }, x: tf.Tensor4D) {
  const info = await tf.profile(() => fast.predict(x));
  const byOp: Record<string, number> = {};
  for (const k of info.kernels) {
    // Fused ops are recorded twice, as the op (`fusedConv2d__op`) and as its kernel: keep kernels.
    if (k.name.endsWith('__op')) continue;
    let name = k.name;
    if (name === 'FusedConv2D' || name === 'Conv2D') {
      const filter = k.inputShapes[1];
      name = filter && filter[0] === 1 && filter[1] === 1 ? 'Conv2D 1x1' : 'Conv2D kxk';
    }
    byOp[name] = (byOp[name] ?? 0) + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0);
  }
  const total = Object.values(byOp).reduce((a, b) => a + b, 0);
  return Object.fromEntries(
    Object.entries(byOp)
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => [name, { ms: round(ms), share: round(ms / total, 3) }]),
  );
}

/** Per-class time of the wasm engine, the median of `runs` profiled passes per class. */
function profileWasm(fast: FastShuffleNet, x: tf.Tensor4D, runs: number) {
  const per: Record<string, number[]> = {};
  for (let r = 0; r < runs; r++) {
    for (const [name, ms] of Object.entries(fast.profile!(x))) (per[name] ??= []).push(ms);
  }
  const byOp = Object.fromEntries(Object.entries(per).map(([k, v]) => [k, stats(v).medianMs]));
  const total = Object.values(byOp).reduce((a, b) => a + b, 0);
  return Object.fromEntries(
    Object.entries(byOp)
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => [name, { ms: round(ms), share: round(ms / total, 3) }]),
  );
}

/** Best GMAC/s of the wasm engine's 1x1 convolution kernel (+bias+ReLU) over the same shapes. */
function wasmPeak(runs: number): Peak {
  const opts = { ...DEFAULT_KERNEL_OPTIONS, relaxed: hasRelaxedSimd() };
  const nr = 4 * opts.nv;
  const memory = new WebAssembly.Memory({ initial: 256 });
  const k = instantiateKernels(memory, opts);
  const out: Record<string, number> = {};
  let best = 0;
  let bestCpu = 0;
  for (const [hw, inC, outC] of PEAK_SHAPES) {
    const p = hw * hw;
    const panels = Math.ceil(outC / nr) * nr;
    const [xa, wa] = [1024, 1024 + 4 * p * inC + 64];
    const ba = wa + 4 * panels * inC + 64;
    const ya = ba + 4 * panels + 64;
    const segs = ya + 4 * p * outC + 64;
    const f = new Float32Array(memory.buffer);
    for (let i = 0; i < p * inC; i++) f[xa / 4 + i] = Math.sin(i);
    for (let i = 0; i < panels * inC; i++) f[wa / 4 + i] = Math.cos(i) * 0.1;
    new Int32Array(memory.buffer).set([0, inC], segs / 4);
    const run = () => k.conv(xa, 0, 4 * inC, ya, 0, 4 * outC, 1, p, wa, ba, outC, segs, 1, 1, 0);
    const { wall, cpu } = timeShape(p * inC * outC, runs, run);
    out[`${hw}x${hw} ${inC}->${outC}`] = round(wall, 2);
    best = Math.max(best, wall);
    bestCpu = Math.max(bestCpu, cpu);
  }
  return { gmacPerS: round(best, 2), cpuGmacPerS: round(bestCpu, 2), shapes: out };
}

async function main() {
  const args = parse(process.argv.slice(2));
  ortWeb.env.wasm.numThreads = 1;
  ortWeb.env.logLevel = 'error';
  await useBackend('wasm');
  const loadBefore = os.loadavg();
  process.stderr.write(`bench: ${args.warmup} warm-up and ${args.runs} timed runs each\n`);

  const setups = [];
  for (const m of MODELS) {
    if (args.models.includes(m.key)) setups.push({ ...m, ...(await setUp(m.options)) });
  }
  for (const s of setups) {
    if (!(s.agreement < 1e-4)) {
      throw new Error(
        `bench: ${s.label}: the fast paths and onnxruntime disagree (${s.agreement})`,
      );
    }
  }
  const empty = () =>
    Object.fromEntries(WAYS.map((w) => [w, [] as number[]])) as Record<Way, number[]>;
  const samples: Record<string, Record<Way, number[]>> = {};
  // CPU time of this process per run (all its threads): far less sensitive than wall time to
  // other processes competing for the cores, so it is recorded too (`cpuMedianMs`).
  const cpuSamples: Record<string, Record<Way, number[]>> = {};
  for (const s of setups) {
    samples[s.key] = empty();
    cpuSamples[s.key] = empty();
  }
  for (let r = -args.warmup; r < args.runs; r++) {
    for (const [i, s] of setups.entries()) {
      for (let j = 0; j < WAYS.length; j++) {
        const way = WAYS[(j + r + i + args.warmup) % WAYS.length]!;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await s.runners[way]();
        const ms = performance.now() - t0;
        const cpu = process.cpuUsage(c0);
        if (r >= 0) {
          samples[s.key]![way].push(ms);
          cpuSamples[s.key]![way].push((cpu.user + cpu.system) / 1e3);
        }
      }
    }
    if (r >= 0 && (r + 1) % 10 === 0) process.stderr.write(`bench: ${r + 1}/${args.runs}\n`);
  }

  const peak = onePeak(args.runs);
  const ownPeak = wasmPeak(args.runs);
  type Profile = Awaited<ReturnType<typeof profileFast>>;
  type Result = Record<Entry, Stats & { cpuMedianMs: number }> & {
    macs: number;
    fastEngine: 'tfjs' | 'wasm';
    fastGroupConvs: Record<string, number>;
    fastTfjsProfile: Profile;
    fastWasmProfile: Profile;
  };
  const models: Record<string, Result> = {};
  for (const s of setups) {
    const entry = {
      macs: s.macs,
      fastGroupConvs: s.groupConvs,
      fastTfjsProfile: await profileFast(s.fast, s.x),
      fastWasmProfile: profileWasm(s.fastWasm, s.x, Math.max(5, Math.min(args.runs, 15))),
    } as Result;
    for (const way of WAYS) {
      const cpuMedianMs = stats(cpuSamples[s.key]![way]).medianMs;
      entry[way] = { ...stats(samples[s.key]![way]), cpuMedianMs };
    }
    const wasmWins = entry.fastWasm.medianMs <= entry.fastTfjs.medianMs;
    entry.fastEngine = wasmWins ? 'wasm' : 'tfjs';
    entry.fast = entry[wasmWins ? 'fastWasm' : 'fastTfjs'];
    models[s.key] = entry;
  }
  for (const s of setups) await s.dispose();

  const cpus = os.cpus();
  const result = {
    machine: {
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      loadAverage: {
        before: loadBefore.map((l) => round(l, 2)),
        after: os.loadavg().map((l) => round(l, 2)),
      },
    },
    versions: {
      node: process.versions.node,
      tfjs: tf.version_core,
      onnxruntimeNode: ortNode.env.versions.node,
      onnxruntimeWeb: ortWeb.env.versions.web,
      wasmRelaxedSimd: hasRelaxedSimd(),
    },
    date: new Date().toISOString(),
    settings: { batch: 1, input: '224x224x3', threads: 1, runs: args.runs, warmup: args.warmup },
    models,
    /** The tfjs-wasm 1x1 convolution's measured peak (the issue's reference). */
    peakGmacPerS: peak.gmacPerS,
    peakCpuGmacPerS: peak.cpuGmacPerS,
    peakByShape: peak.shapes,
    /** The same shapes on the wasm engine's own 1x1 kernel. */
    wasmPeakGmacPerS: ownPeak.gmacPerS,
    wasmPeakCpuGmacPerS: ownPeak.cpuGmacPerS,
    wasmPeakByShape: ownPeak.shapes,
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(result, null, 2)}\n`);

  const cell = (st: Stats) => `${st.medianMs.toFixed(1)} (${st.p90Ms.toFixed(1)})`;
  const pct = (gmac: number, of: number) => `${((100 * gmac) / of).toFixed(0)}%`;
  const cpuGmac = (macs: number, ms: number) => {
    const g = macs / 1e9 / (ms / 1e3);
    return `${g.toFixed(2)} (${pct(g, peak.cpuGmacPerS)}, ${pct(g, ownPeak.cpuGmacPerS)})`;
  };
  const lines = [
    `ShuffleNet at 224x224, batch 1, one thread; median (p90) ms over ${args.runs} interleaved runs`,
    `machine: ${result.machine.cpu}, ${result.machine.cores} cores, load ${loadBefore[0]!.toFixed(1)} -> ${os.loadavg()[0]!.toFixed(1)}`,
    '',
    '| model | MMACs | fast: own wasm | fast: tfjs-wasm | plain (tfjs-wasm) | ORT web (wasm) | ORT node (CPU) | fast/plain | fast/ortWeb | fast/ortNode | fast GMAC/s (% of tfjs 1x1 peak, % of own) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of setups) {
    const m = models[s.key]!;
    const ratio = (way: Way) => (m.fast.medianMs / m[way].medianMs).toFixed(2);
    const gmac = s.macs / 1e9 / (m.fast.medianMs / 1e3);
    lines.push(
      `| ${s.label} | ${(s.macs / 1e6).toFixed(1)} | ${cell(m.fastWasm)} | ${cell(m.fastTfjs)} | ` +
        `${cell(m.plain)} | ${cell(m.ortWeb)} | ${cell(m.ortNode)} | ${ratio('plain')} | ` +
        `${ratio('ortWeb')} | ${ratio('ortNode')} | ${gmac.toFixed(2)} ` +
        `(${pct(gmac, peak.gmacPerS)}, ${pct(gmac, ownPeak.gmacPerS)}) |`,
    );
  }
  lines.push(
    '',
    `fast = the faster fast path per model (${setups.map((s) => `${s.label}: ${models[s.key]!.fastEngine}`).join(', ')})`,
    '',
    'CPU time of the process per run, median ms (less sensitive to other load than wall time):',
    '| model | fast: own wasm | fast: tfjs-wasm | plain | ORT web | ORT node | fast/plain | fast/ortWeb | fast/ortNode | fast GMAC/s (% of tfjs 1x1 peak, % of own; CPU time) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const s of setups) {
    const m = models[s.key]!;
    const c = (e: Entry) => m[e].cpuMedianMs;
    const r = (way: Way) => (c('fast') / c(way)).toFixed(2);
    lines.push(
      `| ${s.label} | ${c('fastWasm').toFixed(1)} | ${c('fastTfjs').toFixed(1)} | ` +
        `${c('plain').toFixed(1)} | ${c('ortWeb').toFixed(1)} | ${c('ortNode').toFixed(1)} | ` +
        `${r('plain')} | ${r('ortWeb')} | ${r('ortNode')} | ${cpuGmac(s.macs, c('fast'))} |`,
    );
  }
  lines.push(
    '',
    `tfjs-wasm 1x1 convolution peak: ${peak.gmacPerS} GMAC/s by wall time (${JSON.stringify(peak.shapes)}), ${peak.cpuGmacPerS} by CPU time`,
    `own wasm 1x1 kernel peak: ${ownPeak.gmacPerS} GMAC/s by wall time (${JSON.stringify(ownPeak.shapes)}), ${ownPeak.cpuGmacPerS} by CPU time`,
  );
  const printProfile = (title: string, profile: Profile) => {
    lines.push('', title);
    for (const [name, p] of Object.entries(profile)) {
      lines.push(
        `  ${name.padEnd(32)} ${p.ms.toFixed(2).padStart(8)} ms  ${(100 * p.share).toFixed(1).padStart(5)}%`,
      );
    }
  };
  for (const s of setups) {
    const m = models[s.key]!;
    printProfile(
      `own wasm fast path, ${s.label}, per op class (median of passes):`,
      m.fastWasmProfile,
    );
    printProfile(
      `tfjs-wasm fast path, ${s.label}, one pass (tf.profile kernel times):`,
      m.fastTfjsProfile,
    );
  }
  lines.push('', `wrote ${args.out}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
