/**
 * The eight LEDs on the board's AXI GPIO channel 1, as images with a spoken state each
 * ("LD3 on"). `msbFirst` draws LD7 at the left, as the LEDs sit on a ZedBoard.
 */
import { ledStates } from './firmware-console.ts';

interface Props {
  leds: number;
  /** The group's accessible name, for example "LEDs". */
  label: string;
  /** The accessible name of LED `index` in state `on`. */
  ledLabel: (index: number, on: boolean) => string;
  msbFirst?: boolean;
}

export default function LedRow({ leds, label, ledLabel, msbFirst = false }: Props) {
  const items = ledStates(leds).map((on, i) => (
    <span
      key={i}
      class={on ? 'fw-led fw-led-on' : 'fw-led'}
      role="img"
      aria-label={ledLabel(i, on)}
    />
  ));
  return (
    <div class="fw-leds" role="group" aria-label={label}>
      {msbFirst ? items.reverse() : items}
    </div>
  );
}
