/**
 * A rehype plugin for lesson tables: a header cell with no text (the corner cell of a table
 * whose first column names its rows) becomes a data cell. An empty `<th>` names nothing and
 * screen readers announce it as a blank header (axe: empty-table-header); an empty `<td>` in the
 * header row is the HTML way to leave that corner empty
 * (https://html.spec.whatwg.org/multipage/tables.html#table-examples).
 *
 * Keyboard access to wide tables and formulas is added in the browser (ui/scrollables.ts),
 * where it is known which of them overflow.
 */

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function walk(node: HastNode): void {
  for (const child of node.children ?? []) {
    if (child.type === 'element' && child.tagName === 'th' && textOf(child).trim() === '') {
      child.tagName = 'td';
    }
    walk(child);
  }
}

export function rehypeEmptyHeaders() {
  return (tree: HastNode) => walk(tree);
}
