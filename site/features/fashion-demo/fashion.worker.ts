/**
 * The Fashion-MNIST demo's worker: classifies the committed 200-image sample with the committed
 * weights, and trains a fresh network on half of the sample with the runtime's in-browser
 * trainer (runtime/train/browser-trainer.ts), on tfjs's wasm backend. Everything heavy (tfjs,
 * the weights, the sample) loads here, on the reader's first click, never on the page.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import weightsUrl from '../../../models/fashion-shufflenet-v2.safetensors?url';
import imagesUrl from '../../../models/fashion-sample-images.idx?url';
import labelsUrl from '../../../models/fashion-sample-labels.idx?url';
import { buildArch } from '../../../runtime/arch.ts';
import { decodeSample } from '../../../runtime/data/sample.ts';
import { createLayerTracer, type LayerTracer } from '../../../runtime/layer-trace.ts';
import { fitHead, type Head } from '../../../runtime/train/head.ts';
import { readWeights } from '../../../runtime/weights.ts';
import { createShuffleNet } from '../../../runtime/model.ts';
import { createBrowserTrainer } from '../../../runtime/train/browser-trainer.ts';
import { FASHION_ARCH, IMAGE_SIZE, PIXELS, scalePixels } from '../../../runtime/train/fashion.ts';
import {
  predictionsFromLogits,
  splitSample,
  type FashionJob,
  type FashionReply,
} from './fashion-demo.ts';
import { startBrowserTf, useBrowserBackend } from '../../tf/tf-browser.ts';
import type { BrowserBackendName } from '../../tf/backend-names.ts';

async function bytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

let loaded: Promise<{ weights: Uint8Array; images: Uint8Array; labels: Uint8Array }> | null = null;
function load() {
  loaded ??= (async () => {
    const [weights, imageFile, labelFile] = await Promise.all(
      [weightsUrl, imagesUrl, labelsUrl].map(bytes),
    );
    const sample = decodeSample(imageFile!, labelFile!);
    return { weights: weights!, images: sample.images.pixels, labels: sample.labels };
  })();
  return loaded;
}

const post = (reply: FashionReply) => self.postMessage(reply);
let training: AbortController | null = null;

async function classify(id: number) {
  const [tf, data] = await Promise.all([useBrowserBackend('wasm'), load()]);
  post({ kind: 'sample', id, images: data.images, labels: data.labels });
  const before = tf.memory().numTensors;
  const net = createShuffleNet({ ...FASHION_ARCH, weights: data.weights });
  const count = data.labels.length;
  const classes = net.arch.config.numClasses;
  const x = tf.tensor4d(scalePixels(data.images), [count, IMAGE_SIZE, IMAGE_SIZE, 1]);
  let values: Float32Array | Int32Array | Uint8Array;
  let ms: number;
  try {
    const started = performance.now();
    const logits = net.predict(x);
    values = await logits.data();
    logits.dispose();
    ms = performance.now() - started;
  } finally {
    x.dispose();
    net.dispose();
  }
  const predictions = predictionsFromLogits(values, classes);
  // Reported so that the e2e test can hold the runtime to its no-leak promise in a browser too.
  post({ kind: 'predictions', id, predictions, ms, leaked: tf.memory().numTensors - before });
}

async function train(job: Extract<FashionJob, { kind: 'train' }>) {
  const [, data] = await Promise.all([useBrowserBackend('wasm'), load()]);
  const { train: subset, heldOut } = splitSample(data.images, data.labels, PIXELS);
  // From scratch (no weights): the reader sees a network learn, not the trained one tweaked.
  const trainer = createBrowserTrainer({ seed: job.seed });
  training = new AbortController();
  let aborted = false;
  let steps = 0;
  try {
    await trainer.train({
      images: subset.images,
      labels: subset.labels,
      steps: job.steps,
      lr: job.lr,
      seed: job.seed,
      signal: training.signal,
      onProgress: (p) => {
        steps = p.step;
        post({ kind: 'progress', id: job.id, report: p });
      },
    });
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
    aborted = true;
  } finally {
    training = null;
  }
  try {
    const heldOutAccuracy = trainer.evaluate(heldOut.images, heldOut.labels);
    post({ kind: 'trained', id: job.id, heldOutAccuracy, aborted, steps });
  } finally {
    trainer.dispose();
  }
}

/** The frozen backbone, compiled for one backend (rebuilt when the reader picks another). */
let tracer: { backend: string; tracer: LayerTracer } | null = null;
async function tracerOn(wanted: FashionJob & { kind: 'inspect' | 'fitHead' | 'testHead' }) {
  const backendName: BrowserBackendName =
    wanted.kind === 'inspect'
      ? wanted.backend
      : ((tracer?.backend as BrowserBackendName) ?? 'wasm');
  const [{ tf, backend }, data] = await Promise.all([startBrowserTf(backendName), load()]);
  if (tracer?.backend !== backend) {
    tracer?.tracer.dispose();
    const arch = buildArch(FASHION_ARCH);
    tracer = { backend, tracer: createLayerTracer(arch, readWeights(arch, data.weights)) };
  }
  return { tf, backend, tracer: tracer.tracer };
}

