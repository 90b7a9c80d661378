/**
 * Hostile submissions, graded the way `learn check` grades: through the Node runner, in a fresh
 * worker, with learner code in a ses Compartment (ses-realm.ts). Each one is a wrong answer
 * dressed up to look right; none may end in a pass.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifest } from '../manifest.ts';
import { NodeGradeRunner, verdictOf } from './node-runner.ts';

const SHUFFLE = 'shufflenet/02-channel-shuffle';
// The runtime isolation is under test; a type error would fail these runs for another reason.
const runner = new NodeGradeRunner({ seed: 5, typeCheck: false });

/** A wrong channel shuffle (returns its input), after `attack`. */
const WRONG = `
export function channelShuffle(x: any, groups: number): any { return x; }`;

function grade(source: string, timeLimitMs = 30_000) {
  return runner.grade({
    exerciseId: SHUFFLE,
    files: { 'channel-shuffle.ts': source },
    timeLimitMs,
  });
}

const attacks: Record<string, string> = {
  'posts a pass through worker_threads.parentPort': `
    const wt = (process as any).getBuiltinModule('node:worker_threads');
    wt.parentPort.postMessage({ exerciseId: '${SHUFFLE}', status: 'pass', checks: [], compileErrors: [] });
    ${WRONG}`,
  'wraps parentPort.postMessage to rewrite the result': `
    const port = (process as any).getBuiltinModule('node:worker_threads').parentPort;
    const post = port.postMessage.bind(port);
    port.postMessage = (r: any) => post({ ...r, status: 'pass', checks: [] });
    ${WRONG}`,
  'reaches process through globalThis': `
    (globalThis as any).process.getBuiltinModule('node:fs').writeFileSync('/tmp/x', 'y');
    ${WRONG}`,
  'reaches process through new Function': `
    const g = new Function('return this')();
    g.process.exit(0);
    ${WRONG}`,
  'reaches process through Function.prototype.constructor': `
    const F = (function () {}).constructor as any;
    F('return process')().getBuiltinModule('node:child_process').execSync('true');
    ${WRONG}`,
  'uses eval to reach the host': `
    (0, eval)('process').exit(0);
    ${WRONG}`,
  'uses require': `
    const fs = (require as any)('fs');
    fs.writeFileSync('.progress.json', '{}');
    ${WRONG}`,
  'imports the solution dynamically': `
    export const then = (resolve: any) => resolve(import('../solution/channel-shuffle.ts'));
    ${WRONG}`,
  'awaits import() of the solution': `
    const solved: any = await import('../solution/channel-shuffle.ts' as string);
    export const channelShuffle = solved.channelShuffle;`,
  'exports a thenable': `
    export function then(resolve: (v: unknown) => void) { resolve({ channelShuffle: () => 1 }); }
    ${WRONG}`,
  'patches Object.is': `
    Object.is = () => true;
    ${WRONG}`,
  'patches Math.abs': `
    Math.abs = () => 0;
    ${WRONG}`,
  'patches Array.prototype.every': `
    Array.prototype.every = () => true;
    ${WRONG}`,
  'patches tf.Tensor.prototype.dataSync': `
    import * as tf from '@tensorflow/tfjs-core';
    (tf.Tensor.prototype as any).dataSync = function () { return new Float32Array(0); };
    ${WRONG}`,
  'sets Error.prepareStackTrace': `
    (Error as any).prepareStackTrace = () => { throw new Error('hijacked'); };
    ${WRONG}`,
  'stores a capability in the Symbol.for registry': `
    (Symbol as any).for = () => Symbol.iterator;
    (globalThis as any)[Symbol.for('grader')] = { pass: true };
    ${WRONG}`,
  'escapes through tf.env().global': `
    import * as tf from '@tensorflow/tfjs-core';
    (tf as any).env().global.process.getBuiltinModule('node:worker_threads').parentPort
      .postMessage({ exerciseId: '${SHUFFLE}', status: 'pass', checks: [], compileErrors: [] });
    ${WRONG}`,
  'escapes through tf.engine().ENV.global': `
    import * as tf from '@tensorflow/tfjs-core';
    (tf as any).engine().ENV.global.process.exit(0);
    ${WRONG}`,
  'patches the backend readSync so every tensor reads as zeros': `
    import * as tf from '@tensorflow/tfjs-core';
    const b: any = (tf as any).backend();
    const read = b.readSync.bind(b);
    b.readSync = (id: unknown) => read(id).map(() => 0);
    ${WRONG}`,
  're-registers a kernel': `
    import * as tf from '@tensorflow/tfjs-core';
    const k: any = (tf as any).getKernel('Transpose', 'cpu');
    (tf as any).registerKernel({ ...k, kernelFunc: (a: any) => a.inputs.x });
    ${WRONG}`,
  'reaches the network through tf.util.fetch': `
    import * as tf from '@tensorflow/tfjs-core';
    await (tf.util as any).fetch('http://127.0.0.1:9/');
    ${WRONG}`,
  'returns a Proxy': `
    export function channelShuffle(x: any): any {
      return new Proxy(x, { get: (t, k) => (k === 'dataSync' ? () => t.dataSync() : t[k]) });
    }`,
  'writes the progress file': `
    const fs = (globalThis as any).process?.getBuiltinModule?.('node:fs');
    fs.writeFileSync('workspace/.progress.json', '{"version":1,"exercises":{}}');
    ${WRONG}`,
};

