/**
 * Pure pieces of the speed lab islands (the G1-G4 lab and V2's Table 8): the messages between page and worker, the run sizes a
 * reader can choose, and the data the chart draws. No DOM, no tfjs.
 */
import type { LabResult } from '../../../runtime/lab/run.ts';
import type { LabRow } from '../../../runtime/lab/table.ts';
import type { ModelTiming } from '../../../runtime/lab/models.ts';
import type { InferenceResult, Way, WayResult } from '../../../runtime/lab/inference.ts';
import type { Guideline } from '../../../runtime/lab/cases.ts';
import type { BrowserBackendName, LabBackendName } from '../../tf/backend-names.ts';
import type { Reason } from './capabilities.ts';

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

/** The inference benchmark (the ways against the plain path) of runtime/lab/inference.ts. */
export interface InferenceRequest {
  kind: 'inference';
  id: number;
  /** The tfjs backend of the fast and plain paths (webgpu only where the probe found it). */
  backend: LabBackendName;
  runs: number;
  warmup: number;
  /** Input height and width. */
  size: number;
  /** Ways besides the plain path, which always runs. */
  ways: Way[];
  /** Keys of BENCH_MODELS. */
  keys: string[];
}

export type LabRequest = GuidelinesRequest | ModelsRequest | InferenceRequest;

export type LabResponse =
  | { id: number; type: 'progress'; done: number; total: number; caseId: string }
  | { id: number; type: 'done'; backend: string; results: LabResult[] }
  | { id: number; type: 'models-done'; backend: string; timings: ModelTiming[] }
  | { id: number; type: 'inference-done'; backend: string; inference: InferenceResult[] }
  | {
      id: number;
      type: 'error';
      message: string;
      /** Set when the backend itself did not start here (so it is offered no more). */
      backend?: LabBackendName;
      /** A known reason (capabilities.ts), shown translated, with `message` as its detail. */
      reason?: Reason;
    };

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

/** Input sizes of the benchmark page: the paper's 224 first, smaller ones for a quick look. */
export const BENCH_SIZES = [224, 160, 96] as const;

/** A way's median over the plain path's on the same run: below 1 means faster than plain. */
export function relativeToPlain(r: InferenceResult, w: WayResult): number {
  const plain = r.ways.find((x) => x.way === 'plain');
  if (!plain) throw new Error(`${r.label}: no plain-path timing to compare with`);
  return w.medianMs / plain.medianMs;
}

/** The ticked items after `item` is ticked (`on`) or unticked, kept in the order of `all`. */
export function toggled<T>(all: readonly T[], chosen: readonly T[], item: T, on: boolean): T[] {
  return all.filter((x) => (x === item ? on : chosen.includes(x)));
}

/** A ratio with two decimals, or two significant digits below 0.1 (so that it never reads 0.00). */
export function ratioText(x: number): string {
  return x >= 0.1 || x === 0 ? x.toFixed(2) : x.toPrecision(2);
}
