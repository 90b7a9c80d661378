/**
 * The tfjs backends used in Node for tests and command-line scripts: 'cpu' (plain JS, the
 * reference) and 'wasm' (XNNPACK, single-threaded SIMD; tfjs-node's native binding is not used).
 * Both start through `tf-start.ts`, like every other tfjs user in the project.
 */
import { startTf } from './tf-start.ts';

/** The backends used in Node, reference first. */
export const NODE_BACKENDS = ['cpu', 'wasm'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/** Switches to `backend` and waits until it is initialised; throws if it did not start. */
export async function useBackend(backend: NodeBackend): Promise<void> {
  await startTf(backend);
}
