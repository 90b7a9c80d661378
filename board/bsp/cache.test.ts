import { describe, expect, it } from 'vitest';
import { build, loadCParser } from '../firmware/index.ts';
import { loadBsp } from './bsp.ts';
import { bspKey, compileBsp, decode, encode, type BspUnitStore } from './cache.ts';
import { BSP_INCLUDE_DIR } from './paths.ts';

describe('the compiled BSP cache', () => {
  it('encodes shared and cyclic references, Maps, Sets, bytes, bigints and odd numbers', () => {
    const shared = { n: 1 };
    const root: Record<string, unknown> = {
      a: shared,
      b: [shared, new Map([['k', shared]]), new Set([2n])],
      bytes: new Uint8Array([1, 2, 255]),
      odd: [NaN, -0, Infinity, undefined],
    };
    root.self = root;
    const back = decode(encode(root)) as typeof root & { b: unknown[]; odd: number[] };
    expect(back.self).toBe(back);
    expect(back.b[0]).toBe(back.a);
    expect((back.b[1] as Map<string, unknown>).get('k')).toBe(back.a);
    expect([...(back.b[2] as Set<bigint>)]).toEqual([2n]);
    expect(back.bytes).toEqual(new Uint8Array([1, 2, 255]));
    expect(Object.is(back.odd[1], -0)).toBe(true);
    expect(back.odd[0]).toBeNaN();
    expect(back.odd[3]).toBeUndefined();
  });

  it('links a program from stored units that matches one built from source', async () => {
    const parser = await loadCParser();
    const bsp = loadBsp();
    const files = new Map<string, string>();
    const store: BspUnitStore = {
      read: (key) => files.get(key) ?? null,
      write: (key, text) => void files.set(key, text),
    };
    const salt = `-test-${Math.random()}`;
    compileBsp(parser, bsp, store, salt);
    expect([...files.keys()]).toEqual([`${bspKey(bsp)}${salt}`]);
    const stored = decode(files.get(`${bspKey(bsp)}${salt}`)!) as ReturnType<typeof compileBsp>;
    const main =
      '#include "xil_printf.h"\nint main(void) { xil_printf("hi %d\\r\\n", 3); return 0; }\n';
    const options = { systemDirs: [BSP_INCLUDE_DIR] };
    const fresh = build(parser, { 'main.c': main, ...bsp.files }, ['main.c'], {
      ...options,
      units: compileBsp(parser, bsp).units,
    });
    const cached = build(parser, { 'main.c': main, ...bsp.files }, ['main.c'], {
      ...options,
      units: stored.units,
    });
    expect(cached.diagnostics).toEqual(fresh.diagnostics);
    expect(cached.program!.image).toEqual(fresh.program!.image);
    expect([...cached.program!.symbols]).toEqual([...fresh.program!.symbols]);
  });
});
