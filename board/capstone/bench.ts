/**
 * Speed of the simulated board on the exported int8 ShuffleNet (runtime/export-c): builds the C
 * with the BSP, then runs the classification of the committed sample (all 200 images, or
 * `--images N`) and prints the simulated time against the wall-clock and CPU time it took.
 * Usage: node board/capstone/bench.ts [--images N]   (npm run bench:shufflenet-board)
 * Needs the Fashion-MNIST training images for the calibration (as `npm run export-c`).
 * The last line is `simulated=<s> s wall=<s> s cpu=<s> s wall/simulated=<r> cpu/simulated=<r>`:
 * issue 16's bar is wall at most 4x simulated; on a shared machine the process's CPU time
 * separates the engine's speed from the load (wall/simulated rises with other jobs, CPU does not).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFashionMnist } from '../../runtime/data/idx.ts';
import { decodeSample, SAMPLE_IMAGES_FILE, SAMPLE_LABELS_FILE } from '../../runtime/data/sample.ts';
import { exportC } from '../../runtime/export-c/emit.ts';
import { quantizeFashion } from '../../runtime/quant/model.ts';
import { WEIGHTS_FILE } from '../../runtime/train/fashion.ts';
import { nodeEnv } from '../bsp/bsp.ts';
import { BoardSession } from '../session.ts';

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { images: { type: 'string' } } });
  const sample = decodeSample(
    readFileSync(join('models', SAMPLE_IMAGES_FILE)),
    readFileSync(join('models', SAMPLE_LABELS_FILE)),
  );
  const images = values.images === undefined ? sample.images.count : Number(values.images);
  if (!Number.isInteger(images) || images < 1 || images > sample.images.count) {
    console.error(
      `bench: --images ${values.images}: expected an integer from 1 to ${sample.images.count}`,
    );
    return 2;
  }
  const model = quantizeFashion(
    readFileSync(join('models', WEIGHTS_FILE)),
    loadFashionMnist('train').images,
  );
  const { files } = exportC(model, {
    count: sample.images.count,
    pixels: sample.images.pixels,
    labels: sample.labels,
  });
  files['main.c'] = `#define SAMPLE_LIMIT ${images}\n${files['main.c']}`;

  const session = new BoardSession(nodeEnv());
  let t = performance.now();
  const built = await session.build({
    files,
    sources: ['main.c', 'shufflenet_int8.c', 'samples.c'],
  });
  if (!built.ok) {
    console.error(built.diagnostics);
    return 1;
  }
  console.log(`build: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  session.reset({ run: true });
  const cpu = process.cpuUsage();
  t = performance.now();
  while (session.status === 'running') session.runForMs(1000);
  const wall = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const result = session.result();
  const transcript = result.uart.trim().split(/\r?\n/);
  console.log(transcript[transcript.length - 1]);
  if (result.status !== 'returned') {
    console.error(`bench: the program did not return: ${result.reason}`);
    return 1;
  }
  const simulated = result.simulatedMs / 1000;
  console.log(
    `${images} images: ${(simulated / images).toFixed(3)} s simulated and ` +
      `${(wall / images).toFixed(3)} s wall per image`,
  );
  console.log(
    `simulated=${simulated.toFixed(2)} s wall=${wall.toFixed(2)} s cpu=${cpuSeconds.toFixed(2)} s ` +
      `wall/simulated=${(wall / simulated).toFixed(2)} ` +
      `cpu/simulated=${(cpuSeconds / simulated).toFixed(2)}`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
