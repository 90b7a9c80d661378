/**
 * `npm run train` (node runtime/train/train.ts): trains the Fashion-MNIST ShuffleNet V2
 * (fashion.ts) on the tfjs wasm backend and writes, in --out (default models/):
 *   fashion-shufflenet-v2.safetensors   the weights, PyTorch names and layouts
 *   fashion-shufflenet-v2.json          test accuracy, per-class accuracy, confusion matrix,
 *                                       parameters, MACs, wall time, the configuration, history
 * Checkpoints go to --checkpoints (default models/checkpoints/, git-ignored) every
 * --checkpoint-every steps and at each epoch end; --resume continues from the latest one.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import '@tensorflow/tfjs'; // registers the gradient functions (bare tfjs-core has none)
import { buildArch } from '../arch.ts';
import { useBackend, type NodeBackend } from '../backends-node.ts';
import { readWeights } from '../weights.ts';
import { FASHION_MNIST_CLASSES, loadFashionMnist, type Dataset } from '../data/idx.ts';
import {
  FASHION_ARCH,
  LIGHT_AUGMENTATION,
  METRICS_FILE,
  NO_AUGMENTATION,
  WEIGHTS_FILE,
} from './fashion.ts';
import {
  DEFAULT_CONFIG,
  fashionCost,
  runSession,
  type LabelledImages,
  type StepProgress,
  type TrainConfig,
} from './session.ts';
import { formatEvaluation } from './step.ts';

const USAGE = `Usage: node runtime/train/train.ts [options]

  --epochs N              default ${DEFAULT_CONFIG.epochs}
  --batch N               default ${DEFAULT_CONFIG.batchSize}
  --lr X                  peak learning rate (cosine schedule, linear warmup); default ${DEFAULT_CONFIG.lr}
  --warmup N              warmup steps; default ${DEFAULT_CONFIG.warmupSteps}
  --label-smoothing X     default ${DEFAULT_CONFIG.labelSmoothing}
  --weight-decay X        default ${DEFAULT_CONFIG.sgd.weightDecay}
  --seed N                default ${DEFAULT_CONFIG.seed}
  --no-augment            no random crop / flip
  --init FILE             start from these weights (safetensors) instead of the seeded draw
  --train-subset N        train on the first N images only (quick checks)
  --stop-after N          stop after N steps in total (the schedule still spans all epochs)
  --checkpoints DIR       default models/checkpoints
  --checkpoint-every N    default 100
  --resume                continue from DIR/latest.safetensors
  --out DIR               default models
  --backend wasm|cpu      default wasm`;

function subset(data: Dataset, count: number): LabelledImages {
  const n = Math.min(count, data.images.count);
  const per = data.images.rows * data.images.cols;
  return {
    pixels: data.images.pixels.subarray(0, n * per),
    labels: data.labels.subarray(0, n),
    count: n,
  };
}

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}

/** One progress line: a bar over the whole run, the epoch, running loss/accuracy, ETA. */
function progressLine(p: StepProgress): string {
  const width = 24;
  const filled = Math.round((width * p.step) / p.totalSteps);
  const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
  const eta = p.secondsPerStep * (p.totalSteps - p.step);
  return (
    `[${bar}] step ${p.step}/${p.totalSteps} epoch ${p.epoch + 1} ` +
    `(${p.stepInEpoch}/${p.stepsPerEpoch}) loss ${p.epochLoss.toFixed(4)} ` +
    `acc ${(100 * p.epochAccuracy).toFixed(2)}% lr ${p.lr.toFixed(4)} ` +
    `${p.secondsPerStep.toFixed(2)} s/step ETA ${duration(eta)}`
  );
}