describe.concurrent('hostile submissions never pass', () => {
  for (const [name, source] of Object.entries(attacks)) {
    it(name, async () => {
      const result = await grade(source);
      expect(result.status, JSON.stringify(result)).not.toBe('pass');
    });
  }

  it('exporting a thenable is refused with a clear message, never adopted', async () => {
    const result = await grade(attacks['exports a thenable']!);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/exports `then`/);
  });

  it('import(...) is refused', async () => {
    const result = await grade(attacks['imports the solution dynamically']!);
    expect(result.status).toBe('error');
    // sucrase turns import(...) into a require, which the loader refuses; here the thenable
    // export is refused first.
    expect(result.message).toMatch(/exports `then`|cannot import/);
  });

  it('learner code sees no process, require or fs', async () => {
    const result = await grade(`
      const seen = [typeof (globalThis as any).process, typeof (globalThis as any).require,
        typeof (globalThis as any).Buffer, String(new Function('return this')())];
      console.log(seen.join(' '));
      ${WRONG}`);
    expect(result.output).toContain('undefined undefined undefined undefined');
    expect(result.status).toBe('fail');
  });

  it('learner code still has Date.now() and Math.random(), frozen', async () => {
    const result = await grade(`
      console.log(Date.now() > 0, Math.random() < 1, Object.isFrozen(Math));
      ${WRONG}`);
    expect(result.output).toContain('true true true');
  });

  it("learner code's console holds no Node internals", async () => {
    const result = await grade(`
      console.log(Object.getOwnPropertySymbols(console).length, Object.isFrozen(console));
      ${WRONG}`);
    expect(result.output).toContain('0 true');
    expect(result.status).toBe('fail');
  });
});

const FOLD = 'shufflenet/10-fold-batchnorm';

/**
 * Attacks on what crosses between learner code and the checks (plain-data.ts). The check of
 * exercise 10 computes its expected folded filter from the BatchNorm object it passed in, after the
 * call: a learner who zeroes gamma in that object makes the expected filter zero.
 */
const crossingAttacks: Record<string, [string, string, string]> = {
  "zeroes the check's own BatchNorm gamma, then returns zeros": [
    FOLD,
    'fold-batchnorm.ts',
    `import * as tf from '@tensorflow/tfjs-core';
    export function foldBatchNorm(filter: any, bn: any): any {
      const c = bn.weight.shape[0];
      bn.weight = tf.zeros([c]);
      bn.bias = tf.zeros([c]);
      return { filter: tf.zerosLike(filter), bias: tf.zeros([c]) };
    }`,
  ],
  'returns an object whose getters answer differently on each read': [
    FOLD,
    'fold-batchnorm.ts',
    `import * as tf from '@tensorflow/tfjs-core';
    export function foldBatchNorm(filter: any, bn: any): any {
      let reads = 0;
      return { get filter() { reads++; return reads > 1 ? filter : tf.zerosLike(filter); },
        bias: bn.bias };
    }`,
  ],
  'returns an object that imitates a tensor': [
    SHUFFLE,
    'channel-shuffle.ts',
    `export function channelShuffle(x: any): any {
      return { shape: x.shape, dtype: 'float32', isDisposed: false, rank: 4,
        dataSync: () => new Proxy([], { get: () => 0 }) };
    }`,
  ],
  'returns a Proxy whose prototype lies': [
    SHUFFLE,
    'channel-shuffle.ts',
    `export function channelShuffle(x: any): any {
      return new Proxy({}, { getPrototypeOf: () => Object.getPrototypeOf(x), get: (_t, k) => x[k] });
    }`,
  ],
};

