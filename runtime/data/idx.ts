/**
 * Reads the gzipped IDX files of Fashion-MNIST in Node (node:zlib gunzip); the format itself is
 * parsed by idx-format.ts.
 *
 * Every problem with the files (missing, not gzip, wrong magic number, truncated, image and label
 * counts that disagree) is an IdxError whose message is one line naming the file and what was
 * expected; the command-line tools print it and exit 1.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
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
/** The environment variable that overrides FASHION_MNIST_DIR (the `--data` flag beats both). */
export const FASHION_MNIST_DIR_ENV = 'FASHION_MNIST_DIR';
export const INSTALL_HINT =
  `install it with \`apt-get install dataset-fashion-mnist\` ` +
  `(it puts the gzipped IDX files in ${FASHION_MNIST_DIR}), or point --data or ` +
  `${FASHION_MNIST_DIR_ENV} at a directory that holds them`;

/** The four files a Fashion-MNIST directory holds (zalandoresearch/fashion-mnist, "Get the Data"). */
export function fashionMnistFiles(split: Split): { images: string; labels: string } {
  return { images: `${split}-images-idx3-ubyte.gz`, labels: `${split}-labels-idx1-ubyte.gz` };
}

/**
 * The dataset directory: `flag` (a command line's --data) when given, else the environment
 * variable FASHION_MNIST_DIR when set and not empty, else FASHION_MNIST_DIR. Pure: the
 * environment is passed in (process.env by default).
 */
export function fashionMnistDir(
  flag?: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  if (flag !== undefined) return flag;
  const fromEnv = env[FASHION_MNIST_DIR_ENV];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : FASHION_MNIST_DIR;
}

function gunzipFile(path: string): Uint8Array {
  if (!existsSync(path)) throw new IdxError(`${path} is missing: ${INSTALL_HINT}`);
  if (!statSync(path).isFile()) throw new IdxError(`${path} is not a file: ${INSTALL_HINT}`);
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
      `${what}: ${data.images.count} images but ${data.labels.length} labels; expected one ` +
        `label per image: ${INSTALL_HINT}`,
    );
  }
  const bad = data.labels.findIndex((l) => l >= classes);
  if (bad >= 0) {
    throw new IdxError(`${what}: label ${data.labels[bad]} at ${bad} is not below ${classes}`);
  }
  return data;
}

export type Split = 'train' | 't10k';

/**
 * Fashion-MNIST: 60,000 training or 10,000 test images of 28x28, ten classes, from `dir`
 * (default: fashionMnistDir(), so FASHION_MNIST_DIR in the environment is honoured).
 */
export function loadFashionMnist(split: Split, dir = fashionMnistDir()): Dataset {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new IdxError(
      `dataset directory ${dir} does not exist; expected a directory holding ` +
        `${fashionMnistFiles(split).images} and the other Fashion-MNIST files: ${INSTALL_HINT}`,
    );
  }
  const files = fashionMnistFiles(split);
  const imagesPath = join(dir, files.images);
  const labelsPath = join(dir, files.labels);
  const images = readIdxImages(imagesPath);
  const labels = readIdxLabels(labelsPath);
  if (images.rows !== 28 || images.cols !== 28) {
    throw new IdxError(
      `${imagesPath}: images are ${images.rows}x${images.cols}; expected 28x28 (Fashion-MNIST)`,
    );
  }
  return checkDataset(
    { images, labels },
    FASHION_MNIST_CLASSES.length,
    `${imagesPath} and ${labelsPath}`,
  );
}
