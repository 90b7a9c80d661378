/**
 * The training tools run as a user runs them, on a tiny dataset written here (8 training and 4
 * test images), so a whole `train` run takes a second or two.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIdx } from '../data/idx.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const committed = join(repoRoot, 'models', 'fashion-shufflenet-v2.safetensors');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'train-cli-'));
}

/** A Fashion-MNIST directory with `train` training and `test` test images. */
function tinyDataset(train = 8, test = 4): string {
  const dir = tempDir();
  for (const [split, n] of [
    ['train', train],
    ['t10k', test],
  ] as const) {
    const pixels = Uint8Array.from({ length: n * 784 }, (_, i) => (i * 37) % 256);
    const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
    writeFileSync(
      join(dir, `${split}-images-idx3-ubyte.gz`),
      gzipSync(encodeIdx([n, 28, 28], pixels)),
    );
    writeFileSync(join(dir, `${split}-labels-idx1-ubyte.gz`), gzipSync(encodeIdx([n], labels)));
  }
  return dir;
}

/** Runs a tool with the Node running vitest (Node 24 strips types). */
function run(
  script: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'runtime/train', script), ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    env: { ...process.env, FASHION_MNIST_DIR: '', ...options.env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One line of message, no stack trace. */
function expectOneLine(stderr: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('train CLI', () => {
  it('rejects --epochs 0 with exit 2 before touching anything', () => {
    const cwd = tempDir();
    const { status, stdout, stderr } = run('train.ts', ['--epochs', '0'], { cwd });
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^train: --epochs "0" is not valid; expected an integer from 1 to 1000\n/,
    );
    expect(existsSync(join(cwd, 'runs'))).toBe(false);
  });

  it('refuses to write into models/ without --force', () => {
    const before = statSync(committed).mtimeMs;
    const { status, stderr } = run('train.ts', ['--out', 'models', '--batch', '4'], {
      env: { FASHION_MNIST_DIR: tinyDataset() },
    });
    expect(status).toBe(2);
    expect(stderr).toMatch(/--out "models" is inside models\/, which holds the committed weights/);
    expect(statSync(committed).mtimeMs).toBe(before);
  });

  it('names a missing --data directory in one line, exit 1', () => {
    const dir = join(tempDir(), 'missing');
    const { status, stderr } = run('train.ts', ['--data', dir]);
    expect(status).toBe(1);
    expectOneLine(stderr);
    expect(stderr).toMatch(new RegExp(`^train: dataset directory ${dir} does not exist`));
  });

  it('names a damaged dataset file in one line, exit 1', () => {
    const dir = tinyDataset();
    const labels = join(dir, 'train-labels-idx1-ubyte.gz');
    writeFileSync(labels, gzipSync(encodeIdx([3], Uint8Array.from([1, 2, 3]))));
    const { status, stderr } = run('train.ts', [], { env: { FASHION_MNIST_DIR: dir } });
    expect(status).toBe(1);
    expectOneLine(stderr);
    expect(stderr).toContain('8 images but 3 labels; expected one label per image');
    expect(stderr).toContain(labels);
  });

  it('rejects a batch larger than the training images, exit 2', () => {
    const { status, stderr } = run('train.ts', ['--batch', '16'], {
      env: { FASHION_MNIST_DIR: tinyDataset() },
    });
    expect(status).toBe(2);
    expect(stderr).toMatch(/--batch "16" is not valid; expected at most 8, the number of training/);
  });

  it('names a missing --init file and a missing --resume checkpoint, exit 1', () => {
    const env = { FASHION_MNIST_DIR: tinyDataset() };
    const init = run('train.ts', ['--batch', '4', '--init', '/nonexistent.safetensors'], { env });
    expect(init.status).toBe(1);
    expectOneLine(init.stderr);
    expect(init.stderr).toMatch(/^train: --init \/nonexistent\.safetensors: ENOENT/);
    const cwd = tempDir();
    const resume = run('train.ts', ['--batch', '4', '--resume'], { cwd, env });
    expect(resume.status).toBe(1);
    expect(resume.stderr).toMatch(/^train: --resume: no checkpoint at runs\/checkpoints\/latest/);
  });

  it('names a checkpoint written with other options or damaged, exit 1', () => {
    const cwd = tempDir();
    const env = { FASHION_MNIST_DIR: tinyDataset() };
    const first = run(
      'train.ts',
      ['--batch', '4', '--stop-after', '1', '--checkpoint-every', '1'],
      { cwd, env },
    );
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('stopped after step 1; continue with --resume');
    const other = run(
      'train.ts',
      ['--batch', '4', '--seed', '2', '--resume', '--checkpoint-every', '1'],
      { cwd, env },
    );
    expect(other.status).toBe(1);
    expectOneLine(other.stderr);
    expect(other.stderr).toMatch(
      /^train: --resume runs\/checkpoints\/latest\.safetensors: checkpoint .* was trained with/,
    );
    writeFileSync(join(cwd, 'runs/checkpoints/latest.safetensors'), 'damaged');
    const damaged = run('train.ts', ['--batch', '4', '--resume'], { cwd, env });
    expect(damaged.status).toBe(1);
    expectOneLine(damaged.stderr);
    expect(damaged.stderr).toContain('latest.safetensors: safetensors: file is 7 bytes; expected');
  });

  it('trains on the FASHION_MNIST_DIR dataset and writes to runs/ by default', () => {
    const cwd = tempDir();
    const before = statSync(committed).mtimeMs;
    const { status, stdout, stderr } = run('train.ts', ['--batch', '4', '--epochs', '1'], {
      cwd,
      env: { FASHION_MNIST_DIR: tinyDataset() },
    });
    expect(stderr).not.toMatch(/^train:/m);
    expect(status).toBe(0);
    expect(stdout).toContain('8 training images');
    expect(stdout).toMatch(/wrote runs\/fashion-shufflenet-v2\.safetensors/);
    const metrics = JSON.parse(
      readFileSync(join(cwd, 'runs', 'fashion-shufflenet-v2.json'), 'utf8'),
    );
    expect(metrics.testImages).toBe(4);
    expect(statSync(committed).mtimeMs).toBe(before);
  });
});

describe('eval CLI', () => {
  it('evaluates the committed weights on the --data directory', () => {
    const { status, stdout } = run('eval.ts', ['--data', tinyDataset(8, 4)]);
    expect(status).toBe(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^accuracy=0\.\d{4}$/);
  });

  it('names a missing dataset directory from FASHION_MNIST_DIR, exit 1', () => {
    const dir = join(tempDir(), 'missing');
    const { status, stderr } = run('eval.ts', [], { env: { FASHION_MNIST_DIR: dir } });
    expect(status).toBe(1);
    expectOneLine(stderr);
    expect(stderr).toContain(`eval: dataset directory ${dir} does not exist`);
  });

  it('names a damaged weights file, exit 1', () => {
    const weights = join(tempDir(), 'w.safetensors');
    writeFileSync(weights, 'not safetensors');
    const { status, stderr } = run('eval.ts', [weights, '--data', tinyDataset(8, 4)]);
    expect(status).toBe(1);
    expectOneLine(stderr);
    expect(stderr).toContain(`eval: ${weights}: safetensors: header length`);
  });
});

describe('export-checkpoint CLI', () => {
  it('exits 2 without its two arguments and 1 for a missing checkpoint', () => {
    expect(run('export-checkpoint.ts', []).status).toBe(2);
    const { status, stderr } = run('export-checkpoint.ts', ['/nonexistent', join(tempDir(), 'w')]);
    expect(status).toBe(1);
    expectOneLine(stderr);
    expect(stderr).toContain('no checkpoint at /nonexistent');
  });
});
