import { describe, expect, it } from 'vitest';
import {
  bfloat16ToFloat32,
  float16ToFloat32,
  parseSafetensors,
  SafetensorsError,
  serializeSafetensors,
} from './safetensors.ts';

/** ASCII text as bytes, one char code each (the test headers are plain ASCII). */
function ascii(text: string): number[] {
  return Array.from(text, (ch) => ch.charCodeAt(0));
}

/** A file built by hand: u64 little-endian header length (< 2^16 here), header, data. */
function handBuiltFile(header: string, data: number[]): Uint8Array {
  const n = header.length;
  return Uint8Array.from([n & 0xff, n >> 8, 0, 0, 0, 0, 0, 0, ...ascii(header), ...data]);
}

describe('parseSafetensors on a file built byte by byte', () => {
  // Header order, data order and dtypes all differ on purpose: offsets decide where data is.
  const header = JSON.stringify({
    __metadata__: { format: 'pt' },
    'fc.weight': { dtype: 'F32', shape: [1, 2], data_offsets: [8, 16] },
    'bn.num_batches_tracked': { dtype: 'I64', shape: [], data_offsets: [16, 24] },
    half: { dtype: 'F16', shape: [2], data_offsets: [0, 4] },
    brain: { dtype: 'BF16', shape: [2], data_offsets: [4, 8] },
  });
  const data = [
    ...[0x00, 0x3c, 0x00, 0xc0], // F16 1.0 (0x3C00), -2.0 (0xC000)
    ...[0xc0, 0x3f, 0x20, 0xc0], // BF16 1.5 (0x3FC0), -2.5 (0xC020)
    ...[0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0], // F32 1.0, -2.5
    ...[0x07, 0x01, 0, 0, 0, 0, 0, 0], // I64 263
  ];
  const { tensors, metadata } = parseSafetensors(handBuiltFile(header, data));

  it('reads every tensor at its offsets, with its dtype and shape', () => {
    expect([...tensors.keys()].sort()).toEqual([
      'bn.num_batches_tracked',
      'brain',
      'fc.weight',
      'half',
    ]);
    expect(tensors.get('fc.weight')).toEqual({
      dtype: 'F32',
      shape: [1, 2],
      data: Float32Array.from([1, -2.5]),
    });
    expect(Array.from(tensors.get('half')!.data)).toEqual([1, -2]);
    expect(Array.from(tensors.get('brain')!.data)).toEqual([1.5, -2.5]);
  });

  it('returns int64 scalars as float32 values with dtype I64', () => {
    expect(tensors.get('bn.num_batches_tracked')).toEqual({
      dtype: 'I64',
      shape: [],
      data: Float32Array.from([263]),
    });
  });

  it('returns the metadata', () => {
    expect(metadata).toEqual({ format: 'pt' });
  });

  it('reads a file that sits inside a larger buffer at an odd offset', () => {
    const file = handBuiltFile(header, data);
    const outer = new Uint8Array(file.length + 3);
    outer.set(file, 3);
    const parsed = parseSafetensors(outer.subarray(3));
    expect(Array.from(parsed.tensors.get('fc.weight')!.data)).toEqual([1, -2.5]);
  });
});

describe('float16ToFloat32', () => {
  it.each([
    ['0x3c00', 0x3c00, 1],
    ['0xc000', 0xc000, -2],
    ['0x7bff', 0x7bff, 65504], // largest finite half
    ['0x0400', 0x0400, 2 ** -14], // smallest normal
    ['0x0001', 0x0001, 2 ** -24], // smallest subnormal
    ['0x03ff', 0x03ff, 1023 * 2 ** -24], // largest subnormal
    ['0x3555', 0x3555, 0.333251953125],
    ['0x0000', 0x0000, 0],
    ['0x7c00', 0x7c00, Infinity],
    ['0xfc00', 0xfc00, -Infinity],
  ])('decodes %s', (_hex, bits, value) => {
    expect(float16ToFloat32(bits)).toBe(value);
  });

  it('decodes NaN and negative zero', () => {
    expect(float16ToFloat32(0x7e00)).toBeNaN();
    expect(Object.is(float16ToFloat32(0x8000), -0)).toBe(true);
  });

  it('bfloat16 keeps the float32 exponent range', () => {
    expect(bfloat16ToFloat32(0x3f80)).toBe(1);
    expect(bfloat16ToFloat32(0x4780)).toBe(65536); // beyond float16's range
    expect(bfloat16ToFloat32(0xbf80)).toBe(-1);
  });
});

