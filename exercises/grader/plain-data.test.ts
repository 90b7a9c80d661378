/**
 * The copy between learner values and the checks: what survives (plain data, fresh tensors) and
 * what is refused (accessors, functions, promises, thenables, class instances, tensor
 * look-alikes, cycles), and that neither side can change the other's values after a call.
 */
import { types } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CheckFailure } from './assert.ts';
import { copyPlainData, guardModule } from './plain-data.ts';
import { graderTf } from './tfjs.ts';

const tf = await graderTf();
const copy = (value: unknown) => copyPlainData(value, 'the result', tf);

function refusal(value: unknown): string {
  try {
    copy(value);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckFailure);
    return (error as Error).message;
  }
  throw new Error('the copy accepted the value');
}

describe('copyPlainData', () => {
  it('copies primitives, arrays, plain objects and typed arrays into new objects', () => {
    const source = { a: 1, b: [2, 'three', true, null], c: new Float32Array([0.5, 1.5]) };
    const result = copy(source) as typeof source;
    expect(result).toEqual(source);
    expect(result).not.toBe(source);
    expect(result.b).not.toBe(source.b);
    expect(result.c).not.toBe(source.c);
    source.b[0] = 99;
    source.c[0] = 99;
    expect(result.b[0]).toBe(2);
    expect(result.c[0]).toBe(0.5);
  });

  it('rebuilds a real tensor from its values: a new tensor, unaffected by the original', () => {
    const x = tf.tensor([1, 2, 3, 4], [2, 2], 'int32');
    const y = copy(x) as typeof x;
    expect(y).not.toBe(x);
    expect(y.shape).toEqual([2, 2]);
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4]);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4]);
    y.dispose();
  });

  it('copies a Proxy of an array into a plain array: no trap survives the copy', () => {
    let reads = 0;
    const proxy = new Proxy([1, 2, 3], {
      get: (target, key) => (reads++, Reflect.get(target, key)),
    });
    const result = copy(proxy) as number[];
    expect(types.isProxy(result)).toBe(false);
    const before = reads;
    expect(result.reduce((a, b) => a + b, 0)).toBe(6);
    expect(reads).toBe(before);
  });

  it('refuses getters without calling them', () => {
    let called = false;
    const value = {
      get filter() {
        called = true;
        return 1;
      },
    };
    expect(refusal(value)).toMatch(/the result\.filter is a getter/);
    expect(called).toBe(false);
    expect(refusal(Object.defineProperty([1], 0, { get: () => 2 }))).toMatch(/\[0\] is a getter/);
  });

  it('refuses functions, promises, thenables and class instances, naming what was returned', () => {
    expect(refusal(() => 1)).toMatch(/^the result is a function: the checks read plain data/);
    expect(refusal(Promise.resolve(1))).toMatch(/a Promise \(drop `async`/);
    expect(refusal({ then: (resolve: (v: number) => void) => resolve(1) })).toMatch(/a thenable/);
    expect(refusal(new Map())).toMatch(/a class instance/);
    expect(refusal(new Proxy(new Float32Array(2), {}))).toMatch(/a class instance/);
  });

  it('refuses objects that imitate a tensor', () => {
    const fake = { shape: [1], dtype: 'float32', isDisposed: false, dataSync: () => [0] };
    expect(refusal(fake)).toMatch(/imitates a tensor/);
    class Fake {
      shape = [1];
      dtype = 'float32';
      dataSync() {
        return [0];
      }
    }
    expect(refusal(new Fake())).toMatch(/imitates a tensor/);
  });

  it('refuses a disposed tensor with the message the checks give', () => {
    const x = tf.tensor([1]);
    x.dispose();
    expect(refusal(x)).toMatch(/was disposed before it was returned/);
  });

  it('refuses cycles and deep nesting instead of overflowing the stack', () => {
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(refusal(cycle)).toMatch(/circular/);
    let deep: unknown = 0;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(refusal(deep)).toMatch(/nested more than 32 levels/);
  });
});

describe('guardModule', () => {
  it('gives learner functions copies of the arguments, so they cannot change the check’s data', () => {
    const bn = { gamma: tf.tensor([1, 2]), eps: 1e-5 };
    const learner = guardModule(
      {
        fold: (params: { gamma: unknown; eps: number }) => {
          params.gamma = tf.zeros([2]);
          params.eps = 0;
          return 1;
        },
      },
      tf,
    );
    expect((learner.fold as (p: unknown) => number)(bn)).toBe(1);
    expect(Array.from(bn.gamma.dataSync())).toEqual([1, 2]);
    expect(bn.eps).toBe(1e-5);
  });

  it('hands grader functions in as they are and copies non-function exports', () => {
    const answer = [1, 2];
    const learner = guardModule({ call: (f: () => number) => f(), answer }, tf);
    expect((learner.call as (f: () => number) => number)(() => 7)).toBe(7);
    expect(learner.answer).toEqual([1, 2]);
    expect(learner.answer).not.toBe(answer);
    expect(Object.isFrozen(learner)).toBe(true);
  });

  it('names the function whose result was refused', () => {
    const learner = guardModule({ channelShuffle: async () => 1 }, tf);
    expect(() => (learner.channelShuffle as () => unknown)()).toThrow(
      /the result of channelShuffle\(\.\.\.\) is a Promise/,
    );
  });
});
