/**
 * The channel shuffle as a permutation (ShuffleNet V1, Zhang et al., 2017, Sec 3.1, Fig. 1c):
 * channels coloured by the group they come from, before and after, with a line from each channel
 * to its new position. The permutation is the viewer's `shuffleSources`, itself tested against
 * the runtime's tfjs shuffle.
 */
import { groupOf, shuffleSources } from '../features/channel-shuffle/channel-shuffle-view.ts';
import { el, groupClass, svgDoc, text } from './svg.ts';

const CELL = 30;
const LEFT = 70;

export function shuffleFigure(
  id: string,
  channels: number,
  groups: number,
  t: { title: string; desc: string; before: string; after: string },
): string {
  const sources = shuffleSources(channels, groups);
  const xOf = (position: number) => LEFT + position * CELL + CELL / 2;
  const row = (y: number, order: number[], name: string) =>
    order
      .map((source, position) =>
        el(
          'g',
          { 'data-row': name, 'data-channel': source },
          el('rect', {
            x: LEFT + position * CELL + 2,
            y,
            width: CELL - 4,
            height: CELL - 4,
            rx: 3,
            class: `fig-cell ${groupClass(groupOf(source, channels, groups))}`,
          }),
          text(xOf(position), y + 18, source, 'fig-label'),
        ),
      )
      .join('');
  const lines = sources
    .map((source, position) =>
      el('line', { x1: xOf(source), y1: 48, x2: xOf(position), y2: 122, class: 'fig-link' }),
    )
    .join('');
  const identity = [...Array(channels).keys()];
  const body =
    text(4, 38, t.before, 'fig-side') +
    text(4, 144, t.after, 'fig-side') +
    row(20, identity, 'before') +
    lines +
    row(124, sources, 'after');
  return svgDoc({ id, ...t, width: LEFT + channels * CELL + 10, height: 164 }, body);
}
