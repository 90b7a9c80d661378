/**
 * The training loop: seeded data order and augmentation, cosine learning rate, periodic
 * checkpoints and exact resume, per-epoch evaluation through the inference executor.
 *
 * Reproducibility: step t of a run uses the permutation of epoch floor(t / stepsPerEpoch) drawn
 * from (seed, epoch) and an augmentation stream drawn from (seed, t); the initial weights come
 * from (seed). Nothing depends on wall time or on where a previous process stopped, so the same
 * seed gives the same weights, resumed or not (on the same backend: wasm and cpu round
 * differently).
 */
import { join } from 'node:path';
import { buildArch, type Arch } from '../arch.ts';
import { costOf } from '../cost.ts';
import { createShuffleNet } from '../model.ts';
import type { WeightMap } from '../weights.ts';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.ts';
import { FASHION_ARCH, scalePixels, type Augmentation } from './fashion.ts';
import { STREAM } from '../random.ts';
import { SGD_DEFAULTS, createSgd, type SgdOptions } from './sgd.ts';
import { createStepper, evaluate, type Evaluation } from './step.ts';
import { createTrainable, initialWeights, type TrainableShuffleNet } from './trainable.ts';

export interface LabelledImages {
  /** [count, 28, 28] uint8. */
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface TrainConfig {
  seed: number;
  epochs: number;
  batchSize: number;
  /** Peak learning rate of the cosine schedule. */
  lr: number;
  warmupSteps: number;
  labelSmoothing: number;
  sgd: SgdOptions;
  augmentation: Augmentation;
  /**
   * Where the initial weights came from when not drawn from the seed (a safetensors path, for
   * fine-tuning / continuing); recorded so a resume must name the same start.
   */
  initFrom?: string;
}

/**
 * The recipe for the 93% goal (not yet run to the end on the 2-core course machine: see
 * README.md). Batch 64 with a peak learning rate of 0.05 is about the ShuffleNet V2 paper's
 * 0.5 per 1024 images scaled up by 1.6 for the shorter schedule; warmup over the first 200 steps.
 */
export const DEFAULT_CONFIG: TrainConfig = {
  seed: 1,
  epochs: 15,
  batchSize: 64,
  lr: 0.05,
  warmupSteps: 200,
  labelSmoothing: 0,
  sgd: SGD_DEFAULTS,
  augmentation: { cropPad: 2, flip: true },
};

export interface EpochSummary {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  /** Present when test data was given. */
  testAccuracy?: number;
  /** Cumulative training wall time at the end of the epoch, seconds. */
  wallSeconds: number;
}

export interface StepProgress {
  step: number;
  totalSteps: number;
  epoch: number;
  stepInEpoch: number;
  stepsPerEpoch: number;
  loss: number;
  /** Running mean loss and accuracy of the epoch so far. */
  epochLoss: number;
  epochAccuracy: number;
  lr: number;
  /** Seconds per step over this process's steps (excludes evaluation). */
  secondsPerStep: number;
}

export interface SessionOptions {
  config: TrainConfig;
  /** Initial weights (PyTorch layouts) instead of the seeded draw; see TrainConfig.initFrom. */
  initial?: WeightMap;
  train: LabelledImages;
  /** Evaluated with the inference executor at the end of every epoch, if given. */
  test?: LabelledImages;
  /** Directory of `latest.safetensors`; no checkpoints when absent. */
  checkpointDir?: string;
  /** Save a checkpoint every this many steps (and at every epoch end). */
  checkpointEvery?: number;
  /**
   * Also keep every checkpoint written as `checkpointDir/step-NNNNNN.safetensors` (the step
   * count, zero-padded), e.g. to average the weights of several (average.ts).
   */
  keepCheckpoints?: boolean;
  /** Continue from `checkpointDir/latest.safetensors`. */
  resume?: boolean;
  /** Stop after this many steps in total (the schedule still spans all epochs). */
  stopAfterSteps?: number;
  onStep?: (p: StepProgress) => void;
  onEpoch?: (e: EpochSummary) => void;
  log?: (line: string) => void;
}

export interface SessionResult {
  arch: Arch;
  model: TrainableShuffleNet;
  steps: number;
  finished: boolean;
  history: EpochSummary[];
  wallSeconds: number;
  /** Of the final weights on `test`, when given and training finished. */
  evaluation?: Evaluation;
  dispose(): void;
}

interface Progress {
  config: TrainConfig;
  history: EpochSummary[];
  epochLossSum: number;
  epochCorrect: number;
  epochSeen: number;
  wallSeconds: number;
}

export function checkpointPath(dir: string): string {
  return join(dir, 'latest.safetensors');
}

/** Where --keep-checkpoints keeps the checkpoint written after `step` steps. */
export function keptCheckpointPath(dir: string, step: number): string {
  return join(dir, `step-${String(step).padStart(6, '0')}.safetensors`);
}

function evaluateOn(model: TrainableShuffleNet, data: LabelledImages): Evaluation {
  const net = createShuffleNet({ ...FASHION_ARCH, weights: model.saveWeights() });
  try {
    return evaluate(net, scalePixels(data.pixels), data.labels);
  } finally {
    net.dispose();
  }
}

export function runSession(options: SessionOptions): SessionResult {
  const { config, train } = options;
  const log = options.log ?? (() => {});
  const arch = buildArch(FASHION_ARCH);
  if (Boolean(options.initial) !== Boolean(config.initFrom)) {
    throw new Error('runSession: give initial weights together with config.initFrom');
  }
  const model = createTrainable(arch, options.initial ?? initialWeights(arch, config.seed));
  const sgd = createSgd(model.trainable, config.sgd);
  const stepsPerEpoch = Math.floor(train.count / config.batchSize);
  if (stepsPerEpoch < 1) throw new Error(`${train.count} images is less than one batch`);
  const totalSteps = stepsPerEpoch * config.epochs;
  let progress: Progress = {
    config,
    history: [],
    epochLossSum: 0,
    epochCorrect: 0,
    epochSeen: 0,
    wallSeconds: 0,
  };
  let step = 0;
  const path = options.checkpointDir ? checkpointPath(options.checkpointDir) : null;
  if (options.resume) {
    if (!path) throw new Error('resume needs a checkpoint directory');
    const state = loadCheckpoint<Progress>(path, model, sgd);
    if (JSON.stringify(state.progress.config) !== JSON.stringify(config)) {
      throw new Error(
        `checkpoint ${path} was trained with ${JSON.stringify(state.progress.config)}; ` +
          `resume with the same options (got ${JSON.stringify(config)})`,
      );
    }
    step = state.step;
    progress = state.progress;
    log(`resumed from ${path} at step ${step} of ${totalSteps}`);
  }
  const save = () => {
    if (!path) return;
    saveCheckpoint(path, model, sgd, { step, progress });
    // Written the same way (temporary name, then rename), from the same state.
    if (options.keepCheckpoints) {
      saveCheckpoint(keptCheckpointPath(options.checkpointDir!, step), model, sgd, {
        step,
        progress,
      });
    }
  };

  const stopAt = Math.min(totalSteps, options.stopAfterSteps ?? totalSteps);
  const trainOneStep = createStepper(model, sgd, {
    images: train.pixels,
    labels: train.labels,
    batchSize: config.batchSize,
    seed: config.seed,
    orderStream: STREAM.order,
    augmentation: config.augmentation,
    peakLr: config.lr,
    totalSteps,
    warmupSteps: config.warmupSteps,
    labelSmoothing: config.labelSmoothing,
  });
  const started = performance.now();
  let stepsHere = 0;
  const wallAtStart = progress.wallSeconds;
  let lastEvaluation: Evaluation | undefined;
  while (step < stopAt) {
    const result = trainOneStep(step);
    const { epoch, stepInEpoch: inEpoch, lr } = result;
    if (!Number.isFinite(result.loss)) throw new Error(`loss is ${result.loss} at step ${step}`);
    step++;
    stepsHere++;
    progress.epochLossSum += result.loss * result.batch;
    progress.epochCorrect += result.correct;
    progress.epochSeen += result.batch;
    const elapsed = (performance.now() - started) / 1000;
    progress.wallSeconds = wallAtStart + elapsed;
    options.onStep?.({
      step,
      totalSteps,
      epoch,
      stepInEpoch: inEpoch + 1,
      stepsPerEpoch,
      loss: result.loss,
      epochLoss: progress.epochLossSum / progress.epochSeen,
      epochAccuracy: progress.epochCorrect / progress.epochSeen,
      lr,
      secondsPerStep: elapsed / stepsHere,
    });
    if (inEpoch + 1 === stepsPerEpoch) {
      const summary: EpochSummary = {
        epoch: epoch + 1,
        trainLoss: progress.epochLossSum / progress.epochSeen,
        trainAccuracy: progress.epochCorrect / progress.epochSeen,
        wallSeconds: progress.wallSeconds,
      };
      if (options.test) {
        lastEvaluation = evaluateOn(model, options.test);
        summary.testAccuracy = lastEvaluation.accuracy;
      }
      progress.history.push(summary);
      progress.epochLossSum = 0;
      progress.epochCorrect = 0;
      progress.epochSeen = 0;
      options.onEpoch?.(summary);
      save();
    } else if (options.checkpointEvery && step % options.checkpointEvery === 0) {
      save();
    }
  }
  const finished = step === totalSteps;
  const evaluation =
    finished && options.test ? (lastEvaluation ?? evaluateOn(model, options.test)) : undefined;
  return {
    arch,
    model,
    steps: step,
    finished,
    history: progress.history,
    wallSeconds: progress.wallSeconds,
    ...(evaluation ? { evaluation } : {}),
    dispose() {
      sgd.dispose();
      model.dispose();
    },
  };
}

/** Parameters and MACs per image of the Fashion-MNIST network (runtime/cost.ts). */
export function fashionCost(): { params: number; macs: number } {
  const { params, macs } = costOf(buildArch(FASHION_ARCH)).totals;
  return { params, macs };
}
