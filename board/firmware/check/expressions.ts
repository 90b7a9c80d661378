/**
 * Expressions (C11 6.5), one handler per tree-sitter node kind: names, member access, subscripts,
 * `?:`, sizeof/alignof/offsetof, statement expressions; operators are in operators.ts and
 * assignment.ts, calls in calls.ts, literals in literals.ts, compound literals in initializers.ts
 * (reached through `cx`, as are type names and statements). Every expression comes back typed,
 * with constants folded as GCC folds them.
 */
import type { Node } from 'web-tree-sitter';
import type { Expr, Stmt } from '../ast.ts';
import {
  T,
  alignOf,
  findField,
  isArithmetic,
  isComplete,
  isInteger,
  quoteType,
  sameType,
  sizeOf,
  unqualified,
  usualArithmetic,
  withQuals,
  type CType,
} from '../types.ts';
import { isZero } from '../values.ts';
import { assignment, incdec } from './assignment.ts';
import { call } from './calls.ts';
import { CheckError, constant, dispatch, type Checker, type Handler } from './context.ts';
import { cast, decay, explicitCast } from './conversions.ts';
import { charLiteral, number, stringLiteral } from './literals.ts';
import { addressOf, binaryExpression, deref, pointerArith, unary } from './operators.ts';
import { castOfUnary, unparen } from './reread.ts';

/** An integer constant expression (C11 6.6p6): array sizes, enumerators, bit-field widths. */
export function constInt(cx: Checker, node: Node): number {
  const e = value(cx, node);
  if (e.k !== 'const' || !isInteger(e.type)) {
    cx.fail(node, 'expression is not an integer constant expression');
  }
  return Number(e.value);
}

/** An expression whose value is used: arrays and functions decay to pointers (C11 6.3.2.1). */
export function value(cx: Checker, node: Node): Expr {
  return decay(expression(cx, node));
}

/** The operator and operand of a prefix operator node. */
const unaryOperand = (node: Node): { op: string; argNode: Node } => ({
  op: node.childForFieldName('operator')!.text,
  argNode: node.childForFieldName('argument')!,
});

/** Each kind of expression node (C11 6.5) to its checked, typed expression. */
const expressionHandlers: Record<string, Handler<Expr>> = {
  number_literal: (cx, node) => number(cx, node),
  char_literal: (cx, node) => charLiteral(cx, node),
  string_literal: (cx, node) => stringLiteral(cx, node),
  concatenated_string: (cx, node) => stringLiteral(cx, node),
  // tree-sitter-c reads these as literals; to C they are names, defined only by <stdbool.h>'s and
  // <stddef.h>'s macros (which the preprocessor has replaced when the header was included).
  true: identifier,
  false: identifier,
  null: identifier,
  identifier,
  type_identifier: identifier, // the `x` of `x * y;` re-read as an expression
  parenthesized_expression: (cx: Checker, node: Node) => {
    const inner = node.namedChildren.find((c) => c && c.type !== 'comment');
    if (!inner) cx.fail(node, 'expected expression');
    if (inner.type === 'compound_statement') return statementExpression(cx, node, inner);
    return expression(cx, inner);
  },
  comma_expression: (cx, node) => {
    const loc = cx.loc(node);
    const left = value(cx, node.childForFieldName('left')!);
    const right = value(cx, node.childForFieldName('right')!);
    return { k: 'comma', type: right.type, loc, left, right };
  },
  assignment_expression: (cx, node) => {
    const op = node.childForFieldName('operator')!.text;
    const target = expression(cx, node.childForFieldName('left')!);
    const rhs = value(cx, node.childForFieldName('right')!);
    return assignment(cx, node, op, target, rhs);
  },
  // `(T)-x` and the like are casts that tree-sitter reads as binary (see reread.ts).
  binary_expression: (cx, node) => castOfUnary(cx, node) ?? binaryExpression(cx, node),
  unary_expression: (cx, node) => {
    const { op, argNode } = unaryOperand(node);
    return unary(cx, node, op, value(cx, argNode));
  },
  pointer_expression: (cx, node) => {
    const { op, argNode } = unaryOperand(node);
    if (op === '*') return deref(cx, node, value(cx, argNode));
    return addressOf(cx, node, expression(cx, argNode));
  },
  update_expression: (cx, node) => {
    const op = node.childForFieldName('operator')!.text;
    const prefix = node.child(0)?.text === op;
    const target = expression(cx, node.childForFieldName('argument')!);
    return incdec(cx, node, op === '++' ? '+' : '-', prefix, target);
  },
  cast_expression: (cx, node) => {
    const typeNode = node.childForFieldName('type')!;
    const name = typeNode.namedChildCount === 1 ? typeNode.namedChild(0) : null;
    if (name?.type === 'type_identifier' && !cx.isTypedef(name.text)) {
      // `(uint32)3` with no such typedef: to GCC a parenthesized name, undeclared, and then a
      // syntax error; the first message is the undeclared name's.
      identifier(cx, name);
      throw new CheckError(`'${name.text}' is not a type`);
    }
    const type = cx.typeDescriptor(typeNode);
    return explicitCast(cx, node, value(cx, node.childForFieldName('value')!), type);
  },
  sizeof_expression: sizeofExpression,
  alignof_expression: (cx, node) => {
    const t = cx.typeDescriptor(node.childForFieldName('type')!);
    return constant(cx, node, alignOf(t), T.uint);
  },
  call_expression: (cx, node) => call(cx, node),
  field_expression: field,
  subscript_expression: subscript,
  conditional_expression: conditional,
  gnu_asm_expression: (cx, node) =>
    cx.fail(node, 'inline assembly is only supported as a statement'),
  compound_literal_expression: (cx, node) => cx.compoundLiteral(node),
  offsetof_expression: (cx: Checker, node: Node) => {
    const t = cx.typeDescriptor(node.childForFieldName('type')!);
    const member = node.childForFieldName('member')!.text;
    const f = t.kind === 'record' ? findField(t.rec, member) : undefined;
    if (!f) cx.fail(node, `${quoteType(t)} has no member named '${member}'`);
    return constant(cx, node, f.offset, T.uint);
  },
};

