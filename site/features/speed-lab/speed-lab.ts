/**
 * Pure pieces of the speed lab islands (the G1-G4 lab and V2's Table 8): the messages between page and worker, the run sizes a
 * reader can choose, and the data the chart draws. No DOM, no tfjs.
 */
import type { LabResult } from '../../../runtime/lab/run.ts';
import type { LabRow } from '../../../runtime/lab/table.ts';
import type { ModelTiming } from '../../../runtime/lab/models.ts';
import type { InferenceResult } from '../../../runtime/lab/inference.ts';
import type { Guideline } from '../../../runtime/lab/cases.ts';
import type { BrowserBackendName } from '../../tf/backend-names.ts';

export interface GuidelinesRequest {
  kind: 'guidelines';
  id: number;
  backend: BrowserBackendName;
  size: number;
  blocks: number;
  iterations: number;
  warmup: number;
  only: Guideline[];
}

/** Whole models of V2's Table 8 (by row id), 224x224, batch 1. */
export interface ModelsRequest {
  kind: 'models';
  id: number;
  backend: BrowserBackendName;
  iterations: number;
  warmup: number;
  ids: string[];
}

/** The inference benchmark (fast against plain path) of runtime/lab/inference.ts. */
export interface InferenceRequest {
  kind: 'inference';
  id: number;
  backend: BrowserBackendName;
  runs: number;
  warmup: number;
  /** Keys of BENCH_MODELS. */
  keys: string[];
}

export type LabRequest = GuidelinesRequest | ModelsRequest | InferenceRequest;

export type LabResponse =
  | { id: number; type: 'progress'; done: number; total: number; caseId: string }
  | { id: number; type: 'done'; backend: string; results: LabResult[] }
  | { id: number; type: 'models-done'; backend: string; timings: ModelTiming[] }
  | { id: number; type: 'inference-done'; backend: string; inference: InferenceResult[] }
  | { id: number; type: 'error'; message: string };

/** Input sizes offered: the paper's 56 first, smaller ones for a quick look on a slow device. */
export const LAB_SIZES = [56, 28, 14] as const;
export const LAB_ITERATIONS = [10, 5, 3, 1] as const;

/** Whole percent of the runs done, 0 to 100. */
export function percentDone(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((100 * done) / total)));
}

export type BarSource = 'device' | 'gpu' | 'arm';

export interface Bar {
  guideline: Guideline;
  label: string;
  source: BarSource;
  /** Speed relative to the guideline's baseline case. */
  relative: number;
}

/** Three bars per case (this device, the paper's GPU, the paper's ARM), cases without a paper number skipped. */
export function chartBars(rows: LabRow[]): Bar[] {
  const bars: Bar[] = [];
  for (const r of rows) {
    const base = { guideline: r.guideline, label: r.label };
    bars.push({ ...base, source: 'device', relative: r.relative });
    if (r.paperGpuRelative !== null) {
      bars.push({ ...base, source: 'gpu', relative: r.paperGpuRelative });
    }
    if (r.paperArmRelative !== null) {
      bars.push({ ...base, source: 'arm', relative: r.paperArmRelative });
    }
  }
  return bars;
}

/** fast / plain median: below 1 means the fast path is faster. */
export function fastRatio(r: InferenceResult): number {
  return r.fast.medianMs / r.plain.medianMs;
}

/** The ticked items after `item` is ticked (`on`) or unticked, kept in the order of `all`. */
export function toggled<T>(all: readonly T[], chosen: readonly T[], item: T, on: boolean): T[] {
  return all.filter((x) => (x === item ? on : chosen.includes(x)));
}
