/**
 * Training speed: `node runtime/train/bench-step.ts [batch] [wasmSteps] [cpuSteps]` times full
 * training steps (forward, loss, gradients, SGD update) of the Fashion-MNIST ShuffleNet on the
 * wasm and cpu backends, after one warm-up step each, and prints seconds per step and steps/s.
 */
import '@tensorflow/tfjs'; // registers the gradient functions (bare tfjs-core has none)
import { buildArch } from '../arch.ts';
import { useBackend, type NodeBackend } from '../backends-node.ts';
import { FASHION_ARCH } from './fashion.ts';
import { createSgd, SGD_DEFAULTS } from './sgd.ts';
import { trainStep } from './step.ts';
import { createTrainable, initialWeights } from './trainable.ts';

const [batch, wasmSteps, cpuSteps] = [64, 5, 1].map((d, i) => Number(process.argv[2 + i] ?? d));

function bench(backend: NodeBackend, steps: number): number {
  const arch = buildArch(FASHION_ARCH);
  const model = createTrainable(arch, initialWeights(arch, 1));
  const sgd = createSgd(model.trainable, SGD_DEFAULTS);
  const pixels = new Float32Array(batch * 784).map((_, i) => ((i * 7919) % 256) / 255);
  const labels = Array.from({ length: batch }, (_, i) => i % 10);
  trainStep(model, sgd, pixels, labels, 0.01); // warm-up: kernel setup, XNNPACK operator caches
  const started = performance.now();
  for (let s = 0; s < steps; s++) trainStep(model, sgd, pixels, labels, 0.01);
  const seconds = (performance.now() - started) / 1000 / steps;
  sgd.dispose();
  model.dispose();
  return seconds;
}

for (const [backend, steps] of [
  ['wasm', wasmSteps],
  ['cpu', cpuSteps],
] as [NodeBackend, number][]) {
  if (steps < 1) continue;
  await useBackend(backend);
  const s = bench(backend, steps);
  console.log(
    `${backend}: batch ${batch}, ${steps} steps: ${s.toFixed(2)} s/step, ${(1 / s).toFixed(3)} steps/s, ` +
      `${(batch / s).toFixed(1)} images/s`,
  );
}
