/**
 * The G1-G4 lab of the guidelines lesson: runs the V2 paper's micro-benchmarks (runtime/lab) on
 * the reader's device and chosen backend in a worker, with a progress bar and a cancel button,
 * then tabulates and plots the speeds relative to each guideline's baseline next to the paper's
 * GPU and ARM numbers. tfjs loads in the worker on the first run; the plotting library loads
 * when the first results arrive.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { GUIDELINES, type Guideline } from '../../../runtime/lab/cases.ts';
import { labRows, type LabRow } from '../../../runtime/lab/table.ts';
import { translator } from '../../i18n/ui.ts';
import type { BrowserBackendName } from '../../tf/backend-names.ts';
import { chartBars, LAB_ITERATIONS, LAB_SIZES } from './speed-lab.ts';
import { BackendSelect, LabChecklist, LabRun, LabSelect, LabTable } from './LabParts.tsx';
import { useLabWorker } from './use-lab-worker.ts';

const COLUMNS = ['case', 'ms', 'rate', 'relative', 'gpu', 'arm'] as const;

export default function GuidelineLab({ lang = 'en' }: { lang?: string }) {
  const t = translator(lang);
  const [backend, setBackend] = useState<BrowserBackendName>('wasm');
  const [size, setSize] = useState<number>(LAB_SIZES[0]);
  const [iterations, setIterations] = useState<number>(LAB_ITERATIONS[1]);
  const [only, setOnly] = useState<Guideline[]>([...GUIDELINES]);
  const [rows, setRows] = useState<LabRow[]>([]);
  const chart = useRef<HTMLDivElement | null>(null);
  const { status, start, cancel } = useLabWorker((m) => {
    if (m.type === 'done') setRows(labRows(m.results));
  });

  function run() {
    setRows([]);
    start({ kind: 'guidelines', backend, size, blocks: 10, iterations, warmup: 1, only });
  }

  // Draw the chart once results are in; the plotting library is fetched only now.
  useEffect(() => {
    const host = chart.current;
    if (!host || rows.length === 0) return;
    let alive = true;
    void import('@observablehq/plot').then((Plot) => {
      if (!alive) return;
      const names = {
        device: t('guidelineLab.device'),
        gpu: t('guidelineLab.paperGpu'),
        arm: t('guidelineLab.paperArm'),
      };
      const data = chartBars(rows).map((b) => ({
        ...b,
        source: names[b.source],
        name: `${b.guideline} ${b.label}`,
      }));
      const width = Math.max(280, Math.min(640, host.clientWidth || 640));
      const figure = Plot.plot({
        width,
        marginLeft: Math.min(150, width * 0.42),
        height: 40 + data.length * 9,
        x: { label: t('guidelineLab.relativeAxis'), grid: true },
        y: { axis: null, domain: Object.values(names) },
        fy: { label: null, domain: [...new Set(data.map((d) => d.name))] },
        color: { legend: true, domain: Object.values(names) },
        marks: [
          Plot.barX(data, { x: 'relative', y: 'source', fy: 'name', fill: 'source' }),
          Plot.ruleX([1]),
        ],
      });
      // The figure is one image with one description (the table gives the numbers); Plot's own
      // labels on its SVG groups are not allowed on elements without a role (axe).
      figure.querySelectorAll('[aria-label]').forEach((el) => el.removeAttribute('aria-label'));
      figure.setAttribute('role', 'img');
      figure.setAttribute('aria-label', t('guidelineLab.chartLabel'));
      host.replaceChildren(figure);
    });
    return () => {
      alive = false;
    };
  }, [rows]);

  const running = status.kind === 'running';
  const rel = (v: number | null) => (v === null ? '–' : v.toFixed(2));

  return (
    <section class="island-card gl not-content" aria-label={t('guidelineLab.title')}>
      <div class="gl-controls">
        <BackendSelect t={t} value={backend} disabled={running} onChange={setBackend} />
        <LabSelect
          label={t('guidelineLab.size')}
          value={String(size)}
          disabled={running}
          onChange={(v) => setSize(Number(v))}
          choices={LAB_SIZES.map((s) => [
            String(s),
            t(s === 56 ? 'guidelineLab.sizePaper' : 'guidelineLab.sizeSmall', { size: s }),
          ])}
        />
        <LabSelect
          label={t('guidelineLab.iterations')}
          value={String(iterations)}
          disabled={running}
          onChange={(v) => setIterations(Number(v))}
          choices={LAB_ITERATIONS.map((n) => [String(n), String(n)])}
        />
        <LabChecklist
          legend={t('guidelineLab.guidelines')}
          items={GUIDELINES.map((g) => [g, g] as const)}
          chosen={only}
          disabled={running}
          onChange={setOnly}
        />
      </div>
      <LabRun
        t={t}
        status={status}
        runLabel={t('guidelineLab.run')}
        canRun={only.length > 0}
        onRun={run}
        onCancel={cancel}
        done={(backend) => (
          <p data-testid="gl-done">{t('guidelineLab.done', { backend, count: rows.length })}</p>
        )}
      >
        <p class="gl-note">{t('guidelineLab.note')}</p>
      </LabRun>
      {rows.length > 0 && (
        <>
          <LabTable
            caption={t('guidelineLab.tableCaption')}
            headers={COLUMNS.map((c) => t(`guidelineLab.col.${c}`))}
          >
            {rows.map((r) => (
              <tr key={r.id} data-case={r.id}>
                <th scope="row">
                  {r.guideline} {r.label}
                </th>
                <td>{r.medianMs.toFixed(2)}</td>
                <td>{r.imagesPerS.toFixed(1)}</td>
                <td>{r.relative.toFixed(2)}</td>
                <td>{rel(r.paperGpuRelative)}</td>
                <td>{rel(r.paperArmRelative)}</td>
              </tr>
            ))}
          </LabTable>
          <div class="gl-chart" ref={chart} />
        </>
      )}
    </section>
  );
}
