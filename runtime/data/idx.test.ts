import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FASHION_MNIST_DIR,
  encodeIdx,
  fashionMnistDir,
  loadFashionMnist,
  parseIdxImages,
  parseIdxLabels,
  readIdxImages,
  readIdxLabels,
} from './idx.ts';
import {
  SAMPLE_IMAGES_FILE,
  SAMPLE_LABELS_FILE,
  SAMPLE_PER_CLASS,
  balancedSample,
  decodeSample,
  encodeSample,
} from './sample.ts';

/** A hand-built IDX file: magic, big-endian dims, then the bytes. */
function idx(magic: number, dims: number[], values: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, false);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(values, 4 + 4 * dims.length);
  return out;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'idx-test-'));
}

describe('IDX parsing', () => {
  it('reads a 2x2x3 image file in row-major order', () => {
    const images = parseIdxImages(idx(0x803, [2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]));
    expect([images.count, images.rows, images.cols]).toEqual([2, 2, 3]);
    expect([...images.pixels]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
  });

  it('reads dimensions above 255 as big-endian', () => {
    const labels = parseIdxLabels(idx(0x801, [300], new Array(300).fill(7)));
    expect(labels.length).toBe(300);
    expect(labels[299]).toBe(7);
  });

  it('rejects a label file given as images and the reverse', () => {
    expect(() => parseIdxImages(idx(0x801, [1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0, 0]))).toThrow(
      /magic number 0x00000801 is not 0x00000803/,
    );
    expect(() => parseIdxLabels(idx(0x803, [1], [0]))).toThrow(/magic number 0x00000803/);
  });

  it('rejects truncated data, trailing bytes and short headers', () => {
    expect(() => parseIdxImages(idx(0x803, [2, 2, 2], [1, 2, 3]))).toThrow(
      /header says \[2, 2, 2\] \(24 bytes\) but the file has 19 bytes/,
    );
    expect(() => parseIdxLabels(idx(0x801, [1], [1, 2]))).toThrow(/truncated or corrupt/);
    expect(() => parseIdxImages(new Uint8Array([0, 0, 8, 3, 0]))).toThrow(/too short/);
  });
});

describe('gzipped IDX files', () => {
  it('gunzips and parses a file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'l.gz'), gzipSync(idx(0x801, [3], [4, 5, 6])));
    expect([...readIdxLabels(join(dir, 'l.gz'))]).toEqual([4, 5, 6]);
  });

  it('says a missing file is missing and how to install the dataset', () => {
    const path = join(tempDir(), 'nope.gz');
    expect(() => readIdxImages(path)).toThrow(
      new RegExp(`${path} is missing: install it with \`apt-get install dataset-fashion-mnist\``),
    );
  });

  it('says a corrupt gzip stream is corrupt and how to reinstall', () => {
    const path = join(tempDir(), 'bad.gz');
    writeFileSync(path, gzipSync(idx(0x803, [1, 2, 2], [1, 2, 3, 4])).subarray(0, 20));
    expect(() => readIdxImages(path)).toThrow(/is corrupt \(gunzip failed.*apt-get install/);
  });

  it('says a well-gzipped file with a bad header is corrupt and how to reinstall', () => {
    const path = join(tempDir(), 'short.gz');
    writeFileSync(path, gzipSync(idx(0x803, [5, 2, 2], [1, 2, 3, 4])));
    expect(() => readIdxImages(path)).toThrow(/truncated or corrupt\); reinstall it: install it/);
  });

  it('checks that images and labels match', () => {
    const dir = tempDir();
    const img = idx(0x803, [2, 28, 28], new Array(2 * 784).fill(0));
    writeFileSync(join(dir, 't10k-images-idx3-ubyte.gz'), gzipSync(img));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(idx(0x801, [3], [0, 1, 2])));
    expect(() => loadFashionMnist('t10k', dir)).toThrow(/2 images but 3 labels/);
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(idx(0x801, [2], [0, 10])));
    expect(() => loadFashionMnist('t10k', dir)).toThrow(/label 10 at 1 is not below 10/);
  });
});

