/**
 * `npm run eval` (node runtime/train/eval.ts [weights.safetensors]): the committed Fashion-MNIST
 * weights (models/fashion-shufflenet-v2.safetensors) on the 10,000 test images, run by the
 * inference executor (createShuffleNet, BN folded) on the wasm backend. Prints the accuracy,
 * per-class accuracy and the confusion matrix; the last line is `accuracy=0.XXXX`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBackend } from '../backends-node.ts';
import { FASHION_MNIST_CLASSES, loadFashionMnist } from '../data/idx.ts';
import { createShuffleNet } from '../model.ts';
import { FASHION_ARCH, WEIGHTS_FILE, scalePixels } from './fashion.ts';
import { evaluate, formatEvaluation } from './step.ts';

const path = process.argv[2] ?? join('models', WEIGHTS_FILE);
if (!existsSync(path)) {
  console.error(`eval: no weights at ${path}; train them with \`npm run train\``);
  process.exit(1);
}
await useBackend('wasm');
const test = loadFashionMnist('t10k');
const net = createShuffleNet({ ...FASHION_ARCH, weights: readFileSync(path) });
const started = performance.now();
const result = evaluate(net, scalePixels(test.images.pixels), test.labels);
const seconds = (performance.now() - started) / 1000;
console.log(`${path} on Fashion-MNIST t10k (${seconds.toFixed(1)} s, wasm)`);
console.log(formatEvaluation(result, FASHION_MNIST_CLASSES));
console.log(`accuracy=${result.accuracy.toFixed(4)}`);
net.dispose();
