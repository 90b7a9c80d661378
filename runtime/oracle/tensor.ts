/**
 * The oracle's tensor: a shape and a flat Float32Array in row-major order. Activations are NHWC
 * ([N, H, W, C]) or [N, C] after global pooling; the channel axis is always the last one, which
 * lets the channel operations work on either rank.
 */
export interface OracleTensor {
  shape: number[];
  data: Float32Array;
}

/** Number of elements a shape holds (1 for a scalar, shape []). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/** Builds a tensor, checking that the data fills the shape exactly. */
export function tensor(shape: number[], data: Float32Array | number[]): OracleTensor {
  const values = data instanceof Float32Array ? data : Float32Array.from(data);
  if (values.length !== sizeOf(shape)) {
    throw new Error(
      `tensor of shape [${shape.join(', ')}] needs ${sizeOf(shape)} values, got ${values.length}`,
    );
  }
  return { shape: [...shape], data: values };
}

/** A zero-filled tensor. */
export function zeros(shape: number[]): OracleTensor {
  return { shape: [...shape], data: new Float32Array(sizeOf(shape)) };
}

/** Checks that `t` is a rank-4 NHWC tensor and returns its dimensions. */
export function nhwc(t: OracleTensor, what: string): [number, number, number, number] {
  if (t.shape.length !== 4) {
    throw new Error(`${what} expects an NHWC tensor (rank 4), got shape [${t.shape.join(', ')}]`);
  }
  return t.shape as [number, number, number, number];
}

/** Channels (last axis) of a tensor of any rank >= 1. */
export function channelsOf(t: OracleTensor): number {
  const c = t.shape[t.shape.length - 1];
  if (c === undefined) throw new Error('expected a tensor of rank >= 1, got a scalar');
  return c;
}
