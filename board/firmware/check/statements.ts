/**
 * Statements and blocks (C11 6.8), one handler per tree-sitter node kind: scopes for blocks and
 * `for`, the loop and switch nesting that `break`, `continue` and `case` need, labels for `goto`,
 * and GCC's diagnostics for each. Conditions must be scalar (C11 6.8.4.1p1, 6.8.5p2). Expressions
 * and declarations in a block are checked through `cx` (expressions.ts, declarations.ts).
 */
import type { Node } from 'web-tree-sitter';
import type { CaseStmt, Expr, Stmt } from '../ast.ts';
import { isInteger, promote } from '../types.ts';
import { convertValue, type Value } from '../values.ts';
import { asm } from './asm.ts';
import { CheckError, dispatch, type Checker, type Handler } from './context.ts';
import { cast, convertFor } from './conversions.ts';
import { scalarTest } from './operators.ts';
import { unparen } from './reread.ts';

/** A block's statements in a new scope (C11 6.8.2); a function body shares its parameters'. */
export function compound(cx: Checker, node: Node, newScope = true): Stmt {
  if (newScope) cx.pushScope();
  const body: Stmt[] = [];
  try {
    for (const c of node.namedChildren) if (c) blockItem(cx, c, body);
  } finally {
    if (newScope) cx.popScope();
  }
  return { k: 'block', loc: cx.loc(node), body };
}

type BlockItemHandler = (cx: Checker, node: Node, out: Stmt[]) => void;

const typeOnly: BlockItemHandler = (cx, node) => {
  cx.typeSpecifier(node);
};

const ignored: BlockItemHandler = () => {};

/** Block items that are not plain statements (C11 6.8.2p1: declarations or statements). */
const blockItemHandlers: Record<string, BlockItemHandler> = {
  declaration: (cx, node, out) => {
    // One by one: `int a0, ..., a99999;` would overflow the stack as a spread.
    for (const s of cx.declaration(node, false)) out.push(s);
  },
  type_definition: (cx, node) => cx.typedef(node),
  struct_specifier: typeOnly,
  union_specifier: typeOnly,
  enum_specifier: typeOnly,
  case_statement: (cx, node, out) => {
    // tree-sitter nests the statements after `case X:` inside the case node.
    out.push(caseLabel(cx, node));
    for (const c of node.namedChildren) {
      // web-tree-sitter hands out fresh Node objects: compare ids, not references.
      if (c && c.id !== node.childForFieldName('value')?.id) blockItem(cx, c, out);
    }
  },
  function_definition: (cx, node) => cx.fail(node, 'nested functions are not supported'),
  comment: ignored,
  ERROR: ignored, // reported by the syntax pass
};

/** Checks one block item into `out`; an error abandons the item, not the block. */
export function blockItem(cx: Checker, node: Node, out: Stmt[]): void {
  try {
    const handler = dispatch(blockItemHandlers, node);
    if (handler) handler(cx, node, out);
    else out.push(statement(cx, node));
  } catch (e) {
    if (!(e instanceof CheckError)) throw e;
  }
}

/** Runs `body` one loop or switch deeper, where `break` is allowed. */
function nested<R>(cx: Checker, body: () => R): R {
  cx.fn!.loops++;
  try {
    return body();
  } finally {
    cx.fn!.loops--;
  }
}

