/**
 * Declarations (C11 6.7): typedefs, and objects and functions at file or block scope, with GCC's
 * diagnostics for conflicting redeclarations and redefinitions. Objects get their linkage and
 * storage here (C11 6.2.2, 6.2.4); their initializers are checked by initializers.ts.
 */
import type { Node } from 'web-tree-sitter';
import type { FuncSym, Init, Stmt, VarSym } from '../ast.ts';
import { isComplete, quoteType, sameType, unqualified, type CType } from '../types.ts';
import { alignedAttribute } from './attributes.ts';
import { CheckError, type Checker } from './context.ts';
import type { Declarated } from './declarators.ts';
import { reReadAsExpression } from './reread.ts';
import type { Spec } from './specifiers.ts';

/** `typedef` (C11 6.7.8): each declarator names a type in the current scope. */
export function typedef(cx: Checker, node: Node): void {
  const spec = cx.specifiers(node);
  for (const d of node.childrenForFieldName('declarator')) {
    if (!d) continue;
    const decl = cx.declarator(d, spec.type);
    const prev = cx.scope.names.get(decl.name);
    if (prev && (prev.kind !== 'typedef' || !sameType(prev.type, decl.type))) {
      cx.error(decl.nameNode ?? d, `conflicting types for '${decl.name}'`);
    }
    cx.scope.names.set(decl.name, { kind: 'typedef', name: decl.name, type: decl.type });
  }
}

/** File-scope or block-scope declaration; returns the statements for block-scope initializers. */
export function declaration(cx: Checker, node: Node, fileScope: boolean): Stmt[] {
  const typeNode = node.childForFieldName('type');
  // `x * y;` where x is a variable: tree-sitter saw a declaration of a pointer (see reread.ts).
  if (
    !fileScope &&
    typeNode?.type === 'type_identifier' &&
    !cx.isTypedef(typeNode.text) &&
    cx.lookup(typeNode.text)
  ) {
    return [reReadAsExpression(cx, node, typeNode)];
  }
  const spec = cx.specifiers(node);
  const out: Stmt[] = [];
  for (const d of node.childrenForFieldName('declarator')) {
    if (!d) continue;
    try {
      if (d.type === 'gnu_asm_expression') continue;
      const decl = cx.declarator(d, spec.type);
      const initNode = d.type === 'init_declarator' ? d.childForFieldName('value') : null;
      if (decl.type.kind === 'function') {
        if (initNode) cx.error(d, `function '${decl.name}' is initialized like a variable`);
        declareFunction(cx, decl, spec, d, false);
        continue;
      }
      if (fileScope || spec.storage === 'extern')
        declareGlobal(cx, decl, spec, initNode, d, fileScope);
      else if (spec.storage === 'static') declareStaticLocal(cx, decl, spec, initNode, d);
      else out.push(declareLocal(cx, decl, initNode, d));
      const aligned = alignedAttribute(cx, node);
      const sym = cx.lookup(decl.name);
      if (aligned && sym?.kind === 'var') sym.align = Math.max(sym.align ?? 1, aligned);
    } catch (e) {
      if (!(e instanceof CheckError)) throw e;
    }
  }
  return out;
}

/**
 * Declares or defines a function at file scope (a block-scope declaration is visible in its block
 * too). Redeclarations must agree on the type (C11 6.7p4); the later one with a prototype wins.
 */
