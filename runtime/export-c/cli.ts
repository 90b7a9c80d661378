/**
 * `npm run export-c -- --out DIR [--weights FILE] [--data DIR]`: quantizes the Fashion-MNIST
 * model (calibrated on training images, runtime/quant) and writes it as C99 to DIR, with the
 * committed 200-image sample and a main.c that classifies it. Then
 *   npm run board -- run DIR/*.c
 * runs it on the simulated Zynq-7000, and
 *   arm-none-eabi-gcc -O2 -mcpu=cortex-a9 --specs=rdimon.specs -DSHUFFLENET_NEWLIB DIR/*.c
 * builds it for qemu-arm.
 * Exit status: 0 written, 2 a mistake in the arguments, 1 a missing or damaged input file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FASHION_MNIST_CLASSES, IdxError, fashionMnistDir, loadFashionMnist } from '../data/idx.ts';
import { SAMPLE_IMAGES_FILE, SAMPLE_LABELS_FILE, decodeSample } from '../data/sample.ts';
import { quantizeFashion } from '../quant/model.ts';
import { WEIGHTS_FILE } from '../train/fashion.ts';
import { exportC } from './emit.ts';

const USAGE = `Usage: npm run export-c -- --out DIR [--weights FILE] [--data DIR]

  --out DIR         where the C files go (created if missing)
  --weights FILE    float weights, default models/${WEIGHTS_FILE}
  --data DIR        Fashion-MNIST (calibration images), default $FASHION_MNIST_DIR or
                    /usr/share/datasets/fashion-mnist`;

function main(argv: string[]): number {
  let values: { out?: string; weights?: string; data?: string; help?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        weights: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`export-c: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.out) {
    console.error(`export-c: --out DIR is required (the folder for the C files)\n${USAGE}`);
    return 2;
  }
  const weightsPath = values.weights ?? join('models', WEIGHTS_FILE);
  let weights: Uint8Array;
  let sample: ReturnType<typeof decodeSample>;
  try {
    weights = readFileSync(weightsPath);
    sample = decodeSample(
      readFileSync(join('models', SAMPLE_IMAGES_FILE)),
      readFileSync(join('models', SAMPLE_LABELS_FILE)),
    );
  } catch (error) {
    // A missing or unreadable weights file or committed sample: name it (fs puts the path in).
    console.error(`export-c: cannot read the weights or the sample: ${(error as Error).message}`);
    return 1;
  }
  let model: ReturnType<typeof quantizeFashion>;
  try {
    const train = loadFashionMnist('train', fashionMnistDir(values.data, process.env));
    model = quantizeFashion(weights, train.images);
  } catch (error) {
    const where = error instanceof IdxError ? '' : `${weightsPath}: `;
    console.error(`export-c: ${where}${(error as Error).message}`);
    return 1;
  }
  const out = exportC(
    model,
    { count: sample.images.count, pixels: sample.images.pixels, labels: sample.labels },
    { classNames: FASHION_MNIST_CLASSES },
  );
  mkdirSync(values.out, { recursive: true });
  for (const [name, text] of Object.entries(out.files)) writeFileSync(join(values.out, name), text);
  console.log(
    `export-c: wrote ${Object.keys(out.files).join(', ')} to ${values.out} ` +
      `(arena ${out.arenaBytes} bytes, weights and parameters ${out.weightBytes} bytes, ` +
      `${sample.images.count} sample images)`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
