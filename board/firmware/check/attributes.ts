/**
 * GNU attributes (GCC manual, "Attribute Syntax"). c-parser.ts blanks `__attribute__((...))` out
 * of the text tree-sitter parses and keeps each one with its offsets; here they are matched back
 * to the declaration they belong to: written before it, in its head, or after its declarator.
 */
import type { Node } from 'web-tree-sitter';
import type { Checker } from './context.ts';

/** Attributes written in a declaration's head (before a function body) or after it, up to `;`. */
function attributesOf(cx: Checker, node: Node): string[] {
  const body = node.childForFieldName('body');
  const end =
    body && node.type === 'function_definition' ? body.startIndex : declarationEnd(cx, node);
  // Attributes written before the declaration (`__attribute__((weak)) void f(...)`) belong to it.
  let start = node.startIndex;
  for (let i = cx.attributes.length - 1; i >= 0; i--) {
    const a = cx.attributes[i]!;
    if (a.end <= start && /^\s*$/.test(cx.source.slice(a.end, start))) start = a.start;
  }
  return cx.attributes.filter((a) => a.start >= start && a.start < end).map((a) => a.text);
}

/** The end of a node plus the blanked attributes that follow it, up to the next token. */
function declarationEnd(cx: Checker, node: Node): number {
  let end = node.endIndex;
  for (const a of cx.attributes) {
    if (a.start >= end && /^\s*$/.test(cx.source.slice(end, a.start))) end = a.end;
  }
  return end;
}

/** Whether a declaration or a tag's specifier carries an attribute matching `pattern`. */
export function hasAttribute(cx: Checker, node: Node, pattern: RegExp): boolean {
  if (
    node.type !== 'declaration' &&
    node.type !== 'function_definition' &&
    !node.type.endsWith('_specifier')
  )
    return false;
  return attributesOf(cx, node).some((a) => pattern.test(a));
}

/** `aligned(N)` on a declaration, else null. */
export function alignedAttribute(cx: Checker, node: Node): number | null {
  for (const a of attributesOf(cx, node)) {
    const m = /\baligned\s*\(\s*(\d+)\s*\)/.exec(a);
    if (m) return Number(m[1]);
  }
  return null;
}
