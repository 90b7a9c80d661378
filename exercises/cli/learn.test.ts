/**
 * The terminal workflow end to end (`node exercises/cli/learn.ts ...` in a temporary workspace),
 * plus its id resolution and progress file.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manifest } from '../manifest.ts';
import { loadProgress, parseProgress } from './progress.ts';
import { resolveExercise } from './resolve-id.ts';

const LEARN = fileURLToPath(new URL('./learn.ts', import.meta.url));
const SHUFFLE = 'shufflenet/02-channel-shuffle';
const SOLUTION = fileURLToPath(
  new URL('../shufflenet/02-channel-shuffle/solution/channel-shuffle.ts', import.meta.url),
);

function learn(workspace: string, ...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      process.execPath,
      [LEARN, ...args, '--seed', '5'],
      {
        env: {
          ...process.env,
          LEARN_WORKSPACE: workspace,
          LEARN_PROGRESS_KEY_FILE: join(workspace, '..', `${basename(workspace)}.key`),
          NO_COLOR: '1',
        },
      },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

// Sequential: each case grades under the exercises' real time limits, which contention could break.
describe('learn (terminal workflow)', () => {
  it('grades a C exercise on the board: the starter fails, the solution passes and is recorded', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'learn-c-'));
    const id = 'zynq/03-timer-ticks';
    const file = (which: string) =>
      fileURLToPath(new URL(`../${id}/${which}/timer-ticks.c`, import.meta.url));
    const starter = await learn(workspace, 'check', 'zynq/03', file('start'));
    expect(starter.code).toBe(1);
    expect(starter.stdout).toContain('✗ prints exactly "done after 5 ticks\\r\\n"');
    writeFileSync(join(workspace, 'broken.c'), 'int main(void) { return 0 }\n');
    const compileError = await learn(workspace, 'check', id, join(workspace, 'broken.c'));
    expect(compileError.code).toBe(1);
    // arm-none-eabi-gcc 12.2 -fsyntax-only -std=gnu11 on the same line says exactly this.
    expect(compileError.stdout).toContain(
      "timer-ticks.c:1:26: error: expected ';' before '}' token",
    );
    const solved = await learn(workspace, 'check', id, file('solution'));
    expect(solved.code).toBe(0);
    expect(solved.stdout).toMatch(/passed: all 4 checks/);
    const listed = await learn(workspace);
    expect(listed.stdout).toMatch(/✓ zynq\/03-timer-ticks\s+passed/);
    expect(listed.stdout).toMatch(/zynq\/01-fixed-point-print\s+not started/);
  });

  it('copies the starter on first check, fails it, then passes the solution', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'learn-'));
    const starter = await learn(workspace, 'check', SHUFFLE);
    expect(starter.code).toBe(1);
    expect(existsSync(join(workspace, SHUFFLE, 'channel-shuffle.ts'))).toBe(true);
    expect(starter.stdout).toContain('✗ shuffles 6 channels in 2 groups');
    expect(starter.stdout).toContain('expected: at [0, 0, 0, :] [0, 3, 1, 4, 2, 5]');

    const solved = await learn(workspace, 'check', SHUFFLE, SOLUTION);
    expect(solved.code).toBe(0);
    expect(solved.stdout).toMatch(/passed: all 5 checks/);
    expect(solved.stdout.match(/^✓ /gm)).toHaveLength(5);

    const listed = await learn(workspace);
    expect(listed.stdout).toMatch(/✓ shufflenet\/02-channel-shuffle\s+passed/);
    expect(listed.stdout).toMatch(/shufflenet\/01-group-conv-params\s+not started/);
    const progress = loadProgress(join(workspace, '.progress.json'), () => {});
    expect(progress.exercises[SHUFFLE]).toMatchObject({
      passed: true,
      attempts: 2,
      failedAttempts: 1,
    });
  });

  it('does not count a pass written into the progress file by hand or by a program', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'learn-'));
    const forged = Object.fromEntries(
      manifest.map((e) => [e.id, { passed: true, digest: '00', proof: '00' }]),
    );
    writeFileSync(
      join(workspace, '.progress.json'),
      JSON.stringify({ version: 1, exercises: forged }),
    );
    const listed = await learn(workspace);
    expect(listed.stdout).not.toMatch(/passed/);
    expect(listed.stdout).toMatch(/next: npm run learn -- check shufflenet\/01/);
  });

  it('shows hints one at a time and the solution only after a failed attempt', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'learn-'));
    const exercise = manifest[0]!;
    const first = await learn(workspace, 'hint', exercise.id);
    const second = await learn(workspace, 'hint', exercise.id);
    expect(first.stdout).toContain(`hint 1 of ${exercise.hints.length}: ${exercise.hints[0]}`);
    expect(second.stdout).toContain(`hint 2 of ${exercise.hints.length}: ${exercise.hints[1]}`);

    const locked = await learn(workspace, 'solution', exercise.id);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain('opens after a graded attempt');
    const forced = await learn(workspace, 'solution', exercise.id, '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('export function groupConvParams');
  });

  it('reset keeps the learner copy as a backup and restores the starter', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'learn-'));
    await learn(workspace, 'start', SHUFFLE);
    // An editor opening the copy gets the course's compiler settings (workspace-tsconfig.ts).
    expect(JSON.parse(readFileSync(join(workspace, 'tsconfig.json'), 'utf8')).extends).toMatch(
      /tsconfig\.json$/,
    );
    const file = join(workspace, SHUFFLE, 'channel-shuffle.ts');
    const starter = readFileSync(file, 'utf8');
    writeFileSync(file, '// my attempt\n');
    const result = await learn(workspace, 'reset', SHUFFLE);
    expect(result.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(starter);
    const backups = readdirSync(join(workspace, 'shufflenet')).filter((n) =>
      n.includes('.backup-'),
    );
    expect(backups).toHaveLength(1);
    expect(
      readFileSync(join(workspace, 'shufflenet', backups[0]!, 'channel-shuffle.ts'), 'utf8'),
    ).toBe('// my attempt\n');
  });

  it('rejects an unknown id with close matches and exit code 2', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'learn-'));
    const result = await learn(workspace, 'check', 'chanel-shuffle');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'chanel-shuffle' is not an exercise. Did you mean:");
    expect(result.stderr.split('\n')[1]).toContain(SHUFFLE);
  });
  it('watch re-grades the workspace copy when it is saved', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'learn-'));
    const child = spawn(process.execPath, [LEARN, 'watch', SHUFFLE, '--seed', '5'], {
      env: {
        ...process.env,
        LEARN_WORKSPACE: workspace,
        LEARN_PROGRESS_KEY_FILE: join(workspace, '..', `${basename(workspace)}.key`),
        NO_COLOR: '1',
      },
    });
    let stdout = '';
    const seen = (pattern: RegExp) =>
      new Promise<void>((done) => {
        const look = () => pattern.test(stdout) && done();
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          look();
        });
        look();
      });
    try {
      await seen(/failed: \d of 5 checks passed/);
      writeFileSync(join(workspace, SHUFFLE, 'channel-shuffle.ts'), readFileSync(SOLUTION, 'utf8'));
      await seen(/passed: all 5 checks/);
    } finally {
      child.kill();
    }
    expect(stdout.indexOf('failed:')).toBeLessThan(stdout.indexOf('passed: all 5 checks'));
  });
});

describe('resolveExercise', () => {
  it('accepts the id, NN-slug, slug and track/NN', () => {
    for (const input of [SHUFFLE, '02-channel-shuffle', 'channel-shuffle', 'shufflenet/02']) {
      const resolution = resolveExercise(input, manifest);
      expect(resolution.ok && resolution.exercise.id, input).toBe(SHUFFLE);
    }
    const zynq = resolveExercise('zynq/01', manifest);
    expect(zynq.ok && zynq.exercise.id).toBe('zynq/01-fixed-point-print');
  });

  it('lists the exercises a bare number names in two tracks', () => {
    const resolution = resolveExercise('01', manifest);
    expect(resolution.ok).toBe(false);
    if (!resolution.ok) {
      expect(resolution.message).toMatch(/matches several exercises/);
      expect(resolution.message).toMatch(/shufflenet\/01-group-conv-params/);
      expect(resolution.message).toMatch(/zynq\/01-fixed-point-print/);
    }
  });

  it('suggests the closest ids for a typo', () => {
    const resolution = resolveExercise('group-conv2', manifest);
    expect(resolution.ok).toBe(false);
    if (!resolution.ok) expect(resolution.message).toMatch(/Did you mean:\n.*03-group-conv2d/);
  });
});

describe('progress file', () => {
  it('moves a corrupt file aside and starts empty instead of crashing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'progress-'));
    const path = join(dir, '.progress.json');
    writeFileSync(path, '{ not json');
    const warnings: string[] = [];
    expect(loadProgress(path, (w) => warnings.push(w))).toEqual({ version: 1, exercises: {} });
    expect(warnings[0]).toContain('moved to');
    expect(readdirSync(dir).some((name) => name.startsWith('.progress.json.corrupt-'))).toBe(true);
    expect(readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8')).toBe('{ not json');
  });

  it('fills missing fields with defaults and rejects wrong ones', () => {
    expect(parseProgress({ version: 1, exercises: { a: { passed: true } } })).toEqual({
      version: 1,
      exercises: { a: { passed: true, attempts: 0, failedAttempts: 0, hintsShown: 0 } },
    });
    expect(() => parseProgress({ version: 2, exercises: {} })).toThrow(/version 1/);
    expect(() => parseProgress({ version: 1, exercises: { a: { attempts: -1 } } })).toThrow(
      /attempts/,
    );
    expect(() => parseProgress({ version: 1, exercises: { a: { passed: 'yes' } } })).toThrow(
      /passed/,
    );
  });
});
