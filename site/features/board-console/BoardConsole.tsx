/**
 * The board console island: the learner's firmware files, a board panel (LEDs, switches, Run,
 * Stop, Reset, simulated time), a UART terminal (xterm.js) and an xsdb command line, with the
 * board simulated in a worker (board.worker.ts). Until the reader starts the console only the
 * editor is here: the worker, the C parser's wasm and xterm.js load on Start. Behaviour is the
 * hook's (use-board-console.ts) over the pure state (board-state.ts); the panes only draw.
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
import { useId } from 'preact/hooks';
import { translator } from '../../i18n/ui.ts';
import BatchConsole, { type BatchProps } from './BatchConsole.tsx';
import BoardPanel from './BoardPanel.tsx';
import FilesPane from './FilesPane.tsx';
import TerminalPane from './TerminalPane.tsx';
import { useBoardConsole } from './use-board-console.ts';
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

  return (
    <section class="island-card bc" aria-label={t('board.title')}>
      <p class="bc-intro">{t('board.intro')}</p>
      <FilesPane
        id={id}
        files={board.files}
        cpu1Names={cpu1Names}
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
            state={state}
            onBuild={() => board.build(false)}
            onRun={board.run}
            onStop={board.stop}
            onReset={board.reset}
            onSwitch={board.flip}
            t={t}
          />
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
          <XsdbPane
            id={id}
            log={state.log}
            history={board.history}
            onCommand={board.command}
            t={t}
          />
          <div class="bc-diagnostics">
            <p class="bc-label" id={`${id}-diag`}>
              {t('board.diagnostics')}
            </p>
            <pre aria-labelledby={`${id}-diag`}>{state.diagnostics}</pre>
          </div>
        </>
      )}
    </section>
  );
}
