/**
 * tfjs in the browser with a choice of backend: 'wasm' (XNNPACK, SIMD), 'webgl' and 'cpu'.
 * Import this module only dynamically (from a worker or after a reader's click): it pulls in
 * about 700 KiB of tfjs.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { configureTfWasm } from './tf-wasm.ts';
import type { BrowserBackendName } from './backend-names.ts';

export type BrowserBackend = BrowserBackendName;

/** Switches tfjs to `backend`; throws an Error naming the backend if it cannot start here. */
export async function useBrowserBackend(backend: BrowserBackend): Promise<typeof tf> {
  configureTfWasm();
  let ok = false;
  try {
    ok = await tf.setBackend(backend);
    await tf.ready();
  } catch (err) {
    throw new Error(`The ${backend} backend could not start: ${(err as Error).message}`);
  }
  if (!ok || tf.getBackend() !== backend) {
    throw new Error(`The ${backend} backend could not start in this browser`);
  }
  return tf;
}
