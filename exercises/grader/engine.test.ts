/**
 * The engine in-process: every check runs and reports, expected/actual are rendered, compile
 * errors carry positions, and the assertion helpers fail on what they should.
 */
import { describe, expect, it } from 'vitest';
import { gradeSubmission } from './grade-submission.ts';
import { graderTf } from './tfjs.ts';
import {
  expectClose,
  expectEqual,
  expectTensorClose,
  runChecks,
  CheckFailure,
  type Check,
} from './engine.ts';
import { createRng, deriveSeed } from './rng.ts';

const checks: Check[] = [
  { name: 'first', run: (m) => expectEqual((m.f as () => number)(), 1) },
  { name: 'second', run: (m) => expectEqual((m.f as () => number)(), 2, 'f()') },
  { name: 'third', run: (m) => expectClose((m.f as () => number)(), 3, { atol: 0.5 }) },
  {
    name: 'fourth',
    run: () => {
      throw new TypeError('boom');
    },
  },
];

async function grade(source: string, entry = 'answer.ts') {
  return gradeSubmission({
    request: { exerciseId: 'test/01-x', files: { [entry]: source }, timeLimitMs: 1000 },
    language: 'ts',
    entry,
    checks,
    tf: await graderTf(),
    seed: 7,
  });
}

describe('runChecks', () => {
  it('runs and reports every check, not only the first failing one', async () => {
    const result = await grade('export function f(): number { return 2; }');
    expect(result.status).toBe('fail');
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([
      ['first', 'fail'],
      ['second', 'pass'],
      ['third', 'fail'],
      ['fourth', 'error'],
    ]);
    expect(result.checks[0]).toMatchObject({ expected: '1', actual: '2' });
    expect(result.checks[2]).toMatchObject({ expected: '3', actual: '2' });
    expect(result.checks[3]!.message).toContain('TypeError: boom');
  });

  it('passes only when every check passes', async () => {
    const tf = await graderTf();
    const passing: Check[] = [{ name: 'a', run: () => 'fine' }];
    const outcome = await runChecks(passing, {}, { tf, seed: 1 });
    expect(outcome).toEqual({
      status: 'pass',
      checks: [{ name: 'a', status: 'pass', message: 'fine' }],
    });
  });

  it('gives each check its own seeded RNG, reproducible from the run seed', async () => {
    const tf = await graderTf();
    const draws: number[] = [];
    const drawing: Check[] = [0, 1].map((i) => ({
      name: `draw ${i}`,
      run: (_, ctx) => void draws.push(ctx.rng.next()),
    }));
    await runChecks(drawing, {}, { tf, seed: 5 });
    await runChecks(drawing, {}, { tf, seed: 5 });
    expect(draws[0]).toBe(draws[2]);
    expect(draws[1]).toBe(draws[3]);
    expect(draws[0]).not.toBe(draws[1]);
    expect(createRng(deriveSeed(5, 0)).next()).toBe(draws[0]);
  });

  it('frees tensors a check or the learner leaked', async () => {
    const tf = await graderTf();
    const before = tf.memory().numTensors;
    const leaky: Check[] = [{ name: 'leak', run: () => void tf.ones([3]) }];
    await runChecks(leaky, {}, { tf, seed: 1 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('compile errors', () => {
  it('reports a syntax error with its line and column, and runs no check', async () => {
    const result = await grade('export function f(): number {\n  return 1 +;\n}');
    expect(result.status).toBe('error');
    expect(result.checks).toEqual([]);
    expect(result.compileErrors).toHaveLength(1);
    expect(result.compileErrors[0]).toMatchObject({ file: 'answer.ts', line: 2, column: 13 });
  });

  it('reports an import the grader cannot provide at its position', async () => {
    const result = await grade("export const x = 1;\nimport { readFileSync } from 'node:fs';\n");
    expect(result.status).toBe('error');
    expect(result.compileErrors[0]).toMatchObject({ line: 2, column: 1 });
    expect(result.compileErrors[0]!.message).toContain("cannot import 'node:fs'");
  });

  it('reports an exception while the module loads, with the learner line', async () => {
    const result = await grade("export const a = 1;\nthrow new Error('at load');\n");
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/at load.*answer\.ts:2:/);
  });

  it('maps a runtime error in a check back to the learner line', async () => {
    const result = await grade(
      'export function f(): number {\n  const o: any = null;\n  return o.x;\n}',
    );
    expect(result.checks[0]!.status).toBe('error');
    expect(result.checks[0]!.message).toMatch(/answer\.ts:3:\d+/);
  });
});

describe('learner modules', () => {
  it("resolve '@tensorflow/tfjs-core' to the grader's tfjs, with chained methods", async () => {
    const tf = await graderTf();
    const source = [
      "import * as tf from '@tensorflow/tfjs-core';",
      'export function f(): number {',
      '  return tf.tensor1d([1, 2, 3, 4]).reshape([2, 2]).transpose().sum().arraySync() as number;',
      '}',
      'export const sameTf = (t: unknown) => t === tf.Tensor;',
    ].join('\n');
    const outcome = await gradeSubmission({
      request: { exerciseId: 'test/01-x', files: { 'a.ts': source }, timeLimitMs: 1000 },
      language: 'ts',
      entry: 'a.ts',
      checks: [
        { name: 'sum', run: (m) => expectEqual((m.f as () => number)(), 10) },
        {
          name: 'same',
          run: (m) => expectEqual((m.sameTf as (t: unknown) => boolean)(tf.Tensor), true),
        },
      ],
      tf,
      seed: 1,
    });
    expect(outcome.checks.map((c) => c.status)).toEqual(['pass', 'pass']);
  });

  it('may import their own other files', async () => {
    const tf = await graderTf();
    const outcome = await gradeSubmission({
      request: {
        exerciseId: 'test/01-x',
        files: {
          'a.ts': "import { two } from './b.ts';\nexport const f = () => two + 1;",
          'b.ts': 'export const two: number = 2;',
        },
        timeLimitMs: 1000,
      },
      language: 'ts',
      entry: 'a.ts',
      checks: [{ name: 'three', run: (m) => expectEqual((m.f as () => number)(), 3) }],
      tf,
      seed: 1,
    });
    expect(outcome.status).toBe('pass');
  });

  it("resolve 'shufflenet-lab/runtime' to runtime/index.ts on the grader's tfjs", async () => {
    const tf = await graderTf();
    const runtime = await import('../../runtime/index.ts');
    // The runtime's channel shuffle on a tensor the learner made with the grader's tfjs: one
    // engine, so the learner's tensor is a valid input and the result is a tensor of `tf`.
    const source = [
      "import * as tf from '@tensorflow/tfjs-core';",
      "import { buildArch, channelShuffle, type ArchOptions } from 'shufflenet-lab/runtime';",
      "const options: ArchOptions = { version: 'v2', width: 0.5 };",
      'export const numClasses = () => buildArch(options).config.numClasses;',
      'export const shuffled = () => channelShuffle(tf.tensor4d([0, 1, 2, 3, 4, 5], [1, 1, 1, 6]), 2);',
      'export const sameRuntime = (f: unknown) => f === channelShuffle;',
    ].join('\n');
    const outcome = await gradeSubmission({
      request: { exerciseId: 'test/01-x', files: { 'a.ts': source }, timeLimitMs: 1000 },
      language: 'ts',
      entry: 'a.ts',
      checks: [
        { name: 'arch', run: (m) => expectEqual((m.numClasses as () => number)(), 1000) },
        {
          name: 'shuffle',
          run: (m) => {
            const y = (m.shuffled as () => unknown)();
            expectEqual(y instanceof tf.Tensor, true, 'a tensor of the grader tfjs');
            expectEqual(
              (y as import('@tensorflow/tfjs-core').Tensor).dataSync().join(),
              '0,3,1,4,2,5',
            );
          },
        },
        {
          name: 'same module',
          run: (m) =>
            expectEqual((m.sameRuntime as (f: unknown) => boolean)(runtime.channelShuffle), true),
        },
      ],
      tf,
      seed: 1,
    });
    expect(outcome.checks.map((c) => `${c.name}: ${c.status} ${c.message}`)).toEqual([
      'arch: pass correct',
      'shuffle: pass correct',
      'same module: pass correct',
    ]);
  });

  it('name the runtime among the allowed imports when an import is refused', async () => {
    const result = await grade("import { x } from 'shufflenet-lab/oracle';\nexport const f = x;");
    expect(result.compileErrors[0]!.message).toBe(
      "cannot import 'shufflenet-lab/oracle': exercises may import @tensorflow/tfjs-core, " +
        '@tensorflow/tfjs, shufflenet-lab/runtime and their own files (./name.ts)',
    );
  });

  it('reports C graded without a board environment as a compile error that says so', async () => {
    const outcome = await gradeSubmission({
      request: {
        exerciseId: 'c/01-x',
        files: { 'a.c': 'int f(void) { return 1; }' },
        timeLimitMs: 1000,
      },
      language: 'c',
      entry: 'a.c',
      checks,
      tf: await graderTf(),
      seed: 1,
    });
    expect(outcome.status).toBe('error');
    expect(outcome.compileErrors[0]!.message).toMatch(/no simulated board/);
  });
});

describe('assertions', () => {
  function failure(fn: () => void): CheckFailure {
    try {
      fn();
    } catch (error) {
      if (error instanceof CheckFailure) return error;
      throw error;
    }
    throw new Error('expected a CheckFailure');
  }

  it('expectClose honours the tolerance and rejects non-numbers', () => {
    expectClose(1.0001, 1, { atol: 1e-3 });
    expect(failure(() => expectClose(1.1, 1, { atol: 1e-3 })).expected).toBe('1');
    expect(failure(() => expectClose('1', 1)).actual).toBe('"1"');
    expect(failure(() => expectClose(NaN, 1)).actual).toBe('NaN');
  });

  it('expectTensorClose reports the shape, then the first differing row', async () => {
    const tf = await graderTf();
    const expected = tf.tensor4d([0, 3, 1, 4, 2, 5], [1, 1, 1, 6]);
    const wrongShape = failure(() => expectTensorClose(tf.zeros([1, 1, 6]), expected));
    expect([wrongShape.expected, wrongShape.actual]).toEqual(['[1, 1, 1, 6]', '[1, 1, 6]']);
    const wrongOrder = failure(() =>
      expectTensorClose(tf.tensor4d([0, 2, 4, 1, 3, 5], [1, 1, 1, 6]), expected),
    );
    expect(wrongOrder.expected).toBe('at [0, 0, 0, :] [0, 3, 1, 4, 2, 5]');
    expect(wrongOrder.actual).toBe('at [0, 0, 0, :] [0, 2, 4, 1, 3, 5]');
    expect(wrongOrder.message).toContain('4 of 6 values differ; first at [0, 0, 0, 1]');
    expect(failure(() => expectTensorClose(42, expected)).actual).toBe('42');
    const pending = failure(() => expectTensorClose(Promise.resolve(expected), expected));
    expect(pending.actual).toContain('a Promise');
    tf.dispose(expected);
  });
});