export function declareFunction(
  cx: Checker,
  decl: Declarated,
  spec: Spec,
  node: Node,
  defining: boolean,
): FuncSym {
  const type = decl.type as CType & { kind: 'function' };
  const existing = cx.scopes[0]!.names.get(decl.name) ?? cx.lookup(decl.name);
  if (existing && existing.kind === 'func') {
    if (
      !sameType(existing.type.ret, type.ret) ||
      (existing.type.params && type.params && !sameParams(existing.type.params, type.params))
    ) {
      const msg = `conflicting types for '${decl.name}'; have ${quoteType(type)}`;
      cx.error(decl.nameNode ?? node, msg);
      cx.report(
        existing.loc,
        'note',
        `previous ${existing.implicit ? 'implicit ' : ''}declaration of '${decl.name}' with type ${quoteType(existing.type)}`,
      );
    }
    if (defining && existing.defined) {
      cx.error(decl.nameNode ?? node, `redefinition of '${decl.name}'`);
      cx.report(
        existing.loc,
        'note',
        `previous definition of '${decl.name}' with type ${quoteType(existing.type)}`,
      );
    }
    if (type.params || !existing.type.params) {
      existing.type = type;
      if (decl.params) existing.paramLocs = decl.params.map((p) => p.loc);
    }
    if (!spec.isInline || spec.storage === 'extern') existing.inlineDefinitionOnly = false;
    if (spec.weak) existing.weak = true;
    existing.implicit = false;
    cx.scope.names.set(decl.name, existing);
    return existing;
  }
  if (existing && cx.scope.names.has(decl.name)) {
    cx.error(decl.nameNode ?? node, `'${decl.name}' redeclared as different kind of symbol`);
  }
  const isStatic = spec.storage === 'static';
  const sym: FuncSym = {
    kind: 'func',
    name: decl.name,
    type,
    linkName: isStatic ? `${decl.name}@${cx.unitId}` : decl.name,
    external: !isStatic,
    isInline: spec.isInline,
    inlineDefinitionOnly: spec.isInline && !isStatic && spec.storage !== 'extern',
    weak: spec.weak,
    defined: false,
    implicit: false,
    loc: cx.loc(decl.nameNode ?? node),
    ...(decl.params ? { paramLocs: decl.params.map((p) => p.loc) } : {}),
  };
  cx.scopes[0]!.names.set(decl.name, sym);
  cx.scope.names.set(decl.name, sym);
  return sym;
}

/**
 * An object at file scope, or `extern` in a block: one symbol per name across the unit. A definition
 * without an initializer is tentative (C11 6.9.2p2) until the unit ends.
 */
function declareGlobal(
  cx: Checker,
  decl: Declarated,
  spec: Spec,
  initNode: Node | null,
  node: Node,
  fileScope: boolean,
): void {
  const isStatic = spec.storage === 'static';
  const existing = cx.scopes[0]!.names.get(decl.name);
  let sym: VarSym;
  if (existing?.kind === 'var') {
    if (
      !sameType(unqualified(existing.type), unqualified(decl.type)) &&
      !(existing.type.kind === 'array' && decl.type.kind === 'array')
    ) {
      cx.error(
        decl.nameNode ?? node,
        `conflicting types for '${decl.name}'; have ${quoteType(decl.type)}`,
      );
    }
    sym = existing;
    if (decl.type.kind === 'array' && decl.type.length !== null) sym.type = decl.type;
  } else {
    if (existing)
      cx.error(decl.nameNode ?? node, `'${decl.name}' redeclared as different kind of symbol`);
    sym = {
      kind: 'var',
      name: decl.name,
      type: decl.type,
      storage: 'global',
      linkName: isStatic ? `${decl.name}@${cx.unitId}` : decl.name,
      external: !isStatic,
      inMemory: true,
      defined: false,
      loc: cx.loc(decl.nameNode ?? node),
      slot: -1,
    };
    cx.scopes[0]!.names.set(decl.name, sym);
  }
  cx.scope.names.set(decl.name, sym);
  if (!fileScope || (spec.storage === 'extern' && !initNode)) return;
  const index = cx.globalIndex.get(decl.name);
  const init = initNode ? cx.initializer(initNode, sym, true) : null;
  recordConstValue(sym, init);
  if (index !== undefined) {
    const prev = cx.globals[index]!;
    if (init && prev.init) {
      cx.error(decl.nameNode ?? node, `redefinition of '${decl.name}'`);
      cx.report(
        prev.sym.loc,
        'note',
        `previous definition of '${decl.name}' with type ${quoteType(prev.sym.type)}`,
      );
    } else if (init) cx.globals[index] = { sym, init, tentative: false };
    return;
  }
  if (!isComplete(sym.type) && !(sym.type.kind === 'array' && init === null)) {
    cx.error(decl.nameNode ?? node, `storage size of '${decl.name}' isn't known`);
  }
  if (sym.type.kind === 'array' && sym.type.length === null && !init) {
    // C11 6.9.2p5: `int a[];` at the end of the unit has one element (GCC warns).
    cx.warn(decl.nameNode ?? node, `array '${decl.name}' assumed to have one element`);
    sym.type = { ...sym.type, length: 1 };
  }
  cx.globalIndex.set(decl.name, cx.globals.length);
  cx.globals.push({ sym, init, tentative: !init });
}

