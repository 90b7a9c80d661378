/**
 * `node runtime/train/average.ts <out.safetensors> <in> <in> ... [--bn-batches N] [--data DIR]
 * [--force]` (npm `average`): stochastic weight averaging (weight-average.ts) of weights files
 * and/or training checkpoints (e.g. those `train --keep-checkpoints` keeps), then BatchNorm
 * statistics re-estimated on the first N batches of 64 training images (default 100; 0 keeps the
 * averaged statistics). Writes a weights file `createShuffleNet`, `npm run eval` and
 * `npm run train -- --init` read; inside models/ only with --force.
 *
 * Exit status: 0 on success, 2 for a mistake in the arguments, 1 for a missing, damaged or
 * mismatched input file, a missing dataset or an unwritable output (one line, no stack trace).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildArch } from '../arch.ts';
import { useBackend } from '../backends-node.ts';
import { IdxError, loadFashionMnist } from '../data/idx.ts';
import { checkWeights } from '../weights.ts';
import { FASHION_ARCH, PIXELS, scalePixels } from './fashion.ts';
import { AVERAGE_USAGE, parseAverageArgs, UsageError } from './train-args.ts';
import { createTrainable } from './trainable.ts';
import {
  averageWeights,
  BN_BATCH_SIZE,
  readAverageInput,
  reestimateBatchNorm,
  type AverageInput,
} from './weight-average.ts';

const MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, '; ');
}

async function main(argv: readonly string[]): Promise<number> {
  let options: ReturnType<typeof parseAverageArgs>;
  try {
    options = parseAverageArgs(argv, { cwd: process.cwd(), modelsDir: MODELS_DIR }, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`average: ${error.message}\n${AVERAGE_USAGE}`);
    return 2;
  }
  if (options.command === 'help') {
    console.log(AVERAGE_USAGE);
    return 0;
  }
  const arch = buildArch(FASHION_ARCH);
  const inputs: AverageInput[] = [];
  for (const path of options.inputs) {
    try {
      const weights = readAverageInput(arch, readFileSync(path));
      inputs.push({ path, weights });
    } catch (error) {
      console.error(`average: ${path}: ${oneLine(error)}`);
      return 1;
    }
  }
  let averaged;
  try {
    averaged = averageWeights(inputs);
    checkWeights(arch, averaged);
  } catch (error) {
    // averageWeights names the file that differs; checkWeights fails only if all inputs agree
    // with each other but not with the Fashion-MNIST network, so name the first.
    const message = oneLine(error);
    const named = options.inputs.some((p) => message.startsWith(`${p}: `));
    console.error(`average: ${named ? '' : `${options.inputs[0]}: `}${message}`);
    return 1;
  }
  await useBackend('wasm');
  let batchesUsed = 0;
  if (options.bnBatches > 0) {
    let pixels: Uint8Array;
    try {
      pixels = loadFashionMnist('train', options.dataDir).images.pixels;
    } catch (error) {
      if (!(error instanceof IdxError)) throw error;
      console.error(`average: ${oneLine(error)}`);
      return 1;
    }
    const used = Math.min(pixels.length / PIXELS, options.bnBatches * BN_BATCH_SIZE);
    const images = scalePixels(pixels.subarray(0, used * PIXELS));
    averaged = reestimateBatchNorm(arch, averaged, images, options.bnBatches);
    batchesUsed = Math.ceil(used / BN_BATCH_SIZE);
  }
  const model = createTrainable(arch, averaged);
  const bytes = model.saveWeights({
    dataset: 'fashion-mnist',
    input: 'pixel / 255',
    averageOf: JSON.stringify(options.inputs),
    bnBatches: String(batchesUsed),
  });
  model.dispose();
  try {
    writeFileSync(options.out, bytes);
  } catch (error) {
    console.error(`average: cannot write ${options.out} (${oneLine(error)})`);
    return 1;
  }
  const bn =
    options.bnBatches > 0
      ? `BatchNorm statistics re-estimated on ${batchesUsed} batches of ${BN_BATCH_SIZE} ` +
        `training images (cumulative, as torch.optim.swa_utils.update_bn)`
      : 'BatchNorm statistics averaged (--bn-batches 0)';
  console.log(`averaged ${inputs.length} files: ${options.inputs.join(', ')}`);
  console.log(bn);
  console.log(`wrote ${options.out} (${bytes.length} bytes)`);
  return 0;
}

// Set exitCode rather than calling process.exit, so a piped stdout is flushed completely.
process.exitCode = await main(process.argv.slice(2));
