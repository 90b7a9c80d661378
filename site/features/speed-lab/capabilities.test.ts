import { describe, expect, it } from 'vitest';
import { hasRelaxedSimd, hasSimd } from '../../../runtime/fast/wasm/kernels.ts';
import {
  checkWebGpu,
  checkWebgl,
  offeredBackends,
  probeCapabilities,
  wayAvailable,
  type Capabilities,
  type ProbeScope,
} from './capabilities.ts';

const simdYes = { hasSimd: () => true, hasRelaxedSimd: () => true };

/** A scope with a WebGPU adapter whose device request does what `device` says. */
function gpuScope(device: 'ok' | 'throws', info?: object): ProbeScope {
  let destroyed = 0;
  return {
    navigator: {
      gpu: {
        requestAdapter: async () => ({
          info,
          requestDevice: async () => {
            if (device === 'throws') throw new Error('limits too high');
            return { destroy: () => destroyed++ };
          },
        }),
      },
    },
    get destroyed() {
      return destroyed;
    },
  } as ProbeScope;
}

describe('capabilities', () => {
  it('finds SIMD in Node as the kernels do, and says which part is missing', async () => {
    const here = await probeCapabilities(globalThis as ProbeScope, { hasSimd, hasRelaxedSimd });
    expect(here.wasmSimd).toEqual({ ok: true });
    expect(here.relaxedSimd.ok).toBe(hasRelaxedSimd());
    // Node has neither OffscreenCanvas nor navigator.gpu.
    expect(here.webgl).toEqual({ ok: false, reason: 'noOffscreenCanvas' });
    expect(here.webgpu).toEqual({ ok: false, reason: 'noNavigatorGpu' });

    const noSimd = await probeCapabilities(
      { WebAssembly: {} },
      { ...simdYes, hasSimd: () => false },
    );
    expect(noSimd.wasmSimd).toEqual({ ok: false, reason: 'noSimd' });
    expect(noSimd.relaxedSimd).toEqual({ ok: false, reason: 'noSimd' });
    const noRelaxed = await probeCapabilities(
      { WebAssembly: {} },
      { ...simdYes, hasRelaxedSimd: () => false },
    );
    expect(noRelaxed.wasmSimd.ok).toBe(true);
    expect(noRelaxed.relaxedSimd).toEqual({ ok: false, reason: 'noRelaxedSimd' });
    const none = await probeCapabilities({}, simdYes);
    expect(none.wasmSimd).toEqual({ ok: false, reason: 'noWebAssembly' });
  });

  it('offers WebGPU only when an adapter and a device come, and frees the device', async () => {
    const scope = gpuScope('ok', { vendor: 'acme', architecture: 'x1' });
    expect(await checkWebGpu(scope)).toEqual({ ok: true, detail: 'acme x1' });
    expect((scope as { destroyed: number }).destroyed).toBe(1);
    expect(await checkWebGpu(gpuScope('throws'))).toEqual({
      ok: false,
      reason: 'noDevice',
      detail: 'limits too high',
    });
    const noAdapter: ProbeScope = { navigator: { gpu: { requestAdapter: async () => null } } };
    expect(await checkWebGpu(noAdapter)).toEqual({ ok: false, reason: 'noAdapter' });
    expect(await checkWebGpu({ navigator: {} })).toEqual({ ok: false, reason: 'noNavigatorGpu' });
  });

  it('takes WebGL 2, else WebGL 1, else says there is no context', () => {
    const canvas = (kinds: string[]) =>
      class {
        getContext(kind: string) {
          return kinds.includes(kind) ? {} : null;
        }
      };
    expect(checkWebgl({ OffscreenCanvas: canvas(['webgl2', 'webgl']) })).toEqual({
      ok: true,
      detail: 'WebGL 2',
    });
    expect(checkWebgl({ OffscreenCanvas: canvas(['webgl']) })).toEqual({
      ok: true,
      detail: 'WebGL 1',
    });
    expect(checkWebgl({ OffscreenCanvas: canvas([]) })).toEqual({
      ok: false,
      reason: 'noWebglContext',
    });
  });

  it('offers the backends and ways that can run, none that failed', () => {
    const caps: Capabilities = {
      wasmSimd: { ok: true },
      relaxedSimd: { ok: false, reason: 'noRelaxedSimd' },
      webgl: { ok: true },
      webgpu: { ok: true },
    };
    expect(offeredBackends(caps, {})).toEqual(['cpu', 'wasm', 'webgl', 'webgpu']);
    expect(offeredBackends(caps, { webgpu: 'no device' })).toEqual(['cpu', 'wasm', 'webgl']);
    expect(offeredBackends(null, {})).toEqual(['cpu', 'wasm']);
    const noSimd = { ...caps, wasmSimd: { ok: false, reason: 'noSimd' } } as Capabilities;
    expect(wayAvailable('fastWasm', caps)).toBe(true);
    expect(wayAvailable('fastWasm', noSimd)).toBe(false);
    expect(wayAvailable('ortWeb', noSimd)).toBe(false);
    expect(wayAvailable('fast', noSimd)).toBe(true);
    expect(wayAvailable('fastWasm', null)).toBe(false);
  });
});
