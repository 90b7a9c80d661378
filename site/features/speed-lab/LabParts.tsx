/**
 * The pieces the three speed-lab islands (G1-G4 lab, V2 Table 8, inference benchmark) share
 * around a run: option selects, the checklist of what to run, the Run and Cancel buttons with
 * the live status line, and the results table. The run itself is `useLabWorker`.
 */
import type { ComponentChildren } from 'preact';
import type { translator } from '../../i18n/ui.ts';
import { BROWSER_BACKENDS_LIST, type BrowserBackendName } from '../../tf/backend-names.ts';
import type { Reason } from './capabilities.ts';
import LabeledSelect, { type LabeledSelectProps } from '../../ui/LabeledSelect.tsx';
import { percentDone, toggled } from './speed-lab.ts';
import type { LabStatus } from './use-lab-worker.ts';

type T = ReturnType<typeof translator>;

/** One of a lab's option selects, in the lab's layout. */
export function LabSelect(props: Omit<LabeledSelectProps, 'class'>) {
  return <LabeledSelect class="gl-field" {...props} />;
}

/** The tfjs backend to time on: by default the three every browser can try. */
export function BackendSelect<B extends string = BrowserBackendName>({
  t,
  value,
  disabled,
  onChange,
  offered = BROWSER_BACKENDS_LIST as readonly string[] as readonly B[],
}: {
  t: T;
  value: B;
  disabled: boolean;
  onChange: (backend: B) => void;
  /** The backends to offer (the benchmark page: those this browser has). */
  offered?: readonly B[];
}) {
  return (
    <LabSelect
      label={t('guidelineLab.backend')}
      value={value}
      disabled={disabled}
      onChange={(v) => onChange(v as B)}
      choices={offered.map((b) => [b, b])}
    />
  );
}

/** Why something is missing or did not start, in the reader's language, with any detail. */
export function reasonText(t: T, reason: Reason, detail?: string | null): string {
  const text = t(`capability.reason.${reason}`);
  return detail ? `${text} (${detail})` : text;
}

/** A row of checkboxes choosing which cases or models to run, in the order offered. */
export function LabChecklist<K extends string>({
  legend,
  items,
  chosen,
  disabled,
  onChange,
}: {
  legend: string;
  /** [key, label] pairs. */
  items: readonly (readonly [K, string])[];
  chosen: readonly K[];
  disabled: boolean;
  onChange: (chosen: K[]) => void;
}) {
  const keys = items.map(([k]) => k);
  return (
    <fieldset class="gl-guidelines" disabled={disabled}>
      <legend>{legend}</legend>
      {items.map(([k, label]) => (
        <label key={k}>
          <input
            type="checkbox"
            checked={chosen.includes(k)}
            onChange={(e) =>
              onChange(toggled(keys, chosen, k, (e.target as HTMLInputElement).checked))
            }
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Run and Cancel, then (after any `children`, such as a note) the live status line: a progress
 * bar while running, then what `done` says, or that the run was cancelled or failed.
 */
export function LabRun({
  t,
  status,
  runLabel,
  canRun = true,
  onRun,
  onCancel,
  done,
  children,
}: {
  t: T;
  status: LabStatus;
  runLabel: string;
  /** False when the chosen options cannot run (for example no case ticked). */
  canRun?: boolean;
  onRun: () => void;
  onCancel: () => void;
  /** What to say once a run on `backend` has finished. */
  done: (backend: string) => ComponentChildren;
  children?: ComponentChildren;
}) {
  const running = status.kind === 'running';
  return (
    <>
      <div class="gl-actions">
        <button type="button" onClick={onRun} disabled={running || !canRun}>
          {runLabel}
        </button>
        <button type="button" onClick={onCancel} disabled={!running}>
          {t('guidelineLab.cancel')}
        </button>
      </div>
      {children}
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
        {status.kind === 'error' && (
          <p>
            {t('guidelineLab.failed', {
              message: status.reason
                ? reasonText(t, status.reason, status.message)
                : (status.message ?? t('worker.didNotStart')),
            })}
          </p>
        )}
        {status.kind === 'done' && done(status.backend)}
      </div>
    </>
  );
}

/** A results table with its caption, which also names the scrollable frame for screen readers. */
export function LabTable({
  caption,
  headers,
  children,
}: {
  caption: string;
  headers: readonly string[];
  /** The body rows. */
  children: ComponentChildren;
}) {
  return (
    <div class="gl-scroll" role="group" tabIndex={0} aria-label={caption}>
      <table class="gl-results">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
