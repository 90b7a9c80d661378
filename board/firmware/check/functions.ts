/**
 * Function definitions (C11 6.9.1): the parameters as the body's outermost locals, the body, and
 * what GCC's -Wall (Vitis' default) reports at the end of one: unused variables, undefined goto
 * labels, and control reaching the end of a non-void function.
 */
import type { Node } from 'web-tree-sitter';
import type { Stmt, VarSym } from '../ast.ts';
import { locate } from '../report.ts';
import type { CType } from '../types.ts';
import { isZero } from '../values.ts';
import type { Checker, FunctionContext } from './context.ts';
import { declareFunction } from './declarations.ts';

/** A function definition: declares the function, then checks its body in a new context. */
export function functionDefinition(cx: Checker, node: Node): void {
  const spec = cx.specifiers(node);
  const decl = cx.declarator(node.childForFieldName('declarator')!, spec.type);
  if (decl.type.kind !== 'function') cx.fail(node, 'expected function declarator');
  const sym = declareFunction(cx, decl, spec, node, true);
  sym.defined = true;
  const fnType = decl.type as CType & { kind: 'function' };
  const ctx: FunctionContext = {
    sym,
    locals: [],
    labels: new Map(),
    gotos: [],
    undeclared: new Set(),
    used: new Set(),
    loops: 0,
    switches: [],
    staticCount: 0,
  };
  cx.fn = ctx;
  cx.pushScope();
  const params: VarSym[] = [];
  for (const p of decl.params ?? []) {
    if (!p.name) {
      cx.error(p.loc, 'parameter name omitted');
      continue;
    }
    const v: VarSym = {
      kind: 'var',
      name: p.name,
      type: p.type,
      storage: 'param',
      linkName: p.name,
      external: false,
      inMemory: p.type.kind === 'record' || fnType.variadic,
      defined: true,
      loc: p.loc,
      slot: ctx.locals.length,
    };
    ctx.locals.push(v);
    params.push(v);
    cx.scope.names.set(p.name, v);
  }
  let body: Stmt;
  const bodyNode = node.childForFieldName('body')!;
  try {
    body = cx.compound(bodyNode, false);
    wallWarnings(cx, ctx, body, bodyNode);
  } finally {
    cx.popScope();
    cx.fn = null;
  }
  for (const g of ctx.gotos) {
    if (!ctx.labels.has(g.label)) cx.error(g.loc, `label '${g.label}' used but not defined`);
  }
  cx.functions.push({
    sym,
    params,
    locals: ctx.locals,
    body,
    loc: cx.loc(node),
    file: cx.file,
  });
}

/** What Vitis' default -Wall adds: unused variables, falling off a non-void function. */
function wallWarnings(cx: Checker, ctx: FunctionContext, body: Stmt, bodyNode: Node): void {
  for (const v of ctx.locals) {
    if (v.storage === 'local' && !ctx.used.has(v)) {
      cx.warn(v.loc, `unused variable '${v.name}' [-Wunused-variable]`);
    }
  }
  // C11 5.1.2.2.3: reaching the } of main returns 0, so GCC does not warn there.
  if (ctx.sym.type.ret.kind !== 'void' && ctx.sym.name !== 'main' && mayFallThrough(body)) {
    const end = bodyNode.endPosition;
    const at = locate(cx.lineMap, end.row, Math.max(0, end.column - 1));
    cx.warn(at, 'control reaches end of non-void function [-Wreturn-type]');
  }
}

/** Whether control can reach the end of `s` (conservative: when unsure, no). */
function mayFallThrough(s: Stmt): boolean {
  switch (s.k) {
    case 'return':
    case 'goto':
      return false;
    case 'block': {
      const last = s.body[s.body.length - 1];
      return last ? mayFallThrough(last) : true;
    }
    case 'if':
      return s.else === null || mayFallThrough(s.then) || mayFallThrough(s.else);
    case 'label':
      return mayFallThrough(s.body);
    case 'while':
    case 'do':
      return !(s.test.k === 'const' && !isZero(s.test.value)) || breaksOut(s.body);
    case 'for':
      return (
        (s.test !== null && !(s.test.k === 'const' && !isZero(s.test.value))) || breaksOut(s.body)
      );
    case 'switch':
      return !s.cases.some((c) => c.value === null) || breaksOut(s.body) || mayFallThrough(s.body);
    case 'expr':
      return !(s.expr.k === 'intrinsic' && s.expr.name === '__host_exit');
    default:
      return true;
  }
}

/** A `break` that leaves this loop or switch (not one inside a nested loop or switch). */
function breaksOut(s: Stmt): boolean {
  switch (s.k) {
    case 'break':
      return true;
    case 'block':
      return s.body.some(breaksOut);
    case 'if':
      return breaksOut(s.then) || (s.else !== null && breaksOut(s.else));
    case 'label':
      return breaksOut(s.body);
    default:
      return false;
  }
}
