/**
 * The IDX file format of MNIST and Fashion-MNIST (LeCun et al., "THE MNIST DATABASE", file
 * formats section; zalandoresearch/fashion-mnist uses the same files):
 *
 *   bytes 0-3   magic: 0x00 0x00, a type code (0x08 = unsigned byte), the number of dimensions
 *   then        one big-endian uint32 per dimension
 *   rest        the values, row-major, one byte each for type 0x08
 *
 * So 0x00000803 is a uint8 tensor [N, rows, cols] (images) and 0x00000801 a uint8 vector [N]
 * (labels). The parsing here is pure (browser and
 * Node); idx.ts reads the gzipped files in Node.
 */
export const IMAGES_MAGIC = 0x00000803;
export const LABELS_MAGIC = 0x00000801;

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count * rows * cols bytes, row-major, 0 = background. */
  pixels: Uint8Array;
}

export interface Dataset {
  images: IdxImages;
  labels: Uint8Array;
}

export class IdxError extends Error {}

function header(bytes: Uint8Array, what: string, magic: number, dims: number): number[] {
  const tooShort = (): never => {
    throw new IdxError(
      `${what}: ${bytes.length} bytes is too short for an IDX header; expected at least ` +
        `${4 + 4 * dims}`,
    );
  };
  if (bytes.length < 4) tooShort();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const got = view.getUint32(0, false);
  if (got !== magic) {
    throw new IdxError(
      `${what}: magic number 0x${got.toString(16).padStart(8, '0')} is not ` +
        `0x${magic.toString(16).padStart(8, '0')} (not an IDX ${dims === 3 ? 'image' : 'label'} file)`,
    );
  }
  if (bytes.length < 4 + 4 * dims) tooShort();
  const shape: number[] = [];
  for (let d = 0; d < dims; d++) shape.push(view.getUint32(4 + 4 * d, false));
  const expected = 4 + 4 * dims + shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== expected) {
    throw new IdxError(
      `${what}: header says [${shape.join(', ')}] (${expected} bytes) but the file has ` +
        `${bytes.length} bytes (truncated or corrupt)`,
    );
  }
  return shape;
}

/** Parses an uncompressed IDX image file (magic 0x00000803). */
export function parseIdxImages(bytes: Uint8Array, what = 'IDX images'): IdxImages {
  const [count, rows, cols] = header(bytes, what, IMAGES_MAGIC, 3) as [number, number, number];
  if (rows === 0 || cols === 0) throw new IdxError(`${what}: empty image size ${rows}x${cols}`);
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

/** Parses an uncompressed IDX label file (magic 0x00000801). */
export function parseIdxLabels(bytes: Uint8Array, what = 'IDX labels'): Uint8Array {
  header(bytes, what, LABELS_MAGIC, 1);
  return bytes.subarray(8);
}

/** zalandoresearch/fashion-mnist README, "Labels". */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/** Encodes uint8 `values` of shape `dims` as an (uncompressed) IDX file. */
export function encodeIdx(dims: readonly number[], values: Uint8Array): Uint8Array {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (values.length !== expected) {
    throw new IdxError(`encodeIdx: ${values.length} values for [${dims.join(', ')}]`);
  }
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x00000800 | dims.length, false);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(values, 4 + 4 * dims.length);
  return out;
}