describe('the dataset directory: --data, then FASHION_MNIST_DIR, then the Debian path', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('resolves the flag first, then a non-empty environment variable, then the default', () => {
    expect(fashionMnistDir('/flag', { FASHION_MNIST_DIR: '/env' })).toBe('/flag');
    expect(fashionMnistDir(undefined, { FASHION_MNIST_DIR: '/env' })).toBe('/env');
    expect(fashionMnistDir(undefined, { FASHION_MNIST_DIR: '' })).toBe(FASHION_MNIST_DIR);
    expect(fashionMnistDir(undefined, {})).toBe('/usr/share/datasets/fashion-mnist');
  });

  /** A tiny Fashion-MNIST split of `count` 28x28 images in `dir`. */
  function writeSplit(dir: string, count: number, labels: number[] = []): void {
    const images = idx(0x803, [count, 28, 28], new Array(count * 784).fill(3));
    const ls = labels.length > 0 ? labels : Array.from({ length: count }, (_, i) => i % 10);
    writeFileSync(join(dir, 't10k-images-idx3-ubyte.gz'), gzipSync(images));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(idx(0x801, [ls.length], ls)));
  }

  it('loads from the directory FASHION_MNIST_DIR names', () => {
    const dir = tempDir();
    writeSplit(dir, 3);
    vi.stubEnv('FASHION_MNIST_DIR', dir);
    const { images, labels } = loadFashionMnist('t10k');
    expect([images.count, images.rows, images.cols]).toEqual([3, 28, 28]);
    expect([...labels]).toEqual([0, 1, 2]);
  });

  it('names a missing directory (from the environment) and what belongs there', () => {
    const dir = join(tempDir(), 'no-such-dir');
    vi.stubEnv('FASHION_MNIST_DIR', dir);
    expect(() => loadFashionMnist('train')).toThrow(
      `dataset directory ${dir} does not exist; expected a directory holding ` +
        'train-images-idx3-ubyte.gz and the other Fashion-MNIST files',
    );
  });

  it('names a missing file inside an existing directory', () => {
    const dir = tempDir();
    expect(() => loadFashionMnist('t10k', dir)).toThrow(
      `${join(dir, 't10k-images-idx3-ubyte.gz')} is missing: install it with`,
    );
  });

  it('names the file with a wrong magic number', () => {
    const dir = tempDir();
    writeSplit(dir, 1);
    writeFileSync(join(dir, 't10k-images-idx3-ubyte.gz'), gzipSync(idx(0x801, [1], [0])));
    expect(() => loadFashionMnist('t10k', dir)).toThrow(
      `${join(dir, 't10k-images-idx3-ubyte.gz')}: magic number 0x00000801 is not 0x00000803`,
    );
  });

  it('names a truncated label file', () => {
    const dir = tempDir();
    writeSplit(dir, 2);
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(idx(0x801, [2], [1])));
    expect(() => loadFashionMnist('t10k', dir)).toThrow(
      `${join(dir, 't10k-labels-idx1-ubyte.gz')}: header says [2] (10 bytes) but the file has 9 ` +
        'bytes (truncated or corrupt)',
    );
  });

  it('names both files when the counts disagree, and images of the wrong size', () => {
    const dir = tempDir();
    writeSplit(dir, 2, [1, 2, 3]);
    expect(() => loadFashionMnist('t10k', dir)).toThrow(
      `${join(dir, 't10k-images-idx3-ubyte.gz')} and ${join(dir, 't10k-labels-idx1-ubyte.gz')}: ` +
        '2 images but 3 labels; expected one label per image',
    );
    writeFileSync(
      join(dir, 't10k-images-idx3-ubyte.gz'),
      gzipSync(idx(0x803, [1, 2, 2], [0, 0, 0, 0])),
    );
    expect(() => loadFashionMnist('t10k', dir)).toThrow(
      `${join(dir, 't10k-images-idx3-ubyte.gz')}: images are 2x2; expected 28x28`,
    );
  });

  it('every message is one line', () => {
    const dir = tempDir();
    writeSplit(dir, 2, [1, 2, 3]);
    expect(() => loadFashionMnist('t10k', dir)).toThrow(/^[^\n]+$/);
    expect(() => loadFashionMnist('t10k', join(dir, 'x'))).toThrow(/^[^\n]+$/);
  });
});

// CI (.ci/run) installs the Debian package dataset-fashion-mnist, so the real files must be here:
// this is an assertion, not a skip.
describe(`Fashion-MNIST as installed in ${FASHION_MNIST_DIR}`, () => {
  it('has 60,000 training and 10,000 test images of 28x28 with balanced labels', () => {
    for (const [split, count] of [
      ['train', 60000],
      ['t10k', 10000],
    ] as const) {
      const { images, labels } = loadFashionMnist(split);
      expect([images.count, images.rows, images.cols]).toEqual([count, 28, 28]);
      const perClass = new Array(10).fill(0);
      for (const l of labels) perClass[l]++;
      expect(perClass).toEqual(new Array(10).fill(count / 10));
    }
  });
});

describe('the committed test-image sample', () => {
  it('holds 20 test images of each class, identical to the dataset', () => {
    const sample = decodeSample(
      readFileSync(join('models', SAMPLE_IMAGES_FILE)),
      readFileSync(join('models', SAMPLE_LABELS_FILE)),
    );
    expect(sample.images.count).toBe(200);
    const perClass = new Array(10).fill(0);
    for (const l of sample.labels) perClass[l]++;
    expect(perClass).toEqual(new Array(10).fill(20));
    const test = loadFashionMnist('t10k');
    const indices = balancedSample(test.labels, 10, SAMPLE_PER_CLASS);
    const fresh = encodeSample(test, indices);
    expect(Buffer.compare(fresh.images, readFileSync(join('models', SAMPLE_IMAGES_FILE)))).toBe(0);
    expect(Buffer.compare(fresh.labels, readFileSync(join('models', SAMPLE_LABELS_FILE)))).toBe(0);
  });

  it('round-trips through encodeIdx and rejects mismatched files', () => {
    const data = {
      images: { count: 2, rows: 1, cols: 2, pixels: new Uint8Array([1, 2, 3, 4]) },
      labels: new Uint8Array([1, 0]),
    };
    const { images, labels } = encodeSample(data, [1]);
    const back = decodeSample(images, labels);
    expect([...back.images.pixels]).toEqual([3, 4]);
    expect([...back.labels]).toEqual([0]);
    expect(() => decodeSample(images, encodeIdx([2], new Uint8Array([0, 1])))).toThrow(
      /1 images but 2 labels/,
    );
  });
});
