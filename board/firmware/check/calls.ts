/**
 * Function calls: to declared functions and function pointers, to undeclared functions (GCC 12's
 * implicit declaration, with its notes for C library built-ins), and to the engine's intrinsics.
 */
import type { Node } from 'web-tree-sitter';
import type { Expr, FuncSym } from '../ast.ts';
import { T, isComplete, isInteger, promote, typeName, type CType } from '../types.ts';
import { BUILTIN_HEADERS, COMPATIBLE_WITH_IMPLICIT_INT, INTRINSICS } from './builtins.ts';
import type { Checker } from './context.ts';
import { cast, convertFor, explicitCast } from './conversions.ts';
import { castTypedef } from './reread.ts';

/**
 * A function call (C11 6.5.2.2): arguments convert as if by assignment to prototyped parameters,
 * and take the default argument promotions otherwise (p6-7).
 */
export function call(cx: Checker, node: Node): Expr {
  const loc = cx.loc(node);
  const calleeNode = node.childForFieldName('function')!;
  const argNodes = node
    .childForFieldName('arguments')!
    .namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  // `(T)(x)`: tree-sitter reads a cast to a typedef name with a parenthesized operand as a call
  // (see reread.ts).
  const typedefName = castTypedef(calleeNode, (n) => cx.isTypedef(n));
  if (typedefName) {
    const type = (cx.lookup(typedefName.text) as { type: CType }).type;
    if (argNodes.length !== 1) cx.fail(node, `expected expression before ')' token`);
    return explicitCast(cx, node, cx.value(argNodes[0]!), type);
  }
  if (calleeNode.type === 'identifier') {
    const name = calleeNode.text;
    const declared = cx.lookup(name);
    // Intrinsics may be declared in a header (host.h, the BSP's) or used bare.
    if (INTRINSICS[name] && (!declared || declared.kind === 'func'))
      return intrinsic(cx, node, name, argNodes);
    if (!cx.lookup(name)) implicitDeclaration(cx, calleeNode);
  }
  const callee = cx.value(calleeNode);
  const ft = callee.type.kind === 'pointer' ? callee.type.to : null;
  if (!ft || ft.kind !== 'function') {
    const what = calleeNode.type === 'identifier' ? `'${calleeNode.text}' ` : '';
    return cx.fail(node, `called object ${what}is not a function or function pointer`);
  }
  const fname = calleeNode.type === 'identifier' ? calleeNode.text : null;
  const args: Expr[] = [];
  const params = ft.params;
  if (params) {
    const few = argNodes.length < params.length;
    if (few || (argNodes.length > params.length && !ft.variadic)) {
      cx.error(
        node,
        `too ${few ? 'few' : 'many'} arguments to function '${fname ?? typeName(callee.type)}'`,
      );
      const decl = fname ? cx.lookup(fname) : undefined;
      if (decl?.kind === 'func') cx.report(decl.loc, 'note', 'declared here');
    }
  }
  argNodes.forEach((a, i) => {
    const v = cx.value(a);
    if (v.type.kind === 'void') cx.fail(a, 'invalid use of void expression');
    const p = params?.[i];
    const declared = fname ? cx.lookup(fname) : undefined;
    // GCC's note names the parameter's declarator in the prototype (c-typeck.cc,
    // inform_for_arg), or the function where it has none.
    const at = declared?.kind === 'func' ? (declared.paramLocs?.[i] ?? declared.loc) : undefined;
    if (p)
      args.push(
        convertFor(cx, cx.isPoisoned(a) ? a : argumentLocation(a), v, p, 'passing', {
          index: i + 1,
          fname: fname ?? '',
          ...(at ? { declared: at } : {}),
        }),
      );
    else if (v.type.kind === 'float')
      args.push(cast(v, T.double)); // default argument promotions
    else if (isInteger(v.type)) args.push(cast(v, promote(v.type)));
    else args.push(v);
  });
  if (ft.ret.kind === 'record' && !isComplete(ft.ret))
    cx.fail(node, 'invalid use of undefined type');
  return { k: 'call', type: ft.ret, loc, callee, args, fnType: ft };
}

/** A call to an undeclared function declares `int name()` (C90 6.3.2.2; GCC 12 warns). */
function implicitDeclaration(cx: Checker, node: Node): void {
  const name = node.text;
  // GCC 12 (Vitis): a warning, the function is assumed to be `int name()` (C90 rules). A name
  // GCC knows as a built-in gets no suggestion (c-decl.cc, implicit_decl_warning).
  const header = BUILTIN_HEADERS[name];
  const hint = header ? null : cx.suggest(name, 'function');
  cx.warn(
    node,
    `implicit declaration of function '${name}'${hint ? `; did you mean '${hint}'?` : ''} [-Wimplicit-function-declaration]`,
  );
  if (header) {
    // GCC knows the C library's functions as built-ins and says where they are declared.
    const note = `include '<${header}>' or provide a declaration of '${name}'`;
    cx.includeNote(node, header, note);
    // `int name()` clashes with built-ins that return something else or are variadic.
    if (!COMPATIBLE_WITH_IMPLICIT_INT.has(name)) {
      cx.warn(
        node,
        `incompatible implicit declaration of built-in function '${name}' [-Wbuiltin-declaration-mismatch]`,
      );
      cx.includeNote(node, header, note);
    }
  }
  const sym: FuncSym = {
    kind: 'func',
    name,
    type: { kind: 'function', ret: T.int, params: null, variadic: false },
    linkName: name,
    external: true,
    isInline: false,
    inlineDefinitionOnly: false,
    weak: false,
    defined: false,
    implicit: true,
    loc: cx.loc(node),
  };
  cx.scopes[0]!.names.set(name, sym);
}

/** A call to an engine intrinsic: checked against its fixed signature (builtins.ts). */
function intrinsic(cx: Checker, node: Node, name: string, argNodes: Node[]): Expr {
  const spec = INTRINSICS[name]!;
  if (argNodes.length !== spec.params.length) {
    cx.fail(
      node,
      `${argNodes.length < spec.params.length ? 'too few' : 'too many'} arguments to function '${name}'`,
    );
  }
  const args = argNodes.map((a, i) => {
    const v = cx.value(a);
    const p = spec.params[i]!;
    return p.kind === 'pointer' && v.type.kind === 'pointer'
      ? v
      : convertFor(cx, a, v, p, 'passing', { index: i + 1, fname: name });
  });
  if (name === '__builtin_va_start' && !cx.fn?.sym.type.variadic)
    cx.fail(node, "'va_start' used in function with fixed arguments");
  return { k: 'intrinsic', type: spec.ret, loc: cx.loc(node), name, args };
}

/** Expressions whose location GCC 12 puts at their operator (c-parser.cc, build_binary_op). */
const AT_OPERATOR = new Set(['binary_expression', 'assignment_expression']);

/**
 * Where GCC 12 reports a problem with an argument (c-tree.h, c_expr::get_location): an operator
 * expression at its operator, which parentheses around it keep; a parenthesized name or
 * constant at its '('; anything else at its first token.
 */
function argumentLocation(node: Node): Node {
  if (AT_OPERATOR.has(node.type)) return node.childForFieldName('operator') ?? node;
  if (node.type === 'parenthesized_expression') {
    const inner = node.namedChild(0);
    if (inner && (AT_OPERATOR.has(inner.type) || inner.type === 'parenthesized_expression')) {
      const at = argumentLocation(inner);
      return at === inner ? node : at;
    }
  }
  return node;
}
