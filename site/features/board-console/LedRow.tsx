/**
 * The eight LEDs on the board's AXI GPIO channel 1, each drawn with its silkscreen label under
 * it and a spoken state ("LD3 on"). Both consoles draw them in one order, LD7 at the left and
 * LD0 at the right, as they sit on a ZedBoard (ZedBoard Hardware User's Guide v2.2, section 2.8
 * "User I/O": LD0-LD7 above SW0-SW7, bit 0 at the right so the row reads as a binary number).
 */
import { ledStates } from './firmware-console.ts';

interface Props {
  leds: number;
  /** The group's accessible name, for example "LEDs". */
  label: string;
  /** The accessible name of LED `index` in state `on`. */
  ledLabel: (index: number, on: boolean) => string;
}

export default function LedRow({ leds, label, ledLabel }: Props) {
  const states = ledStates(leds);
  return (
    <div class="fw-leds not-content" role="group" aria-label={label}>
      {[7, 6, 5, 4, 3, 2, 1, 0].map((i) => (
        <span key={i} class="fw-led-site" data-led={i}>
          <span
            class={states[i] ? 'fw-led fw-led-on' : 'fw-led'}
            role="img"
            aria-label={ledLabel(i, states[i]!)}
          />
          <span class="fw-led-label" aria-hidden="true">
            LD{i}
          </span>
        </span>
      ))}
    </div>
  );
}
