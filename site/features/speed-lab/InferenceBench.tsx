/**
 * The course's inference benchmark page: ShuffleNet V2 1.0x, V2 0.5x and V1 1.0x g=3, batch 1,
 * the runtime's plain path against its fast path on the tfjs backend the reader picks, the same
 * fast path on the project's own WebAssembly SIMD kernels, and ONNX Runtime Web, timed in the
 * speed-lab worker (runtime/lab/inference.ts). The backends and ways offered are those this
 * browser has (capabilities.ts, checked in a worker on arrival); each run adds its rows, so runs
 * can be compared side by side; a run can be cancelled at any time.
 */
import { useEffect, useState } from 'preact/hooks';
import { BENCH_MODELS, type InferenceResult, type Way } from '../../../runtime/lab/inference.ts';
import { millions } from '../../../runtime/cost.ts';
import { translator } from '../../i18n/ui.ts';
import type { LabBackendName } from '../../tf/backend-names.ts';
import { offeredBackends, wayAvailable, type Capabilities, type Feature } from './capabilities.ts';
import {
  BackendSelect,
  LabChecklist,
  LabRun,
  LabSelect,
  LabTable,
  reasonText,
} from './LabParts.tsx';
import { BENCH_SIZES, ratioText, relativeToPlain } from './speed-lab.ts';
import { useCapabilities } from './use-capabilities.ts';
import { useLabWorker } from './use-lab-worker.ts';

const RUNS = [30, 10, 3] as const;
/** Ways a reader can tick; the plain path always runs as the reference. */
const CHOOSABLE: Way[] = ['fast', 'fastWasm', 'ortWeb'];
const FEATURES: Feature[] = ['wasmSimd', 'relaxedSimd', 'webgl', 'webgpu'];
const COLUMNS = ['backend', 'model', 'input', 'macs', 'way', 'ms', 'ratio', 'diff'] as const;

interface Run extends InferenceResult {
  backend: string;
}