async function inspect(job: Extract<FashionJob, { kind: 'inspect' }>) {
  const { tf, backend, tracer: t } = await tracerOn(job);
  const x = tf.tensor4d(scalePixels(job.pixels), [1, IMAGE_SIZE, IMAGE_SIZE, 1]);
  try {
    const trace = t.trace(x, job.layer);
    post({
      kind: 'inspection',
      id: job.id,
      backend,
      logits: trace.logits,
      timings: trace.timings.map(({ name, ms, shape }) => ({ name, ms, shape })),
      maps: trace.maps ?? null,
    });
  } finally {
    x.dispose();
  }
}

let head: Head | null = null;
async function fitNewHead(job: Extract<FashionJob, { kind: 'fitHead' }>) {
  const { tf, tracer: t } = await tracerOn(job);
  const count = job.labels.length;
  const x = tf.tensor4d(scalePixels(job.images), [count, IMAGE_SIZE, IMAGE_SIZE, 1]);
  let features: Float32Array;
  try {
    features = t.features(x);
  } finally {
    x.dispose();
  }
  head?.dispose();
  head = null;
  training = new AbortController();
  try {
    head = await fitHead({
      features,
      labels: job.labels,
      dim: features.length / count,
      classes: job.classes,
      steps: job.steps,
      signal: training.signal,
      onProgress: (p) => post({ kind: 'headProgress', id: job.id, ...p }),
    });
    post({ kind: 'headFitted', id: job.id, aborted: false });
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
    post({ kind: 'headFitted', id: job.id, aborted: true });
  } finally {
    training = null;
  }
}

async function testHead(job: Extract<FashionJob, { kind: 'testHead' }>) {
  if (!head) throw new Error('no head has been fitted yet');
  const { tf, tracer: t } = await tracerOn(job);
  const x = tf.tensor4d(scalePixels(job.pixels), [1, IMAGE_SIZE, IMAGE_SIZE, 1]);
  let features: Float32Array;
  try {
    features = t.features(x);
  } finally {
    x.dispose();
  }
  post({ kind: 'headPrediction', id: job.id, probabilities: head.predict(features) });
}

self.onmessage = async (event: MessageEvent<FashionJob>) => {
  const job = event.data;
  if (job.kind === 'cancel') {
    training?.abort();
    return;
  }
  try {
    if (job.kind === 'classify') await classify(job.id);
    else if (job.kind === 'inspect') await inspect(job);
    else if (job.kind === 'fitHead') await fitNewHead(job);
    else if (job.kind === 'testHead') await testHead(job);
    else await train(job);
  } catch (err) {
    post({ kind: 'error', id: job.id, message: (err as Error).message });
  }
};
