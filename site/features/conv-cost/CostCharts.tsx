/**
 * The cost explorer's charts: cost against g, and memory access against c1 : c2 (guideline G1 of
 * ShuffleNet V2). @observablehq/plot loads only when the reader opens the charts, so the lesson
 * does not pay for it up front. Each chart names itself (aria-label), and its caption states in
 * words what it shows. The data is cost-curves.ts; this component only draws.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { costByGroups, macByRatio, macLowerBound, type Metric } from './cost-curves.ts';
import { formatCount, translator, type UiKey } from '../../i18n/ui.ts';

type PlotModule = typeof import('@observablehq/plot');

interface Props {
  inChannels: number;
  outChannels: number;
  kernel: number;
  size: number;
  /** The g the sliders show, marked on the first chart. */
  groups: number;
  lang?: string;
}

const percent = (v: number) => `${(100 * v).toPrecision(2)}%`;

/**
 * Makes a Plot chart one image: role="img" on its <svg>, named by Plot's aria-label and described
 * by our caption. Plot also labels its inner <g> marks, which ARIA prohibits on elements without a
 * role and which an image's presentational children do not need, so those labels go.
 */
function asImage(chart: Element, describedBy: string): Element {
  // With a colour legend Plot returns a <figure>: the legend's swatches (small <svg>s beside
  // their text) come first, and the chart is its last <svg>. The swatches are decoration.
  const svgs = chart.tagName.toLowerCase() === 'svg' ? [chart] : [...chart.querySelectorAll('svg')];
  const svg = svgs.pop();
  for (const swatch of svgs) swatch.setAttribute('aria-hidden', 'true');
  if (svg) {
    svg.setAttribute('role', 'img');
    svg.removeAttribute('aria-description');
    svg.setAttribute('aria-describedby', describedBy);
    for (const inner of svg.querySelectorAll('[aria-label], [aria-description]')) {
      inner.removeAttribute('aria-label');
      inner.removeAttribute('aria-description');
    }
  }
  return chart;
}

export default function CostCharts(props: Props) {
  const { inChannels, outChannels, kernel, size, groups, lang = 'en' } = props;
  const t = translator(lang);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [plot, setPlot] = useState<PlotModule | null>(null);
  const [error, setError] = useState<string | null>(null);
  const byGroupsRef = useRef<HTMLDivElement>(null);
  const byRatioRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open || plot) return;
    import('@observablehq/plot').then(setPlot, (e: unknown) => setError(String(e)));
  }, [open, plot]);

  const points = costByGroups({ inChannels, outChannels, kernel, size });
  const maxG = Math.max(...points.map((p) => p.g));
  const at = (metric: Metric) => points.find((p) => p.g === maxG && p.metric === metric)!;
  const ratios = macByRatio(inChannels * outChannels, size);
  const worst = ratios.reduce((a, b) => (b.memoryAccess > a.memoryAccess ? b : a));
  const bound = macLowerBound(inChannels * outChannels, size);
  const byGroupsSummary = t('convCost.byGroupsSummary', {
    g: maxG,
    params: percent(at('params').relative),
    memory: percent(at('memoryAccess').relative),
  });
  const byRatioSummary = t('convCost.byRatioSummary', {
    c1: inChannels,
    c2: outChannels,
    size,
    best: formatCount(Math.round(bound), lang),
    worst: formatCount(Math.round(worst.memoryAccess), lang),
    worstLabel: worst.label,
  });

  useEffect(() => {
    const groupsBox = byGroupsRef.current;
    const ratioBox = byRatioRef.current;
    if (!open || !plot || !groupsBox || !ratioBox) return;
    const width = Math.max(280, Math.min(640, groupsBox.clientWidth || 640));
    const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' };
    const metricName = (m: Metric) => t(`convCost.metric.${m}` as UiKey);
    const data = points.map((p) => ({ ...p, name: metricName(p.metric) }));
    const groupsChart = plot.plot({
      width,
      height: 260,
      style,
      ariaLabel: t('convCost.byGroups'),
      x: { type: 'log', label: t('convCost.byGroupsAxisX') },
      marginLeft: 52,
      y: { type: 'log', label: t('convCost.byGroupsAxisY'), grid: true, percent: true },
      color: { legend: true },
      marks: [
        plot.ruleX([groups], { strokeDasharray: '4 3' }),
        // Parameters and multiply-adds both fall as 1/g, so their lines coincide: parameters
        // are drawn wide underneath, so that both stay visible.
        plot.line(
          data.filter((d) => d.metric === 'params'),
          { x: 'g', y: 'relative', stroke: 'name', strokeWidth: 7, strokeOpacity: 0.6 },
        ),
        plot.line(
          data.filter((d) => d.metric !== 'params'),
          { x: 'g', y: 'relative', stroke: 'name', marker: 'dot' },
        ),
      ],
    });
    const ratioChart = plot.plot({
      width,
      height: 240,
      style,
      ariaLabel: t('convCost.byRatio'),
      x: { type: 'point', label: t('convCost.byRatioAxisX'), domain: ratios.map((r) => r.label) },
      marginLeft: 52,
      y: { label: t('convCost.byRatioAxisY'), grid: true, zero: false, tickFormat: 's' },
      marks: [
        plot.ruleY([bound], { strokeDasharray: '4 3' }),
        plot.line(ratios, { x: 'label', y: 'memoryAccess', marker: 'dot' }),
      ],
    });
    groupsBox.replaceChildren(asImage(groupsChart, `${id}-groups`));
    ratioBox.replaceChildren(asImage(ratioChart, `${id}-ratio`));
  }, [open, plot, inChannels, outChannels, kernel, size, groups, lang]);

  return (
    <div class="cce-charts">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-charts`}
        onClick={() => setOpen(!open)}
      >
        {t(open ? 'convCost.hideCharts' : 'convCost.showCharts')}
      </button>
      <div id={`${id}-charts`} hidden={!open} role="group" aria-label={t('convCost.charts')}>
        {!plot && !error && <p class="cce-note">{t('convCost.loadingCharts')}</p>}
        {error && <p class="cce-note">{t('convCost.chartsFailed', { message: error })}</p>}
        <figure class="cce-chart" data-chart="groups">
          <div ref={byGroupsRef} />
          <figcaption id={`${id}-groups`}>
            <strong>{t('convCost.byGroups')}.</strong> {byGroupsSummary}
          </figcaption>
        </figure>
        <figure class="cce-chart" data-chart="ratio">
          <div ref={byRatioRef} />
          <figcaption id={`${id}-ratio`}>
            <strong>{t('convCost.byRatio')}.</strong> {byRatioSummary}
          </figcaption>
        </figure>
      </div>
    </div>
  );
}