export default function InferenceBench({ lang = 'en' }: { lang?: string }) {
  const t = translator(lang);
  const probe = useCapabilities();
  const caps: Capabilities | null = probe.kind === 'done' ? probe.caps : null;
  const [failed, setFailed] = useState<Partial<Record<LabBackendName, string>>>({});
  const offered = offeredBackends(caps, failed);
  const [backend, setBackend] = useState<LabBackendName>('wasm');
  const [runs, setRuns] = useState<number>(RUNS[0]);
  const [size, setSize] = useState<number>(BENCH_SIZES[0]);
  const [keys, setKeys] = useState<string[]>(BENCH_MODELS.map((m) => m.key));
  const [ways, setWays] = useState<Way[]>(['fast', 'fastWasm']);
  const [results, setResults] = useState<Run[]>([]);
  const { status, start, cancel } = useLabWorker((m) => {
    if (m.type !== 'inference-done') return;
    const fresh = m.inference.map((r) => ({ ...r, backend: m.backend }));
    const same = (a: Run, b: Run) =>
      a.backend === b.backend && a.key === b.key && a.size === b.size;
    // A new run replaces the earlier results of the same backend, model and input.
    setResults((old) => [...old.filter((o) => !fresh.some((f) => same(f, o))), ...fresh]);
  });
  const running = status.kind === 'running';
  const choosable = CHOOSABLE.filter((w) => wayAvailable(w, caps));

  // A backend that did not start here is offered no more; the reason stays on the page.
  useEffect(() => {
    if (status.kind !== 'error' || !status.backend) return;
    const why = status.reason ? reasonText(t, status.reason, status.message) : status.message;
    setFailed((f) => ({ ...f, [status.backend!]: why ?? '' }));
    setBackend('wasm');
  }, [status]);

  const ms = (s: { medianMs: number; p90Ms: number }) =>
    `${s.medianMs.toFixed(1)} / ${s.p90Ms.toFixed(1)}`;
  const profiled = results.filter((r) => r.wasmProfile);

  return (
    <section class="island-card gl not-content" aria-label={t('inferenceBench.title')}>
      <div class="ib-caps" role="group" aria-label={t('inferenceBench.caps.title')}>
        <h2>{t('inferenceBench.caps.title')}</h2>
        {probe.kind === 'checking' && <p>{t('inferenceBench.caps.checking')}</p>}
        {probe.kind === 'failed' && <p>{t('inferenceBench.caps.failed')}</p>}
        {caps && (
          <ul>
            {FEATURES.map((f) => {
              const c = caps[f];
              const feature = t(`capability.${f}`);
              return (
                <li key={f} data-feature={f} data-ok={String(c.ok)}>
                  {c.ok
                    ? t('capability.yes', { feature, detail: c.detail ? ` (${c.detail})` : '' })
                    : t('capability.no', { feature, reason: reasonText(t, c.reason, c.detail) })}
                </li>
              );
            })}
            {Object.entries(failed).map(([b, why]) => (
              <li key={b} data-feature={`init-${b}`} data-ok="false">
                {t('capability.didNotStart', { backend: b, reason: why })}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="gl-controls">
        <BackendSelect
          t={t}
          value={backend}
          offered={offered}
          disabled={running}
          onChange={setBackend}
        />
        <LabSelect
          label={t('inferenceBench.input')}
          value={String(size)}
          disabled={running}
          onChange={(v) => setSize(Number(v))}
          choices={BENCH_SIZES.map((s) => [
            String(s),
            t(s === 224 ? 'guidelineLab.sizePaper' : 'guidelineLab.sizeSmall', { size: s }),
          ])}
        />
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
        <LabChecklist
          legend={t('inferenceBench.ways')}
          items={choosable.map((w) => [w, t(`inferenceBench.way.${w}`)] as const)}
          chosen={ways}
          disabled={running}
          onChange={setWays}
        />
      </div>
      <p class="gl-note">{t('inferenceBench.plainAlways')}</p>
      {caps && !caps.wasmSimd.ok && <p class="gl-note">{t('inferenceBench.noSimd')}</p>}
      <LabRun
        t={t}
        status={status}
        runLabel={t('inferenceBench.run', { backend })}
        canRun={keys.length > 0 && offered.includes(backend)}
        onRun={() =>
          start({
            kind: 'inference',
            backend,
            runs,
            warmup: 3,
            size,
            ways: ways.filter((w) => choosable.includes(w)),
            keys,
          })
        }
        onCancel={cancel}
        done={(backend) => <p data-testid="ib-done">{t('inferenceBench.done', { backend })}</p>}
      />
      {results.length > 0 && (
        <LabTable
          caption={t('inferenceBench.caption')}
          headers={COLUMNS.map((c) => t(`inferenceBench.col.${c}`))}
        >
          {results.flatMap((r) =>
            r.ways.map((w) => (
              <tr
                key={`${r.backend} ${r.key} ${r.size} ${w.way}`}
                data-row={`${r.backend} ${r.key} ${r.size} ${w.way}`}
              >
                <td>{r.backend}</td>
                <th scope="row">{r.label}</th>
                <td>{r.size}</td>
                <td>{millions(r.macs)}</td>
                <td>{t(`inferenceBench.way.${w.way}`)}</td>
                <td data-testid="ib-ms">{ms(w)}</td>
                <td data-testid="ib-ratio">{ratioText(relativeToPlain(r, w))}</td>
                <td data-testid="ib-diff">{w.scaledDiff.toExponential(1)}</td>
              </tr>
            )),
          )}
        </LabTable>
      )}
      {profiled.length > 0 && (
        <LabTable
          caption={t('inferenceBench.profileCaption')}
          headers={(['model', 'input', 'op', 'opMs', 'share'] as const).map((c) =>
            t(`inferenceBench.col.${c}`),
          )}
        >
          {profiled.flatMap((r) => {
            const total = r.wasmProfile!.reduce((s, p) => s + p.ms, 0);
            return r.wasmProfile!.map((p) => (
              <tr
                key={`${r.backend} ${r.key} ${r.size} ${p.op}`}
                data-profile={`${r.backend} ${r.key} ${r.size} ${p.op}`}
              >
                <th scope="row">{r.label}</th>
                <td>{r.size}</td>
                <td>{p.op}</td>
                <td>{p.ms.toFixed(2)}</td>
                <td>{total > 0 ? `${Math.round((100 * p.ms) / total)}%` : '–'}</td>
              </tr>
            ));
          })}
        </LabTable>
      )}
    </section>
  );
}