const statementHandlers: Record<string, Handler<Stmt>> = {
  compound_statement: (cx, node) => compound(cx, node),
  expression_statement: (cx, node) => {
    const inner = node.namedChild(0);
    if (!inner || inner.type === 'comment') return { k: 'empty', loc: cx.loc(node) };
    if (inner.type === 'gnu_asm_expression') return asm(cx, inner);
    return { k: 'expr', loc: cx.loc(node), expr: cx.expression(inner) };
  },
  if_statement: (cx, node) => {
    const loc = cx.loc(node);
    const test = condition(cx, node.childForFieldName('condition')!);
    const then = subStatement(cx, node.childForFieldName('consequence')!);
    const alt = node.childForFieldName('alternative');
    const elseStmt = alt
      ? subStatement(
          cx,
          alt.namedChildren.find((c) => c && c.type !== 'comment')!,
        )
      : null;
    return { k: 'if', loc, test, then, else: elseStmt };
  },
  while_statement: (cx, node) => {
    const loc = cx.loc(node);
    const test = condition(cx, node.childForFieldName('condition')!);
    const body = nested(cx, () => subStatement(cx, node.childForFieldName('body')!));
    return { k: 'while', loc, test, body };
  },
  do_statement: (cx, node) => {
    const loc = cx.loc(node);
    const body = nested(cx, () => subStatement(cx, node.childForFieldName('body')!));
    return { k: 'do', loc, body, test: condition(cx, node.childForFieldName('condition')!) };
  },
  for_statement: (cx, node) => {
    const loc = cx.loc(node);
    // C11 6.8.5p5: the for statement is a block; a declaration in its clause ends with it.
    cx.pushScope();
    try {
      const initNode = node.childForFieldName('initializer');
      const init: Stmt[] = [];
      if (initNode) {
        if (initNode.type === 'declaration')
          for (const s of cx.declaration(initNode, false)) init.push(s);
        else init.push({ k: 'expr', loc: cx.loc(initNode), expr: cx.expression(initNode) });
      }
      const c = node.childForFieldName('condition');
      const test = c ? scalarTest(cx, c, cx.value(c)) : null;
      const u = node.childForFieldName('update');
      const update = u ? cx.expression(u) : null;
      const body = nested(cx, () => subStatement(cx, node.childForFieldName('body')!));
      return { k: 'for', loc, init, test, update, body };
    } finally {
      cx.popScope();
    }
  },
  switch_statement: (cx, node) => {
    const loc = cx.loc(node);
    const fn = cx.fn!;
    const condNode = node.childForFieldName('condition')!;
    let test = cx.value(unparen(condNode));
    // C11 6.8.4.2p1, p5: an integer controlling expression, promoted.
    if (!isInteger(test.type)) cx.fail(condNode, 'switch quantity not an integer');
    test = cast(test, promote(test.type));
    const cases: CaseStmt[] = [];
    fn.switches.push({ cases, type: test.type, values: new Set() });
    // `break` is allowed; `continue` is checked separately (inLoop).
    let body: Stmt;
    try {
      body = nested(cx, () => subStatement(cx, node.childForFieldName('body')!));
    } finally {
      fn.switches.pop();
    }
    return { k: 'switch', loc, test, body, cases };
  },
  break_statement: (cx, node) => {
    if (cx.fn!.loops === 0) cx.error(node, 'break statement not within loop or switch');
    return { k: 'break', loc: cx.loc(node) };
  },
  continue_statement: (cx, node) => {
    if (!inLoop(node)) cx.error(node, 'continue statement not within a loop');
    return { k: 'continue', loc: cx.loc(node) };
  },
  return_statement: (cx, node) => returnStatement(cx, node),
  goto_statement: (cx, node) => {
    const loc = cx.loc(node);
    const label = node.childForFieldName('label')!.text;
    cx.fn!.gotos.push({ label, loc });
    return { k: 'goto', loc, label };
  },
  labeled_statement: (cx, node) => {
    const loc = cx.loc(node);
    const fn = cx.fn!;
    const name = node.childForFieldName('label')!.text;
    if (fn.labels.has(name)) cx.error(node, `duplicate label '${name}'`);
    fn.labels.set(name, loc);
    const inner = node.namedChildren.find(
      (c) => c && c.type !== 'statement_identifier' && c.type !== 'comment',
    );
    const out: Stmt[] = [];
    if (inner) blockItem(cx, inner, out);
    const body: Stmt = out.length === 1 ? out[0]! : { k: 'block', loc, body: out };
    return { k: 'label', loc, name, body };
  },
  attributed_statement: (cx, node) => {
    const inner = node.namedChildren.find((c) => c && c.type !== 'attribute_declaration');
    return inner ? statement(cx, inner) : { k: 'empty', loc: cx.loc(node) };
  },
  case_statement: (cx, node) => {
    const out: Stmt[] = [];
    blockItem(cx, node, out);
    return { k: 'block', loc: cx.loc(node), body: out };
  },
  // A declaration as the body of if/while (not allowed in C, GCC says so).
  declaration: (cx, node) =>
    cx.fail(node, 'a label can only be part of a statement and a declaration is not a statement'),
};

