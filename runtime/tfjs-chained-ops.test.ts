import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { CHAINED_METHODS, registerChainedOps } from './tfjs-chained-ops.ts';
import { startTf } from './tf-start.ts';

describe('chained tensor methods', () => {
  it('are the methods the @tensorflow/tfjs umbrella registers', () => {
    // Read as text: loading the umbrella would register its own copies.
    const bundle = readFileSync(
      createRequire(import.meta.url).resolve('@tensorflow/tfjs/dist/tf.node.js'),
      'utf8',
    );
    const names = [...bundle.matchAll(/getGlobalTensorClass\(\)\.prototype\.(\w+) = /g)];
    expect([...CHAINED_METHODS].sort()).toEqual(names.map((m) => m[1]).sort());
  });

  it('work like the ops', async () => {
    await startTf('cpu');
    registerChainedOps();
    const x = tf.tensor1d([1, 2, 3, 4, 5, 6]);
    const y = x.reshape([2, 3]).transpose().add(1).asType('int32');
    expect(y.shape).toEqual([3, 2]);
    expect(Array.from(y.dataSync())).toEqual([2, 5, 3, 6, 4, 7]);
    expect(Array.from(x.as2D(3, 2).concat(x.as2D(3, 2)).dataSync())).toHaveLength(12);
    expect(x.where(tf.tensor1d([1, 0, 1, 0, 1, 0], 'bool'), tf.zerosLike(x)).arraySync()).toEqual([
      1, 0, 3, 0, 5, 0,
    ]);
    x.dispose();
    expect(() => x.reshape([6])).toThrow(/disposed/);
  });
});
