/**
 * The board, drawn: a Zynq-7000 board's user corner (after the ZedBoard's, ZedBoard Hardware
 * User's Guide v2.2, sections 2.8-2.9): the UART and JTAG connectors, the power and DONE LEDs,
 * LD7-LD0, the slide switches SW7-SW0 and the five push buttons, with Build, Run, Stop, Reset,
 * status, simulated time and the notice line above it, and the BSP settings' stdout (UART1, UART0,
 * the JTAG UART or none) that the next build uses.
 *
 * The switches are checkboxes with the switch role (Space flips the focused one). The push
 * buttons are toggle buttons (`aria-pressed`) held while the mouse button, the finger or Space or
 * Enter stays down on them; the board reads them on its buttons' AXI GPIO (push-buttons.ts).
 */
import { STDOUT_CHOICES, type StdoutChoice } from '../../../board/bsp/stdout.ts';
import { formatMs, noticeText, type BoardState } from './board-state.ts';
import LedRow from './LedRow.tsx';
import { BUTTON_LAYOUT, buttonBit, isPressKey, type ButtonName } from './push-buttons.ts';
import type { Translate } from './translate.ts';

interface Props {
  /** The console's id, for the ids of its parts. */
  id: string;
  state: BoardState;
  onBuild: () => void;
  onRun: () => void;
  onStop: () => void;
  onReset: () => void;
  onSwitch: (index: number, on: boolean) => void;
  /** The BSP settings' stdout for the next build. */
  onStdout: (value: StdoutChoice) => void;
  /** A push button went down (`down`) or came up. */
  onButton: (name: ButtonName, down: boolean) => void;
  /** Shows the build messages (the notice after a failed build links to them). */
  onShowMessages: () => void;
  t: Translate;
}

const INDEXES = [7, 6, 5, 4, 3, 2, 1, 0];

export default function BoardPanel(props: Props) {
  const { state, onSwitch, t } = props;
  const { building, status, switches } = state;
  const busy = building || state.starting;
  const onOff = (on: boolean) => t(on ? 'board.on' : 'board.off');
  // Power: the board is on once the console starts; DONE: its programmable logic is configured
  // (on a real board, after the bitstream loads), here once the simulated board is ready.
  const power = state.started;
  const done = state.started && !state.starting;
  return (
    <div class="bc-panel not-content" role="group" aria-label={t('board.panel')}>
      <div class="bc-row bc-controls" role="group" aria-label={t('board.controls')}>
        <button type="button" onClick={props.onBuild} disabled={busy}>
          {building ? t('board.building') : t('board.build')}
        </button>
        <button
          type="button"
          class="bc-primary"
          onClick={props.onRun}
          disabled={busy || status === 'running'}
          aria-keyshortcuts="Control+Enter"
        >
          {t('board.run')}
        </button>
        <button type="button" onClick={props.onStop} disabled={status !== 'running'}>
          {t('board.stop')}
        </button>
        <button type="button" onClick={props.onReset} disabled={busy || status === 'empty'}>
          {t('board.reset')}
        </button>
      </div>

      <p class="bc-status">
        <span>{t('board.statusLine', { status: t(`board.status.${status}`) })}</span>
        <span aria-hidden="true"> · </span>
        <span aria-live="polite" aria-atomic="true">
          {t('board.time', { ms: formatMs(state.shownMs) })}
        </span>
      </p>
      <div class="bc-pcb">
        <div class="bc-pcb-edge">
          <span class="bc-port">
            <span class="bc-port-socket" aria-hidden="true" />
            {t('board.port.uart')}
          </span>
          <span class="bc-port">
            <span class="bc-port-socket" aria-hidden="true" />
            {t('board.port.jtag')}
          </span>
          <span class="bc-soc" aria-hidden="true">
            ZYNQ-7000
          </span>
          <span class="bc-status-led-site">
            <span
              class={`bc-status-led is-power ${power ? 'is-on' : ''}`}
              role="img"
              aria-label={t('board.powerLed', { state: onOff(power) })}
            />
            <span aria-hidden="true">PWR</span>
          </span>
          <span class="bc-status-led-site">
            <span
              class={`bc-status-led is-done ${done ? 'is-on' : ''}`}
              role="img"
              aria-label={t('board.doneLed', { state: onOff(done) })}
            />
            <span aria-hidden="true">DONE</span>
          </span>
          <label class="bc-stdout">
            <span class="bc-sr">{t('board.stdoutBsp')} </span>
            {t('board.stdout')}
            <select
              value={state.stdout}
              disabled={busy}
              aria-describedby={`${props.id}-stdout-hint`}
              onChange={(e) =>
                props.onStdout((e.target as HTMLSelectElement).value as StdoutChoice)
              }
            >
              {STDOUT_CHOICES.map((c) => (
                <option key={c} value={c}>
                  {t(`board.stdout.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <span class="bc-sr" id={`${props.id}-stdout-hint`}>
            {t('board.stdoutHint')}
          </span>
        </div>

        <div class="bc-pcb-io">
          <LedRow
            leds={state.leds}
            label={t('board.leds')}
            ledLabel={(index, on) => t('board.led', { index, state: onOff(on) })}
          />
          <fieldset class="bc-switches">
            <legend class="bc-sr">{t('board.switches')}</legend>
            {INDEXES.map((i) => (
              <label key={i} class="bc-switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={((switches >> i) & 1) === 1}
                  onChange={(e) => onSwitch(i, (e.target as HTMLInputElement).checked)}
                />
                <span class="bc-slide" aria-hidden="true" />
                <span class="bc-switch-label">{t('board.switch', { index: i })}</span>
              </label>
            ))}
          </fieldset>
        </div>
        <div
          class="bc-buttons"
          role="group"
          aria-label={t('board.buttons')}
          aria-describedby={`${props.id}-buttons-note`}
        >
          {BUTTON_LAYOUT.map((name) => (
            <PushButton
              key={name}
              name={name}
              held={(state.buttons & buttonBit(name)) !== 0}
              onButton={props.onButton}
            />
          ))}
        </div>
        <p class="bc-sr" id={`${props.id}-buttons-note`}>
          {t('board.buttonsNote')}
        </p>
      </div>

      {state.notice && (
        <p class="bc-notice" role="status">
          {noticeText(state.notice, t)}
          {state.notice.kind === 'buildFailed' && (
            <>
              {' '}
              <button type="button" class="bc-link" onClick={props.onShowMessages}>
                {t('board.showMessages')}
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}

/**
 * One push button: held while the pointer (mouse, pen or finger, captured so a drag off the cap
 * still releases it) or Space/Enter stays down; losing focus or the pointer releases it.
 */
function PushButton(p: {
  name: ButtonName;
  held: boolean;
  onButton: (name: ButtonName, down: boolean) => void;
}) {
  const release = () => p.onButton(p.name, false);
  return (
    <button
      type="button"
      class={`bc-button is-${p.name.toLowerCase()} ${p.held ? 'is-held' : ''}`}
      aria-pressed={p.held}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
        p.onButton(p.name, true);
      }}
      onPointerUp={release}
      onPointerCancel={release}
      onLostPointerCapture={release}
      onKeyDown={(e) => {
        if (!isPressKey(e.key)) return;
        e.preventDefault(); // no click, no page scroll on Space
        if (!e.repeat) p.onButton(p.name, true);
      }}
      onKeyUp={(e) => {
        if (isPressKey(e.key)) release();
      }}
      onBlur={() => p.held && release()}
      onContextMenu={(e) => e.preventDefault()}
    >
      <span class="bc-button-cap" aria-hidden="true" />
      {p.name}
    </button>
  );
}
