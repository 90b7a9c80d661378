/**
 * The bar between the editor and the results: a WAI-ARIA window splitter
 * (https://www.w3.org/WAI/ARIA/apg/patterns/windowsplitter/), focusable, moved by the arrow
 * keys, Home and End, or dragged. The numbers are split.ts's.
 */
import { splitAfterKey, splitAtPointer, MAX_SPLIT, MIN_SPLIT } from './split.ts';

interface Props {
  /** The editor's share of the width, in percent. */
  value: number;
  onChange: (value: number) => void;
  /** The id of the pane the splitter sizes (the editor's). */
  controls: string;
  label: string;
}

export default function Splitter({ value, onChange, controls, label }: Props) {
  const onPointerDown = (down: PointerEvent) => {
    const bar = down.currentTarget as HTMLElement;
    const box = bar.parentElement!.getBoundingClientRect();
    bar.setPointerCapture(down.pointerId);
    const move = (e: PointerEvent) => onChange(splitAtPointer(e.clientX, box.left, box.width));
    const up = () => {
      bar.removeEventListener('pointermove', move);
      bar.removeEventListener('pointerup', up);
    };
    bar.addEventListener('pointermove', move);
    bar.addEventListener('pointerup', up);
    down.preventDefault();
  };
  return (
    <div
      class="exercise-splitter"
      role="separator"
      tabIndex={0}
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={value}
      aria-valuemin={MIN_SPLIT}
      aria-valuemax={MAX_SPLIT}
      onKeyDown={(e) => {
        const next = splitAfterKey(value, e.key);
        if (next === null) return;
        e.preventDefault();
        onChange(next);
      }}
      onPointerDown={onPointerDown}
    />
  );
}
