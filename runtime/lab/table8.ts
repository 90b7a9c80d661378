/**
 * ShuffleNet V2's Table 8 (Ma et al. 2018): V1, V2 and MobileNet at four matched budgets of
 * multiply-adds, with the paper's top-1 error, GPU speed (GTX 1080Ti, batches/s) and ARM speed
 * (Snapdragon 810, one thread, images/s). Beside the paper's numbers stand this runtime's own
 * counts for the ShuffleNets it builds: V2 in the paper's layout (the authors' code, whose
 * FLOPs Table 5 reports) and V1 g = 3 in the authors' (megvii) layout, which reproduces the
 * 524 MFLOPs of 2x. The runtime builds no MobileNet, so those rows carry the paper's numbers only.
 * Pure: arch and cost model, no tfjs.
 */
import { buildArch, type ArchOptions } from '../arch.ts';
import { costOf } from '../cost.ts';

export interface Table8Row {
  /** Stable id, e.g. 'v2-1', 'v1-0.5-g3', 'mobilenet-v1-0.25'. */
  id: string;
  model: string;
  /** The budget the row belongs to: the paper's groups of about 40, 140, 300 and 500+ MFLOPs. */
  budget: 40 | 140 | 300 | 500;
  paper: { mflops: number; top1Error: number; gpuBatchesPerS: number; armImagesPerS: number };
  /** Present where the runtime builds the model. */
  options: ArchOptions | null;
}

const v2 = (width: number): ArchOptions => ({ version: 'v2', width, layout: 'paper' });
const v1 = (width: number): ArchOptions => ({ version: 'v1', width, groups: 3, layout: 'megvii' });
const paper = (mflops: number, top1Error: number, gpu: number, arm: number) => ({
  mflops,
  top1Error,
  gpuBatchesPerS: gpu,
  armImagesPerS: arm,
});

/** V2 Table 8, in the paper's order (V2 2x + SE left out: the runtime has no SE module). */
export const TABLE8: Table8Row[] = [
  {
    id: 'v2-0.5',
    model: 'ShuffleNet V2 0.5×',
    budget: 40,
    paper: paper(41, 39.7, 417, 57.0),
    options: v2(0.5),
  },
  {
    id: 'v1-0.5-g3',
    model: 'ShuffleNet V1 0.5× (g=3)',
    budget: 40,
    paper: paper(38, 43.2, 347, 56.8),
    options: v1(0.5),
  },
  {
    id: 'mobilenet-v1-0.25',
    model: '0.25 MobileNet V1',
    budget: 40,
    paper: paper(41, 49.4, 502, 36.4),
    options: null,
  },
  {
    id: 'v2-1',
    model: 'ShuffleNet V2 1×',
    budget: 140,
    paper: paper(146, 30.6, 341, 24.4),
    options: v2(1),
  },
  {
    id: 'v1-1-g3',
    model: 'ShuffleNet V1 1× (g=3)',
    budget: 140,
    paper: paper(140, 32.6, 213, 21.8),
    options: v1(1),
  },
  {
    id: 'mobilenet-v1-0.5',
    model: '0.5 MobileNet V1',
    budget: 140,
    paper: paper(149, 36.3, 382, 16.5),
    options: null,
  },
  {
    id: 'v2-1.5',
    model: 'ShuffleNet V2 1.5×',
    budget: 300,
    paper: paper(299, 27.4, 255, 11.8),
    options: v2(1.5),
  },
  {
    id: 'v1-1.5-g3',
    model: 'ShuffleNet V1 1.5× (g=3)',
    budget: 300,
    paper: paper(292, 28.5, 164, 10.3),
    options: v1(1.5),
  },
  {
    id: 'mobilenet-v2-1.0',
    model: '1.0 MobileNet V2',
    budget: 300,
    paper: paper(300, 28.0, 180, 8.9),
    options: null,
  },
  {
    id: 'v2-2',
    model: 'ShuffleNet V2 2×',
    budget: 500,
    paper: paper(591, 25.1, 217, 6.7),
    options: v2(2),
  },
  {
    id: 'v1-2-g3',
    model: 'ShuffleNet V1 2× (g=3)',
    budget: 500,
    paper: paper(524, 26.3, 133, 6.4),
    options: v1(2),
  },
  {
    id: 'mobilenet-v2-1.4',
    model: '1.4 MobileNet V2',
    budget: 500,
    paper: paper(585, 25.3, 137, 5.4),
    options: null,
  },
];

export interface Table8Counts {
  id: string;
  /** Multiply-adds and parameters of the runtime's model at 224x224, 1000 classes. */
  macs: number;
  params: number;
}

/** The runtime's own counts for every row it builds. */
export function table8Counts(rows: Table8Row[] = TABLE8): Table8Counts[] {
  return rows.flatMap((r) => {
    if (!r.options) return [];
    const { totals } = costOf(buildArch(r.options));
    return [{ id: r.id, macs: totals.macs, params: totals.params }];
  });
}
