/**
 * Live island for the group-convolution lesson: sliders for the layer's shape, and its
 * parameters, multiply-adds and memory access cost. All arithmetic is in runtime/conv-cost.ts.
 */
import { useMemo, useState } from 'preact/hooks';
import { convCost, validGroups } from '../../../runtime/conv-cost.ts';
import { formatCount, translator, type UiKey } from '../../i18n/ui.ts';
import RangeSlider, { type RangeSliderProps } from '../../ui/RangeSlider.tsx';
import { chooseGroups } from '../../ui/group-choice.ts';
import CostCharts from './CostCharts.tsx';

interface Props {
  lang?: string;
}

export default function ConvCostExplorer({ lang = 'en' }: Props) {
  const t = translator(lang);
  const [inChannels, setIn] = useState(240);
  const [outChannels, setOut] = useState(240);
  const [kernel, setKernel] = useState(1);
  const [size, setSize] = useState(28);
  const groupChoices = useMemo(
    () => validGroups(inChannels, outChannels),
    [inChannels, outChannels],
  );
  // The reader's g is kept as a wish; a channel count it does not divide shows the largest
  // valid g below it, with a note (the rule both explorers share: ui/group-choice.ts).
  const [wantedGroups, setWantedGroups] = useState(1);
  const { groups, adjusted } = chooseGroups(groupChoices, wantedGroups);
  const index = groupChoices.indexOf(groups);

  const cost = convCost({ inChannels, outChannels, kernel, groups, size });
  const dense = convCost({ inChannels, outChannels, kernel, groups: 1, size });
  const count = (v: number) => formatCount(v, lang);
  const results: [UiKey, number, number][] = [
    ['convCost.params', cost.params, dense.params],
    ['convCost.macs', cost.macs, dense.macs],
    ['convCost.memory', cost.memoryAccess, dense.memoryAccess],
  ];

  const shapeSliders: (Omit<RangeSliderProps, 'label'> & { key: UiKey })[] = [
    { key: 'convCost.inChannels', value: inChannels, min: 8, max: 512, step: 8, onInput: setIn },
    { key: 'convCost.outChannels', value: outChannels, min: 8, max: 512, step: 8, onInput: setOut },
    { key: 'convCost.kernel', value: kernel, min: 1, max: 7, step: 2, onInput: setKernel },
    { key: 'convCost.size', value: size, min: 7, max: 112, onInput: setSize },
  ];

  return (
    <section class="island-card cce not-content" aria-label={t('convCost.title')}>
      {shapeSliders.map(({ key, ...slider }) => (
        <RangeSlider key={key} label={t(key)} {...slider} />
      ))}
      <RangeSlider
        label={t('convCost.groups')}
        value={index}
        min={0}
        max={groupChoices.length - 1}
        valueText={String(groups)}
        onInput={(i) => setWantedGroups(groupChoices[i]!)}
      />
      <p class="cce-hint">{t('convCost.groupsHint', { values: groupChoices.join(', ') })}</p>
      {/* Always in the page, so that screen readers announce the note when it appears. */}
      <p class="cce-note cce-adjusted" data-groups-note aria-live="polite">
        {adjusted &&
          t('convCost.groupsAdjusted', {
            wanted: wantedGroups,
            groups,
            c1: inChannels,
            c2: outChannels,
          })}
      </p>
      <dl class="cce-results" aria-live="polite">
        {results.map(([key, value, denseValue]) => (
          <div key={key} data-metric={key}>
            <dt>{t(key)}</dt>
            <dd>
              <span class="cce-value">{count(value)}</span>
              {groups > 1 && (
                <span class="cce-ratio">
                  {' '}
                  ({t('convCost.vsDense', { ratio: (denseValue / value).toFixed(2) })})
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {groups === inChannels && groups === outChannels && (
        <p class="cce-note">{t('convCost.depthwise')}</p>
      )}
      <CostCharts
        inChannels={inChannels}
        outChannels={outChannels}
        kernel={kernel}
        size={size}
        groups={groups}
        lang={lang}
      />
    </section>
  );
}
