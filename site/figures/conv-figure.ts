/**
 * Standard, group and depthwise convolution side by side: which input channels each output
 * channel reads. Group convolution as in ShuffleNet V1 (Zhang et al., 2017, Sec 3.1, Fig. 1a);
 * depthwise is the case g = c (MobileNet, Howard et al., 2017, Sec 3.1).
 */
import { el, groupClass, svgDoc, text } from './svg.ts';

export interface ConvPanel {
  label: string;
  groups: number;
}

/** For each output channel, the input channels it reads: the ones in its own group. */
export function connections(channels: number, groups: number): number[][] {
  if (!Number.isInteger(channels) || channels < 1) {
    throw new Error(`channels must be a positive integer, got ${channels}`);
  }
  if (!Number.isInteger(groups) || groups < 1 || channels % groups !== 0) {
    throw new Error(`groups ${groups} must be a positive divisor of ${channels} channels`);
  }
  const n = channels / groups;
  return [...Array(channels).keys()].map((out) => {
    const g = Math.floor(out / n);
    return [...Array(n).keys()].map((j) => g * n + j);
  });
}

export interface ConvFigureText {
  title: string;
  desc: string;
  input: string;
  output: string;
  panels: [ConvPanel, ConvPanel, ConvPanel];
}

const CHANNELS = 6;
const PANEL_W = 200;
const CELL = 22;
/** Room on the left for the row names. */
const LEFT = 56;

export function convTypesFigure(id: string, t: ConvFigureText): string {
  const body = t.panels
    .map((panel, p) => {
      const x0 = LEFT + p * PANEL_W + (PANEL_W - CHANNELS * CELL) / 2;
      const xOf = (c: number) => x0 + c * CELL + CELL / 2;
      const n = CHANNELS / panel.groups;
      const cells = (y: number, row: string) =>
        [...Array(CHANNELS).keys()]
          .map((c) =>
            el('rect', {
              x: x0 + c * CELL + 2,
              y,
              width: CELL - 4,
              height: CELL - 4,
              rx: 3,
              class: `fig-cell ${groupClass(Math.floor(c / n))}`,
              'data-row': row,
            }),
          )
          .join('');
      const lines = connections(CHANNELS, panel.groups)
        .flatMap((inputs, out) =>
          inputs.map((i) =>
            el('line', { x1: xOf(i), y1: 62, x2: xOf(out), y2: 138, class: 'fig-link' }),
          ),
        )
        .join('');
      return el(
        'g',
        { 'data-panel': p, 'data-groups': panel.groups },
        text(LEFT + p * PANEL_W + PANEL_W / 2, 22, panel.label, 'fig-heading'),
        cells(42, 'input'),
        lines,
        cells(140, 'output'),
        text(LEFT + p * PANEL_W + PANEL_W / 2, 182, `g = ${panel.groups}`, 'fig-label'),
      );
    })
    .join('');
  const legend = text(4, 55, t.input, 'fig-side') + text(4, 153, t.output, 'fig-side');
  return svgDoc(
    { id, title: t.title, desc: t.desc, width: LEFT + 3 * PANEL_W, height: 196 },
    body + legend,
  );
}
