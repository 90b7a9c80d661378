/**
 * Reads and writes the safetensors format (huggingface/safetensors, "Format" in its README):
 *
 *   8 bytes   N, the header length, an unsigned 64-bit little-endian integer
 *   N bytes   a UTF-8 JSON object: { name: { dtype, shape, data_offsets: [begin, end] }, ...,
 *             "__metadata__"?: { key: string value } }
 *   rest      the data section; offsets are relative to its start, values are little-endian
 *
 * Reading accepts F32, F16 and BF16 (converted to float32) and I64. I64 is there because a
 * torchvision state_dict holds a `num_batches_tracked` int64 scalar per BatchNorm; it is
 * returned as float32 too (exact up to 2^24) with dtype 'I64', so callers can recognise and
 * drop it. Writing produces F32 only, the format of this project's weights.
 *
 * Reading is strict about what a damaged or hostile file could smuggle in: every tensor's
 * data_offsets must lie inside the data section, span exactly dtype size * shape bytes and not
 * overlap another tensor's, and every value must be finite (a NaN or infinite weight would
 * otherwise load silently and only show as a useless model). The reference reader
 * (huggingface/safetensors, `Metadata::validate` in safetensors/src/tensor.rs) also requires
 * the tensors to cover the data section without gaps; gaps are tolerated here.
 */

export interface SafeTensor {
  /** The dtype as stored in the file ('F32', 'F16', 'BF16' or 'I64'); data is always float32. */
  dtype: string;
  shape: number[];
  data: Float32Array;
}

export interface ParsedSafetensors {
  tensors: Map<string, SafeTensor>;
  /** The optional `__metadata__` string-to-string map ({} when absent). */
  metadata: Record<string, string>;
}

/** A tensor to write: float32 values in row-major order. */
export interface TensorToWrite {
  shape: readonly number[];
  data: Float32Array;
}

const METADATA_KEY = '__metadata__';
const BYTES_PER_ELEMENT: Record<string, number> = { F32: 4, F16: 2, BF16: 2, I64: 8 };
const SUPPORTED = Object.keys(BYTES_PER_ELEMENT).join(', ');

/** A malformed or unsupported safetensors file (or tensors that cannot be written as one). */
export class SafetensorsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SafetensorsError';
  }
}

function fail(message: string): never {
  throw new SafetensorsError(`safetensors: ${message}`);
}

function describeShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/** IEEE 754 half precision: 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits. */
export function float16ToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24; // zero and subnormals
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

const scratch = new DataView(new ArrayBuffer(4));

/** bfloat16 is the top half of a float32: same sign and exponent, 7 mantissa bits. */
export function bfloat16ToFloat32(bits: number): number {
  scratch.setUint32(0, bits << 16);
  return scratch.getFloat32(0);
}

function decode(dtype: string, view: DataView, begin: number, count: number): Float32Array {
  const out = new Float32Array(count);
  // DataView reads little-endian at any byte offset, whatever the host order and alignment.
  for (let i = 0; i < count; i++) {
    switch (dtype) {
      case 'F32':
        out[i] = view.getFloat32(begin + 4 * i, true);
        break;
      case 'F16':
        out[i] = float16ToFloat32(view.getUint16(begin + 2 * i, true));
        break;
      case 'BF16':
        out[i] = bfloat16ToFloat32(view.getUint16(begin + 2 * i, true));
        break;
      case 'I64':
        out[i] = Number(view.getBigInt64(begin + 8 * i, true));
        break;
    }
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readMetadata(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) fail(`${METADATA_KEY} must be an object of strings`);
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      fail(`${METADATA_KEY} value for '${key}' is ${JSON.stringify(v)}; expected a string`);
    }
  }
  return { ...(value as Record<string, string>) };
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

function readEntry(name: string, value: unknown): HeaderEntry {
  if (!isPlainObject(value)) fail(`header entry for tensor '${name}' is not an object`);
  const { dtype, shape, data_offsets: offsets } = value;
  if (typeof dtype !== 'string') fail(`tensor '${name}' has no dtype string`);
  if (!(dtype in BYTES_PER_ELEMENT)) {
    fail(`tensor '${name}' has unsupported dtype '${dtype}'; expected one of ${SUPPORTED}`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    fail(`tensor '${name}' has shape ${JSON.stringify(shape)}; expected non-negative integers`);
  }
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) ||
    offsets[0] > offsets[1]
  ) {
    fail(`tensor '${name}' has data_offsets ${JSON.stringify(offsets)}; expected [begin, end]`);
  }
  return { dtype, shape: shape as number[], begin: offsets[0], end: offsets[1] };
}

