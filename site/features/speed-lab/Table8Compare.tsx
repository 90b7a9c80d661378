/**
 * V2's Table 8 in the architecture lesson: V1, V2 and MobileNet at matched multiply-adds, the
 * paper's error and speeds beside the runtime's own counts (computed at build time, no tfjs),
 * and, on request, the ShuffleNets timed on the reader's device in the speed-lab worker.
 */
import { useState } from 'preact/hooks';
import type { ModelTiming } from '../../../runtime/lab/models.ts';
import { TABLE8, table8Counts } from '../../../runtime/lab/table8.ts';
import { translator } from '../../i18n/ui.ts';
import type { BrowserBackendName } from '../../tf/backend-names.ts';
import { BackendSelect, LabRun, LabSelect, LabTable } from './LabParts.tsx';
import { useLabWorker } from './use-lab-worker.ts';

const COUNTS = new Map(table8Counts().map((c) => [c.id, c]));
/** Which budgets to time: the 40-MFLOP pair is quick everywhere, all four take a while. */
const SCOPES: Record<'small' | 'all', number[]> = { small: [40], all: [40, 140, 300, 500] };
const COLUMNS = ['model', 'mflops', 'macs', 'params', 'error', 'gpu', 'arm', 'ms', 'rate'] as const;

export default function Table8Compare({ lang = 'en' }: { lang?: string }) {
  const t = translator(lang);
  const [backend, setBackend] = useState<BrowserBackendName>('wasm');
  const [scope, setScope] = useState<keyof typeof SCOPES>('small');
  const [iterations, setIterations] = useState(3);
  const [timings, setTimings] = useState<Map<string, ModelTiming>>(new Map());
  const { status, start, cancel } = useLabWorker((m) => {
    if (m.type === 'models-done') setTimings(new Map(m.timings.map((x) => [x.id, x])));
  });
  const running = status.kind === 'running';

  function run() {
    setTimings(new Map());
    const ids = TABLE8.filter((r) => r.options && SCOPES[scope].includes(r.budget)).map(
      (r) => r.id,
    );
    start({ kind: 'models', backend, iterations, warmup: 1, ids });
  }

  return (
    <section class="island-card gl not-content" aria-label={t('table8.title')}>
      <LabTable caption={t('table8.caption')} headers={COLUMNS.map((c) => t(`table8.col.${c}`))}>
        {TABLE8.map((r) => {
          const c = COUNTS.get(r.id);
          const m = timings.get(r.id);
          return (
            <tr key={r.id} data-model={r.id} class={r.id.startsWith('v2') ? 'gl-v2' : ''}>
              <th scope="row">{r.model}</th>
              <td>{r.paper.mflops}</td>
              <td>{c ? (c.macs / 1e6).toFixed(1) : '–'}</td>
              <td>{c ? (c.params / 1e6).toFixed(2) : '–'}</td>
              <td>{r.paper.top1Error.toFixed(1)}</td>
              <td>{r.paper.gpuBatchesPerS}</td>
              <td>{r.paper.armImagesPerS.toFixed(1)}</td>
              <td data-testid="t8-ms">{m ? m.medianMs.toFixed(1) : '–'}</td>
              <td>{m ? m.imagesPerS.toFixed(1) : '–'}</td>
            </tr>
          );
        })}
      </LabTable>
      <p class="gl-note">{t('table8.note')}</p>
      <div class="gl-controls">
        <BackendSelect t={t} value={backend} disabled={running} onChange={setBackend} />
        <LabSelect
          label={t('table8.scope')}
          value={scope}
          disabled={running}
          onChange={(v) => setScope(v as keyof typeof SCOPES)}
          choices={[
            ['small', t('table8.scope.small')],
            ['all', t('table8.scope.all')],
          ]}
        />
        <LabSelect
          label={t('guidelineLab.iterations')}
          value={String(iterations)}
          disabled={running}
          onChange={(v) => setIterations(Number(v))}
          choices={['3', '1'].map((n) => [n, n])}
        />
      </div>
      <LabRun
        t={t}
        status={status}
        runLabel={t('table8.run')}
        onRun={run}
        onCancel={cancel}
        done={(backend) => (
          <p data-testid="t8-done">{t('table8.done', { backend, count: timings.size })}</p>
        )}
      />
    </section>
  );
}
