import { describe, expect, it } from 'vitest';
import { Func, encodeModule, sleb, uleb } from './encoder.ts';

function instantiate(funcs: Func[]) {
  const bytes = encodeModule(funcs);
  expect(WebAssembly.validate(bytes)).toBe(true);
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return { exports: instance.exports as Record<string, (...a: number[]) => number>, memory };
}

describe('LEB128', () => {
  it('encodes the spec examples', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('refuses values it cannot encode', () => {
    expect(() => uleb(-1)).toThrow(/not a non-negative integer/);
    expect(() => sleb(2 ** 40)).toThrow(/not a 32-bit integer/);
  });
});

describe('encodeModule', () => {
  it('builds a valid module whose scalar loop runs (sum of 1..n)', () => {
    const f = new Func('sum', ['i32'], ['i32']);
    const [n] = f.params;
    const acc = f.local('i32');
    f.block().loop();
    f.get(n!).i32Eqz().brIf(1);
    f.get(acc).get(n!).i32Add().set(acc);
    f.get(n!).i32(1).i32Sub().set(n!).br(0);
    f.end().end().get(acc);
    const { exports } = instantiate([f]);
    expect(exports.sum!(10)).toBe(55);
    expect(exports.sum!(1000)).toBe(500500);
  });

  it('runs SIMD: y = max(a*b + c, 0) on f32x4 lanes, and stores single lanes', () => {
    const f = new Func('fma', ['i32', 'i32', 'i32', 'i32']);
    const [a, b, c, y] = f.params;
    f.get(y!).get(a!).v128Load().get(b!).v128Load().f32x4Mul().get(c!).v128Load().f32x4Add();
    f.v128Const([0, 0, 0, 0]).f32x4Pmax().v128Store();
    const g = new Func('lanes', ['i32', 'i32']);
    const [src, dst] = g.params;
    g.get(dst!).get(src!).v128Load32Splat(8).v128Store64Lane(0);
    g.get(dst!).get(src!).v128Load().v128Store32Lane(3, 8);
    const { exports, memory } = instantiate([f, g]);
    const m = new Float32Array(memory.buffer);
    m.set([1, -2, 3, 4], 0);
    m.set([2, 2, 0.5, -1], 4);
    m.set([0.5, 1, 1, 1], 8);
    exports.fma!(0, 16, 32, 48);
    expect([...m.subarray(12, 16)]).toEqual([2.5, 0, 2.5, 0]);
    m.set([7, 8, 9, 10], 20);
    exports.lanes!(80, 96);
    expect([...m.subarray(24, 27)]).toEqual([9, 9, 10]);
  });

  it('relaxed multiply-add computes a*b+c where the engine supports relaxed SIMD', () => {
    const f = new Func('madd', ['i32']);
    const [p] = f.params;
    f.get(p!).get(p!).v128Load().get(p!).v128Load(16).get(p!).v128Load(32);
    f.f32x4RelaxedMadd().v128Store(48);
    const bytes = encodeModule([f]);
    // Node 24 (V8 12+) ships relaxed SIMD; the kernels fall back to mul+add where it is absent.
    expect(WebAssembly.validate(bytes)).toBe(true);
    const { exports, memory } = instantiate([f]);
    const m = new Float32Array(memory.buffer);
    m.set([1, 2, 3, 4, 5, 6, 7, 8, 1, 1, 1, 1]);
    exports.madd!(0);
    expect([...m.subarray(12, 16)]).toEqual([6, 13, 22, 33]);
  });

  it('an unbalanced body is invalid, so validation does check the bytes', () => {
    const f = new Func('bad', [], ['i32']);
    f.block();
    expect(WebAssembly.validate(encodeModule([f]))).toBe(false);
  });
});
