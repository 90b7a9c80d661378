/**
 * Assertion helpers for checks. Each failure throws a `CheckFailure` carrying the expected and
 * actual values as text, so the learner sees both (Exercism's and freeCodeCamp's learners ask
 * for exactly that; a bare "assertion failed" teaches nothing).
 */
import {
  formatList,
  formatNumber,
  formatShape,
  formatValue,
  isTensorLike,
  unravel,
  type TensorLike,
} from './format.ts';

/** A wrong answer (status 'fail'), as opposed to code that threw (status 'error'). */
export class CheckFailure extends Error {
  readonly expected: string | undefined;
  readonly actual: string | undefined;

  constructor(message: string, expected?: string, actual?: string) {
    super(message);
    this.name = 'CheckFailure';
    this.expected = expected;
    this.actual = actual;
  }
}

/** Fails the check with a message and optional expected/actual text. */
export function fail(message: string, expected?: string, actual?: string): never {
  throw new CheckFailure(message, expected, actual);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  return false;
}

/** Exact equality (numbers, strings, nested arrays of them). */
export function expectEqual(actual: unknown, expected: unknown, what = 'value'): void {
  if (!sameValue(actual, expected)) {
    fail(`${what} is wrong`, formatValue(expected), formatValue(actual));
  }
}

export interface Tolerance {
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance, times |expected| (default 1e-5). */
  rtol?: number;
}

function within(actual: number, expected: number, { atol = 1e-5, rtol = 1e-5 }: Tolerance) {
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

/** A finite number close to `expected` (|a - e| <= atol + rtol * |e|, numpy's allclose rule). */
export function expectClose(
  actual: unknown,
  expected: number,
  tolerance: Tolerance = {},
  what = 'value',
): void {
  if (typeof actual !== 'number' || Number.isNaN(actual)) {
    fail(`${what} should be a number`, formatNumber(expected), formatValue(actual));
  }
  if (!within(actual, expected, tolerance)) {
    fail(
      `${what} is off by ${formatNumber(actual - expected)}`,
      formatNumber(expected),
      formatNumber(actual),
    );
  }
}

/** Checks that a value is a live tfjs tensor; returns it typed. */
export function expectTensor(actual: unknown, what = 'result'): TensorLike {
  if (!isTensorLike(actual))
    fail(`${what} should be a tf.Tensor`, 'a tf.Tensor', formatValue(actual));
  if (actual.isDisposed) {
    fail(
      `${what} was disposed before it was returned (return it out of tf.tidy, do not dispose it)`,
    );
  }
  return actual;
}

export function expectShape(actual: TensorLike, shape: readonly number[], what = 'result'): void {
  if (!sameValue(actual.shape, [...shape])) {
    fail(`${what} has the wrong shape`, formatShape(shape), formatShape(actual.shape));
  }
}

/**
 * The values along the last axis at `index`'s position: for NHWC tensors, the channels of one
 * pixel, which is where channel-ordering mistakes show.
 */
function rowAround(data: ArrayLike<number>, shape: readonly number[], flatIndex: number): string {
  const width = shape[shape.length - 1] ?? 1;
  const start = flatIndex - (flatIndex % width);
  const row = Array.from({ length: width }, (_, i) => data[start + i]!);
  const position = unravel(start, shape).slice(0, -1);
  const where = shape.length > 1 ? `at [${position.join(', ')}, :] ` : '';
  return `${where}${formatList(row, 16)}`;
}

/**
 * A tensor of the expected shape whose values are all close to `expected`'s. The failure names
 * how many values differ, the first position, and shows that position's row (last axis) of both.
 */
export function expectTensorClose(
  actual: unknown,
  expected: TensorLike,
  tolerance: Tolerance = {},
  what = 'result',
): void {
  const tensor = expectTensor(actual, what);
  expectShape(tensor, expected.shape, what);
  const a = tensor.dataSync() as ArrayLike<number>;
  const e = expected.dataSync() as ArrayLike<number>;
  let firstBad = -1;
  let bad = 0;
  let maxDiff = 0;
  for (let i = 0; i < e.length; i++) {
    const diff = Math.abs(a[i]! - e[i]!);
    maxDiff = Number.isNaN(diff) ? Infinity : Math.max(maxDiff, diff);
    if (!within(a[i]!, e[i]!, tolerance)) {
      bad++;
      if (firstBad < 0) firstBad = i;
    }
  }
  if (firstBad >= 0) {
    const at = formatShape(unravel(firstBad, expected.shape));
    fail(
      `${what}: ${bad} of ${e.length} values differ; first at ${at}: expected ` +
        `${formatNumber(e[firstBad]!)}, got ${formatNumber(a[firstBad]!)} ` +
        `(largest difference ${formatNumber(maxDiff)})`,
      rowAround(e, expected.shape, firstBad),
      rowAround(a, expected.shape, firstBad),
    );
  }
}

/** The learner module's export `name`, which must be a function. */
export function exportedFunction<F extends (...args: never[]) => unknown>(
  learner: Readonly<Record<string, unknown>>,
  name: string,
): F {
  const value = learner[name];
  if (typeof value !== 'function') {
    fail(
      `your file must export a function named ${name}`,
      `export function ${name}(...)`,
      value === undefined ? `no export named ${name}` : `${name} is ${formatValue(value)}`,
    );
  }
  return value as F;
}
