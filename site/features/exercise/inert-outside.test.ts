// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { inertOutside } from './inert-outside.ts';

describe('inertOutside', () => {
  it('makes everything but the kept element and its ancestors inert, and undoes it', () => {
    document.body.innerHTML =
      '<header id="h"></header><main id="m"><p id="p"></p><section id="s"><b id="b"></b></section></main><nav id="n" inert></nav>';
    const restore = inertOutside(document.getElementById('s')!);
    const inert = (id: string) => document.getElementById(id)!.hasAttribute('inert');
    expect(['h', 'p', 'n'].map(inert)).toEqual([true, true, true]);
    expect(['m', 's', 'b'].map(inert)).toEqual([false, false, false]);
    restore();
    expect(['h', 'p'].map(inert)).toEqual([false, false]);
    // What was inert before stays so.
    expect(inert('n')).toBe(true);
  });
});
