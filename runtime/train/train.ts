/**
 * `npm run train` (node runtime/train/train.ts): trains the Fashion-MNIST ShuffleNet V2
 * (fashion.ts) on the tfjs wasm backend and writes, in --out (default runs/, git-ignored):
 *   fashion-shufflenet-v2.safetensors   the weights, PyTorch names and layouts
 *   fashion-shufflenet-v2.json          test accuracy, per-class accuracy, confusion matrix,
 *                                       parameters, MACs, wall time, the configuration, history
 * The committed weights in models/ are replaced only with `--out models --force`.
 * Checkpoints go to --checkpoints (default OUT/checkpoints) every --checkpoint-every steps and
 * at each epoch end; --resume continues from the latest one. --keep-checkpoints also keeps each
 * one as step-NNNNNN.safetensors (for average.ts).
 *
 * Exit status: 0 on success, 2 for a mistake in the arguments (train-args.ts), 1 for a problem
 * with an input file (the dataset, --init weights, the checkpoint to resume) or the output
 * directory, reported as one line without a stack trace.
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs'; // registers the gradient functions (bare tfjs-core has none)
import { buildArch } from '../arch.ts';
import { useBackend, type NodeBackend } from '../backends-node.ts';
import { readWeights } from '../weights.ts';
import { FASHION_MNIST_CLASSES, IdxError, loadFashionMnist, type Dataset } from '../data/idx.ts';
import { SafetensorsError } from '../safetensors.ts';
import {
  FASHION_ARCH,
  LIGHT_AUGMENTATION,
  METRICS_FILE,
  NO_AUGMENTATION,
  WEIGHTS_FILE,
} from './fashion.ts';
import {
  checkpointPath,
  DEFAULT_CONFIG,
  fashionCost,
  runSession,
  type LabelledImages,
  type StepProgress,
  type TrainConfig,
} from './session.ts';
import { formatEvaluation } from './step.ts';
import {
  checkBatchFits,
  parseTrainArgs,
  trainUsage,
  UsageError,
  type TrainDefaults,
  type TrainOptions,
} from './train-args.ts';

const DEFAULTS: TrainDefaults = {
  epochs: DEFAULT_CONFIG.epochs,
  batchSize: DEFAULT_CONFIG.batchSize,
  lr: DEFAULT_CONFIG.lr,
  warmupSteps: DEFAULT_CONFIG.warmupSteps,
  labelSmoothing: DEFAULT_CONFIG.labelSmoothing,
  weightDecay: DEFAULT_CONFIG.sgd.weightDecay,
  seed: DEFAULT_CONFIG.seed,
};

/** The committed weights' directory, wherever the command is run from. */
const MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

/** A problem with an input file or the output directory: one line on stderr, exit status 1. */
class InputError extends Error {}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, '; ');
}

