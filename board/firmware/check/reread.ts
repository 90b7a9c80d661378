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
import { decay, explicitCast } from './conversions.ts';
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
    const left = cx.value(typeNode);
    const right = cx.value(d.childForFieldName('declarator')!);
    const expr = binary(cx, node, '*', left, right);
    return { k: 'expr', loc: cx.loc(node), expr };
  }
  // With a syntax error in it (`outbyte(*p) <newline> p++;`), the parser has said it already.
  if (node.hasError) return cx.failUnparsed(node, 'unparsed declaration');
  return cx.fail(d ?? node, `expected ';' before '${d?.text.split(/\W/)[0] ?? ''}'`);
}

/**
 * A binary expression node `(T) op rest` with T a typedef name in scope and `op` one of `-`, `*`,
 * `&`, `+`: rebuilt as `(T)(op first) ...rest`, since tree-sitter bound `op` as a binary operator
 * and the cast must apply to the leftmost operand of `rest` (unary binds tighter than binary).
 * Null for any other binary expression, which operators.ts checks as written.
 */
export function castOfUnary(cx: Checker, node: Node): Expr | null {
  const op = node.childForFieldName('operator')!.text;
  const typedef = castTypedef(node.childForFieldName('left')!, (n) => cx.isTypedef(n));
  if (!typedef || !(op === '-' || op === '*' || op === '&' || op === '+')) return null;
  const rest = node.childForFieldName('right')!;
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
  if (op === '*') operand = deref(cx, node, cx.value(first));
  else if (op === '&') operand = addressOf(cx, node, cx.expression(first));
  else operand = unary(cx, node, op, cx.value(first));
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
        right: cx.value(link.right),
      };
    } else e = binary(cx, link.node, link.op, e, cx.value(link.right));
  }
  return e;
}
