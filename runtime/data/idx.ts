/**
 * The IDX file format of MNIST and Fashion-MNIST (LeCun et al., "THE MNIST DATABASE", file
 * formats section; zalandoresearch/fashion-mnist uses the same files):
 *
 *   bytes 0-3   magic: 0x00 0x00, a type code (0x08 = unsigned byte), the number of dimensions
 *   then        one big-endian uint32 per dimension
 *   rest        the values, row-major, one byte each for type 0x08
 *
 * So 0x00000803 is a uint8 tensor [N, rows, cols] (images) and 0x00000801 a uint8 vector [N]
 * (labels). The files ship gzipped; we gunzip with node:zlib.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const IMAGES_MAGIC = 0x00000803;
export const LABELS_MAGIC = 0x00000801;

/** Where the Debian package `dataset-fashion-mnist` installs the four gzipped IDX files. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';
export const INSTALL_HINT =
  `install it with \`apt-get install dataset-fashion-mnist\` ` +
  `(it puts the gzipped IDX files in ${FASHION_MNIST_DIR})`;

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
  if (bytes.length < 4 + 4 * dims) {
    throw new IdxError(`${what}: ${bytes.length} bytes is too short for an IDX header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const got = view.getUint32(0, false);
  if (got !== magic) {
    throw new IdxError(
      `${what}: magic number 0x${got.toString(16).padStart(8, '0')} is not ` +
        `0x${magic.toString(16).padStart(8, '0')} (not an IDX ${dims === 3 ? 'image' : 'label'} file)`,
    );
  }
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

function gunzipFile(path: string): Uint8Array {
  if (!existsSync(path)) throw new IdxError(`${path} is missing: ${INSTALL_HINT}`);
  try {
    return gunzipSync(readFileSync(path));
  } catch (e) {
    throw new IdxError(
      `${path} is corrupt (gunzip failed: ${(e as Error).message}); reinstall it: ${INSTALL_HINT}`,
    );
  }
}

function withHint<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof IdxError) throw new IdxError(`${e.message}; reinstall it: ${INSTALL_HINT}`);
    throw e;
  }
}

/** Reads a gzipped IDX image file. */
export function readIdxImages(path: string): IdxImages {
  const bytes = gunzipFile(path);
  return withHint(() => parseIdxImages(bytes, path));
}

/** Reads a gzipped IDX label file. */
export function readIdxLabels(path: string): Uint8Array {
  const bytes = gunzipFile(path);
  return withHint(() => parseIdxLabels(bytes, path));
}

/** Checks that images and labels agree and every label is a class index below `classes`. */
export function checkDataset(data: Dataset, classes: number, what: string): Dataset {
  if (data.images.count !== data.labels.length) {
    throw new IdxError(
      `${what}: ${data.images.count} images but ${data.labels.length} labels; ${INSTALL_HINT}`,
    );
  }
  const bad = data.labels.findIndex((l) => l >= classes);
  if (bad >= 0) {
    throw new IdxError(`${what}: label ${data.labels[bad]} at ${bad} is not below ${classes}`);
  }
  return data;
}

export type Split = 'train' | 't10k';

/** Fashion-MNIST: 60,000 training or 10,000 test images of 28x28, ten classes. */
export function loadFashionMnist(split: Split, dir = FASHION_MNIST_DIR): Dataset {
  const images = readIdxImages(join(dir, `${split}-images-idx3-ubyte.gz`));
  const labels = readIdxLabels(join(dir, `${split}-labels-idx1-ubyte.gz`));
  if (images.rows !== 28 || images.cols !== 28) {
    throw new IdxError(`${dir}/${split}: images are ${images.rows}x${images.cols}, not 28x28`);
  }
  return checkDataset({ images, labels }, FASHION_MNIST_CLASSES.length, `${dir}/${split}`);
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
