/**
 * What this browser offers the benchmark page, checked in a worker (where the benchmark runs:
 * WebGPU and WebGL in a worker are not always what the page has): WebAssembly SIMD and relaxed
 * SIMD for the own kernels and ONNX Runtime Web, a WebGL context on an OffscreenCanvas for tfjs's
 * webgl backend, and a WebGPU adapter and device for its webgpu backend (the same requests
 * tfjs-backend-webgpu's registration makes, so a backend offered is one that starts). Pure
 * apart from the scope it is given; no tfjs.
 */
import type { LabBackendName } from '../../tf/backend-names.ts';
import type { Way } from '../../../runtime/lab/inference.ts';

export type Feature = 'wasmSimd' | 'relaxedSimd' | 'webgl' | 'webgpu';

/** Why a feature is missing (each has a sentence in ui.ts, `inferenceBench.reason.*`). */
export type Reason =
  | 'noWebAssembly'
  | 'noSimd'
  | 'noRelaxedSimd'
  | 'noOffscreenCanvas'
  | 'noWebglContext'
  | 'noNavigatorGpu'
  | 'noAdapter'
  | 'noDevice'
  | 'initFailed';

export type Check = { ok: true; detail?: string } | { ok: false; reason: Reason; detail?: string };
export type Capabilities = Record<Feature, Check>;

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string };
  requestDevice(): Promise<{ destroy(): void }>;
}

/** The parts of a worker's global scope the probe reads. */
export interface ProbeScope {
  WebAssembly?: unknown;
  OffscreenCanvas?: new (w: number, h: number) => { getContext(kind: string): unknown };
  navigator?: { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } };
}

export interface SimdChecks {
  hasSimd(): boolean;
  hasRelaxedSimd(): boolean;
}

const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function checkWebGpu(scope: ProbeScope): Promise<Check> {
  const gpu = scope.navigator?.gpu;
  if (!gpu) return { ok: false, reason: 'noNavigatorGpu' };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return { ok: false, reason: 'noAdapter', detail: why(e) };
  }
  if (!adapter) return { ok: false, reason: 'noAdapter' };
  try {
    (await adapter.requestDevice()).destroy();
  } catch (e) {
    return { ok: false, reason: 'noDevice', detail: why(e) };
  }
  const info = adapter.info;
  const detail = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ');
  return detail ? { ok: true, detail } : { ok: true };
}

export function checkWebgl(scope: ProbeScope): Check {
  if (typeof scope.OffscreenCanvas !== 'function')
    return { ok: false, reason: 'noOffscreenCanvas' };
  try {
    const canvas = new scope.OffscreenCanvas(1, 1);
    if (canvas.getContext('webgl2')) return { ok: true, detail: 'WebGL 2' };
    if (new scope.OffscreenCanvas(1, 1).getContext('webgl')) return { ok: true, detail: 'WebGL 1' };
  } catch (e) {
    return { ok: false, reason: 'noWebglContext', detail: why(e) };
  }
  return { ok: false, reason: 'noWebglContext' };
}

export async function probeCapabilities(
  scope: ProbeScope,
  simd: SimdChecks,
): Promise<Capabilities> {
  let wasmSimd: Check = { ok: true };
  let relaxedSimd: Check = { ok: true };
  if (typeof scope.WebAssembly !== 'object' || scope.WebAssembly === null) {
    wasmSimd = { ok: false, reason: 'noWebAssembly' };
    relaxedSimd = { ok: false, reason: 'noWebAssembly' };
  } else if (!simd.hasSimd()) {
    wasmSimd = { ok: false, reason: 'noSimd' };
    relaxedSimd = { ok: false, reason: 'noSimd' };
  } else if (!simd.hasRelaxedSimd()) {
    relaxedSimd = { ok: false, reason: 'noRelaxedSimd' };
  }
  return { wasmSimd, relaxedSimd, webgl: checkWebgl(scope), webgpu: await checkWebGpu(scope) };
}

/**
 * The tfjs backends to offer: cpu and wasm always (tfjs-wasm has a build without SIMD), webgl
 * and webgpu where the probe found them, none that failed to start here (`failed`).
 */
export function offeredBackends(
  caps: Capabilities | null,
  failed: Partial<Record<LabBackendName, string>>,
): LabBackendName[] {
  const all: LabBackendName[] = ['cpu', 'wasm'];
  if (caps?.webgl.ok) all.push('webgl');
  if (caps?.webgpu.ok) all.push('webgpu');
  return all.filter((b) => failed[b] === undefined);
}

/**
 * Whether a way can run here: the own kernels and ONNX Runtime Web (whose builds since 1.19 are
 * all SIMD builds) need WebAssembly SIMD; the tfjs paths run on any backend.
 */
export function wayAvailable(way: Way, caps: Capabilities | null): boolean {
  if (way === 'fastWasm' || way === 'ortWeb') return caps?.wasmSimd.ok === true;
  return true;
}
