/**
 * The speeds the ShuffleNet V2 paper (Ma et al. 2018) reports for the guideline micro-benchmarks,
 * first column of each table (the widths `cases.ts` builds): GPU in batches per second (GTX
 * 1080Ti, CUDNN 7.0), ARM in images per second (Snapdragon 810, one thread). Copied from V2
 * Tables 1, 2, 3 and 4; keyed by the case ids of `labCases()`.
 */
export interface PaperSpeed {
  gpuBatchesPerS: number;
  armImagesPerS: number;
  /** Where the numbers come from. */
  source: string;
}

const row = (gpu: number, arm: number, table: number): PaperSpeed => ({
  gpuBatchesPerS: gpu,
  armImagesPerS: arm,
  source: `ShuffleNet V2 (Ma et al. 2018), Table ${table}`,
});

export const PAPER_SPEEDS: Record<string, PaperSpeed> = {
  'G1-1:1': row(1480, 76.2, 1),
  'G1-1:2': row(1296, 72.9, 1),
  'G1-1:6': row(876, 69.1, 1),
  'G1-1:12': row(748, 57.6, 1),
  'G2-g1': row(2451, 40.0, 2),
  'G2-g2': row(1725, 35.0, 2),
  'G2-g4': row(1026, 32.9, 2),
  'G2-g8': row(634, 27.8, 2),
  'G3-1-fragment': row(2446, 40.2, 3),
  'G3-2-fragment-series': row(1790, 38.6, 3),
  'G3-4-fragment-series': row(752, 38.4, 3),
  'G3-2-fragment-parallel': row(1537, 33.4, 3),
  'G3-4-fragment-parallel': row(691, 35.0, 3),
  'G4-relu1-sc1': row(2427, 56.7, 4),
  'G4-relu1-sc0': row(2647, 61.9, 4),
  'G4-relu0-sc1': row(2672, 57.3, 4),
  'G4-relu0-sc0': row(2842, 66.3, 4),
};
