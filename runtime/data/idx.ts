/**
 * Reads the gzipped IDX files of Fashion-MNIST in Node (node:zlib gunzip); the format itself is
 * parsed by idx-format.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  IdxError,
  parseIdxImages,
  parseIdxLabels,
  type Dataset,
  FASHION_MNIST_CLASSES,
  type IdxImages,
} from './idx-format.ts';

export * from './idx-format.ts';

/** Where the Debian package `dataset-fashion-mnist` installs the four gzipped IDX files. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';
export const INSTALL_HINT =
  `install it with \`apt-get install dataset-fashion-mnist\` ` +
  `(it puts the gzipped IDX files in ${FASHION_MNIST_DIR})`;

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
