/**
 * A labelled select for the islands' option rows (runtime demo, speed lab): the label above the
 * select, one option per [value, text] pair, disabled while a run is going.
 */
export interface LabeledSelectProps {
  label: string;
  value: string;
  /** [value, text shown] pairs, in the order offered. */
  choices: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
  disabled?: boolean;
  /** The island's class for the label (its layout lives in the island's CSS). */
  class: string;
}

export default function LabeledSelect(props: LabeledSelectProps) {
  return (
    <label class={props.class}>
      <span>{props.label}</span>
      <select
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}
      >
        {props.choices.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