function number(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isFinite(v)) throw new Error(`not a number: ${text}`);
  return v;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      epochs: { type: 'string' },
      batch: { type: 'string' },
      lr: { type: 'string' },
      warmup: { type: 'string' },
      'label-smoothing': { type: 'string' },
      'weight-decay': { type: 'string' },
      seed: { type: 'string' },
      'no-augment': { type: 'boolean' },
      init: { type: 'string' },
      'train-subset': { type: 'string' },
      'stop-after': { type: 'string' },
      checkpoints: { type: 'string' },
      'checkpoint-every': { type: 'string' },
      resume: { type: 'boolean' },
      out: { type: 'string' },
      backend: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config: TrainConfig = {
    ...DEFAULT_CONFIG,
    epochs: number(values.epochs, DEFAULT_CONFIG.epochs),
    batchSize: number(values.batch, DEFAULT_CONFIG.batchSize),
    lr: number(values.lr, DEFAULT_CONFIG.lr),
    warmupSteps: number(values.warmup, DEFAULT_CONFIG.warmupSteps),
    labelSmoothing: number(values['label-smoothing'], DEFAULT_CONFIG.labelSmoothing),
    seed: number(values.seed, DEFAULT_CONFIG.seed),
    sgd: {
      ...DEFAULT_CONFIG.sgd,
      weightDecay: number(values['weight-decay'], DEFAULT_CONFIG.sgd.weightDecay),
    },
    augmentation: values['no-augment'] ? NO_AUGMENTATION : LIGHT_AUGMENTATION,
    ...(values.init ? { initFrom: values.init } : {}),
  };
  const backend = (values.backend ?? 'wasm') as NodeBackend;
  await useBackend(backend);
  const outDir = values.out ?? 'models';
  const checkpointDir = values.checkpoints ?? join(outDir, 'checkpoints');
  const trainSet = loadFashionMnist('train');
  const train = subset(trainSet, number(values['train-subset'], trainSet.images.count));
  const test = subset(loadFashionMnist('t10k'), Infinity);
  const { params, macs } = fashionCost();
  console.log(
    `ShuffleNet V2 0.5x for Fashion-MNIST: ${params} parameters, ${(macs / 1e6).toFixed(2)} MMACs; ` +
      `${train.count} training images, backend ${backend}, config ${JSON.stringify(config)}`,
  );
  const interactive = process.stdout.isTTY;
  const stopAfter = values['stop-after'];
  const initial = values.init
    ? readWeights(buildArch(FASHION_ARCH), readFileSync(values.init))
    : undefined;
  const result = runSession({
    config,
    ...(initial ? { initial } : {}),
    train,
    test,
    checkpointDir,
    checkpointEvery: number(values['checkpoint-every'], 100),
    resume: values.resume ?? false,
    ...(stopAfter !== undefined ? { stopAfterSteps: number(stopAfter, 0) } : {}),
    log: (line) => console.log(line),
    onStep: (p) => {
      // A redrawn bar on a terminal; a line every 20 steps in a log file (nohup).
      if (interactive) process.stdout.write(`\r${progressLine(p)}`);
      else if (p.step % 20 === 0 || p.step === p.totalSteps) console.log(progressLine(p));
    },
    onEpoch: (e) => {
      if (interactive) process.stdout.write('\n');
      console.log(
        `epoch ${e.epoch}: train loss ${e.trainLoss.toFixed(4)}, train accuracy ` +
          `${(100 * e.trainAccuracy).toFixed(2)}%, test accuracy ` +
          `${e.testAccuracy === undefined ? '-' : (100 * e.testAccuracy).toFixed(2) + '%'}, ` +
          `wall ${duration(e.wallSeconds)}`,
      );
    },
  });
  if (!result.finished || !result.evaluation) {
    console.log(`stopped after step ${result.steps}; continue with --resume`);
    result.dispose();
    return;
  }
  const e = result.evaluation;
  mkdirSync(outDir, { recursive: true });
  const weights = result.model.saveWeights({ dataset: 'fashion-mnist', input: 'pixel / 255' });
  writeFileSync(join(outDir, WEIGHTS_FILE), weights);
  const metrics = {
    model: 'ShuffleNet V2 0.5x, 28x28x1, stem stride 1, no max pool, 10 classes',
    arch: FASHION_ARCH,
    input: 'NHWC float32, pixel / 255',
    params,
    macs,
    weightsBytes: weights.length,
    accuracy: e.accuracy,
    perClassAccuracy: Object.fromEntries(FASHION_MNIST_CLASSES.map((n, k) => [n, e.perClass[k]])),
    confusionMatrix: e.confusion,
    testImages: e.count,
    trainImages: train.count,
    wallSeconds: result.wallSeconds,
    backend,
    config,
    history: result.history,
  };
  writeFileSync(join(outDir, METRICS_FILE), `${JSON.stringify(metrics, null, 2)}\n`);
  console.log(formatEvaluation(e, FASHION_MNIST_CLASSES));
  console.log(
    `wrote ${join(outDir, WEIGHTS_FILE)} (${weights.length} bytes) and ${join(outDir, METRICS_FILE)}`,
  );
  console.log(`accuracy=${e.accuracy.toFixed(4)}`);
  result.dispose();
}

await main();
