/**
 * The course's inference benchmark page: ShuffleNet V2 1.0x, V2 0.5x and V1 1.0x g=3 at
 * 224x224, batch 1, the runtime's fast path against its plain path, timed in the speed-lab
 * worker on the backend the reader picks. Each run adds its rows, so backends can be compared
 * side by side; a run can be cancelled at any time.
 */
import { useState } from 'preact/hooks';
import { BENCH_MODELS, type InferenceResult } from '../../../runtime/lab/inference.ts';
import { millions } from '../../../runtime/cost.ts';
import { translator, type UiKey } from '../../i18n/ui.ts';
import { BROWSER_BACKENDS_LIST, type BrowserBackendName } from '../../tf/backend-names.ts';
import { LabProgress } from './LabProgress.tsx';
import { fastRatio } from './speed-lab.ts';
import { useLabWorker } from './use-lab-worker.ts';

const RUNS = [30, 10, 3] as const;
const COLUMNS = ['backend', 'model', 'macs', 'fast', 'plain', 'ratio', 'diff'] as const;

interface Row extends InferenceResult {
  backend: string;
}

export default function InferenceBench({ lang = 'en' }: { lang?: string }) {
  const t = translator(lang);
  const [backend, setBackend] = useState<BrowserBackendName>('wasm');
  const [runs, setRuns] = useState<number>(RUNS[0]);
  const [keys, setKeys] = useState<string[]>(BENCH_MODELS.map((m) => m.key));
  const [rows, setRows] = useState<Row[]>([]);
  const { status, start, cancel } = useLabWorker((m) => {
    if (m.type !== 'inference-done') return;
    const fresh = m.inference.map((r) => ({ ...r, backend: m.backend }));
    // A new run on a backend replaces that backend's earlier rows for the same models.
    setRows((old) => [
      ...old.filter((o) => !fresh.some((f) => f.backend === o.backend && f.key === o.key)),
      ...fresh,
    ]);
  });
  const running = status.kind === 'running';
  const ms = (s: { medianMs: number; p90Ms: number }) =>
    `${s.medianMs.toFixed(1)} / ${s.p90Ms.toFixed(1)}`;
  const field = (label: UiKey, value: string, onChange: (v: string) => void, choices: string[]) => (
    <label class="gl-field">
      <span>{t(label)}</span>
      <select
        value={value}
        disabled={running}
        onChange={(e) => onChange((e.target as HTMLSelectElement).value)}
      >
        {choices.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section class="island-card gl not-content" aria-label={t('inferenceBench.title')}>
      <div class="gl-controls">
        {field('guidelineLab.backend', backend, (v) => setBackend(v as BrowserBackendName), [
          ...BROWSER_BACKENDS_LIST,
        ])}
        {field('inferenceBench.runs', String(runs), (v) => setRuns(Number(v)), RUNS.map(String))}
        <fieldset class="gl-guidelines" disabled={running}>
          <legend>{t('inferenceBench.models')}</legend>
          {BENCH_MODELS.map((m) => (
            <label key={m.key}>
              <input
                type="checkbox"
                checked={keys.includes(m.key)}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  setKeys(
                    BENCH_MODELS.map((x) => x.key).filter((k) =>
                      k === m.key ? on : keys.includes(k),
                    ),
                  );
                }}
              />{' '}
              {m.label}
            </label>
          ))}
        </fieldset>
      </div>
      <div class="gl-actions">
        <button
          type="button"
          onClick={() => start({ kind: 'inference', backend, runs, warmup: 3, keys })}
          disabled={running || keys.length === 0}
        >
          {t('inferenceBench.run', { backend })}
        </button>
        <button type="button" onClick={cancel} disabled={!running}>
          {t('guidelineLab.cancel')}
        </button>
      </div>
      <LabProgress
        status={status}
        t={t}
        done={
          status.kind === 'done' && (
            <p data-testid="ib-done">{t('inferenceBench.done', { backend: status.backend })}</p>
          )
        }
      />
      {rows.length > 0 && (
        <div class="gl-scroll" role="group" tabIndex={0} aria-label={t('inferenceBench.caption')}>
          <table class="gl-results">
            <caption>{t('inferenceBench.caption')}</caption>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c} scope="col">
                    {t(`inferenceBench.col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.backend} ${r.key}`} data-row={`${r.backend} ${r.key}`}>
                  <td>{r.backend}</td>
                  <th scope="row">{r.label}</th>
                  <td>{millions(r.macs)}</td>
                  <td>{ms(r.fast)}</td>
                  <td>{ms(r.plain)}</td>
                  <td data-testid="ib-ratio">{fastRatio(r).toFixed(2)}</td>
                  <td data-testid="ib-diff">{r.scaledDiff.toExponential(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
