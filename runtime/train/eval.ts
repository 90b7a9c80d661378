/**
 * `npm run eval` (node runtime/train/eval.ts [weights.safetensors] [--data DIR]): the committed
 * Fashion-MNIST weights (models/fashion-shufflenet-v2.safetensors) on the 10,000 test images,
 * run by the inference executor (createShuffleNet, BN folded) on the wasm backend. Prints the
 * accuracy, per-class accuracy and the confusion matrix; the last line is `accuracy=0.XXXX`.
 *
 * The dataset comes from --data, else $FASHION_MNIST_DIR, else /usr/share/datasets/fashion-mnist.
 * With --int8 the model is quantized first (runtime/quant: calibrated on training images, integer
 * arithmetic only) and the int8 reference runs every test image in plain TypeScript.
 *
 * Exit status: 0 on success, 2 for a mistake in the arguments, 1 for a missing or damaged
 * weights or dataset file (one line, no stack trace).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBackend } from '../backends-node.ts';
import { FASHION_MNIST_CLASSES, IdxError, loadFashionMnist, type Dataset } from '../data/idx.ts';
import { createShuffleNet } from '../model.ts';
import { predictInt8 } from '../quant/int8-forward.ts';
import { CALIBRATION_IMAGES, quantizeFashion } from '../quant/model.ts';
import { FASHION_ARCH, WEIGHTS_FILE, scalePixels } from './fashion.ts';
import { evaluate, formatEvaluation, scorePredictions, type Evaluation } from './step.ts';
import { EVAL_USAGE, parseEvalArgs, UsageError } from './train-args.ts';

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, '; ');
}

async function main(argv: readonly string[]): Promise<number> {
  let weightsPath: string;
  let test: Dataset;
  let int8 = false;
  let dataDir: string;
  try {
    const options = parseEvalArgs(argv, process.env);
    if (options.command === 'help') {
      console.log(EVAL_USAGE);
      return 0;
    }
    weightsPath = options.weights ?? join('models', WEIGHTS_FILE);
    if (!existsSync(weightsPath)) {
      console.error(`eval: no weights at ${weightsPath}; train them with \`npm run train\``);
      return 1;
    }
    test = loadFashionMnist('t10k', options.dataDir);
    int8 = options.int8;
    dataDir = options.dataDir;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`eval: ${error.message}\nRun \`npm run eval -- --help\` for usage.`);
      return 2;
    }
    if (error instanceof IdxError) {
      console.error(`eval: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (int8) return evalInt8(weightsPath, test, dataDir);
  await useBackend('wasm');
  let net: ReturnType<typeof createShuffleNet>;
  try {
    net = createShuffleNet({ ...FASHION_ARCH, weights: readFileSync(weightsPath) });
  } catch (error) {
    // Reading, parsing or matching the weights to the architecture: all about the file.
    console.error(`eval: ${weightsPath}: ${oneLine(error)}`);
    return 1;
  }
  const started = performance.now();
  const result = evaluate(net, scalePixels(test.images.pixels), test.labels);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${weightsPath} on Fashion-MNIST t10k (${seconds.toFixed(1)} s, wasm)`);
  console.log(formatEvaluation(result, FASHION_MNIST_CLASSES));
  console.log(`accuracy=${result.accuracy.toFixed(4)}`);
  net.dispose();
  return 0;
}

/** The int8 model on every test image, by the integer reference (runtime/quant/int8-forward.ts). */
function evalInt8(weightsPath: string, test: Dataset, dataDir: string): number {
  let model: ReturnType<typeof quantizeFashion>;
  const started = performance.now();
  try {
    const train = loadFashionMnist('train', dataDir);
    model = quantizeFashion(readFileSync(weightsPath), train.images);
  } catch (error) {
    if (error instanceof IdxError) {
      console.error(`eval: ${error.message}`);
      return 1;
    }
    console.error(`eval: ${weightsPath}: ${oneLine(error)}`);
    return 1;
  }
  const calibrated = performance.now();
  const predicted = predictInt8(model, test.images.pixels, test.labels.length);
  const result: Evaluation = scorePredictions(predicted, test.labels, FASHION_MNIST_CLASSES.length);
  const seconds = (s: number, e: number) => ((e - s) / 1000).toFixed(1);
  console.log(
    `${weightsPath}, int8 (calibrated on ${CALIBRATION_IMAGES} training images in ` +
      `${seconds(started, calibrated)} s) on Fashion-MNIST t10k ` +
      `(${seconds(calibrated, performance.now())} s, integer reference)`,
  );
  console.log(formatEvaluation(result, FASHION_MNIST_CLASSES));
  console.log(`accuracy=${result.accuracy.toFixed(4)}`);
  return 0;
}

// Set exitCode rather than calling process.exit, so a piped stdout is flushed completely.
process.exitCode = await main(process.argv.slice(2));