describe('serializeSafetensors', () => {
  const tensors = new Map([
    ['stage2.0.branch1.0.weight', { shape: [2, 1, 1, 1], data: Float32Array.from([0.5, -3]) }],
    ['conv1.0.weight', { shape: [3], data: Float32Array.from([1, 2, 1e-7]) }],
    ['scalar', { shape: [], data: Float32Array.from([42]) }],
    ['empty', { shape: [0, 4], data: new Float32Array(0) }],
  ]);

  it('round-trips tensors and metadata', () => {
    const parsed = parseSafetensors(serializeSafetensors(tensors, { format: 'pt', note: 'x' }));
    expect(parsed.metadata).toEqual({ format: 'pt', note: 'x' });
    expect(parsed.tensors.size).toBe(4);
    for (const [name, t] of tensors) {
      expect(parsed.tensors.get(name)).toEqual({ dtype: 'F32', shape: t.shape, data: t.data });
    }
  });

  it('accepts a plain record as well as a Map', () => {
    const bytes = serializeSafetensors({ b: { shape: [1], data: Float32Array.from([2]) } });
    expect(parseSafetensors(bytes).tensors.get('b')!.data).toEqual(Float32Array.from([2]));
    expect(parseSafetensors(bytes).metadata).toEqual({});
  });

  it('pads the header with spaces to a multiple of 8 and writes sorted, contiguous F32 data', () => {
    const bytes = serializeSafetensors(tensors);
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const headerText = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(headerText.trimEnd().endsWith('}')).toBe(true);
    expect(headerText.slice(headerText.trimEnd().length)).toMatch(/^ *$/);
    const header = JSON.parse(headerText) as Record<string, { data_offsets: [number, number] }>;
    expect(Object.keys(header)).toEqual([
      'conv1.0.weight',
      'empty',
      'scalar',
      'stage2.0.branch1.0.weight',
    ]);
    expect(Object.values(header).map((e) => e.data_offsets)).toEqual([
      [0, 12],
      [12, 12],
      [12, 16],
      [16, 24],
    ]);
    // The first value, 1.0f, little-endian.
    expect(Array.from(bytes.subarray(8 + n, 8 + n + 4))).toEqual([0x00, 0x00, 0x80, 0x3f]);
    expect(bytes.length).toBe(8 + n + 24);
  });

  it('rejects data that does not fill the shape, and the reserved name', () => {
    expect(() => serializeSafetensors({ w: { shape: [2, 2], data: new Float32Array(3) } })).toThrow(
      "safetensors: tensor 'w' has 3 values but shape [2, 2] needs 4",
    );
    expect(() =>
      serializeSafetensors({ __metadata__: { shape: [1], data: new Float32Array(1) } }),
    ).toThrow("'__metadata__' is reserved");
  });
});