describe.concurrent('values crossing between learner code and the checks', () => {
  for (const [name, [id, file, source]] of Object.entries(crossingAttacks)) {
    it(name, async () => {
      const result = await runner.grade({
        exerciseId: id,
        files: { [file]: source },
        timeLimitMs: 30_000,
      });
      expect(result.status, JSON.stringify(result)).toBe('fail');
    });
  }

  it('names the refused value and what the checks accept', async () => {
    const [id, file, source] =
      crossingAttacks['returns an object whose getters answer differently on each read']!;
    const result = await runner.grade({
      exerciseId: id,
      files: { [file]: source },
      timeLimitMs: 30_000,
    });
    expect(result.checks[0]!.message).toMatch(
      /the result of foldBatchNorm\(\.\.\.\)\.filter is a getter .*: the checks read plain data/,
    );
  });
});

describe('hostile submissions that hang', () => {
  it('an Atomics.wait hang ends at the time limit, or cannot start', async () => {
    const result = await grade(
      `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\n${WRONG}`,
      4_000,
    );
    // SharedArrayBuffer is not among the compartment's globals: a ReferenceError, an error.
    expect(['timeout', 'error']).toContain(result.status);
  });

  it('memory taken around the budget (ArrayBuffer from .buffer.constructor) stops the run', async () => {
    const result = await grade(
      `const Buffer = (new Float32Array(1).buffer as any).constructor;
      const kept: unknown[] = [];
      for (let i = 0; i < 64; i++) {
        const block = new Buffer(256 * 1024 * 1024);
        new Uint8Array(block).fill(1);
        kept.push(block);
      }
      ${WRONG}`,
      60_000,
    );
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/ran out of memory: the grading process grew by \d+ MiB/);
  });

  it('an endless loop ends at the time limit', async () => {
    const result = await grade(`while (true) {}\n${WRONG}`, 4_000);
    expect(result.status).toBe('timeout');
  });
});

describe('the parent accepts only a well-formed verdict', () => {
  const request = { exerciseId: SHUFFLE, files: {}, timeLimitMs: 1 };
  const base = { exerciseId: SHUFFLE, compileErrors: [], durationMs: 1 };

  it('a pass with zero checks is a failure', () => {
    expect(verdictOf(request, { ...base, status: 'pass', checks: [] }).status).toBe('fail');
  });

  it('a pass with a check not passed is a failure', () => {
    const checks = [{ name: 'a', status: 'fail', message: 'no' }];
    expect(verdictOf(request, { ...base, status: 'pass', checks }).status).toBe('fail');
  });

  it('a malformed message is an error', () => {
    expect(verdictOf(request, 'pass').status).toBe('error');
    expect(verdictOf(request, { ...base, status: 'pass', checks: [null] }).status).toBe('error');
    expect(verdictOf(request, { ...base, exerciseId: 'other', status: 'pass' }).status).toBe(
      'error',
    );
  });
});

describe.concurrent('every solution still passes in the compartment, every starter fails', () => {
  for (const exercise of manifest.filter((e) => e.language === 'ts')) {
    const read = (kind: string) => ({
      [exercise.entry]: readFileSync(
        new URL(`../${exercise.id}/${kind}/${exercise.entry}`, import.meta.url),
        'utf8',
      ),
    });
    it(exercise.id, async () => {
      const solved = await runner.grade({
        exerciseId: exercise.id,
        files: read('solution'),
        timeLimitMs: 60_000,
      });
      expect(solved.checks.filter((c) => c.status !== 'pass')).toEqual([]);
      expect(solved.status).toBe('pass');
      const started = await runner.grade({
        exerciseId: exercise.id,
        files: read('start'),
        timeLimitMs: 60_000,
      });
      expect(started.status).not.toBe('pass');
    });
  }
});
