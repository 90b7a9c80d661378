/**
 * The memory budget of a grading run: typed arrays counted through the global constructors,
 * tensors refused on the wasm backend before it allocates them, and allocation errors described
 * as memory running out. Runs on a private scope object (and the wasm backend in this file's own
 * process), so the test runner's globals stay untouched.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../runtime/backends-node.ts';
import { describeOutOfMemory, installMemoryBudget, isOutOfMemory } from './memory-budget.ts';
import { graderTf } from './tfjs.ts';

const MiB = 2 ** 20;

/** A stand-in global scope holding the real constructors. */
function scope() {
  return {
    ArrayBuffer,
    Uint8Array,
    Float32Array,
    Float64Array,
  } as unknown as typeof globalThis & {
    ArrayBuffer: ArrayBufferConstructor;
    Uint8Array: Uint8ArrayConstructor;
    Float32Array: Float32ArrayConstructor;
    Float64Array: Float64ArrayConstructor;
  };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('typed-array budget', () => {
  it('refuses one allocation larger than the budget before V8 tries it', () => {
    const s = scope();
    installMemoryBudget(s, null, { typedArrayBytes: 64 * MiB, tensorBytes: 64 * MiB });
    const error = thrown(() => new s.Float32Array(2 ** 31));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe(
      'out of memory: new Float32Array(...) asks for 8,192 MiB, and the run has 0 MiB of typed ' +
        'arrays already; the grader allows 64 MiB',
    );
    expect(isOutOfMemory(error)).toBe(true);
  });

  it('stops a loop that keeps growing, counting every constructor', () => {
    const s = scope();
    const budget = installMemoryBudget(s, null, { typedArrayBytes: 64 * MiB, tensorBytes: MiB });
    const hoard: object[] = [];
    const error = thrown(() => {
      for (;;) hoard.push(new s.Float64Array(1 << 20), new s.ArrayBuffer(4 * MiB));
    });
    // 8 MiB + 4 MiB per round: the sixth round's array would pass 64 MiB.
    expect(hoard).toHaveLength(10);
    expect(budget.typedArrayBytesInUse()).toBe(60 * MiB);
    expect(error.message).toMatch(
      /^out of memory: new Float64Array\(\.\.\.\) asks for 8 MiB, .* 60 MiB/,
    );
  });

  it('counts copies but not views of an existing buffer, and keeps constructors usable', () => {
    const s = scope();
    const budget = installMemoryBudget(s, null, { typedArrayBytes: MiB, tensorBytes: MiB });
    const buffer = new s.ArrayBuffer(1024);
    const view = new s.Float32Array(buffer, 0, 256);
    expect(budget.typedArrayBytesInUse()).toBe(1024);
    new s.Uint8Array([1, 2, 3]);
    new s.Float64Array(view); // a copy: 256 elements of 8 bytes
    expect(budget.typedArrayBytesInUse()).toBe(1024 + 3 + 2048);
    expect(view).toBeInstanceOf(s.Float32Array);
    expect(view).toBeInstanceOf(Float32Array);
    expect(s.Float32Array.BYTES_PER_ELEMENT).toBe(4);
    class Sub extends s.Float32Array {}
    expect(new Sub(4)).toBeInstanceOf(Float32Array);
  });
});

describe('tensor budget on the wasm backend', () => {
  beforeAll(async () => {
    await graderTf();
    await useBackend('wasm');
  });

  it('refuses a tensor past the budget before the backend allocates it', () => {
    installMemoryBudget(scope(), tf, { typedArrayBytes: 64 * MiB, tensorBytes: 16 * MiB });
    const small = tf.fill([1024, 1024], 1); // 4 MiB, made in wasm memory by the Fill kernel
    const before = tf.memory().numBytes;
    // Fill allocates its output in wasm memory: no typed array the other budget could count.
    const error = thrown(() => tf.fill([1e5, 1e5], 1));
    expect(error.message).toBe(
      'out of memory: a float32 tensor of shape [100000, 100000] needs 38,147 MiB, and tensors ' +
        'already use 4 MiB; the grader allows 16 MiB of tensors',
    );
    // Nothing was allocated or leaked, and tfjs still works.
    expect(tf.memory().numBytes).toBe(before);
    expect(tf.add(small, 1).sum().dataSync()[0]).toBe(2 * 1024 * 1024);
    tf.dispose(small);
  });
});

describe('describing allocation errors', () => {
  it("recognises V8's allocation RangeErrors and the budget's own", () => {
    expect(isOutOfMemory(new RangeError('Array buffer allocation failed'))).toBe(true);
    expect(isOutOfMemory(new RangeError('Invalid typed array length: 10000000000'))).toBe(true);
    expect(isOutOfMemory(new RangeError('Invalid array length'))).toBe(true);
    expect(isOutOfMemory(new RangeError('Maximum call stack size exceeded'))).toBe(false);
    expect(isOutOfMemory(new TypeError('Array buffer allocation failed'))).toBe(false);
    expect(describeOutOfMemory(new RangeError('Array buffer allocation failed'))).toBe(
      'ran out of memory: Array buffer allocation failed (RangeError)',
    );
    expect(describeOutOfMemory(new RangeError('out of memory: too big'))).toBe(
      'ran out of memory: too big',
    );
  });
});
