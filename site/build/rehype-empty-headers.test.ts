import { describe, expect, it } from 'vitest';
import { rehypeEmptyHeaders } from './rehype-empty-headers.ts';

type Node = {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: Node[];
};
const el = (tagName: string, children: Node[] = [], className?: string): Node => ({
  type: 'element',
  tagName,
  properties: className ? { className: [className] } : {},
  children,
});
const text = (value: string): Node => ({ type: 'text', value });

/** A cell holding what rehype-katex renders for c_1: MathML (with its TeX) and aria-hidden HTML. */
function katexC1(): Node {
  const math = el('math', [
    el('semantics', [
      el('mrow', [el('msub', [el('mi', [text('c')]), el('mn', [text('1')])])]),
      el('annotation', [text('c_1')]),
    ]),
  ]);
  return el(
    'span',
    [el('span', [math], 'katex-mathml'), el('span', [text('c1')], 'katex-html')],
    'katex',
  );
}

describe('rehypeEmptyHeaders', () => {
  it('turns empty header cells into data cells and keeps the others', () => {
    const empty = el('th', [text('  ')]);
    const named = el('th', [el('span', [text('Params')])]);
    const tree = el('root', [el('table', [el('thead', [el('tr', [empty, named])])])]);
    rehypeEmptyHeaders()(tree);
    expect(empty.tagName).toBe('td');
    expect(named.tagName).toBe('th');
    expect(named.children).toHaveLength(1);
  });

  it('gives a formula-only header its formula as text and hides the MathML copy', () => {
    const th = el('th', [katexC1()]);
    rehypeEmptyHeaders()(el('root', [el('table', [el('tr', [th])])]));
    expect(th.tagName).toBe('th');
    const added = th.children!.at(-1)!;
    expect(added.properties).toEqual({ className: ['sr-only'] });
    expect(added.children).toEqual([text('c1')]);
    const mathml = th.children![0]!.children![0]!;
    expect(mathml.properties).toMatchObject({ ariaHidden: 'true' });
  });

  it('leaves a header with words and a formula alone', () => {
    const th = el('th', [text('Width '), katexC1()]);
    rehypeEmptyHeaders()(el('root', [th]));
    expect(th.children).toHaveLength(2);
    expect(th.children![1]!.children![0]!.properties).toEqual({ className: ['katex-mathml'] });
  });
});
