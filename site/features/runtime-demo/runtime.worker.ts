/**
 * Runs ShuffleNet forward passes off the page's main thread, so the cpu backend's slow passes
 * (about a second at 224x224) never freeze the lesson.
 */
import { createShuffleNet } from '../../../runtime/model.ts';
import { median, randomImage, type ForwardRequest, type ForwardResponse } from './runtime-demo.ts';
import { useBrowserBackend } from '../../tf/tf-browser.ts';

const TIMED_RUNS = 3;

async function forward(request: ForwardRequest): Promise<ForwardResponse> {
  const tf = await useBrowserBackend(request.backend);
  const before = tf.memory().numTensors;
  const model = createShuffleNet({ ...request.options, seed: request.seed });
  const [h, w, c] = model.arch.config.inputShape;
  const input = tf.tensor4d(randomImage(h * w * c, request.seed), [1, h, w, c]);
  const run = () => {
    const start = performance.now();
    const logits = model.predict(input);
    const values = logits.dataSync() as Float32Array;
    logits.dispose();
    return { values, ms: performance.now() - start };
  };
  let timed: { values: Float32Array; ms: number }[];
  try {
    run(); // warm-up: shader compilation and wasm set-up are not the model's speed
    timed = Array.from({ length: TIMED_RUNS }, run);
  } finally {
    input.dispose();
    model.dispose();
  }
  return {
    id: request.id,
    ok: true,
    backend: request.backend,
    logits: timed[0]!.values,
    ms: median(timed.map((t) => t.ms)),
    leakedTensors: tf.memory().numTensors - before,
  };
}

self.onmessage = async (event: MessageEvent<ForwardRequest>) => {
  const request = event.data;
  let response: ForwardResponse;
  try {
    response = await forward(request);
  } catch (err) {
    response = {
      id: request.id,
      ok: false,
      backend: request.backend,
      message: (err as Error).message,
    };
  }
  self.postMessage(response);
};
