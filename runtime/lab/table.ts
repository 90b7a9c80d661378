/**
 * Puts measured lab results beside the paper's speeds. Absolute speeds on different machines
 * cannot be compared, so each row also carries its speed relative to the first case of its
 * guideline (the baseline the paper's argument rests on: 1:1, g = 1, 1 fragment, ReLU and
 * shortcut kept), measured and as the paper's GPU and ARM columns give it.
 */
import type { LabResult } from './run.ts';
import { PAPER_SPEEDS } from './paper.ts';

export interface LabRow extends LabResult {
  /** imagesPerS / the guideline baseline's imagesPerS. */
  relative: number;
  paperGpu: number | null;
  paperArm: number | null;
  paperGpuRelative: number | null;
  paperArmRelative: number | null;
}

export function labRows(results: LabResult[]): LabRow[] {
  const base = new Map<string, LabResult>();
  for (const r of results) if (!base.has(r.guideline)) base.set(r.guideline, r);
  return results.map((r) => {
    const b = base.get(r.guideline)!;
    const paper = PAPER_SPEEDS[r.id];
    const paperBase = PAPER_SPEEDS[b.id];
    const rel = (v: number | undefined, of: number | undefined) =>
      v !== undefined && of !== undefined ? v / of : null;
    return {
      ...r,
      relative: r.imagesPerS / b.imagesPerS,
      paperGpu: paper?.gpuBatchesPerS ?? null,
      paperArm: paper?.armImagesPerS ?? null,
      paperGpuRelative: rel(paper?.gpuBatchesPerS, paperBase?.gpuBatchesPerS),
      paperArmRelative: rel(paper?.armImagesPerS, paperBase?.armImagesPerS),
    };
  });
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (v: number | null, digits: number) => (v === null ? '-' : v.toFixed(digits));

/** A plain-text table for the terminal. */
export function formatLabTable(rows: LabRow[]): string {
  const head = [
    pad('case', 30),
    pad('MMACs', 8),
    pad('ms', 9),
    pad('img/s', 9),
    pad('rel', 6),
    pad('paper GPU', 10),
    pad('rel', 6),
    pad('paper ARM', 10),
    'rel',
  ].join(' ');
  const lines = rows.map((r) =>
    [
      pad(`${r.guideline} ${r.label}`, 30),
      pad((r.macs / 1e6).toFixed(1), 8),
      pad(r.medianMs.toFixed(2), 9),
      pad(r.imagesPerS.toFixed(1), 9),
      pad(r.relative.toFixed(2), 6),
      pad(num(r.paperGpu, 0), 10),
      pad(num(r.paperGpuRelative, 2), 6),
      pad(num(r.paperArm, 1), 10),
      num(r.paperArmRelative, 2),
    ].join(' '),
  );
  return [head, ...lines].join('\n');
}
