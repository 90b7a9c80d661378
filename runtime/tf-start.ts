/**
 * The one way this project starts tfjs, in Node (tests, command-line tools, the grader's worker
 * thread) and in browsers (the site's workers): tfjs-core, plus only the backend asked for,
 * loaded on first use. The `@tensorflow/tfjs` umbrella is never imported; it would also load
 * layers, converter, data and webgl, about four times the start-up cost of tfjs-core and one
 * backend.
 *
 * The wasm backend finds its .wasm files next to its own script in Node; a bundle must say where
 * it put them (`wasmPaths`, passed to tfjs-backend-wasm's `setWasmPaths`, see the backend's
 * README). Its threaded build is switched off: the project runs it single-threaded everywhere,
 * and the threaded build hangs once bundled by Vite.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerChainedOps } from './tfjs-chained-ops.ts';

export type TfBackend = 'cpu' | 'wasm' | 'webgl' | 'webgpu';
export type Tf = typeof tf;

/** Each backend's package, imported the first time it is asked for (it registers itself). */
const LOADERS: Record<TfBackend, () => Promise<unknown>> = {
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
  wasm: () => import('@tensorflow/tfjs-backend-wasm'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  // Registers itself only where `navigator.gpu` exists; browsers only (it needs WebGPU).
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
};

export interface StartOptions {
  /** Backends to try, in order, if `backend` cannot start here (the grade worker: cpu). */
  fallback?: readonly TfBackend[];
  /** Where the wasm backend's .wasm files are: a folder URL or a map of file name to URL. */
  wasmPaths?: string | Record<string, string>;
  /** Install tfjs's chained tensor methods (`x.reshape(...)`), as learner code expects. */
  chainedOps?: boolean;
}

let wasmPathsSet = false;

async function load(backend: TfBackend, options: StartOptions): Promise<void> {
  const module = await LOADERS[backend]();
  if (backend === 'wasm') {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (options.wasmPaths !== undefined && !wasmPathsSet) {
      wasmPathsSet = true;
      const { setWasmPaths } = module as typeof import('@tensorflow/tfjs-backend-wasm');
      setWasmPaths(options.wasmPaths as string);
    }
  }
}

/** Switches to one backend; resolves to why it did not start, or null when it did. */
async function trySwitch(backend: TfBackend, options: StartOptions): Promise<string | null> {
  try {
    await load(backend, options);
    const ok = await tf.setBackend(backend);
    await tf.ready();
    if (ok && tf.getBackend() === backend) return null;
    return `got '${tf.getBackend()}'`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Starts tfjs on `backend` (or the first of `options.fallback` that starts) and resolves to tfjs
 * and the backend in use; throws an Error naming the backend if none starts.
 */
export async function startTf(
  backend: TfBackend,
  options: StartOptions = {},
): Promise<{ tf: Tf; backend: TfBackend }> {
  // PROD silences tfjs's console banners ("install tfjs-node"), noise in a terminal or a page.
  tf.env().set('PROD', true);
  if (options.chainedOps) registerChainedOps();
  const reasons: string[] = [];
  for (const candidate of [backend, ...(options.fallback ?? [])]) {
    const reason = await trySwitch(candidate, options);
    if (reason === null) return { tf, backend: candidate };
    reasons.push(`${candidate}: ${reason}`);
  }
  throw new Error(`The ${backend} backend could not start (${reasons.join('; ')})`);
}