describe('parseSafetensors errors', () => {
  const oneFloat = (entry: object, data: number[]) =>
    handBuiltFile(JSON.stringify({ w: entry }), data);

  it('a file shorter than 8 bytes', () => {
    expect(() => parseSafetensors(Uint8Array.from([1, 2, 3, 4, 5]))).toThrow(
      'safetensors: file is 5 bytes; expected at least 8 (the header length)',
    );
  });

  it('a header length beyond the file', () => {
    const bytes = Uint8Array.from([100, 0, 0, 0, 0, 0, 0, 0, ...ascii('{}')]);
    expect(() => parseSafetensors(bytes)).toThrow(
      'header length 100 runs past the end of the file (2 bytes follow the 8-byte length)',
    );
    const huge = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0x80, ...ascii('{}')]);
    expect(() => parseSafetensors(huge)).toThrow('header length 9223372036854775808 runs past');
  });

  it('a header that is not JSON, or not an object', () => {
    expect(() => parseSafetensors(handBuiltFile('{"w": ', []))).toThrow(
      'safetensors: header is not valid UTF-8 JSON',
    );
    expect(() => parseSafetensors(handBuiltFile('[1, 2]', []))).toThrow(
      'header must be a JSON object of tensors',
    );
  });

  it('a tensor whose data runs past the end of the file', () => {
    const file = oneFloat(
      { dtype: 'F32', shape: [4], data_offsets: [0, 16] },
      [0, 0, 0x80, 0x3f, 0, 0, 0, 0],
    );
    expect(() => parseSafetensors(file)).toThrow(
      "safetensors: tensor 'w' is truncated: it needs 16 bytes at data offset 0, but only 8 are there",
    );
  });

  it('a byte length that does not match shape and dtype', () => {
    const file = oneFloat({ dtype: 'F32', shape: [3], data_offsets: [0, 8] }, new Array(8).fill(0));
    expect(() => parseSafetensors(file)).toThrow(
      "tensor 'w' has data_offsets [0, 8] (8 bytes) but shape [3] of F32 needs 12 bytes",
    );
  });

  it('an unsupported dtype', () => {
    const file = oneFloat({ dtype: 'F64', shape: [1], data_offsets: [0, 8] }, new Array(8).fill(0));
    expect(() => parseSafetensors(file)).toThrow(
      "tensor 'w' has unsupported dtype 'F64'; expected one of F32, F16, BF16, I64",
    );
  });

  it('malformed shapes, offsets and metadata', () => {
    const shape = oneFloat({ dtype: 'F32', shape: [-1], data_offsets: [0, 0] }, []);
    expect(() => parseSafetensors(shape)).toThrow(
      "tensor 'w' has shape [-1]; expected non-negative",
    );
    const offsets = oneFloat({ dtype: 'F32', shape: [1], data_offsets: [4, 0] }, []);
    expect(() => parseSafetensors(offsets)).toThrow(
      "tensor 'w' has data_offsets [4,0]; expected [begin, end]",
    );
    const metadata = handBuiltFile(JSON.stringify({ __metadata__: { epochs: 3 } }), []);
    expect(() => parseSafetensors(metadata)).toThrow(
      "__metadata__ value for 'epochs' is 3; expected a string",
    );
  });
});

