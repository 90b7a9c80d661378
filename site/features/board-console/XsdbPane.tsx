/**
 * The xsdb command line (Up and Down recall earlier commands) and its log, which follows new
 * output: after each answer the log scrolls to its end, as a terminal does.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatXsdb, type XsdbLine } from '../../../board/xsdb-lines.ts';
import type { CommandHistory } from './command-history.ts';
import type { Translate } from './translate.ts';

interface Props {
  id: string;
  log: readonly XsdbLine[];
  history: CommandHistory;
  onCommand: (line: string) => void;
  t: Translate;
}

export default function XsdbPane({ id, log, history, onCommand, t }: Props) {
  const [command, setCommand] = useState('');
  const logRef = useRef<HTMLPreElement>(null);
  useLayoutEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [log.length]);

  function submit(e: Event) {
    e.preventDefault();
    const line = command.trim();
    if (!line) return;
    setCommand('');
    onCommand(line);
  }

  function recall(e: KeyboardEvent) {
    const recalled =
      e.key === 'ArrowUp' ? history.up(command) : e.key === 'ArrowDown' ? history.down() : null;
    if (recalled === null) return;
    e.preventDefault();
    setCommand(recalled);
  }

  return (
    <form class="bc-command" onSubmit={submit}>
      <label for={`${id}-cmd`}>{t('board.command')}</label>
      <div class="bc-row">
        <span aria-hidden="true">xsdb%</span>
        <input
          id={`${id}-cmd`}
          type="text"
          autocomplete="off"
          spellcheck={false}
          aria-describedby={`${id}-cmd-hint`}
          value={command}
          onInput={(e) => setCommand((e.target as HTMLInputElement).value)}
          onKeyDown={recall}
        />
      </div>
      <p class="bc-hint" id={`${id}-cmd-hint`}>
        {t('board.commandHint')}
      </p>
      <pre class="bc-log" ref={logRef} role="log" aria-label={t('board.commandLog')}>
        {formatXsdb(log, t).join('\n')}
      </pre>
    </form>
  );
}
