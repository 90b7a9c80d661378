/**
 * The course's inference benchmark page: ShuffleNet V2 1.0x, V2 0.5x and V1 1.0x g=3 at
 * 224x224, batch 1, the runtime's fast path against its plain path, timed in the speed-lab
 * worker on the backend the reader picks. Each run adds its rows, so backends can be compared
 * side by side; a run can be cancelled at any time.
 */
import { useState } from 'preact/hooks';
import { BENCH_MODELS, type InferenceResult } from '../../../runtime/lab/inference.ts';
import { millions } from '../../../runtime/cost.ts';
import { translator } from '../../i18n/ui.ts';
import type { BrowserBackendName } from '../../tf/backend-names.ts';
import { BackendSelect, LabChecklist, LabRun, LabSelect, LabTable } from './LabParts.tsx';
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

  return (
    <section class="island-card gl not-content" aria-label={t('inferenceBench.title')}>
      <div class="gl-controls">
        <BackendSelect t={t} value={backend} disabled={running} onChange={setBackend} />
        <LabSelect
          label={t('inferenceBench.runs')}
          value={String(runs)}
          disabled={running}
          onChange={(v) => setRuns(Number(v))}
          choices={RUNS.map(String).map((v) => [v, v] as const)}
        />
        <LabChecklist
          legend={t('inferenceBench.models')}
          items={BENCH_MODELS.map((m) => [m.key, m.label] as const)}
          chosen={keys}
          disabled={running}
          onChange={setKeys}
        />
      </div>
      <LabRun
        t={t}
        status={status}
        runLabel={t('inferenceBench.run', { backend })}
        canRun={keys.length > 0}
        onRun={() => start({ kind: 'inference', backend, runs, warmup: 3, keys })}
        onCancel={cancel}
        done={(backend) => <p data-testid="ib-done">{t('inferenceBench.done', { backend })}</p>}
      />
      {rows.length > 0 && (
        <LabTable
          caption={t('inferenceBench.caption')}
          headers={COLUMNS.map((c) => t(`inferenceBench.col.${c}`))}
        >
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
        </LabTable>
      )}
    </section>
  );
}
