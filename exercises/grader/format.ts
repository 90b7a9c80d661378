/**
 * Renders values as short text for a check's expected/actual fields. Results cross worker
 * boundaries with structured clone and are shown in a terminal or on the page, so everything
 * ends up as a string here, kept short: a learner reads it, not a machine.
 */

/** The parts of a tfjs tensor the grader reads (duck-typed: no tfjs import needed here). */
export interface TensorLike {
  shape: number[];
  dtype: string;
  isDisposed: boolean;
  dataSync(): ArrayLike<number> | ArrayLike<string>;
}

export function isTensorLike(value: unknown): value is TensorLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<TensorLike>;
  return Array.isArray(v.shape) && typeof v.dtype === 'string' && typeof v.dataSync === 'function';
}

/** A number with up to 6 significant digits; integers exactly (parameter counts are exact). */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** At most `limit` numbers of a list, with an ellipsis and the count when cut. */
export function formatList(values: ArrayLike<number>, limit = 12): string {
  const shown = Array.from({ length: Math.min(values.length, limit) }, (_, i) =>
    formatNumber(values[i]!),
  );
  const more = values.length > limit ? `, … (${values.length} values)` : '';
  return `[${shown.join(', ')}${more}]`;
}

/** Converts a flat index to a multi-index of `shape` (row-major, as tfjs stores tensors). */
export function unravel(index: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length).fill(0);
  let rest = index;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const dim = shape[axis]!;
    out[axis] = rest % dim;
    rest = Math.floor(rest / dim);
  }
  return out;
}

/** Any value as text: numbers, tensors (shape and first values), arrays, plain objects. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (value instanceof Promise) return 'a Promise (the checks need a plain value: drop `async`)';
  if (value === undefined || value === null || typeof value !== 'object') return String(value);
  if (isTensorLike(value)) {
    if (value.isDisposed) return `disposed tensor ${formatShape(value.shape)}`;
    const data = value.dataSync();
    const numbers = typeof data[0] === 'string' ? [] : (data as ArrayLike<number>);
    return `tensor ${formatShape(value.shape)} ${value.dtype} ${formatList(numbers, 8)}`;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return formatList(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${k}: ${formatValue(v)}`);
  return `{ ${entries.join(', ')} }`;
}