/** An expression as written: an lvalue stays one, arrays and functions do not decay yet. */
export function expression(cx: Checker, node: Node): Expr {
  const handler = dispatch(expressionHandlers, node);
  if (handler) return handler(cx, node);
  return cx.failUnparsed(node, `expected expression before '${node.text.slice(0, 20)}'`);
}

/** `({ decls; stmts; expr; })`: the value is the last expression statement's (GCC manual 6.1). */
function statementExpression(cx: Checker, node: Node, block: Node): Expr {
  if (!cx.fn) cx.fail(node, 'braced-group within expression allowed only inside a function');
  const items = block.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  const last = items[items.length - 1];
  const body: Stmt[] = [];
  let result: Expr | null = null;
  cx.pushScope();
  try {
    for (const item of items) {
      if (item.id === last?.id && item.type === 'expression_statement' && item.namedChild(0)) {
        const e = item.namedChild(0)!;
        if (e.type !== 'gnu_asm_expression') {
          result = value(cx, e);
          continue;
        }
      }
      cx.blockItem(item, body);
    }
  } finally {
    cx.popScope();
  }
  return { k: 'stmtexpr', type: result?.type ?? T.void, loc: cx.loc(node), body, result };
}

/** A name in an expression (C11 6.5.1p2): it must be declared; GCC reports each name once. */
function identifier(cx: Checker, node: Node): Expr {
  const name = node.text;
  if (node.isMissing || name === '') return constant(cx, node, 0, T.int); // reported as syntax
  const sym = cx.lookup(name);
  const loc = cx.loc(node);
  if (cx.errorTyped.has(name)) cx.poisoned.push(node.startIndex);
  if (!sym && cx.errorTyped.has(name)) return constant(cx, node, 0, T.int);
  if (!sym) {
    if (name === '__func__' || name === '__FUNCTION__') {
      const bytes = new TextEncoder().encode((cx.fn?.sym.name ?? '') + '\0');
      cx.strings.push(bytes);
      return {
        k: 'str',
        type: { kind: 'array', of: T.char, length: bytes.length },
        loc,
        id: cx.strings.length - 1,
      };
    }
    // Like GCC's error_mark_node: keep checking the rest of the expression, silently about
    // anything containing this name. At file scope GCC still declares what uses the name
    // (`int table[SIZE];`): report it, go on with 0.
    cx.undeclared(node, name);
    return constant(cx, node, 0, T.int);
  }
  switch (sym.kind) {
    case 'var':
      cx.fn?.used.add(sym);
      if (sym.storage === 'global' || sym.storage === 'static') ref(cx, sym.linkName, node);
      return { k: 'var', type: sym.type, loc, sym };
    case 'func':
      ref(cx, sym.linkName, node);
      return { k: 'func', type: sym.type, loc, sym };
    case 'enumconst':
      return constant(cx, node, sym.value, T.int);
    case 'typedef':
      return cx.fail(node, `expected expression before '${name}'`);
  }
}

/** Records a use of a symbol with linkage, for -Wunused and for the linker's messages. */
function ref(cx: Checker, name: string, node: Node): void {
  cx.refs.push({ name, inFunction: cx.fn?.sym.name ?? null, loc: cx.loc(node) });
}

