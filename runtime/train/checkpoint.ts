/**
 * Training checkpoints: parameters and BatchNorm buffers (tfjs layouts), SGD momentum buffers,
 * and the loop's position and running sums, in one safetensors file. Written to a temporary
 * name and renamed, so an interruption while saving leaves the previous checkpoint intact.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { parseSafetensors, serializeSafetensors, type TensorToWrite } from '../safetensors.ts';
import type { Arch } from '../arch.ts';
import { createSgd, SGD_DEFAULTS, type Sgd } from './sgd.ts';
import { createTrainable, initialWeights, type TrainableShuffleNet } from './trainable.ts';

export interface CheckpointState<Progress> {
  /** Steps completed. */
  step: number;
  /** Everything else the loop needs to continue exactly (JSON). */
  progress: Progress;
}

function groups(
  model: TrainableShuffleNet,
  sgd: Sgd,
): [string, ReadonlyMap<string, tf.Variable>][] {
  return [
    ['param', model.trainable],
    ['buffer', model.buffers],
    ['momentum', sgd.buffers],
  ];
}

export function saveCheckpoint<P>(
  path: string,
  model: TrainableShuffleNet,
  sgd: Sgd,
  state: CheckpointState<P>,
): void {
  const tensors = new Map<string, TensorToWrite>();
  for (const [prefix, vars] of groups(model, sgd)) {
    for (const [name, v] of vars) {
      tensors.set(`${prefix}/${name}`, { shape: v.shape, data: v.dataSync() as Float32Array });
    }
  }
  const bytes = serializeSafetensors(tensors, { state: JSON.stringify(state) });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
}

/** Restores a checkpoint into `model` and `sgd`; returns the saved state. */
export function loadCheckpoint<P>(
  path: string,
  model: TrainableShuffleNet,
  sgd: Sgd,
): CheckpointState<P> {
  if (!existsSync(path)) throw new Error(`no checkpoint at ${path} to resume from`);
  const { tensors, metadata } = parseSafetensors(readFileSync(path));
  for (const [prefix, vars] of groups(model, sgd)) {
    for (const [name, v] of vars) {
      const t = tensors.get(`${prefix}/${name}`);
      if (!t || t.shape.join() !== v.shape.join()) {
        throw new Error(`checkpoint ${path}: '${prefix}/${name}' missing or of another shape`);
      }
      tf.tidy(() => v.assign(tf.tensor(t.data, v.shape)));
    }
  }
  if (!metadata.state) throw new Error(`checkpoint ${path}: no training state in its metadata`);
  return JSON.parse(metadata.state) as CheckpointState<P>;
}

/**
 * A checkpoint's parameters and BatchNorm buffers as a weights file (PyTorch names and layouts,
 * as `saveWeights` writes), for starting another run from the middle of one with `--init`.
 */
export function checkpointWeights(path: string, arch: Arch): Uint8Array {
  const model = createTrainable(arch, initialWeights(arch, 0));
  const sgd = createSgd(model.trainable, SGD_DEFAULTS);
  try {
    loadCheckpoint(path, model, sgd);
    return model.saveWeights();
  } finally {
    sgd.dispose();
    model.dispose();
  }
}
