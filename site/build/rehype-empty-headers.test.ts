import { describe, expect, it } from 'vitest';
import { rehypeEmptyHeaders } from './rehype-empty-headers.ts';

const el = (tagName: string, children: object[] = []) => ({
  type: 'element',
  tagName,
  properties: {},
  children,
});
const text = (value: string) => ({ type: 'text', value });

describe('rehypeEmptyHeaders', () => {
  it('turns empty header cells into data cells and keeps the others', () => {
    const empty = el('th', [text('  ')]);
    const named = el('th', [el('span', [text('Params')])]);
    const tree = el('root', [el('table', [el('thead', [el('tr', [empty, named])])])]);
    rehypeEmptyHeaders()(tree);
    expect(empty.tagName).toBe('td');
    expect(named.tagName).toBe('th');
  });
});
