/**
 * A labelled range input with its value shown beside it, for the lessons' explorers. Screen
 * readers hear `valueText` (for example "4 groups") rather than the bare number.
 */
import { useId } from 'preact/hooks';

export interface RangeSliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  /** What the value means, shown and announced; default: the number itself. */
  valueText?: string;
  onInput: (value: number) => void;
}

export default function RangeSlider({
  label,
  value,
  min,
  max,
  step = 1,
  valueText,
  onInput,
}: RangeSliderProps) {
  const id = useId();
  return (
    <div class="cce-row">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={valueText ?? String(value)}
        onInput={(e) => onInput(Number((e.target as HTMLInputElement).value))}
      />
      <output for={id}>{valueText ?? value}</output>
    </div>
  );
}
