/**
 * Times the micro-benchmark cases on the current tfjs backend: warm-up runs first (shader
 * compilation and wasm set-up are not the block's speed), then timed runs, each one including
 * reading the output back so that asynchronous backends (webgl, webgpu) are timed to the end.
 * Between runs it yields to the event loop, so a worker can receive a cancel message and a
 * progress callback can paint.
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildCase } from './build.ts';
import { caseMacs, labConfig, type LabCase, type LabOptions } from './cases.ts';

export interface LabRunOptions extends LabOptions {
  /** Timed runs per case (at least 1). */
  iterations?: number;
  /** Untimed runs per case before the timed ones. */
  warmup?: number;
  seed?: number;
  signal?: AbortSignal;
  /** Called after every run (warm-up included) with the runs done and the total. */
  onProgress?: (done: number, total: number, caseId: string) => void;
}

export interface LabResult {
  id: string;
  guideline: LabCase['guideline'];
  label: string;
  macs: number;
  medianMs: number;
  /** 1000 / medianMs: images (batch 1) per second, the unit of the paper's ARM columns. */
  imagesPerS: number;
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median: no values');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function runCount(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min || value > 10_000) {
    throw new Error(`lab: ${name} ${value}; expected an integer from ${min} to 10000`);
  }
  return value;
}

export async function runLab(cases: LabCase[], options: LabRunOptions = {}): Promise<LabResult[]> {
  const config = labConfig(options);
  const iterations = runCount('iterations', options.iterations ?? 10, 1);
  const warmup = runCount('warmup', options.warmup ?? 2, 0);
  const total = cases.length * (iterations + warmup);
  let done = 0;
  const results: LabResult[] = [];
  for (const c of cases) {
    const built = buildCase(c, { ...config, seed: options.seed });
    const times: number[] = [];
    try {
      for (let i = 0; i < warmup + iterations; i++) {
        if (options.signal?.aborted) throw new DOMException('lab cancelled', 'AbortError');
        const start = performance.now();
        const y = built.forward(built.input);
        await y.data();
        const ms = performance.now() - start;
        y.dispose();
        if (i >= warmup) times.push(ms);
        options.onProgress?.(++done, total, c.id);
        await nextTask();
      }
    } finally {
      built.dispose();
    }
    const medianMs = median(times);
    results.push({
      id: c.id,
      guideline: c.guideline,
      label: c.label,
      macs: caseMacs(c, config),
      medianMs,
      imagesPerS: 1000 / medianMs,
    });
  }
  return results;
}

/** The backend the results were measured on, for the report. */
export const currentBackend = (): string => tf.getBackend();
