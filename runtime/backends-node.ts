/**
 * Registers the tfjs backends usable in Node for tests and command-line scripts: 'cpu' (plain
 * JS, the reference) and 'wasm' (XNNPACK, single-threaded SIMD in Node; toolchain P3: tfjs-node
 * cannot install offline). The wasm backend finds its .wasm file next to its own script in Node
 * (toolchain P4). Both packages register against the same tfjs-core copy this module imports.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

/** The backends registered here, reference first. */
export const NODE_BACKENDS = ['cpu', 'wasm'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/** Switches to `backend` and waits until it is initialised; throws if it did not start. */
export async function useBackend(backend: NodeBackend): Promise<void> {
  const ok = await tf.setBackend(backend);
  await tf.ready();
  if (!ok || tf.getBackend() !== backend) {
    throw new Error(`tfjs backend '${backend}' failed to initialise (got '${tf.getBackend()}')`);
  }
}
