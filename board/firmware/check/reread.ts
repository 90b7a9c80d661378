/**
 * tree-sitter-c parses without a symbol table, so it cannot tell a typedef name from any other
 * identifier (typedef names are ordinary identifiers, C11 6.2.3p1 and 6.7.8p3; GCC's parser asks
 * its symbol table which one it has). The few shapes it then misreads are recognised and re-read
 * here, as GCC parses them: `x * y;` is a multiplication when `x` is not a type; `(T)-x`, `(T)*p`,
 * `(T)&v`, `(T)+x` are casts of unary expressions, not binary ones; `(T)(x)` is a cast, not a
 * call (calls.ts); `sizeof(x)` with `x` a variable is not a type name (expressions.ts).
 */
import type { Node } from 'web-tree-sitter';
import type { Expr, Stmt } from '../ast.ts';
import { T, type CType } from '../types.ts';
import type { Checker } from './context.ts';
import { explicitCast } from './conversions.ts';
import { decay, expression, value } from './expressions.ts';
import { addressOf, binary, deref, unary } from './operators.ts';

/** Strips redundant parentheses around an expression. */
export function unparen(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
  return n;
}

/** `(T)` where T is a typedef name in scope: the identifier node, else null. */
export function castTypedef(node: Node, isTypedef: (name: string) => boolean): Node | null {
  if (node.type !== 'parenthesized_expression' || node.namedChildCount !== 1) return null;
  const inner = node.namedChild(0)!;
  return inner.type === 'identifier' && isTypedef(inner.text) ? inner : null;
}

/** `x * y;` read by tree-sitter as a declaration of a pointer `y` to type `x`. */
export function reReadAsExpression(cx: Checker, node: Node, typeNode: Node): Stmt {
  const d = node.childForFieldName('declarator');
  if (
    d?.type === 'pointer_declarator' &&
    d.childForFieldName('declarator')?.type === 'identifier'
  ) {
    const left = value(cx, typeNode);
    const right = value(cx, d.childForFieldName('declarator')!);
    const expr = binary(cx, node, '*', left, right);
    return { k: 'expr', loc: cx.loc(node), expr };
  }
  return cx.fail(d ?? node, `expected ';' before '${d?.text.split(/\W/)[0] ?? ''}'`);
}

/**
 * Rebuilds `(T) op rest` as `(T)(op first) ...rest`: tree-sitter bound `op` as a binary operator,
 * so the cast must apply to the leftmost operand of `rest` (unary binds tighter than binary).
 */
export function castOfUnary(cx: Checker, node: Node, typedef: Node, op: string, rest: Node): Expr {
  const type = (cx.lookup(typedef.text) as { type: CType }).type;
  const chain: { op: string; right: Node; node: Node }[] = [];
  let first = rest;
  while (first.type === 'binary_expression') {
    chain.push({
      op: first.childForFieldName('operator')!.text,
      right: first.childForFieldName('right')!,
      node: first,
    });
    first = first.childForFieldName('left')!;
  }
  let operand: Expr;
  if (op === '*') operand = deref(cx, node, value(cx, first));
  else if (op === '&') operand = addressOf(cx, node, expression(cx, first));
  else operand = unary(cx, node, op, value(cx, first));
  let e = explicitCast(cx, node, decay(operand), type);
  for (let i = chain.length - 1; i >= 0; i--) {
    const link = chain[i]!;
    if (link.op === '&&' || link.op === '||') {
      e = {
        k: 'logical',
        type: T.int,
        loc: cx.loc(link.node),
        op: link.op,
        left: e,
        right: value(cx, link.right),
      };
    } else e = binary(cx, link.node, link.op, e, value(cx, link.right));
  }
  return e;
}
