/**
 * UART1's terminal: xterm.js in `termHost` (made on Start), its settings, and the transcript as
 * text for screen readers and copying.
 */
import type { Ref } from 'preact';
import { LINE_ENDINGS, type LineEnding } from './terminal-bytes.ts';
import type { Translate } from './translate.ts';

interface Props {
  hintId: string;
  termHost: Ref<HTMLDivElement>;
  transcript: string;
  lineEnding: LineEnding;
  onLineEnding: (value: LineEnding) => void;
  localEcho: boolean;
  onLocalEcho: (on: boolean) => void;
  lfAsNewline: boolean;
  onLfAsNewline: (on: boolean) => void;
  t: Translate;
}

export default function TerminalPane(p: Props) {
  const { t } = p;
  return (
    <div class="bc-terminal-area">
      {/* Said when the terminal gets focus (its aria-describedby); the tab names it on screen. */}
      <p class="bc-sr" id={p.hintId}>
        {t('board.terminal')}. {t('board.terminalHint')}
      </p>
      {/* not-content: Starlight's spacing between siblings would push xterm's rows apart. */}
      <div class="bc-terminal not-content" ref={p.termHost} />
      <div class="bc-row" role="group" aria-label={t('board.settings')}>
        <label>
          {t('board.lineEnding')}{' '}
          <select
            value={p.lineEnding}
            onChange={(e) => p.onLineEnding((e.target as HTMLSelectElement).value as LineEnding)}
          >
            {LINE_ENDINGS.map((le) => (
              <option key={le} value={le}>
                {t(`board.lineEnding.${le}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={p.localEcho}
            onChange={(e) => p.onLocalEcho((e.target as HTMLInputElement).checked)}
          />{' '}
          {t('board.localEcho')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={p.lfAsNewline}
            onChange={(e) => p.onLfAsNewline((e.target as HTMLInputElement).checked)}
          />{' '}
          {t('board.lfAsNewline')}
        </label>
      </div>
      <details class="bc-transcript">
        <summary>{t('board.transcript')}</summary>
        <pre role="log" aria-label={t('board.transcript')}>
          {p.transcript}
        </pre>
      </details>
    </div>
  );
}
