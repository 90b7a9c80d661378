/**
 * Times the two group-convolution constructions (split -> conv per group -> concat, and one dense
 * conv with a block-diagonal kernel) on the Node backends, for the 1x1 group convolutions of
 * ShuffleNet V1 ([V1] Table 1, 224x224 input, batch 1). Both include the folded-BN bias and the
 * ReLU, as the model runs them. Prints a markdown table; `groupConvMethodFor` in ops.ts encodes
 * the outcome.
 *
 * Run: ./node_modules/.bin/node runtime/bench/group-conv.ts [repeats]
 */
import * as tf from '@tensorflow/tfjs-core';
import { NODE_BACKENDS, useBackend } from '../backends-node.ts';
import type { ArchOptions } from '../arch.ts';
import { createShuffleNet } from '../model.ts';
import {
  disposeConvKernel,
  groupConvMethodFor,
  prepareConv,
  runConv,
  type GroupConvMethod,
} from '../ops.ts';

interface Shape {
  label: string;
  hw: number;
  inC: number;
  outC: number;
  groups: number;
}

// Stage 2/3/4 of V1 1x: the compress (C -> C/4) and expand (C/4 -> C) group convolutions.
const SHAPES: Shape[] = [
  { label: 'g3 stage2 compress', hw: 28, inC: 240, outC: 60, groups: 3 },
  { label: 'g3 stage2 expand', hw: 28, inC: 60, outC: 240, groups: 3 },
  { label: 'g3 stage3 compress', hw: 14, inC: 480, outC: 120, groups: 3 },
  { label: 'g3 stage3 expand', hw: 14, inC: 120, outC: 480, groups: 3 },
  { label: 'g3 stage4 expand', hw: 7, inC: 240, outC: 960, groups: 3 },
  { label: 'g8 stage2 compress', hw: 28, inC: 384, outC: 96, groups: 8 },
  { label: 'g8 stage2 expand', hw: 28, inC: 96, outC: 384, groups: 8 },
  { label: 'g8 stage3 expand', hw: 14, inC: 192, outC: 768, groups: 8 },
  { label: 'g8 stage4 compress', hw: 7, inC: 1536, outC: 384, groups: 8 },
];
const METHODS: GroupConvMethod[] = ['split', 'blockDiagonal'];

/** Whole networks, since a construction's cost also depends on the ops around it. */
const NETWORKS: { label: string; options: ArchOptions }[] = [
  { label: 'V1 g=3 1x 224x224x3', options: { version: 'v1', groups: 3 } },
  { label: 'V1 g=8 1x 224x224x3', options: { version: 'v1', groups: 8, layout: 'megvii' } },
  {
    label: 'V1 g=3 0.5x 28x28x1 (course)',
    options: {
      version: 'v1',
      groups: 3,
      width: 0.5,
      inputShape: [28, 28, 1],
      numClasses: 10,
      stem: { convStride: 1, maxPool: false },
    },
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => tf.Tensor, repeats: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < repeats + 2; i++) {
    const t0 = performance.now();
    const y = fn();
    await y.data(); // wait for the result; both Node backends are synchronous anyway
    const dt = performance.now() - t0;
    y.dispose();
    if (i >= 2) samples.push(dt); // the first two runs warm up caches and XNNPACK operators
  }
  return median(samples);
}

const repeats = Number(process.argv[2] ?? 7);
const rows: string[] = [];
const extra = (s: Shape) => ((s.groups - 1) / s.groups) * s.outC;
for (const backend of NODE_BACKENDS) {
  await useBackend(backend);
  for (const s of SHAPES) {
    const x = tf.randomNormal([1, s.hw, s.hw, s.inC], 0, 1, 'float32', 1) as tf.Tensor4D;
    const filter = tf.randomNormal([1, 1, s.inC / s.groups, s.outC], 0, 0.1, 'float32', 2);
    const bias = tf.randomNormal([s.outC], 0, 0.1, 'float32', 3) as tf.Tensor1D;
    const ms: Record<string, number> = {};
    const outs: tf.Tensor[] = [];
    for (const method of METHODS) {
      const kernel = prepareConv(filter as tf.Tensor4D, bias, {
        inC: s.inC,
        groups: s.groups,
        stride: 1,
        pad: 0,
        method,
      });
      ms[method] = await time(() => runConv(x, kernel, true), repeats);
      outs.push(runConv(x, kernel, true));
      disposeConvKernel(kernel);
    }
    const diff = (await tf.max(tf.abs(tf.sub(outs[0]!, outs[1]!))).data())[0]!;
    const mmac = (s.hw * s.hw * s.inC * s.outC) / s.groups / 1e6;
    const rule = groupConvMethodFor(backend, s) === 'split' ? 'split' : 'blockDiag';
    const split = ms.split!;
    const block = ms.blockDiagonal!;
    rows.push(
      `| ${backend} | ${s.label} | ${s.hw}x${s.hw} ${s.inC}->${s.outC} | ${mmac.toFixed(2)} ` +
        `| ${extra(s)} | ${split.toFixed(3)} | ${block.toFixed(3)} | ${(block / split).toFixed(2)} ` +
        `| ${rule} | ${diff.toExponential(1)} |`,
    );
    tf.dispose([x, filter, bias, ...outs]);
  }
}
const netRows: string[] = [];
for (const backend of NODE_BACKENDS) {
  await useBackend(backend);
  for (const { label, options } of NETWORKS) {
    const ms: Record<string, number> = {};
    for (const groupConv of [...METHODS, 'auto'] as const) {
      const model = createShuffleNet({ ...options, groupConv });
      const [h, w, c] = model.arch.config.inputShape;
      const x = tf.zeros([1, h, w, c]) as tf.Tensor4D;
      // The cpu backend needs about a second per 224x224 forward pass: fewer runs there.
      const runs = backend === 'cpu' && h > 100 ? Math.min(repeats, 3) : repeats;
      ms[groupConv] = await time(() => model.predict(x), runs);
      x.dispose();
      model.dispose();
    }
    netRows.push(
      `| ${backend} | ${label} | ${ms.split!.toFixed(1)} | ${ms.blockDiagonal!.toFixed(1)} | ` +
        `${ms.auto!.toFixed(1)} |`,
    );
  }
}

console.log(`median of ${repeats} runs (ms), batch 1, 1x1 group conv + bias + ReLU`);
console.log(
  '| backend | layer | shape | MMAC | (g-1)/g*outC | split ms | blockDiag ms | blockDiag/split ' +
    '| rule picks | max diff |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log('\nwhole network, batch 1, predict() median (ms)');
console.log('| backend | network | split ms | blockDiag ms | auto (per-layer rule) ms |');
console.log('|---|---|---|---|---|');
for (const r of netRows) console.log(r);
