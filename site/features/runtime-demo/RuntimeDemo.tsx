/**
 * Live island for the V2 architecture lesson: the per-layer cost table of a configuration, and
 * a forward pass of the real runtime on every tfjs backend in a worker, compared with cpu.
 * The cost table needs no tfjs; tfjs loads in the worker on the first run.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type { ArchOptions } from '../../../runtime/arch.ts';
import { buildArch } from '../../../runtime/arch.ts';
import { costOf, millions } from '../../../runtime/cost.ts';
import { formatCount, translator, type UiKey } from '../../i18n/ui.ts';
import { maxAbsDiff, topK, type ForwardRequest, type ForwardResponse } from './runtime-demo.ts';
import LabeledSelect from '../../ui/LabeledSelect.tsx';
import { BROWSER_BACKENDS_LIST, type BrowserBackendName } from '../../tf/backend-names.ts';

/** A forward pass that takes longer than this is stopped (the cpu backend at 2x is ~3 s). */
const RUN_TIMEOUT_MS = 60_000;

type InputChoice = 'imagenet' | 'fashion';
const INPUTS: Record<InputChoice, Pick<ArchOptions, 'inputShape' | 'numClasses' | 'stem'>> = {
  imagenet: { inputShape: [224, 224, 3], numClasses: 1000 },
  fashion: { inputShape: [28, 28, 1], numClasses: 10, stem: { convStride: 1, maxPool: false } },
};

interface Row {
  backend: BrowserBackendName;
  response?: ForwardResponse;
}

export default function RuntimeDemo({ lang = 'en' }: { lang?: string }) {
  const t = translator(lang);
  const [width, setWidth] = useState(0.5);
  const [layout, setLayout] = useState<'torchvision' | 'paper'>('torchvision');
  const [input, setInput] = useState<InputChoice>('imagenet');
  const [rows, setRows] = useState<Row[]>([]);
  const [running, setRunning] = useState<BrowserBackendName | null>(null);
  const worker = useRef<Worker | null>(null);
  const nextId = useRef(1);

  const options: ArchOptions = { version: 'v2', width, layout, ...INPUTS[input] };
  const report = useMemo(() => costOf(buildArch(options)), [width, layout, input]);

  function ask(request: ForwardRequest): Promise<ForwardResponse> {
    worker.current ??= new Worker(new URL('./runtime.worker.ts', import.meta.url), {
      type: 'module',
    });
    const w = worker.current;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // A stuck backend cannot be interrupted: drop the worker, the next run starts afresh.
        w.terminate();
        worker.current = null;
        resolve({
          id: request.id,
          ok: false,
          backend: request.backend,
          message: t('runtimeDemo.timedOut', { seconds: RUN_TIMEOUT_MS / 1000 }),
        });
      }, RUN_TIMEOUT_MS);
      w.onerror = (e: ErrorEvent) => {
        clearTimeout(timer);
        w.terminate();
        worker.current = null;
        const message = e.message || t('worker.didNotStart');
        resolve({ id: request.id, ok: false, backend: request.backend, message });
      };
      w.onmessage = (e: MessageEvent<ForwardResponse>) => {
        if (e.data.id !== request.id) return;
        clearTimeout(timer);
        resolve(e.data);
      };
      w.postMessage(request);
    });
  }

  async function runAll() {
    const done: Row[] = [];
    setRows([]);
    for (const backend of BROWSER_BACKENDS_LIST) {
      setRunning(backend);
      const response = await ask({ id: nextId.current++, backend, options, seed: 1 });
      done.push({ backend, response });
      setRows([...done]);
    }
    setRunning(null);
  }

  const cpu = rows.find((r) => r.backend === 'cpu')?.response;
  const reference = cpu?.ok ? cpu.logits : undefined;
  const select = (
    label: UiKey,
    value: string,
    onChange: (v: string) => void,
    choices: [string, string][],
  ) => (
    <LabeledSelect
      class="rd-field"
      label={t(label)}
      value={value}
      choices={choices}
      onChange={onChange}
    />
  );

  return (
    <section class="island-card rd not-content" aria-label={t('runtimeDemo.title')}>
      <div class="rd-controls">
        {select('runtimeDemo.width', String(width), (v) => setWidth(Number(v)), [
          ['0.5', '0.5×'],
          ['1', '1×'],
          ['1.5', '1.5×'],
          ['2', '2×'],
        ])}
        {select('runtimeDemo.layout', layout, (v) => setLayout(v as typeof layout), [
          ['torchvision', t('runtimeDemo.layout.torchvision')],
          ['paper', t('runtimeDemo.layout.paper')],
        ])}
        {select('runtimeDemo.input', input, (v) => setInput(v as InputChoice), [
          ['imagenet', t('runtimeDemo.input.imagenet')],
          ['fashion', t('runtimeDemo.input.fashion')],
        ])}
      </div>
      <p class="rd-totals" data-testid="rd-totals">
        {t('runtimeDemo.totals', {
          params: formatCount(report.totals.params, lang),
          mmacs: millions(report.totals.macs),
          mac: millions(report.totals.memoryAccess),
        })}
      </p>
      <details class="rd-layers">
        <summary>{t('runtimeDemo.layers', { count: report.rows.length })}</summary>
        <div class="rd-scroll">
          <table>
            <thead>
              <tr>
                {(['layer', 'output', 'params', 'macs', 'memory'] as const).map((c) => (
                  <th key={c} scope="col">
                    {t(`runtimeDemo.col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row, i) => (
                <tr key={i}>
                  <td>
                    <code>{row.name}</code> {row.kind}
                  </td>
                  <td>{row.outputShape.join('×')}</td>
                  <td>{formatCount(row.params, lang)}</td>
                  <td>{formatCount(row.macs, lang)}</td>
                  <td>{formatCount(row.memoryAccess, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <button type="button" onClick={runAll} disabled={running !== null}>
        {running ? t('runtimeDemo.running', { backend: running }) : t('runtimeDemo.run')}
      </button>
      <p class="rd-note">{t('runtimeDemo.note')}</p>
      <div aria-live="polite">
        {rows.length > 0 && (
          <table class="rd-results">
            <thead>
              <tr>
                {(['backend', 'time', 'top', 'diff'] as const).map((c) => (
                  <th key={c} scope="col">
                    {t(`runtimeDemo.col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ backend, response }) => (
                <tr key={backend} data-backend={backend}>
                  <th scope="row">{backend}</th>
                  {response?.ok ? (
                    <>
                      <td>{response.ms.toFixed(1)} ms</td>
                      <td>{topK(response.logits, 1)[0]}</td>
                      <td data-testid="rd-diff">
                        {reference ? maxAbsDiff(response.logits, reference).toExponential(1) : '…'}
                      </td>
                    </>
                  ) : (
                    <td colSpan={3}>
                      {t('runtimeDemo.failed', { message: response?.message ?? '' })}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {running === null && rows.length > 0 && (
          <p class="sr-only">{t('runtimeDemo.done', { count: rows.length })}</p>
        )}
      </div>
    </section>
  );
}