/** Errors that describe a file the user gave (rather than a bug): fs errors carry a code. */
function isFileProblem(error: unknown): boolean {
  return (
    error instanceof IdxError ||
    error instanceof SafetensorsError ||
    (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string')
  );
}

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

/** Everything that can fail before training starts, so a mistake costs seconds, not hours. */
function prepare(options: TrainOptions): {
  config: TrainConfig;
  train: LabelledImages;
  test: LabelledImages;
  initial?: ReturnType<typeof readWeights>;
} {
  let trainSet: Dataset;
  let testSet: Dataset;
  try {
    trainSet = loadFashionMnist('train', options.dataDir);
    testSet = loadFashionMnist('t10k', options.dataDir);
  } catch (error) {
    if (error instanceof IdxError) throw new InputError(error.message);
    throw error;
  }
  const train = subset(trainSet, options.trainSubset ?? trainSet.images.count);
  checkBatchFits(options, train.count);
  let initial: ReturnType<typeof readWeights> | undefined;
  if (options.init !== undefined) {
    try {
      initial = readWeights(buildArch(FASHION_ARCH), readFileSync(options.init));
    } catch (error) {
      // Any failure here is about the file: missing, not safetensors, another architecture.
      throw new InputError(`--init ${options.init}: ${oneLine(error)}`);
    }
  }
  if (options.resume && !existsSync(checkpointPath(options.checkpoints))) {
    throw new InputError(
      `--resume: no checkpoint at ${checkpointPath(options.checkpoints)}; expected one written ` +
        `by an earlier run with the same --checkpoints (default OUT/checkpoints)`,
    );
  }
  try {
    mkdirSync(options.out, { recursive: true });
    accessSync(options.out, constants.W_OK);
  } catch (error) {
    throw new InputError(`--out ${options.out}: cannot write there (${oneLine(error)})`);
  }
  const config: TrainConfig = {
    ...DEFAULT_CONFIG,
    epochs: options.epochs,
    batchSize: options.batchSize,
    lr: options.lr,
    warmupSteps: options.warmupSteps,
    labelSmoothing: options.labelSmoothing,
    seed: options.seed,
    sgd: { ...DEFAULT_CONFIG.sgd, weightDecay: options.weightDecay },
    augmentation: options.augment ? LIGHT_AUGMENTATION : NO_AUGMENTATION,
    ...(options.init !== undefined ? { initFrom: options.init } : {}),
  };
  return {
    config,
    train,
    test: subset(testSet, Infinity),
    ...(initial ? { initial } : {}),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  let options: TrainOptions;
  let prepared: ReturnType<typeof prepare>;
  try {
    const parsed = parseTrainArgs(
      argv,
      DEFAULTS,
      { cwd: process.cwd(), modelsDir: MODELS_DIR },
      process.env,
    );
    if (parsed.command === 'help') {
      console.log(trainUsage(DEFAULTS));
      return 0;
    }
    options = parsed;
    prepared = prepare(options);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`train: ${error.message}\nRun \`npm run train -- --help\` for usage.`);
      return 2;
    }
    if (error instanceof InputError || isFileProblem(error)) {
      console.error(`train: ${oneLine(error)}`);
      return 1;
    }
    throw error;
  }
  const { config, train, test, initial } = prepared;
  const backend: NodeBackend = options.backend;
  const outDir = options.out;
  await useBackend(backend);
  const { params, macs } = fashionCost();
  console.log(
    `ShuffleNet V2 0.5x for Fashion-MNIST: ${params} parameters, ${(macs / 1e6).toFixed(2)} MMACs; ` +
      `${train.count} training images, backend ${backend}, config ${JSON.stringify(config)}`,
  );
  const interactive = process.stdout.isTTY;
  const stopAfter = options.stopAfter;
  let result: ReturnType<typeof runSession>;
  try {
    result = runSession({
      config,
      ...(initial ? { initial } : {}),
      train,
      test,
      checkpointDir: options.checkpoints,
      checkpointEvery: options.checkpointEvery,
      keepCheckpoints: options.keepCheckpoints,
      resume: options.resume,
      ...(stopAfter !== undefined ? { stopAfterSteps: stopAfter } : {}),
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
  } catch (error) {
    // The checkpoint to resume from is an input file too: damaged (SafetensorsError), of another
    // architecture, or written with other options ("checkpoint PATH was trained with ...");
    // fs errors (writing a checkpoint: ENOSPC, EACCES) are one line as well.
    const message = oneLine(error);
    if (isFileProblem(error) || (options.resume && message.startsWith('checkpoint '))) {
      if (interactive) process.stdout.write('\n');
      const what = options.resume ? `--resume ${checkpointPath(options.checkpoints)}: ` : '';
      console.error(`train: ${what}${message}`);
      return 1;
    }
    throw error;
  }
  if (!result.finished || !result.evaluation) {
    console.log(`stopped after step ${result.steps}; continue with --resume`);
    result.dispose();
    return 0;
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
  return 0;
}

// Set exitCode rather than calling process.exit, so a piped stdout is flushed completely.
process.exitCode = await main(process.argv.slice(2));
