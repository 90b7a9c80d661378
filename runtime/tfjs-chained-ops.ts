/**
 * tfjs's chained tensor methods (`x.reshape(...)`, `x.add(y)`), which bare `@tensorflow/tfjs-core`
 * does not register: the `@tensorflow/tfjs` umbrella does, but loading it costs about four times
 * tfjs-core plus one backend, and tfjs-core's own `dist/public/chained_ops/register_all_chained_ops`
 * is extensionless ESM that Node cannot load. This module installs the same 127 methods as the
 * umbrella's bundle of tfjs 4.22 (`Tensor.prototype.<op> = function (...) { return op(this, ...) }`,
 * see tfjs-core/src/public/chained_ops/), in Node, in Vite bundles and in workers alike.
 * `tfjs-chained-ops.test.ts` checks the list against the umbrella's bundle.
 */
import * as tf from '@tensorflow/tfjs-core';
// Types only: the chained methods' declarations on Tensor (erased at run time).
import type {} from '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

type AnyOp = (...args: unknown[]) => tf.Tensor;
type Methods = Record<string, (this: tf.Tensor, ...args: unknown[]) => unknown>;

/** Methods that call the op of the same name with the tensor as its first argument. */
export const SAME_NAME_METHODS = [
  'abs acos acosh add all any argMax argMin asin asinh atan atan2 atanh batchToSpaceND batchNorm',
  'broadcastTo cast ceil clipByValue conv1d conv2d cos cosh cumprod cumsum depthToSpace divNoNan',
  'div dot elu equal erf euclideanNorm exp expandDims expm1 fft floor floorDiv gather',
  'greaterEqual greater ifft irfft isFinite isInf isNaN leakyRelu lessEqual less logSigmoid',
  'logSoftmax logSumExp log log1p logicalAnd logicalNot logicalOr logicalXor matMul max maximum',
  'mean min minimum mirrorPad mod mul neg norm notEqual oneHot onesLike pad pool pow prelu prod',
  'reciprocal relu relu6 reshape reverse rfft round rsqrt selu sigmoid sign sin sinh slice',
  'softmax softplus spaceToBatchND split sqrt square squaredDifference squeeze step stridedSlice',
  'sub sum tan tanh tile topk transpose unique unstack zerosLike',
]
  .join(' ')
  .split(' ');

/** The methods with a body of their own (reshapes, casts, and argument reordering). */
const SPECIAL_METHODS: Methods = {
  asScalar() {
    if (this.size !== 1) throw new Error('The array must have only 1 element.');
    return tf.reshape(this, []);
  },
  asType(dtype) {
    return tf.cast(this, dtype as tf.DataType);
  },
  as1D() {
    return tf.reshape(this, [this.size]);
  },
  as2D(...dims) {
    return tf.reshape(this, dims as number[]);
  },
  as3D(...dims) {
    return tf.reshape(this, dims as number[]);
  },
  as4D(...dims) {
    return tf.reshape(this, dims as number[]);
  },
  as5D(...dims) {
    return tf.reshape(this, dims as number[]);
  },
  concat(x, axis) {
    const rest = x instanceof tf.Tensor ? [x] : (x as tf.Tensor[]);
    return tf.concat([this, ...rest], axis as number | undefined);
  },
  flatten() {
    return tf.reshape(this, [this.size]);
  },
  reshapeAs(x) {
    return tf.reshape(this, (x as tf.Tensor).shape);
  },
  stack(x, axis) {
    const rest = x instanceof tf.Tensor ? [x] : (x as tf.Tensor[]);
    return tf.stack([this, ...rest], axis as number | undefined);
  },
  toBool() {
    return tf.cast(this, 'bool');
  },
  toFloat() {
    return tf.cast(this, 'float32');
  },
  toInt() {
    return tf.cast(this, 'int32');
  },
  where(condition, x) {
    return tf.where(condition as tf.Tensor, this, x as tf.Tensor);
  },
};

/** Every chained method's name. */
export const CHAINED_METHODS = [...SAME_NAME_METHODS, ...Object.keys(SPECIAL_METHODS)];

let registered = false;

/** Installs the chained methods on tfjs's Tensor class (once; later calls do nothing). */
export function registerChainedOps(): void {
  if (registered) return;
  registered = true;
  const proto = tf.Tensor.prototype as unknown as Methods;
  const ops = tf as unknown as Record<string, AnyOp>;
  for (const name of SAME_NAME_METHODS) {
    const op = ops[name];
    if (typeof op !== 'function') throw new Error(`tfjs-core has no op '${name}'`);
    proto[name] = function (...args) {
      this.throwIfDisposed();
      return op(this, ...args);
    };
  }
  for (const [name, body] of Object.entries(SPECIAL_METHODS)) {
    proto[name] = function (...args) {
      this.throwIfDisposed();
      return body.apply(this, args);
    };
  }
}
