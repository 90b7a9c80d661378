/**
 * tfjs in the browser with a choice of backend: 'wasm' (XNNPACK, SIMD), 'webgl', 'cpu' and, where
 * the browser has WebGPU, 'webgpu',
 * started by the runtime's one tfjs starter with this build's wasm files. Import this module only
 * dynamically (from a worker or after a reader's click): it pulls in tfjs.
 */
import { startTf, type StartOptions, type Tf } from '../../runtime/tf-start.ts';
import { TF_WASM_PATHS } from './tf-wasm.ts';
import type { LabBackendName } from './backend-names.ts';

export type BrowserBackend = LabBackendName;

/** Starts tfjs on `backend` (or a fallback); throws an Error naming the backend if none starts. */
export function startBrowserTf(
  backend: BrowserBackend,
  options: Omit<StartOptions, 'wasmPaths'> = {},
): Promise<{ tf: Tf; backend: BrowserBackend }> {
  return startTf(backend, { ...options, wasmPaths: TF_WASM_PATHS });
}

/** Switches tfjs to `backend`; throws an Error naming the backend if it cannot start here. */
export async function useBrowserBackend(backend: BrowserBackend): Promise<Tf> {
  return (await startBrowserTf(backend)).tf;
}
