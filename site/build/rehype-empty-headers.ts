/**
 * A rehype plugin for lesson tables (after rehype-katex), so that every header cell has text:
 *
 * - A header cell with no content at all (the corner cell of a table whose first column names
 *   its rows) becomes a data cell. An empty `<th>` names nothing and is announced as a blank
 *   header (axe: empty-table-header); an empty `<td>` in the header row is the HTML way to leave
 *   that corner empty (https://html.spec.whatwg.org/multipage/tables.html#table-examples).
 * - A header cell whose only content is a formula gets the formula as plain text for screen
 *   readers (`c1`, `c1:c2`), and KaTeX's MathML copy in that cell is hidden so that it is not
 *   read twice. KaTeX's drawn formula is already aria-hidden, and tools that compute a header's
 *   text (axe among them) do not read MathML, so such a header counted as empty.
 */

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function classes(node: HastNode): string[] {
  const value = node.properties?.className;
  return Array.isArray(value) ? value.map(String) : [];
}

/** Text of a subtree, leaving out subtrees for which `skip` is true. */
function textOf(node: HastNode, skip: (n: HastNode) => boolean = () => false): string {
  if (skip(node)) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map((c) => textOf(c, skip)).join('');
}

function findAll(node: HastNode, test: (n: HastNode) => boolean, out: HastNode[] = []) {
  if (test(node)) out.push(node);
  for (const child of node.children ?? []) findAll(child, test, out);
  return out;
}

const isKatex = (n: HastNode) => classes(n).includes('katex');
const isAnnotation = (n: HastNode) => n.tagName === 'annotation';

function fixHeader(th: HastNode): void {
  if (textOf(th).trim() === '') {
    th.tagName = 'td';
    return;
  }
  if (textOf(th, isKatex).trim() !== '') return; // has words of its own
  const spoken = findAll(th, (n) => n.tagName === 'math')
    .map((math) => textOf(math, isAnnotation).replace(/\s+/g, ''))
    .join(' ');
  for (const mathml of findAll(th, (n) => classes(n).includes('katex-mathml'))) {
    mathml.properties = { ...mathml.properties, ariaHidden: 'true' };
  }
  th.children = [
    ...(th.children ?? []),
    {
      type: 'element',
      tagName: 'span',
      properties: { className: ['sr-only'] },
      children: [{ type: 'text', value: spoken }],
    },
  ];
}

function walk(node: HastNode): void {
  for (const child of node.children ?? []) {
    if (child.type === 'element' && child.tagName === 'th') fixHeader(child);
    else walk(child);
  }
}

export function rehypeEmptyHeaders() {
  return (tree: HastNode) => walk(tree);
}
