/**
 * A small WebAssembly binary encoder: enough of the format to build the fast path's kernels in
 * TypeScript, with no toolchain (the project has no wabt, binaryen or emscripten). It writes the
 * binary format of the WebAssembly Core Specification 2.0 (section 5, "Binary Format"): LEB128
 * integers (5.2.2), the type, import, function, export and code sections (5.5), and the
 * instructions used here (5.4), including the 128-bit SIMD ones (prefix 0xFD, 5.4.8) and, as an
 * option, relaxed SIMD's f32x4.relaxed_madd (0xFD 0x105, WebAssembly relaxed-simd proposal,
 * Overview.md "Binary format"). Only what the kernels use is here; `WebAssembly.validate` is
 * the check (encoder.test.ts).
 */

export type ValType = 'i32' | 'f32' | 'v128';
const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, v128: 0x7b };

/** Unsigned LEB128 (spec 5.2.2). */
export function uleb(n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`uleb: ${n} is not a non-negative integer`);
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer (spec 5.2.2). */
export function sleb(n: number): number[] {
  if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 32) {
    throw new Error(`sleb: ${n} is not a 32-bit integer`);
  }
  let v = n | 0;
  const out: number[] = [];
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function utf8(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** A local variable or parameter of the function being built. */
export interface Local {
  readonly index: number;
  readonly type: ValType;
}

/** Memory access alignment (log2 bytes) and static offset (spec 5.4.6 memarg). */
const memarg = (align: number, offset: number) => [...uleb(align), ...uleb(offset)];

/**
 * One function body. Methods append instructions and return `this`, so kernels read as the
 * stack-machine code they are.
 */
export class Func {
  readonly bytes: number[] = [];
  private readonly locals: ValType[] = [];
  readonly params: Local[];
  readonly name: string;
  readonly results: ValType[];

  constructor(name: string, paramTypes: ValType[], results: ValType[] = []) {
    this.name = name;
    this.results = results;
    this.params = paramTypes.map((type, index) => ({ index, type }));
  }

  local(type: ValType): Local {
    this.locals.push(type);
    return { index: this.params.length + this.locals.length - 1, type };
  }

  private op(...b: number[]): this {
    this.bytes.push(...b);
    return this;
  }
  private simd(code: number, ...rest: number[]): this {
    return this.op(0xfd, ...uleb(code), ...rest);
  }

  // Control (spec 5.4.1). Blocks take no values and return none.
  block(): this {
    return this.op(0x02, 0x40);
  }
  loop(): this {
    return this.op(0x03, 0x40);
  }
  if_(): this {
    return this.op(0x04, 0x40);
  }
  else_(): this {
    return this.op(0x05);
  }
  end(): this {
    return this.op(0x0b);
  }
  br(depth: number): this {
    return this.op(0x0c, ...uleb(depth));
  }
  brIf(depth: number): this {
    return this.op(0x0d, ...uleb(depth));
  }
  return_(): this {
    return this.op(0x0f);
  }
  drop(): this {
    return this.op(0x1a);
  }
  select(): this {
    return this.op(0x1b);
  }

  // Variables (5.4.4).
  get(l: Local): this {
    return this.op(0x20, ...uleb(l.index));
  }
  set(l: Local): this {
    return this.op(0x21, ...uleb(l.index));
  }
  tee(l: Local): this {
    return this.op(0x22, ...uleb(l.index));
  }

  // Memory (5.4.6); `offset` is the static byte offset added to the address on the stack.
  i32Load(offset = 0): this {
    return this.op(0x28, ...memarg(2, offset));
  }
  f32Load(offset = 0): this {
    return this.op(0x2a, ...memarg(2, offset));
  }
  i32Store(offset = 0): this {
    return this.op(0x36, ...memarg(2, offset));
  }
  f32Store(offset = 0): this {
    return this.op(0x38, ...memarg(2, offset));
  }

  // Numeric (5.4.7).
  i32(n: number): this {
    return this.op(0x41, ...sleb(n));
  }
  f32(x: number): this {
    const b = new Uint8Array(new Float32Array([x]).buffer);
    return this.op(0x43, ...b);
  }
  i32Eqz(): this {
    return this.op(0x45);
  }
  i32Eq(): this {
    return this.op(0x46);
  }
  i32Ne(): this {
    return this.op(0x47);
  }
  i32LtS(): this {
    return this.op(0x48);
  }
  i32LtU(): this {
    return this.op(0x49);
  }
  i32GtS(): this {
    return this.op(0x4a);
  }
  i32GeS(): this {
    return this.op(0x4e);
  }
  i32GeU(): this {
    return this.op(0x4f);
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32And(): this {
    return this.op(0x71);
  }
  i32Shl(): this {
    return this.op(0x74);
  }
  i32ShrU(): this {
    return this.op(0x76);
  }
  f32Add(): this {
    return this.op(0x92);
  }
  f32Mul(): this {
    return this.op(0x94);
  }
  f32Max(): this {
    return this.op(0x97);
  }

  // SIMD (5.4.8): opcodes after the 0xFD prefix.
  v128Load(offset = 0): this {
    return this.simd(0x00, ...memarg(4, offset));
  }
  v128Load32Splat(offset = 0): this {
    return this.simd(0x09, ...memarg(2, offset));
  }
  v128Store(offset = 0): this {
    return this.simd(0x0b, ...memarg(4, offset));
  }
  /** Stores lane `lane` of an f32x4 (4 bytes). */
  v128Store32Lane(lane: number, offset = 0): this {
    return this.simd(0x5a, ...memarg(2, offset), lane);
  }
  /** Stores 64-bit lane `lane` (two floats). */
  v128Store64Lane(lane: number, offset = 0): this {
    return this.simd(0x5b, ...memarg(3, offset), lane);
  }
  f32x4Splat(): this {
    return this.simd(0x13);
  }
  f32x4ExtractLane(lane: number): this {
    return this.simd(0x1f, lane);
  }
  f32x4Add(): this {
    return this.simd(0xe4);
  }
  f32x4Mul(): this {
    return this.simd(0xe6);
  }
  f32x4Max(): this {
    return this.simd(0xe9);
  }
  /** Pseudo-maximum: b > a ? b : a (one x86 maxps; spec 4.3.3 fpmax). */
  f32x4Pmax(): this {
    return this.simd(0xeb);
  }
  /** Relaxed SIMD a*b+c, fused or not depending on the machine. */
  f32x4RelaxedMadd(): this {
    return this.simd(0x105);
  }
  v128Const(lanes: [number, number, number, number]): this {
    const b = new Uint8Array(new Float32Array(lanes).buffer);
    return this.simd(0x0c, ...b);
  }

  /** The code-section entry: locals (run-length encoded) and the body. */
  encode(): number[] {
    const runs: number[][] = [];
    for (const t of this.locals) {
      const last = runs.at(-1);
      if (last && last[1] === VALTYPE[t]) last[0]!++;
      else runs.push([1, VALTYPE[t]]);
    }
    const body = [...vec(runs.map(([n, t]) => [...uleb(n!), t!])), ...this.bytes, 0x0b];
    return [...uleb(body.length), ...body];
  }
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

/**
 * A module importing one linear memory as env.memory (at least `minPages` 64 KiB pages) and
 * exporting every function under its name.
 */
export function encodeModule(funcs: Func[], minPages = 1): Uint8Array<ArrayBuffer> {
  const sigs: string[] = [];
  const typeOf = funcs.map((f) => {
    const sig = [
      0x60,
      ...vec(f.params.map((p) => [VALTYPE[p.type]])),
      ...vec(f.results.map((r) => [VALTYPE[r]])),
    ];
    const key = sig.join(',');
    let i = sigs.indexOf(key);
    if (i < 0) i = sigs.push(key) - 1;
    return i;
  });
  const types = sigs.map((k) => k.split(',').map(Number));
  const memoryImport = [...utf8('env'), ...utf8('memory'), 0x02, 0x00, ...uleb(minPages)];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([memoryImport])),
    ...section(3, vec(typeOf.map((t) => uleb(t)))),
    ...section(7, vec(funcs.map((f, i) => [...utf8(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(funcs.map((f) => f.encode()))),
  ];
  return new Uint8Array(bytes);
}
