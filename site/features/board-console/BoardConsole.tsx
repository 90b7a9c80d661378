/**
 * The board console island: the learner's firmware files, a drawn board (LEDs, switches, push
 * buttons, connectors; Build, Run, Stop, Reset, the BSP stdout, simulated time) and, as tabs, a
 * UART terminal (xterm.js), the JTAG UART, an xsdb command line and the build messages, with the board simulated in a worker
 * (board.worker.ts). Until the reader starts the console only the files are here: the worker,
 * the C parser's wasm and xterm.js load on Start, and Monaco when the reader opens the code
 * editor or follows a build message to its line. Behaviour is the hooks' (use-board-console.ts,
 * use-file-editors.ts) over the pure state (board-state.ts); the panes only draw.
 *
 * With `cpu1Files` the board runs two programs, as in an AMP design: CPU1's `.c` files are built
 * on their own and linked at 0x02000000, where CPU0 starts CPU1 through 0xFFFFFFF0 and SEV.
 *
 * `mode="batch"` gives the simple form instead (BatchConsole.tsx): one file, Build and run for a
 * fixed simulated time, then the UART output and the LEDs.
 *
 * Its stylesheet, board-console.css, is imported by the lesson that uses the island: CSS
 * imported by an island inside lesson MDX does not reach the built page (seen with Astro 7).
 */
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { translator } from '../../i18n/ui.ts';
import BatchConsole, { type BatchProps } from './BatchConsole.tsx';
import BoardPanel from './BoardPanel.tsx';
import { parseBuildMessages } from './build-messages.ts';
import BuildMessagesPane from './BuildMessagesPane.tsx';
import FilesPane from './FilesPane.tsx';
import JtagPane from './JtagPane.tsx';
import { fileRole } from './firmware-files.ts';
import OutputTabs, { type OutputTab } from './OutputTabs.tsx';
import TerminalPane from './TerminalPane.tsx';
import { useBoardConsole } from './use-board-console.ts';
import { useFileEditors } from './use-file-editors.ts';
import XsdbPane from './XsdbPane.tsx';

interface InteractiveProps {
  mode?: 'interactive';
  /** The example's files, name to text; every `.c` file is built (for CPU0 with `cpu1Files`). */
  files: Record<string, string>;
  /**
   * CPU1's program, name to text: its `.c` files are built as a second program linked at
   * 0x02000000. Names must differ from those in `files`; headers in either are seen by both.
   */
  cpu1Files?: Record<string, string>;
  /** Where the learner's edits are saved (one key per console on the site). */
  storageKey: string;
  lang?: string;
}

export default function BoardConsole(props: InteractiveProps | BatchProps) {
  return props.mode === 'batch' ? <BatchConsole {...props} /> : <InteractiveConsole {...props} />;
}

function InteractiveConsole({ files, cpu1Files, storageKey, lang = 'en' }: InteractiveProps) {
  const t = translator(lang);
  const id = useId();
  const cpu1Names = Object.keys(cpu1Files ?? {});
  const board = useBoardConsole({
    example: cpu1Files ? { ...files, ...cpu1Files } : files,
    cpu1Names,
    storageKey,
    terminalLabel: t('board.terminal'),
    terminalHintId: `${id}-term-hint`,
  });
  const { state } = board;
  const [tab, setTab] = useState<OutputTab>('terminal');
  const messages = useMemo(() => parseBuildMessages(state.diagnostics), [state.diagnostics]);

  /** A file's name, and with two programs whose it is. */
  function fileLabel(name: string): string {
    if (!cpu1Names.length) return name;
    const role = fileRole(name, cpu1Names);
    return role === 'header' ? name : t(`board.file.${role}`, { name });
  }

  const editors = useFileEditors({
    storageKey,
    files: board.files,
    messages,
    onEdit: board.edit,
    onRun: () => (state.started ? board.run() : board.start()),
    label: fileLabel,
    onError: board.editorFailed,
  });

  const showMessages = () => {
    setTab('messages');
    requestAnimationFrame(() => document.getElementById(`${id}-panel-messages`)?.focus());
  };
  // A failed build has nothing to run: its messages are what the reader needs next.
  useEffect(() => {
    if (state.notice?.kind === 'buildFailed') setTab('messages');
  }, [state.notice]);

  return (
    // Named after its example (the storage key's last part), so that a page with several
    // consoles has landmarks a screen reader can tell apart.
    <section
      class="island-card bc"
      aria-label={t('board.titleOf', { name: storageKey.split('/').at(-1) ?? storageKey })}
    >
      <p class="bc-intro">{t('board.intro')}</p>
      <FilesPane
        id={id}
        files={board.files}
        editors={editors}
        fileLabel={fileLabel}
        onEdit={board.edit}
        onBackToExample={board.backToExample}
        t={t}
      />

      {!state.started && (
        <button type="button" class="bc-start" onClick={board.start}>
          {t('board.start')}
        </button>
      )}

      {state.started && (
        <>
          <BoardPanel
            id={id}
            state={state}
            onBuild={() => board.build(false)}
            onRun={board.run}
            onStop={board.stop}
            onReset={board.reset}
            onSwitch={board.flip}
            onStdout={board.setStdout}
            onButton={board.press}
            onShowMessages={showMessages}
            t={t}
          />
          <OutputTabs
            id={id}
            selected={tab}
            onSelect={setTab}
            counts={{ messages: messages.length }}
            t={t}
            panels={{
              terminal: (
                <TerminalPane
                  hintId={`${id}-term-hint`}
                  termHost={board.termHost}
                  transcript={board.transcript}
                  lineEnding={board.lineEnding}
                  onLineEnding={board.setLineEnding}
                  localEcho={board.localEcho}
                  onLocalEcho={board.setLocalEcho}
                  lfAsNewline={board.lfAsNewline}
                  onLfAsNewline={board.setLfAsNewline}
                  t={t}
                />
              ),
              jtag: <JtagPane text={board.jtagText} t={t} />,
              xsdb: (
                <XsdbPane
                  id={id}
                  log={state.log}
                  history={board.history}
                  onCommand={board.command}
                  t={t}
                />
              ),
              messages: (
                <BuildMessagesPane
                  lines={messages}
                  files={editors.names}
                  onReveal={(file, line, column) => void editors.reveal(file, line, column)}
                  t={t}
                />
              ),
            }}
          />
        </>
      )}
    </section>
  );
}
