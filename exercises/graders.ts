/**
 * Each exercise's checks, loaded on demand. The imports are written out (no import.meta.glob, no
 * file-system reads), so this module works unchanged in Node, in Vite and in a browser worker.
 * `exercises.test.ts` verifies it lists exactly the manifest's exercises.
 */
import type { Check } from './grader/engine.ts';

type ChecksModule = { checks: Check[] };

export const graderLoaders: Readonly<Record<string, () => Promise<ChecksModule>>> = {
  'shufflenet/01-group-conv-params': () => import('./shufflenet/01-group-conv-params/grade.ts'),
  'shufflenet/02-channel-shuffle': () => import('./shufflenet/02-channel-shuffle/grade.ts'),
  'shufflenet/03-group-conv2d': () => import('./shufflenet/03-group-conv2d/grade.ts'),
  'shufflenet/04-pointwise-mac': () => import('./shufflenet/04-pointwise-mac/grade.ts'),
  'shufflenet/05-group-conv-mac': () => import('./shufflenet/05-group-conv-mac/grade.ts'),
  'shufflenet/06-v1-unit-flops': () => import('./shufflenet/06-v1-unit-flops/grade.ts'),
  'shufflenet/07-v2-unit': () => import('./shufflenet/07-v2-unit/grade.ts'),
  'shufflenet/08-v2-downsampling': () => import('./shufflenet/08-v2-downsampling/grade.ts'),
  'shufflenet/09-v2-params': () => import('./shufflenet/09-v2-params/grade.ts'),
  'shufflenet/10-fold-batchnorm': () => import('./shufflenet/10-fold-batchnorm/grade.ts'),
  'shufflenet/11-fold-shuffle': () => import('./shufflenet/11-fold-shuffle/grade.ts'),
  'shufflenet/12-even-odd-split': () => import('./shufflenet/12-even-odd-split/grade.ts'),
  'shufflenet/13-requant-multiplier': () => import('./shufflenet/13-requant-multiplier/grade.ts'),
  'zynq/01-fixed-point-print': () => import('./zynq/01-fixed-point-print/grade.ts'),
  'zynq/02-bram-checksum': () => import('./zynq/02-bram-checksum/grade.ts'),
  'zynq/03-timer-ticks': () => import('./zynq/03-timer-ticks/grade.ts'),
  'zynq/04-leds-follow-switches': () => import('./zynq/04-leds-follow-switches/grade.ts'),
  'zynq/05-uart-line-editor': () => import('./zynq/05-uart-line-editor/grade.ts'),
  'zynq/06-fix-the-link': () => import('./zynq/06-fix-the-link/grade.ts'),
  'zynq/07-unaligned-read': () => import('./zynq/07-unaligned-read/grade.ts'),
  'zynq/08-blink-on-time': () => import('./zynq/08-blink-on-time/grade.ts'),
  'zynq/09-int8-pointwise': () => import('./zynq/09-int8-pointwise/grade.ts'),
};

/** The checks of exercise `id`; throws for an unknown id. */
export async function loadChecks(id: string): Promise<Check[]> {
  const loader = graderLoaders[id];
  if (!loader) throw new Error(`no grader for exercise '${id}'`);
  return (await loader()).checks;
}