/** `sizeof` (C11 6.5.3.4): of a complete object type; GCC allows void and functions (as 1). */
function sizeofExpression(cx: Checker, node: Node): Expr {
  const typeNode = node.childForFieldName('type');
  let t: CType;
  if (typeNode) {
    // `sizeof(x)` with x a variable comes back as a type descriptor naming x (see reread.ts).
    const spec = typeNode.childForFieldName('type');
    if (
      spec?.type === 'type_identifier' &&
      !typeNode.childForFieldName('declarator') &&
      !cx.isTypedef(spec.text) &&
      cx.lookup(spec.text)
    ) {
      t = expression(cx, spec).type;
    } else t = cx.typeDescriptor(typeNode);
  } else {
    const v = node.childForFieldName('value')!;
    const inner = unparen(v);
    if (inner.type === 'identifier' && cx.isTypedef(inner.text))
      t = (cx.lookup(inner.text) as { type: CType }).type;
    else t = expression(cx, v).type;
  }
  if (t.kind === 'function')
    cx.warn(node, "invalid application of 'sizeof' to a function type [-Wpointer-arith]");
  else if (!isComplete(t) && t.kind !== 'void')
    cx.fail(node, `invalid application of 'sizeof' to incomplete type ${quoteType(t)}`);
  return constant(cx, node, sizeOf(t), T.uint);
}

/** `?:` (C11 6.5.15): the result type from both arms; GNU `x ?: y` reuses the test. */
function conditional(cx: Checker, node: Node): Expr {
  const test = cx.condition(node.childForFieldName('condition')!);
  const thenNode = node.childForFieldName('consequence');
  const elseNode = node.childForFieldName('alternative')!;
  const b = value(cx, elseNode);
  const a = thenNode ? value(cx, thenNode) : test; // GNU `x ?: y`
  const loc = cx.loc(node);
  let type: CType;
  if (isArithmetic(a.type) && isArithmetic(b.type)) type = usualArithmetic(a.type, b.type);
  else if (a.type.kind === 'void' && b.type.kind === 'void') type = T.void;
  else if (a.type.kind === 'record' && b.type.kind === 'record' && a.type.rec === b.type.rec)
    type = a.type;
  else if (a.type.kind === 'pointer' && b.type.kind === 'pointer') {
    type = a.type.to.kind === 'void' ? a.type : b.type.to.kind === 'void' ? b.type : a.type;
    if (
      !sameType(unqualified(a.type.to), unqualified(b.type.to)) &&
      a.type.to.kind !== 'void' &&
      b.type.to.kind !== 'void'
    ) {
      cx.warn(node, 'pointer type mismatch in conditional expression');
    }
  } else if (a.type.kind === 'pointer' && isInteger(b.type)) type = a.type;
  else if (b.type.kind === 'pointer' && isInteger(a.type)) type = b.type;
  else return cx.fail(node, 'type mismatch in conditional expression');
  if (test.k === 'const' && a.k === 'const' && b.k === 'const') {
    return constant(cx, node, isZero(test.value) ? b.value : a.value, type);
  }
  return { k: 'cond', type, loc, test, then: cast(a, type), else: cast(b, type) };
}

/** `.` and `->` (C11 6.5.2.3): the member keeps the qualifiers of the structure. */
function field(cx: Checker, node: Node): Expr {
  const operator = node.childForFieldName('operator')!;
  const arrow = operator.text === '->';
  const name = node.childForFieldName('field')!.text;
  const argument = node.childForFieldName('argument')!;
  let obj = expression(cx, argument);
  // GCC 12 places these at the '.' or '->' (c-typeck.cc, build_component_ref's location); about
  // an undeclared name's member it says nothing.
  const fail: (message: string) => never = (message) =>
    cx.isPoisoned(argument) ? cx.failUnparsed(argument, message) : cx.fail(operator, message);
  if (arrow) {
    obj = decay(obj);
    if (obj.type.kind !== 'pointer' || obj.type.to.kind !== 'record') {
      fail(`invalid type argument of '->' (have ${quoteType(obj.type)})`);
    }
    obj = { k: 'deref', type: obj.type.to, loc: obj.loc, arg: obj };
  }
  if (obj.type.kind !== 'record')
    fail(`request for member '${name}' in something not a structure or union`);
  if (!obj.type.rec.fields) fail(`invalid use of undefined type ${quoteType(obj.type)}`);
  const f = findField(obj.type.rec, name);
  if (!f) fail(`${quoteType(obj.type)} has no member named '${name}'`);
  const q = { isConst: obj.type.isConst, isVolatile: obj.type.isVolatile };
  return { k: 'member', type: withQuals(f.type, q), loc: cx.loc(node), obj, field: f };
}

/** `a[i]` is `*((a) + (i))` (C11 6.5.2.1p2), either operand may be the pointer. */
function subscript(cx: Checker, node: Node): Expr {
  const base = value(cx, node.childForFieldName('argument')!);
  const index = value(cx, node.childForFieldName('index')!);
  if (base.type.kind !== 'pointer' && index.type.kind !== 'pointer') {
    cx.fail(node, 'subscripted value is neither array nor pointer nor vector');
  }
  const [p, i] = base.type.kind === 'pointer' ? [base, index] : [index, base];
  if (!isInteger(i.type)) cx.fail(node, 'array subscript is not an integer');
  return deref(cx, node, pointerArith(cx, node, '+', p, i));
}
