// @vitest-environment happy-dom
import { h, render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../i18n/ui.ts';
import { LabChecklist, LabRun, LabTable } from './LabParts.tsx';
import { toggled } from './speed-lab.ts';
import type { LabStatus } from './use-lab-worker.ts';

const t = translator('en');
afterEach(() => render(null, document.body));

function buttons() {
  const [run, cancel] = [...document.querySelectorAll('button')];
  return { run: run!, cancel: cancel! };
}

function renderRun(status: LabStatus, canRun = true) {
  const clicks: string[] = [];
  render(
    h(LabRun, {
      t,
      status,
      runLabel: 'Go',
      canRun,
      onRun: () => clicks.push('run'),
      onCancel: () => clicks.push('cancel'),
      done: (backend: string) => h('p', { id: 'done' }, `done on ${backend}`),
    }),
    document.body,
  );
  return clicks;
}

describe('toggled', () => {
  it('keeps the ticked items in the order offered', () => {
    expect(toggled(['G1', 'G2', 'G3'], ['G3'], 'G1', true)).toEqual(['G1', 'G3']);
    expect(toggled(['G1', 'G2', 'G3'], ['G1', 'G3'], 'G1', false)).toEqual(['G3']);
  });
});

describe('LabRun', () => {
  it('lets a run start when idle, not cancel', () => {
    const clicks = renderRun({ kind: 'idle' });
    const { run, cancel } = buttons();
    expect(run.textContent).toBe('Go');
    expect(cancel.textContent).toBe(t('guidelineLab.cancel'));
    expect([run.disabled, cancel.disabled]).toEqual([false, true]);
    run.click();
    expect(clicks).toEqual(['run']);
  });

  it('blocks Run when the options cannot run', () => {
    renderRun({ kind: 'idle' }, false);
    expect(buttons().run.disabled).toBe(true);
  });

  it('shows the progress while running and lets the run be cancelled', () => {
    const clicks = renderRun({ kind: 'running', done: 1, total: 4, caseId: 'g1' });
    const { run, cancel } = buttons();
    expect([run.disabled, cancel.disabled]).toEqual([true, false]);
    expect(document.querySelector('progress')!.getAttribute('value')).toBe('25');
    expect(document.querySelector('.gl-status')!.textContent).toContain(
      t('guidelineLab.runs', { done: 1, total: 4, percent: 25 }),
    );
    cancel.click();
    expect(clicks).toEqual(['cancel']);
  });

  it('says how the run ended', () => {
    renderRun({ kind: 'done', backend: 'wasm' });
    expect(document.getElementById('done')!.textContent).toBe('done on wasm');
    renderRun({ kind: 'cancelled' });
    expect(document.querySelector('.gl-status')!.textContent).toBe(t('guidelineLab.cancelled'));
    renderRun({ kind: 'error', message: 'out of memory' });
    expect(document.querySelector('.gl-status')!.textContent).toBe(
      t('guidelineLab.failed', { message: 'out of memory' }),
    );
    // A worker that fails without a message could not start.
    renderRun({ kind: 'error', message: null });
    expect(document.querySelector('.gl-status')!.textContent).toBe(
      t('guidelineLab.failed', { message: t('worker.didNotStart') }),
    );
  });
});

describe('LabChecklist', () => {
  it('reports the new choice in the order offered', () => {
    const seen: string[][] = [];
    render(
      h(LabChecklist, {
        legend: 'Models',
        items: [
          ['a', 'A'],
          ['b', 'B'],
        ] as const,
        chosen: ['b'],
        disabled: false,
        onChange: (c: string[]) => seen.push(c),
      }),
      document.body,
    );
    const boxes = [...document.querySelectorAll('input')];
    expect(boxes.map((b) => b.checked)).toEqual([false, true]);
    boxes[0]!.click();
    expect(seen).toEqual([['a', 'b']]);
  });
});

describe('LabTable', () => {
  it('names its scrollable frame by the caption and heads the columns', () => {
    render(
      h(LabTable, {
        caption: 'Speeds',
        headers: ['Case', 'ms'],
        children: h('tr', null, h('td', null, '1')),
      }),
      document.body,
    );
    expect(document.querySelector('[role=group]')!.getAttribute('aria-label')).toBe('Speeds');
    expect(document.querySelector('caption')!.textContent).toBe('Speeds');
    expect([...document.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Case',
      'ms',
    ]);
    expect(document.querySelectorAll('tbody td')).toHaveLength(1);
  });
});