/** Parses a whole safetensors file. The returned arrays are copies, not views of `bytes`. */
export function parseSafetensors(bytes: Uint8Array): ParsedSafetensors {
  if (bytes.length < 8) {
    fail(`file is ${bytes.length} bytes; expected at least 8 (the header length)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  const afterPrefix = bytes.length - 8;
  if (headerLength > BigInt(afterPrefix)) {
    fail(
      `header length ${headerLength} runs past the end of the file ` +
        `(${afterPrefix} bytes follow the 8-byte length)`,
    );
  }
  const headerEnd = 8 + Number(headerLength);
  let header: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, headerEnd));
    header = JSON.parse(text);
  } catch (error) {
    fail(`header is not valid UTF-8 JSON (${(error as Error).message}); expected a JSON object`);
  }
  if (!isPlainObject(header)) fail('header must be a JSON object of tensors');

  const available = bytes.length - headerEnd;
  const entries: [string, HeaderEntry][] = [];
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(header)) {
    if (name === METADATA_KEY) {
      metadata = readMetadata(value);
      continue;
    }
    const entry = readEntry(name, value);
    const { dtype, shape, begin, end } = entry;
    const expected = elementCount(shape) * BYTES_PER_ELEMENT[dtype]!;
    if (!Number.isSafeInteger(expected) || end - begin !== expected) {
      fail(
        `tensor '${name}' has data_offsets [${begin}, ${end}] (${end - begin} bytes) but ` +
          `shape ${describeShape(shape)} of ${dtype} needs ${expected} bytes`,
      );
    }
    if (end > available) {
      fail(
        `tensor '${name}' is truncated: it needs ${expected} bytes at data offset ${begin}, ` +
          `but only ${Math.max(0, available - begin)} are there (the data section has ` +
          `${available} bytes)`,
      );
    }
    entries.push([name, entry]);
  }
  checkNoOverlap(entries);
  const tensors = new Map<string, SafeTensor>();
  for (const [name, { dtype, shape, begin }] of entries) {
    const data = decode(dtype, view, headerEnd + begin, elementCount(shape));
    const bad = data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      fail(
        `tensor '${name}' holds ${data[bad]} at index ${bad} (row-major, shape ` +
          `${describeShape(shape)}); expected finite values`,
      );
    }
    tensors.set(name, { dtype, shape, data });
  }
  return { tensors, metadata };
}

/** Two tensors may not share bytes of the data section (empty tensors take none). */
function checkNoOverlap(entries: readonly [string, HeaderEntry][]): void {
  const spans = entries
    .filter(([, e]) => e.end > e.begin)
    .sort(([, a], [, b]) => a.begin - b.begin || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    const [previousName, previous] = spans[i - 1]!;
    const [name, entry] = spans[i]!;
    if (entry.begin < previous.end) {
      fail(
        `tensors '${previousName}' (data_offsets [${previous.begin}, ${previous.end}]) and ` +
          `'${name}' ([${entry.begin}, ${entry.end}]) overlap; expected each tensor to have ` +
          `its own bytes`,
      );
    }
  }
}

function entriesOf(
  tensors: ReadonlyMap<string, TensorToWrite> | Readonly<Record<string, TensorToWrite>>,
): [string, TensorToWrite][] {
  return tensors instanceof Map ? [...tensors] : Object.entries(tensors);
}

/**
 * Serialises float32 tensors as F32. Tensors are laid out in sorted name order, contiguously,
 * and the header is padded with spaces to a multiple of 8 bytes, as the reference writer does,
 * so the data section starts 8-byte aligned.
 */
export function serializeSafetensors(
  tensors: ReadonlyMap<string, TensorToWrite> | Readonly<Record<string, TensorToWrite>>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  const entries = entriesOf(tensors).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) header[METADATA_KEY] = readMetadata(metadata);
  let offset = 0;
  for (const [name, t] of entries) {
    if (name === METADATA_KEY) fail(`'${METADATA_KEY}' is reserved and cannot name a tensor`);
    if (!t.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      fail(`tensor '${name}' has shape ${JSON.stringify(t.shape)}; expected non-negative integers`);
    }
    if (t.data.length !== elementCount(t.shape)) {
      fail(
        `tensor '${name}' has ${t.data.length} values but shape ${describeShape(t.shape)} ` +
          `needs ${elementCount(t.shape)}`,
      );
    }
    const end = offset + 4 * t.data.length;
    header[name] = { dtype: 'F32', shape: [...t.shape], data_offsets: [offset, end] };
    offset = end;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength); // spaces: still valid JSON whitespace
  let position = 8 + headerLength;
  for (const [, t] of entries) {
    for (const v of t.data) {
      view.setFloat32(position, v, true);
      position += 4;
    }
  }
  return out;
}