/** A block-scope `static`: static storage, no linkage (C11 6.2.2p6), initialized once. */
function declareStaticLocal(
  cx: Checker,
  decl: Declarated,
  _spec: Spec,
  initNode: Node | null,
  node: Node,
): void {
  const fn = cx.fn!;
  const sym: VarSym = {
    kind: 'var',
    name: decl.name,
    type: decl.type,
    storage: 'static',
    // GCC names function-scope statics `name.N` in the symbol table.
    linkName: `${decl.name}.${fn.staticCount++}@${cx.unitId}`,
    external: false,
    inMemory: true,
    defined: true,
    loc: cx.loc(decl.nameNode ?? node),
    slot: -1,
  };
  cx.scope.names.set(decl.name, sym);
  const init = initNode ? cx.initializer(initNode, sym, true) : null;
  cx.globals.push({ sym, init, tentative: false });
}

/** An automatic object: a slot in the function's frame, initialized where declared. */
function declareLocal(cx: Checker, decl: Declarated, initNode: Node | null, node: Node): Stmt {
  const fn = cx.fn!;
  const prev = cx.scope.names.get(decl.name);
  if (prev && prev.kind === 'var') {
    cx.error(decl.nameNode ?? node, `redeclaration of '${decl.name}' with no linkage`);
  }
  const sym: VarSym = {
    kind: 'var',
    name: decl.name,
    type: decl.type,
    storage: 'local',
    linkName: decl.name,
    external: false,
    inMemory: decl.type.kind === 'array' || decl.type.kind === 'record',
    defined: true,
    loc: cx.loc(decl.nameNode ?? node),
    slot: fn.locals.length,
  };
  const span = cx.nestedSpan();
  if (span) sym.scope = span;
  fn.locals.push(sym);
  // The name is in scope within its own initializer (C11 6.2.1p7).
  cx.scope.names.set(decl.name, sym);
  const init = initNode ? cx.initializer(initNode, sym, false) : null;
  recordConstValue(sym, init);
  if (!isComplete(sym.type))
    cx.error(decl.nameNode ?? node, `storage size of '${decl.name}' isn't known`);
  if (init && promotesToStatic(sym, init)) {
    const promoted: VarSym = {
      ...sym,
      storage: 'static',
      linkName: `${decl.name}.${fn.staticCount++}@${cx.unitId}`,
      slot: -1,
    };
    delete promoted.scope;
    fn.locals.splice(fn.locals.indexOf(sym), 1);
    fn.locals.forEach((v, i) => (v.slot = i));
    cx.scope.names.set(decl.name, promoted);
    cx.globals.push({ sym: promoted, init, tentative: false });
    return { k: 'block', loc: cx.loc(node), body: [] };
  }
  return { k: 'decl', loc: cx.loc(node), sym, init };
}

/**
 * GCC's gimplifier gives a `const` aggregate initialized with constants static storage instead of
 * a stack slot and a copy (gcc/gimplify.cc gimplify_init_constructor: "If a const aggregate
 * variable is being initialized, then it should never be a problem to promote the constant
 * initializer to static storage"), when more than one element is non-zero. So csmith's large
 * `const struct S l_1[9][4][7] = {...}` takes no stack under GCC -O0; here neither. (GCC also
 * requires that the address is not taken; the engine promotes regardless, which needs less stack
 * than GCC, never more.)
 */
function promotesToStatic(sym: VarSym, init: Init): boolean {
  let t: CType = sym.type;
  while (t.kind === 'array' && !t.isConst) t = t.of;
  if (!t.isConst || t.isVolatile || (sym.type.kind !== 'array' && sym.type.kind !== 'record'))
    return false;
  if (!init.items.every((i) => i.expr.k === 'const')) return false;
  const nonZero = init.items.filter((i) => i.expr.k === 'const' && Number(i.expr.value) !== 0);
  return nonZero.length > 1;
}

/** Parameter lists that agree, ignoring top-level qualifiers (C11 6.7.6.3p15). */
function sameParams(a: readonly CType[], b: readonly CType[]): boolean {
  return a.length === b.length && a.every((t, i) => sameType(unqualified(t), unqualified(b[i]!)));
}

/** A `const` integer initialized with a constant: remembered for array sizes. */
function recordConstValue(sym: VarSym, init: Init | null): void {
  const item = init?.items[0];
  if (
    sym.type.isConst &&
    sym.type.kind === 'int' &&
    sym.type.size <= 4 &&
    item?.expr.k === 'const'
  ) {
    sym.constValue = Number(item.expr.value);
  }
}