describe('parseSafetensors rejects what would load silently as a broken model', () => {
  /** F32 little-endian bytes of each value. */
  function f32(...values: number[]): number[] {
    const bytes = new Uint8Array(4 * values.length);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setFloat32(4 * i, v, true));
    return [...bytes];
  }
  const file = (header: object, data: number[]) => handBuiltFile(JSON.stringify(header), data);
  const f32Entry = (shape: number[], begin: number, end: number) => ({
    dtype: 'F32',
    shape,
    data_offsets: [begin, end],
  });

  it.each([
    ['NaN', Number.NaN, 'NaN'],
    ['+Infinity', Infinity, 'Infinity'],
    ['-Infinity', -Infinity, '-Infinity'],
  ])('an F32 %s names the tensor and the index', (_what, value, shown) => {
    const bytes = file({ a: f32Entry([1], 0, 4), w: f32Entry([2, 2], 4, 20) }, [
      ...f32(1),
      ...f32(0, 1, value, 3),
    ]);
    expect(() => parseSafetensors(bytes)).toThrow(
      `safetensors: tensor 'w' holds ${shown} at index 2 (row-major, shape [2, 2]); ` +
        'expected finite values',
    );
    expect(() => parseSafetensors(bytes)).toThrow(SafetensorsError);
  });

  it('NaN and infinity in F16 and BF16 too', () => {
    const half = file({ h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] } }, [
      ...[0x00, 0x3c],
      ...[0x00, 0xfc], // 0xFC00, -Infinity
    ]);
    expect(() => parseSafetensors(half)).toThrow("tensor 'h' holds -Infinity at index 1");
    const brain = file({ b: { dtype: 'BF16', shape: [1], data_offsets: [0, 2] } }, [0xc0, 0x7f]);
    expect(() => parseSafetensors(brain)).toThrow("tensor 'b' holds NaN at index 0");
  });

  it('tensors whose data_offsets overlap', () => {
    const bytes = file({ a: f32Entry([2], 0, 8), b: f32Entry([2], 4, 12) }, f32(1, 2, 3));
    expect(() => parseSafetensors(bytes)).toThrow(
      "safetensors: tensors 'a' (data_offsets [0, 8]) and 'b' ([4, 12]) overlap; " +
        'expected each tensor to have its own bytes',
    );
  });

  it('two tensors on the very same bytes, whatever the header order', () => {
    const bytes = file(
      { z: f32Entry([1], 4, 8), a: f32Entry([1], 0, 4), b: f32Entry([1], 4, 8) },
      f32(1, 2),
    );
    expect(() => parseSafetensors(bytes)).toThrow(/tensors '(z|b)' .* and '(z|b)' .* overlap/);
  });

  it('a tensor that starts past the end of the data section', () => {
    const bytes = file({ w: f32Entry([1], 8, 12) }, f32(1));
    expect(() => parseSafetensors(bytes)).toThrow(
      "tensor 'w' is truncated: it needs 4 bytes at data offset 8, but only 0 are there " +
        '(the data section has 4 bytes)',
    );
  });

  it('offsets beyond 2^53 and shapes whose byte size is not an exact integer', () => {
    const far = file({ w: { dtype: 'F32', shape: [1], data_offsets: [2 ** 53, 2 ** 53 + 4] } }, []);
    expect(() => parseSafetensors(far)).toThrow(
      /tensor 'w' has data_offsets .*expected \[begin, end\]/,
    );
    const huge = file({ w: f32Entry([2 ** 30, 2 ** 30, 2 ** 30], 0, 4) }, f32(1));
    expect(() => parseSafetensors(huge)).toThrow(
      /tensor 'w' has data_offsets \[0, 4\] \(4 bytes\) but shape \[1073741824, 1073741824, 1073741824\] of F32 needs/,
    );
  });

  it('a byte range that does not match dtype and shape (F16 and I64)', () => {
    const half = file({ h: { dtype: 'F16', shape: [3], data_offsets: [0, 4] } }, [0, 0, 0, 0]);
    expect(() => parseSafetensors(half)).toThrow(
      "tensor 'h' has data_offsets [0, 4] (4 bytes) but shape [3] of F16 needs 6 bytes",
    );
    const long = file({ n: { dtype: 'I64', shape: [], data_offsets: [0, 4] } }, [0, 0, 0, 0]);
    expect(() => parseSafetensors(long)).toThrow('shape [] of I64 needs 8 bytes');
  });

  it('accepts adjacent tensors, empty tensors at any offset, gaps and extreme finite values', () => {
    const bytes = file(
      {
        a: f32Entry([1], 0, 4),
        b: f32Entry([2], 4, 12),
        empty: f32Entry([0, 3], 4, 4),
        gapped: f32Entry([1], 16, 20),
      },
      [
        ...f32(-3.4028234663852886e38),
        ...f32(1.401298464324817e-45, 3.4028234663852886e38),
        ...f32(0),
        ...f32(-0),
      ],
    );
    const { tensors } = parseSafetensors(bytes);
    expect([...tensors.get('b')!.data]).toEqual([1.401298464324817e-45, 3.4028234663852886e38]);
    expect(tensors.get('empty')!.data.length).toBe(0);
    expect(Object.is(tensors.get('gapped')!.data[0], -0)).toBe(true);
  });
});
