/**
 * The Node runner's isolation: a fresh worker per run, the time limit, the heap limit, and a
 * wrong shuffle reported with expected and actual channel orders.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NodeGradeRunner, prewarmGradeWorker } from './node-runner.ts';

const SHUFFLE = 'shufflenet/02-channel-shuffle';
const solution = readFileSync(
  new URL('../shufflenet/02-channel-shuffle/solution/channel-shuffle.ts', import.meta.url),
  'utf8',
);
// These tests are about the worker; the type check (on by default) has its own test below.
const runner = new NodeGradeRunner({ seed: 11, typeCheck: false });

/**
 * Generous limits for the runs that must finish: these tests start several workers at once on
 * shared CI cores, where a worker's start-up alone can take seconds.
 */

function gradeShuffle(source: string, timeLimitMs = 30_000) {
  return runner.grade({
    exerciseId: SHUFFLE,
    files: { 'channel-shuffle.ts': source },
    timeLimitMs,
  });
}

// Runs are independent workers that mostly wait, so they run concurrently; the time-limit test
// runs alone below, so that other workers' start-up cannot delay its measurement.
describe.concurrent('NodeGradeRunner', () => {
  it('passes the reference solution in a worker', async () => {
    const result = await gradeShuffle(solution);
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.status).toBe('pass');
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('fails the inverse permutation and shows expected and actual channel orders', async () => {
    // Transposing [C/g, g] instead of [g, C/g]: megvii's V1 order, the inverse of torchvision's.
    const inverse = `
      import * as tf from '@tensorflow/tfjs-core';
      export function channelShuffle(x: tf.Tensor4D, groups: number): tf.Tensor4D {
        const [n, h, w, c] = x.shape;
        return x.reshape([n * h * w, c / groups, groups]).transpose([0, 2, 1]).reshape([n, h, w, c]);
      }`;
    const result = await gradeShuffle(inverse);
    expect(result.status).toBe('fail');
    const first = result.checks[0]!;
    expect(first.status).toBe('fail');
    expect(first.expected).toBe('at [0, 0, 0, :] [0, 3, 1, 4, 2, 5]');
    expect(first.actual).toBe('at [0, 0, 0, :] [0, 2, 4, 1, 3, 5]');
    // Every check that can tell the two directions apart fails, not only the first.
    expect(result.checks.filter((c) => c.status === 'fail').length).toBeGreaterThanOrEqual(3);
  });

  it('contains a huge allocation and reports it as an error', async () => {
    const hog = `
      export function channelShuffle() {
        const hoard: number[][] = [];
        while (true) hoard.push(new Array(1_000_000).fill(1.5));
      }`;
    const small = new NodeGradeRunner({ seed: 1, maxHeapMb: 256 });
    const result = await small.grade({
      exerciseId: SHUFFLE,
      files: { 'channel-shuffle.ts': hog },
      timeLimitMs: 30_000,
    });
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/out of memory.*256 MiB/);
  });

  it('contains typed arrays, which the heap limit does not cover, with the memory budget', async () => {
    const single = await gradeShuffle(
      'export function channelShuffle() { return new Float32Array(2 ** 31); }',
    );
    expect(single.status).toBe('error');
    expect(single.message).toMatch(
      /^the program ran out of memory: new Float32Array\(\.\.\.\) asks for 8,192 MiB/,
    );
    const growing = await gradeShuffle(`
      export function channelShuffle() {
        const a: Float64Array[] = [];
        while (true) a.push(new Float64Array(1 << 24));
      }`);
    expect(growing.status).toBe('error');
    expect(growing.message).toMatch(/ran out of memory: .*the grader allows 2,048 MiB/);
    expect(growing.checks[0]!.message).toMatch(
      /^your code ran out of memory: .*\(at channel-shuffle\.ts:4:\d+\)$/,
    );
  });

  it('runs each submission in a fresh worker, so state does not leak between runs', async () => {
    const counting = `
      const g = globalThis as { loads?: number };
      g.loads = (g.loads ?? 0) + 1;
      if (g.loads > 1) throw new Error('a previous run left state behind');
      ${solution}`;
    const first = await gradeShuffle(counting);
    const second = await gradeShuffle(counting);
    expect([first.status, second.status]).toEqual(['pass', 'pass']);
  });

  it('reports compile errors from the worker with positions', async () => {
    const result = await gradeShuffle('export function channelShuffle(x: number {\n}');
    expect(result.status).toBe('error');
    expect(result.compileErrors[0]).toMatchObject({ line: 1, column: 42 }); // the `{` where `,` or `)` belongs;
  });

  it('says exactly what was thrown: a string, or an object whose toString throws', async () => {
    const str = await gradeShuffle(`export function channelShuffle() { throw 'x'; }`);
    expect(str.checks[0]!.message).toBe("your code threw the string 'x'");
    const hostile = await gradeShuffle(
      `export function channelShuffle() { throw { toString() { throw new Error('no'); } }; }`,
    );
    expect(hostile.status).toBe('fail');
    expect(hostile.checks[0]!.message).toBe('your code threw an object (its toString() threw)');
    const error = await gradeShuffle(
      `export function channelShuffle() {\n  throw new RangeError('bad');\n}`,
    );
    expect(error.checks[0]!.message).toBe(
      'your code threw RangeError: bad (at channel-shuffle.ts:2:9)',
    );
  });

  it('reports a top-level await that never settles, well within the time limit', async () => {
    const result = await gradeShuffle(
      `export const ready = await new Promise(() => {});\nexport function channelShuffle() {}`,
    );
    expect(result.status).toBe('error');
    expect(result.message).toBe("your module's top-level await never settled");
    expect(result.durationMs).toBeLessThan(30_000);
  });

  it('reports a pending top-level await while a timer keeps the worker busy', async () => {
    const result = await gradeShuffle(
      `setInterval(() => {}, 50);\nexport const ready = await new Promise(() => {});\nexport function channelShuffle() {}`,
      // Room for the worker's start on a loaded machine: the answer comes at 90% of the limit.
      10_000,
    );
    expect(result.status).toBe('error');
    expect(result.message).toBe(
      "your module's top-level await never settled within the time limit (10000 ms)",
    );
  });

  it('keeps what the learner printed, up to the moment the worker ends', async () => {
    const loud = `console.log('loading');\n${solution}\nconsole.warn('loaded', 2);`;
    const result = await gradeShuffle(loud);
    expect(result.status).toBe('pass');
    expect(result.output).toEqual(['loading', 'warn: loaded 2']);
    const flood = await gradeShuffle(
      `for (let i = 0; i < 1000; i++) console.log(i);\nexport function channelShuffle() {}`,
    );
    expect(flood.output).toHaveLength(201);
    expect(flood.output!.at(-1)).toMatch(/^… output truncated: 800 more lines not shown/);
  });

  it('fails a submission with a type error, with file:line:col and TypeScript message', async () => {
    const typed = new NodeGradeRunner({ seed: 11 });
    const wrong = solution.replace(
      /export function channelShuffle\(/,
      'const wrongType: number = "6";\nexport function channelShuffle(',
    );
    expect(wrong).not.toBe(solution);
    const line = wrong.split('\n').findIndex((l) => l.startsWith('const wrongType')) + 1;
    const result = await typed.grade({
      exerciseId: SHUFFLE,
      files: { 'channel-shuffle.ts': wrong },
      timeLimitMs: 30_000,
    });
    expect(result.status).toBe('fail');
    expect(result.compileErrors).toEqual([
      {
        file: 'channel-shuffle.ts',
        line,
        column: 7,
        message: "Type 'string' is not assignable to type 'number'. (TS2322)",
      },
    ]);
    expect(result.checks[0]!.status).toBe('fail');
    expect(result.checks.slice(1).every((c) => c.status === 'pass')).toBe(true);
  });

  it('answers an unknown exercise with an error result', async () => {
    const result = await runner.grade({ exerciseId: 'nope/01-x', files: {}, timeLimitMs: 30_000 });
    expect(result.status).toBe('error');
    expect(result.message).toContain("unknown exercise 'nope/01-x'");
  });
});

describe('NodeGradeRunner time limit', () => {
  it('stops an endless loop at the time limit', async () => {
    const limit = 2_000;
    const started = Date.now();
    const result = await gradeShuffle(
      'export function channelShuffle() { while (true) {} }',
      limit,
    );
    const elapsed = Date.now() - started;
    expect(result.status).toBe('timeout');
    expect(result.message).toMatch(/time limit/);
    expect(elapsed).toBeGreaterThanOrEqual(limit - 50);
    expect(elapsed).toBeLessThan(limit + 1_000);
  });
});

describe('prewarmGradeWorker', () => {
  it('grades in the worker started ahead, and a second run starts a fresh one', async () => {
    prewarmGradeWorker();
    // Give the spare time to load, as `learn check` does while the CLI loads.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const first = await gradeShuffle(solution);
    expect(first.status).toBe('pass');
    const second = await gradeShuffle(solution);
    expect(second.status).toBe('pass');
  });

  it('uses no spare with another heap limit', async () => {
    prewarmGradeWorker(256);
    const result = await gradeShuffle(solution);
    expect(result.status).toBe('pass');
  });
});
