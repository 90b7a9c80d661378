/**
 * The last build's compiler and linker messages, then run-time errors, one line each; a line
 * that names a place in the learner's files is a link that opens the file at that line.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { MessageLine } from './build-messages.ts';
import type { Translate } from './translate.ts';

interface Props {
  lines: readonly MessageLine[];
  /** The learner's files: only places in these can be opened (not the BSP's headers). */
  files: readonly string[];
  onReveal: (file: string, line: number, column: number) => void;
  t: Translate;
}

export default function BuildMessagesPane({ lines, files, onReveal, t }: Props) {
  const list = useRef<HTMLDivElement>(null);
  // A new build replaces the messages: show them from their first line.
  const first = lines[0]?.text;
  useLayoutEffect(() => {
    if (list.current) list.current.scrollTop = 0;
  }, [first, lines.length]);
  if (lines.length === 0) return <p class="bc-hint">{t('board.noMessages')}</p>;
  return (
    <div class="bc-messages" ref={list}>
      {lines.map((line, i) => (
        <div key={i} class={`bc-message ${line.at ? `is-${line.at.severity}` : ''}`}>
          {line.at && files.includes(line.at.file) ? (
            <button
              type="button"
              class="bc-link"
              onClick={() => onReveal(line.at!.file, line.at!.line, line.at!.column)}
            >
              {line.text}
            </button>
          ) : (
            line.text
          )}
        </div>
      ))}
    </div>
  );
}
