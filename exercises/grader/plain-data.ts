/**
 * The wall between learner values and the checks. Learner code and the checks share one heap, so
 * a value the learner returns could be a Proxy whose traps run learner code while a check reads
 * it, an object whose getters answer differently on each read, or a thenable; and an argument a
 * check passes in could be changed by the learner before the check computes its expected value
 * from it (set a BatchNorm's gamma to zero and the expected folded filter becomes zero too).
 *
 * So every call from a check into learner code goes through `guardModule`: the learner gets
 * copies of the arguments, and the check gets a copy of the result made of plain data only:
 * primitives, arrays, plain objects, typed arrays and tensors built afresh by the grader from the
 * values read once. Accessors, functions, promises, class instances and tensor look-alikes are
 * refused with a message that names what was returned and what the checks accept. A copy can hold
 * only what an honest function could have returned, so whatever traps ran while copying, the
 * verdict is computed on data the learner can no longer reach.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { CheckFailure } from './assert.ts';
import type { LearnerModule } from './engine.ts';

/** The tfjs parts the copy needs: the Tensor class (to recognise real tensors) and `tensor`. */
export type CopyTf = Pick<typeof tfc, 'Tensor' | 'tensor'>;

/** Deeper nesting is refused: no exercise returns more than a few levels. */
const MAX_DEPTH = 32;
/** Values copied per call, at most: a bound on work a hostile value can cause. */
const MAX_NODES = 1_000_000;

const ACCEPTED =
  'the checks read plain data: numbers, strings, booleans, arrays, plain objects, typed arrays and tf.Tensors';

/** tfjs dtypes a copy can rebuild. */
const DTYPES = new Set(['float32', 'int32', 'bool', 'string']);

// Intrinsics captured at load, before any learner code: these brand-checked accessors read a
// typed array's internal slots and run no user code, unlike `.constructor` or `.slice`.
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag)!
  .get as (this: unknown) => string | undefined;
const TYPED_ARRAYS: Record<string, new (source: ArrayLike<number> | ArrayLike<bigint>) => object> =
  {
    Int8Array,
    Uint8Array,
    Uint8ClampedArray,
    Int16Array,
    Uint16Array,
    Int32Array,
    Uint32Array,
    Float32Array,
    Float64Array,
    BigInt64Array,
    BigUint64Array,
  };
const getPrototypeOf = Object.getPrototypeOf;
const ownKeys = Reflect.ownKeys;
const describe = Reflect.getOwnPropertyDescriptor;
const isArray = Array.isArray;

/** A refusal: a wrong answer (status 'fail'), since the learner's code ran and returned this. */
function refuse(where: string, what: string): never {
  throw new CheckFailure(`${where} is ${what}: ${ACCEPTED}`, 'plain data', what);
}

interface CopyState {
  tf: CopyTf;
  /** Arguments only: functions the grader hands to learner code go in as they are. */
  passFunctions: boolean;
  nodes: number;
  seen: Set<object>;
}

/** A data property's value; accessors are refused without being called. */
function dataValue(source: object, key: string, where: string): unknown {
  const descriptor = describe(source, key);
  if (descriptor === undefined) return undefined;
  if (!('value' in descriptor)) refuse(where, 'a getter (an accessor property)');
  return descriptor.value;
}

function copyTensor(value: tfc.Tensor, where: string, state: CopyState): tfc.Tensor {
  // Own data properties of a real tensor (set in its constructor); a getter put on the instance
  // is refused like any other.
  if (dataValue(value, 'isDisposedInternal', where) === true) {
    throw new CheckFailure(
      `${where} was disposed before it was returned (return it out of tf.tidy, do not dispose it)`,
    );
  }
  const shape = copyValue(dataValue(value, 'shape', `${where}.shape`), `${where}.shape`, 0, state);
  const dtype = dataValue(value, 'dtype', `${where}.dtype`);
  if (
    !isArray(shape) ||
    !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)
  ) {
    refuse(where, 'a tensor with a malformed shape');
  }
  if (typeof dtype !== 'string' || !DTYPES.has(dtype)) refuse(where, `a tensor of dtype ${dtype}`);
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  state.nodes += size;
  if (state.nodes > MAX_NODES) refuse(where, `more than ${MAX_NODES} values`);
  // The grader's own (hardened) dataSync reads the backend's copy of the values.
  const data = state.tf.Tensor.prototype.dataSync.call(value) as ArrayLike<number> | string[];
  if (data.length !== size) refuse(where, 'a tensor whose values do not fill its shape');
  const values =
    dtype === 'string'
      ? Array.from(data as string[])
      : new (dtype === 'float32' ? Float32Array : dtype === 'int32' ? Int32Array : Uint8Array)(
          data as ArrayLike<number>,
        );
  return state.tf.tensor(values as tfc.TensorLike, shape as number[], dtype as tfc.DataType);
}

