// @vitest-environment happy-dom
import { h, render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import LabeledSelect from './LabeledSelect.tsx';

afterEach(() => render(null, document.body));

describe('LabeledSelect', () => {
  it('offers the choices under its label and reports the chosen value', () => {
    const chosen: string[] = [];
    render(
      h(LabeledSelect, {
        class: 'x-field',
        label: 'Backend',
        value: 'wasm',
        choices: [
          ['cpu', 'CPU'],
          ['wasm', 'WebAssembly'],
        ],
        onChange: (v: string) => chosen.push(v),
      }),
      document.body,
    );
    const label = document.querySelector('label.x-field')!;
    expect(label.querySelector('span')!.textContent).toBe('Backend');
    const select = label.querySelector('select')!;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['cpu', 'CPU'],
      ['wasm', 'WebAssembly'],
    ]);
    expect(select.value).toBe('wasm');
    expect(select.disabled).toBe(false);
    select.value = 'cpu';
    select.dispatchEvent(new Event('change'));
    expect(chosen).toEqual(['cpu']);
  });

  it('is disabled when asked', () => {
    render(
      h(LabeledSelect, {
        class: 'x-field',
        label: 'Runs',
        value: '3',
        choices: [['3', '3']],
        onChange: () => {},
        disabled: true,
      }),
      document.body,
    );
    expect(document.querySelector('select')!.disabled).toBe(true);
  });
});