export function statement(cx: Checker, node: Node): Stmt {
  const handler = dispatch(statementHandlers, node);
  if (handler) return handler(cx, node);
  // A shape tree-sitter made up while missing a token just after it (`outbyte(c) }` read as a
  // macro type): the parser reports the missing token, as GCC does.
  // (tree-sitter's nextSibling skips MISSING nodes, so look in the parent's children.)
  const siblings = node.parent?.children ?? [];
  const at = siblings.findIndex((c) => c?.id === node.id);
  const next = siblings[at + 1];
  if (next?.isMissing || next?.isError) throw new CheckError('unparsed statement');
  return cx.failUnparsed(node, `expected statement before '${node.text.slice(0, 20)}'`);
}

/** `return` (C11 6.8.6.4), with GCC's -Wreturn-type warnings for a missing or extra value. */
function returnStatement(cx: Checker, node: Node): Stmt {
  const loc = cx.loc(node);
  const valueNode = node.namedChild(0);
  const ret = cx.fn!.sym.type.ret;
  if (!valueNode) {
    if (ret.kind !== 'void')
      cx.warn(node, `'return' with no value, in function returning non-void [-Wreturn-type]`);
    return { k: 'return', loc, value: null };
  }
  const v = cx.value(valueNode);
  if (ret.kind === 'void') {
    if (v.type.kind !== 'void')
      cx.warn(node, `'return' with a value, in function returning void [-Wreturn-type]`);
    return { k: 'return', loc, value: v.type.kind === 'void' ? v : null };
  }
  return { k: 'return', loc, value: convertFor(cx, valueNode, v, ret, 'returning') };
}

/** Whether `continue` has a loop to continue (C11 6.8.6.2p1): a switch is not one. */
function inLoop(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'while_statement' || p.type === 'for_statement' || p.type === 'do_statement')
      return true;
    if (p.type === 'function_definition') return false;
  }
  return false;
}

function subStatement(cx: Checker, node: Node): Stmt {
  const out: Stmt[] = [];
  blockItem(cx, node, out);
  return out.length === 1 ? out[0]! : { k: 'block', loc: cx.loc(node), body: out };
}

/** `case` and `default` (C11 6.8.4.2p3): constant, unique within their switch. */
function caseLabel(cx: Checker, node: Node): CaseStmt {
  const fn = cx.fn!;
  const sw = fn.switches[fn.switches.length - 1];
  const valueNode = node.childForFieldName('value');
  if (!sw)
    cx.fail(
      node,
      valueNode
        ? 'case label not within a switch statement'
        : "'default' label not within a switch statement",
    );
  let caseValue: Value | null = null;
  if (valueNode) {
    const e = cx.value(valueNode);
    if (e.k !== 'const' || !isInteger(e.type))
      cx.fail(valueNode, 'case label does not reduce to an integer constant');
    caseValue = convertValue(e.value, sw.type);
  }
  const key = String(caseValue);
  if (sw.values.has(key))
    cx.fail(
      node,
      caseValue === null ? 'multiple default labels in one switch' : 'duplicate case value',
    );
  sw.values.add(key);
  const c: CaseStmt = { k: 'case', loc: cx.loc(node), value: caseValue, id: cx.caseId++ };
  sw.cases.push(c);
  return c;
}

/** An `if`/`while`/`do`/`?:` condition: a scalar, with -Wparentheses for `if (x = 1)`. */
export function condition(cx: Checker, node: Node): Expr {
  const inner = unparen(node);
  // `if (x = 1)`: -Wall's -Wparentheses, silenced by a second pair of parentheses.
  const direct = node.type === 'parenthesized_expression' ? node.namedChild(0) : null;
  if (
    direct?.type === 'assignment_expression' &&
    direct.childForFieldName('operator')?.text === '='
  ) {
    // GCC 12 points at the start of the assignment (its assigned operand), not at the `=`.
    cx.warn(direct, 'suggest parentheses around assignment used as truth value [-Wparentheses]');
  }
  return scalarTest(cx, inner, cx.value(inner));
}