/** Whether `prototype` is on `value`'s prototype chain (tfjs's Variable extends Tensor). */
function inherits(value: object, prototype: object): boolean {
  for (let p = getPrototypeOf(value) as object | null, hops = 0; p !== null && hops < 8; hops++) {
    if (p === prototype) return true;
    p = getPrototypeOf(p) as object | null;
  }
  return false;
}

function copyObject(value: object, where: string, depth: number, state: CopyState): unknown {
  if (state.seen.has(value)) refuse(where, 'circular (it contains itself)');
  state.seen.add(value);
  try {
    // Not `instanceof`: tfjs defines Tensor[Symbol.hasInstance] as a duck-type test.
    if (inherits(value, state.tf.Tensor.prototype))
      return copyTensor(value as tfc.Tensor, where, state);
    const tag = typedArrayTag.call(value);
    if (tag !== undefined) {
      const copy = new TYPED_ARRAYS[tag]!(value as ArrayLike<number>);
      state.nodes += (copy as ArrayLike<number>).length;
      if (state.nodes > MAX_NODES) refuse(where, `more than ${MAX_NODES} values`);
      return copy;
    }
    if (isArray(value)) {
      const length = dataValue(value, 'length', `${where}.length`) as number;
      state.nodes += length;
      if (state.nodes > MAX_NODES) refuse(where, `an array of more than ${MAX_NODES} values`);
      const copy = new Array<unknown>(length);
      for (let i = 0; i < length; i++) {
        const at = `${where}[${i}]`;
        copy[i] = copyValue(dataValue(value, String(i), at), at, depth + 1, state);
      }
      return copy;
    }
    const prototype = getPrototypeOf(value) as unknown;
    if (prototype instanceof Promise || value instanceof Promise) {
      refuse(where, 'a Promise (drop `async`: the checks need the value itself)');
    }
    if (prototype !== Object.prototype && prototype !== null) {
      const looksLikeTensor = describe(value, 'dataSync') !== undefined || 'dataSync' in value;
      refuse(where, looksLikeTensor ? 'an object that imitates a tensor' : 'a class instance');
    }
    const copy: Record<string, unknown> = {};
    for (const key of ownKeys(value)) {
      if (typeof key !== 'string') continue;
      const descriptor = describe(value, key);
      if (descriptor === undefined || !descriptor.enumerable) continue;
      const at = `${where}.${key}`;
      if (!('value' in descriptor)) refuse(at, 'a getter (an accessor property)');
      if (key === 'then' && typeof descriptor.value === 'function') {
        refuse(where, 'a thenable (an object with a `then` method)');
      }
      if (key === 'dataSync') refuse(where, 'an object that imitates a tensor');
      state.nodes += 1;
      copy[key] = copyValue(descriptor.value, at, depth + 1, state);
    }
    return copy;
  } finally {
    state.seen.delete(value);
  }
}

function copyValue(value: unknown, where: string, depth: number, state: CopyState): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return value;
    case 'symbol':
      return refuse(where, 'a symbol');
    case 'function':
      return state.passFunctions ? value : refuse(where, 'a function');
  }
  if (depth > MAX_DEPTH) refuse(where, `nested more than ${MAX_DEPTH} levels deep`);
  return copyObject(value as object, where, depth, state);
}

/**
 * A copy of `value` made of plain data and tensors the grader built, or a `CheckFailure` naming
 * `where` (for example "channelShuffle(...)'s result") and what it was.
 */
export function copyPlainData(value: unknown, where: string, tf: CopyTf): unknown {
  return copyValue(value, where, 0, { tf, passFunctions: false, nodes: 0, seen: new Set() });
}

/** A check's argument as learner code gets it: the same copy, but functions go in as they are. */
function copyArgument(value: unknown, where: string, tf: CopyTf): unknown {
  return copyValue(value, where, 0, { tf, passFunctions: true, nodes: 0, seen: new Set() });
}

/**
 * The learner module as checks see it: each export read through a data descriptor (getters, which
 * TypeScript's `export ... from` emits, are read once); functions wrapped so that arguments go
 * in as copies and results come out as plain copies; other exports copied.
 */
export function guardModule(learner: LearnerModule, tf: CopyTf): LearnerModule {
  const guarded: Record<string, unknown> = {};
  let names: string[] = [];
  try {
    names = Object.keys(learner);
  } catch {
    // A module whose keys cannot be listed exports nothing the checks can use.
  }
  for (const name of names) {
    Object.defineProperty(guarded, name, {
      enumerable: true,
      get: () => {
        const value = learner[name];
        if (typeof value !== 'function') return copyPlainData(value, `the export ${name}`, tf);
        const learnerFunction = value as (...args: unknown[]) => unknown;
        const call = (...args: unknown[]): unknown => {
          const copies = args.map((arg, i) => copyArgument(arg, `argument ${i + 1}`, tf));
          const result = Reflect.apply(learnerFunction, undefined, copies);
          return copyPlainData(result, `the result of ${name}(...)`, tf);
        };
        Object.defineProperty(call, 'name', { value: name });
        return call;
      },
    });
  }
  return Object.freeze(guarded);
}
