/**
 * Live island for the channel-shuffle lesson: pick c channels and g groups, and see where every
 * channel goes. Coloured boxes show the order before and after the shuffle (and the inverse, the
 * usual wrong answer); the same orders are written out as text for screen readers and for anyone
 * who cannot tell the colours apart. All arithmetic is in channel-shuffle-view.ts.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import {
  MAX_CHANNELS,
  MIN_CHANNELS,
  chunk,
  groupChoices,
  groupColour,
  groupOf,
  groupsReached,
  inverseSources,
  isSelfInverse,
  shuffleSources,
} from './channel-shuffle-view.ts';
import { translator, type UiKey } from '../../i18n/ui.ts';
import RangeSlider from '../../ui/RangeSlider.tsx';
import { chooseGroups } from '../../ui/group-choice.ts';
import ShuffleFlow from './ShuffleFlow.tsx';

interface Props {
  lang?: string;
}

const rowStyle: JSX.CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  gap: '0.75rem',
  marginTop: '0.25rem',
};
const blockStyle: JSX.CSSProperties = { display: 'flex', gap: '2px' };
const boxStyle: JSX.CSSProperties = {
  minWidth: '1.9rem',
  padding: '0.15rem 0.25rem',
  borderRadius: '0.25rem',
  color: '#111',
  textAlign: 'center',
  fontVariantNumeric: 'tabular-nums',
  lineHeight: 1.2,
};

interface RowProps {
  /** Names the row; its text line reads "{heading}: 0, 3, 1; 4, 2, 5". */
  heading: string;
  /** Source channel at each position, cut into the blocks (groups) to draw apart. */
  blocks: number[][];
  channels: number;
  groups: number;
  row: 'before' | 'after' | 'inverse';
  /** Announce changes of this row to screen readers (only the row that matters most). */
  live?: boolean;
  t: ReturnType<typeof translator>;
}

/**
 * One row: a line of text that names the row and lists the order, then the same order as
 * coloured boxes. The boxes are decoration (aria-hidden); the text is the alternative, so the
 * order is available without colour and without sight.
 */
function ChannelRow({ heading, blocks, channels, groups, row, live = false, t }: RowProps) {
  const order = blocks.map((block) => block.join(', ')).join('; ');
  return (
    <div data-row={row} style={{ marginTop: '0.75rem' }}>
      <p data-order aria-live={live ? 'polite' : undefined} style={{ margin: 0 }}>
        {t('shuffleView.order', { row: heading, order })}
      </p>
      <div style={rowStyle} aria-hidden="true">
        {blocks.map((block, b) => (
          <div key={b} style={blockStyle}>
            {block.map((source) => {
              const group = groupOf(source, channels, groups);
              return (
                <span
                  key={source}
                  title={t('shuffleView.box', { channel: source, group })}
                  style={{ ...boxStyle, background: groupColour(group, groups) }}
                >
                  {source}
                  <sub style={{ fontSize: '0.65em', marginLeft: '1px' }}>{group}</sub>
                </span>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}

export default function ChannelShuffleView({ lang = 'en' }: Props) {
  const t = translator(lang);
  const [channels, setChannels] = useState(6);
  const [wantedGroups, setWantedGroups] = useState(2);
  const choices = groupChoices(channels);
  // A channel count can rule out the chosen g: show the largest valid g below it, say so, and
  // keep the wish (the rule both explorers share: ui/group-choice.ts).
  const { groups, adjusted } = chooseGroups(choices, wantedGroups);
  const n = channels / groups;
  const identity = [...Array(channels).keys()];
  const after = shuffleSources(channels, groups);
  const inverse = inverseSources(channels, groups);
  const trivial = groups === 1 || groups === channels;

  let inverseNote: UiKey = 'shuffleView.inverseDiffers';
  if (trivial) inverseNote = 'shuffleView.trivial';
  else if (isSelfInverse(channels, groups)) inverseNote = 'shuffleView.inverseSame';

  return (
    <section class="island-card csv not-content" aria-label={t('shuffleView.title')}>
      <RangeSlider
        label={t('shuffleView.channels')}
        value={channels}
        min={MIN_CHANNELS}
        max={MAX_CHANNELS}
        valueText={String(channels)}
        onInput={setChannels}
      />
      <RangeSlider
        label={t('shuffleView.groups')}
        value={choices.indexOf(groups)}
        min={0}
        max={choices.length - 1}
        valueText={String(groups)}
        onInput={(index) => setWantedGroups(choices[index]!)}
      />
      <p class="cce-hint">{t('shuffleView.groupsHint', { values: choices.join(', ') })}</p>
      {/* Always in the page, so that screen readers announce the note when it appears. */}
      <p class="cce-note cce-adjusted" data-groups-note aria-live="polite">
        {adjusted && t('shuffleView.groupsAdjusted', { wanted: wantedGroups, groups, channels })}
      </p>
      <p class="cce-note">{t('shuffleView.legend')}</p>
      <div>
        <ChannelRow
          row="before"
          heading={t('shuffleView.before', { groups, n })}
          blocks={chunk(identity, n)}
          channels={channels}
          groups={groups}
          t={t}
        />
        <ChannelRow
          row="after"
          heading={t('shuffleView.after', { groups })}
          blocks={chunk(after, n)}
          channels={channels}
          groups={groups}
          live
          t={t}
        />
        <p class="cce-note" data-mixing aria-live="polite">
          {t('shuffleView.mixing', { reached: groupsReached(channels, groups), groups })}
        </p>
        <ChannelRow
          row="inverse"
          heading={t('shuffleView.inverse')}
          blocks={chunk(inverse, n)}
          channels={channels}
          groups={groups}
          t={t}
        />
        <p class="cce-note" data-inverse-note>
          {t(inverseNote, { square: groups * groups })}
        </p>
      </div>
      <ShuffleFlow channels={channels} groups={groups} lang={lang} />
    </section>
  );
}
