/**
 * Island for the capstone lesson: pick a layer output, see its int8 error against the float
 * network and the histogram of its int8 codes. The data is the committed report
 * (quant-report.json); the figures come from quant-compare.ts; the charts are
 * @observablehq/plot, loaded only once the island runs.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { QuantReport } from '../../../runtime/quant/report.ts';
import { formatCount, translator } from '../../i18n/ui.ts';
import { errorSeries, histogramBars, layerOptions, summarize } from './quant-compare.ts';
import data from './quant-report.json';

const report = data as QuantReport;

interface Props {
  lang?: string;
}

/**
 * A chart as one image for assistive technology: its aria-label (set by Plot) describes it, and
 * Plot's per-mark group labels (`aria-label="rect"` on a <g>, which ARIA does not allow on an
 * element without a role) are removed.
 */
function asImage(chart: Element): Element {
  chart.setAttribute('role', 'img');
  for (const g of chart.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
  return chart;
}

export default function QuantCompare({ lang = 'en' }: Props) {
  const t = translator(lang);
  const options = useMemo(() => layerOptions(report), []);
  const [index, setIndex] = useState(1);
  const [chartError, setChartError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const histogramRef = useRef<HTMLDivElement>(null);
  const errorsRef = useRef<HTMLDivElement>(null);
  const buffer = report.buffers[index]!;
  const s = summarize(buffer);

  useEffect(() => {
    let cancelled = false;
    import('@observablehq/plot')
      .then((Plot) => {
        if (cancelled || !histogramRef.current || !errorsRef.current) return;
        setLoading(false);
        const width = Math.max(280, Math.min(640, histogramRef.current.clientWidth || 640));
        const histogram = Plot.plot({
          width,
          height: 220,
          ariaLabel: t('quantCompare.histogram', { layer: buffer.name }),
          x: { label: t('quantCompare.code') },
          y: { label: t('quantCompare.count'), grid: true },
          marks: [
            Plot.rectY(histogramBars(buffer), {
              x1: (d: { code: number }) => d.code - 0.5,
              x2: (d: { code: number }) => d.code + 0.5,
              y: 'count',
              fill: 'currentColor',
            }),
            Plot.ruleX([buffer.zeroPoint], { stroke: 'var(--sl-color-accent, #c33)' }),
            Plot.ruleY([0]),
          ],
        });
        const series = errorSeries(report);
        const errors = Plot.plot({
          width,
          height: 200,
          ariaLabel: t('quantCompare.errors'),
          x: { label: t('quantCompare.layerAxis') },
          y: { label: t('quantCompare.errorAxis'), grid: true },
          marks: [
            Plot.dot(series, {
              x: 'index',
              y: 'percent',
              r: (d: { index: number }) => (d.index === index ? 6 : 2.5),
              fill: (d: { index: number }) => (d.index === index ? 'accent' : 'other'),
              title: 'name',
            }),
          ],
          color: { domain: ['other', 'accent'], range: ['currentColor', '#c33'] },
        });
        histogramRef.current.replaceChildren(asImage(histogram));
        errorsRef.current.replaceChildren(asImage(errors));
      })
      .catch((e: unknown) => {
        if (!cancelled) setChartError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
    };
  }, [index, lang]);

  const pct = (value: string) => t('quantCompare.percent', { value });
  return (
    <section class="island-card qcmp not-content" aria-label={t('quantCompare.title')}>
      <label class="qcmp-layer">
        {t('quantCompare.layer')}
        <select
          value={String(index)}
          onChange={(e) => setIndex(Number((e.target as HTMLSelectElement).value))}
        >
          {options.map((o) => (
            <option key={o.index} value={String(o.index)}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <p class="qcmp-note">
        {t('quantCompare.images', { images: report.images, values: formatCount(s.values, lang) })}
      </p>
      <dl class="qcmp-figures" aria-live="polite">
        <div>
          <dt>{t('quantCompare.rms')}</dt>
          <dd data-testid="qcmp-rms">{pct(s.relativeRmsPercent)}</dd>
        </div>
        <div>
          <dt>{t('quantCompare.maxError')}</dt>
          <dd>{s.maxError}</dd>
        </div>
        <div>
          <dt>{t('quantCompare.scale')}</dt>
          <dd>{s.scale}</dd>
        </div>
        <div>
          <dt>{t('quantCompare.zeroPoint')}</dt>
          <dd>{s.zeroPoint}</dd>
        </div>
        <div>
          <dt>{t('quantCompare.atTop')}</dt>
          <dd>{pct(s.atTopPercent)}</dd>
        </div>
      </dl>
      {loading && !chartError && <p class="qcmp-note">{t('quantCompare.loading')}</p>}
      {chartError && (
        <p class="qcmp-note" role="alert">
          {t('quantCompare.chartFailed', { message: chartError })}
        </p>
      )}
      <div class="qcmp-chart" ref={histogramRef} data-testid="qcmp-histogram" />
      <div class="qcmp-chart" ref={errorsRef} data-testid="qcmp-errors" />
    </section>
  );
}
