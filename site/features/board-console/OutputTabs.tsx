/**
 * The console's outputs as tabs (WAI-ARIA tabs pattern,
 * https://www.w3.org/WAI/ARIA/apg/patterns/tabs/): the UART terminal, the JTAG UART, xsdb and the
 * build messages, one shown at a time so the console stays short. Left and Right move between tabs,
 * Home and End jump to the ends. Hidden panels keep their size (visibility, not display), so
 * xterm.js keeps measuring its cells while another tab is shown.
 */
import type { ComponentChildren } from 'preact';
import type { Translate } from './translate.ts';

export type OutputTab = 'terminal' | 'jtag' | 'xsdb' | 'messages';
export const OUTPUT_TABS: readonly OutputTab[] = ['terminal', 'jtag', 'xsdb', 'messages'];

/** The tab a key moves to from `current`, or null for other keys. */
export function tabAfterKey(current: OutputTab, key: string): OutputTab | null {
  const i = OUTPUT_TABS.indexOf(current);
  const n = OUTPUT_TABS.length;
  if (key === 'ArrowRight') return OUTPUT_TABS[(i + 1) % n]!;
  if (key === 'ArrowLeft') return OUTPUT_TABS[(i + n - 1) % n]!;
  if (key === 'Home') return OUTPUT_TABS[0]!;
  if (key === 'End') return OUTPUT_TABS[n - 1]!;
  return null;
}

interface Props {
  id: string;
  selected: OutputTab;
  onSelect: (tab: OutputTab) => void;
  /** Shown after a tab's name, e.g. the number of build messages. */
  counts: Partial<Record<OutputTab, number>>;
  panels: Record<OutputTab, ComponentChildren>;
  t: Translate;
}

export default function OutputTabs({ id, selected, onSelect, counts, panels, t }: Props) {
  const tabId = (tab: OutputTab) => `${id}-tab-${tab}`;
  const panelId = (tab: OutputTab) => `${id}-panel-${tab}`;
  const names: Record<OutputTab, string> = {
    terminal: t('board.tab.terminal'),
    jtag: t('board.tab.jtag'),
    xsdb: t('board.tab.xsdb'),
    messages: t('board.diagnostics'),
  };
  return (
    <div class="bc-outputs not-content">
      <div class="bc-tabs" role="tablist" aria-label={t('board.outputs')}>
        {OUTPUT_TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={tabId(tab)}
            aria-selected={tab === selected}
            aria-controls={panelId(tab)}
            tabIndex={tab === selected ? 0 : -1}
            onClick={() => onSelect(tab)}
            onKeyDown={(e) => {
              const next = tabAfterKey(selected, e.key);
              if (!next) return;
              e.preventDefault();
              onSelect(next);
              document.getElementById(tabId(next))?.focus();
            }}
          >
            {names[tab]}
            {counts[tab] ? <span class="bc-count"> ({counts[tab]})</span> : null}
          </button>
        ))}
      </div>
      <div class="bc-panels">
        {OUTPUT_TABS.map((tab) => (
          <div
            key={tab}
            id={panelId(tab)}
            role="tabpanel"
            aria-labelledby={tabId(tab)}
            class={`bc-tabpanel ${tab === selected ? 'is-active' : ''}`}
            data-tab={tab}
            tabIndex={tab === selected ? 0 : -1}
          >
            {panels[tab]}
          </div>
        ))}
      </div>
    </div>
  );
}
