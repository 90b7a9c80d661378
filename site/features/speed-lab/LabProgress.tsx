/** The live status line of a speed-lab island: progress bar while running, then the outcome. */
import type { ComponentChildren } from 'preact';
import type { translator } from '../../i18n/ui.ts';
import { percentDone } from './speed-lab.ts';
import type { LabStatus } from './use-lab-worker.ts';

export function LabProgress({
  status,
  t,
  done,
}: {
  status: LabStatus;
  t: ReturnType<typeof translator>;
  /** What to say once the run has finished. */
  done: ComponentChildren;
}) {
  return (
    <div aria-live="polite" class="gl-status">
      {status.kind === 'running' && (
        <>
          <progress
            max={100}
            value={percentDone(status.done, status.total)}
            aria-label={t('guidelineLab.progress')}
          />
          <span>
            {t('guidelineLab.runs', {
              done: status.done,
              total: status.total,
              percent: percentDone(status.done, status.total),
            })}
          </span>
        </>
      )}
      {status.kind === 'cancelled' && <p>{t('guidelineLab.cancelled')}</p>}
      {status.kind === 'error' && <p>{t('guidelineLab.failed', { message: status.message })}</p>}
      {status.kind === 'done' && done}
    </div>
  );
}
