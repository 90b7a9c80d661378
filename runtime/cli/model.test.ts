import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the CLI the way a learner would, with the Node running vitest (Node 24 strips types). */
function model(...args: string[]) {
  const result = spawnSync(process.execPath, ['runtime/cli/model.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('model CLI', () => {
  it('prints the table and ends with the totals line for V2 1x', () => {
    const { status, stdout, stderr } = model('summary', 'v2', '--width', '1.0');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'ShuffleNet V2 1x, layout torchvision, input 224x224x3, 1000 classes, stem stride 2 + maxpool',
    );
    expect(lines.some((line) => /^conv1\.0\s+conv\s+112x112x24\s+648\s/.test(line))).toBe(true);
    expect(lines.at(-1)).toMatch(/^total\s+params=2278604\s+MMACs=144\.9\s/);
  });

  it('exits 2 and names the supported widths for a bad width', () => {
    const { status, stdout, stderr } = model('summary', 'v2', '--width', '0.7');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/V2 width 0\.7 is not supported; expected one of 0\.5, 1, 1\.5, 2/);
  });

  it('exits 2 for a malformed option value', () => {
    const { status, stderr } = model('summary', 'v1', '--groups', 'three');
    expect(status).toBe(2);
    expect(stderr).toMatch(/--groups "three" is not valid; expected an integer from 1 to 8/);
  });

  it('exits 2 for an input too large to count exactly, printing no table', () => {
    const { status, stdout, stderr } = model(
      'summary',
      'v2',
      '--input',
      '99999999x99999999x99999999',
    );
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^model: --input "99999999x99999999x99999999" is too large; expected/);
  });

  it('export-onnx writes an ONNX file that onnxruntime loads, with the input and output named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-onnx-'));
    try {
      const file = join(dir, 'v2.onnx');
      const args = ['export-onnx', 'v2', '--width', '0.5', '--input', '32x32x3', '-o', file];
      const { status, stdout, stderr } = model(...args);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      expect(stdout).toMatch(
        /wrote .*v2\.onnx \(\d+ bytes, ONNX opset 13, random weights, seed 0\)/,
      );
      const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(file)));
      expect(session.inputNames).toEqual(['input']);
      expect(session.outputNames).toEqual(['logits']);
      const x = new ort.Tensor('float32', new Float32Array(3 * 32 * 32), [1, 3, 32, 32]);
      expect((await session.run({ input: x })).logits!.dims).toEqual([1, 1000]);
      await session.release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('export-onnx exits 2 without -o and 1 for weights of another architecture, writing nothing', () => {
    const missing = model('export-onnx', 'v2');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/export-onnx needs -o FILE\.onnx/);
    const dir = mkdtempSync(join(tmpdir(), 'export-onnx-'));
    try {
      const file = join(dir, 'x.onnx');
      const wrong = model(
        'export-onnx',
        'v2',
        '--weights',
        'models/fashion-shufflenet-v2.safetensors',
        '-o',
        file,
      );
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toMatch(/weights do not match ShuffleNet v2 1x torchvision/);
      expect(existsSync(file)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
