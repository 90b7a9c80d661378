/**
 * Initializers (C11 6.7.9): braced lists with designators and brace elision, string literals for
 * char arrays, and compound literals (C11 6.5.2.5), flattened to (offset, type, value) items the
 * code generator stores in order.
 */
import type { Node } from 'web-tree-sitter';
import type { Expr, Init, InitItem, VarSym } from '../ast.ts';
import { findField, isInteger, quoteType, sizeOf, type CType } from '../types.ts';
import { constant, type Checker } from './context.ts';
import { convertFor } from './conversions.ts';
import { stringBytes } from './literals.ts';
import { COMPOUND_LITERAL, isAddressConstant } from './lvalues.ts';

/** `(T){...}`: an unnamed object of the enclosing block (C11 6.5.2.5), an lvalue. */
export function compoundLiteral(cx: Checker, node: Node): Expr {
  const fn = cx.fn;
  if (!fn) return cx.fail(node, 'compound literals at file scope are not supported');
  const loc = cx.loc(node);
  const type = cx.typeDescriptor(node.childForFieldName('type')!);
  const sym: VarSym = {
    kind: 'var',
    name: COMPOUND_LITERAL,
    type,
    storage: 'local',
    linkName: '',
    external: false,
    inMemory: true,
    defined: true,
    loc,
    slot: fn.locals.length,
  };
  fn.locals.push(sym);
  fn.used.add(sym);
  const init = initializer(cx, node.childForFieldName('value')!, sym, false);
  const result: Expr = { k: 'var', type: sym.type, loc, sym };
  return { k: 'stmtexpr', type: sym.type, loc, body: [{ k: 'decl', loc, sym, init }], result };
}

/**
 * The initializer of `sym` (C11 6.7.9) as byte-offset items; completes an array of unknown size.
 * Static storage needs constant expressions or address constants (C11 6.7.9p4).
 */
export function initializer(cx: Checker, node: Node, sym: VarSym, isStatic: boolean): Init {
  const items: InitItem[] = [];
  let type = sym.type;
  if (type.kind === 'array' && type.length === null && node.type === 'initializer_list') {
    // C11 6.7.9p22: an array of unknown size takes its length from the initializer.
    const list = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    const length = aggregateFrom(cx, list, { i: 0 }, type, 0, items, isStatic, true);
    type = { ...type, length };
    sym.type = type;
    return { items, size: sizeOf(type) };
  }
  if (type.kind === 'array' && type.length === null) {
    type = { ...type, length: stringLength(node) };
    sym.type = type;
  }
  initInto(cx, node, type, 0, items, isStatic);
  return { items, size: sizeOf(type) };
}

/** The length a string initializer gives `char s[] = "..."`, with its NUL. */
function stringLength(node: Node): number {
  const s = stringBytes(node);
  return s ? s.length : 1;
}

/** Initializes the object of `type` at `offset` from `node`, braced or not. */
function initInto(
  cx: Checker,
  node: Node,
  type: CType,
  offset: number,
  items: InitItem[],
  isStatic: boolean,
): void {
  // char arrays from string literals (C11 6.7.9p14).
  if (type.kind === 'array' && isInteger(type.of) && sizeOf(type.of) === 1) {
    const bytes = stringBytes(
      node.type === 'initializer_list' && node.namedChildCount === 1 ? node.namedChild(0)! : node,
    );
    if (bytes) {
      const n = type.length ?? bytes.length;
      if (bytes.length - 1 > n) cx.warn(node, "initializer-string for array of 'char' is too long");
      for (let i = 0; i < Math.min(n, bytes.length); i++) {
        if (bytes[i] !== 0)
          items.push({
            offset: offset + i,
            type: type.of,
            expr: constant(cx, node, bytes[i]!, type.of),
          });
      }
      return;
    }
  }
  if (node.type !== 'initializer_list') {
    if (type.kind === 'array') cx.fail(node, 'invalid initializer');
    const v = cx.value(node);
    if (type.kind === 'record' && v.type.kind === 'record' && !isStatic) {
      items.push({ offset, type, expr: convertFor(cx, node, v, type, 'initializing') });
      return;
    }
    const expr = convertFor(cx, node, v, type, 'initializing');
    if (isStatic) requireConstant(cx, node, expr);
    items.push({ offset, type, expr });
    return;
  }
  if (type.kind === 'array' || type.kind === 'record') {
    const list = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    aggregateFrom(cx, list, { i: 0 }, type, offset, items, isStatic, true);
    return;
  }
  // A scalar in braces (C11 6.7.9p11).
  const first = node.namedChild(0);
  if (first) initInto(cx, first, type, offset, items, isStatic);
}

/**
 * Fills an array or struct from `list` starting at `pos`. A braced list owns all its items
 * (extra ones are warned about); an elided one (C11 6.7.9p20, `int m[2][2] = {1, 2, 3, 4}`)
 * takes only as many as its type needs and leaves the rest to the enclosing aggregate.
 */
function aggregateFrom(
  cx: Checker,
  list: Node[],
  pos: { i: number },
  type: CType,
  offset: number,
  items: InitItem[],
  isStatic: boolean,
  braced: boolean,
): number {
  const element = (valueNode: Node, t: CType, at: number): void => {
    if ((t.kind === 'array' || t.kind === 'record') && valueNode.type !== 'initializer_list') {
      if (t.kind === 'array' && stringBytes(valueNode)) {
        pos.i++;
        initInto(cx, valueNode, t, at, items, isStatic);
        return;
      }
      if (t.kind === 'record') {
        const probe = cx.value(valueNode);
        if (probe.type.kind === 'record') {
          // A struct value initializes the member as a whole.
          pos.i++;
          if (isStatic) cx.error(valueNode, 'initializer element is not constant');
          items.push({
            offset: at,
            type: t,
            expr: convertFor(cx, valueNode, probe, t, 'initializing'),
          });
          return;
        }
      }
      aggregateFrom(cx, list, pos, t, at, items, isStatic, false);
      return;
    }
    pos.i++;
    initInto(cx, valueNode, t, at, items, isStatic);
  };
  if (type.kind === 'array') {
    let index = 0;
    let count = 0;
    const size = sizeOf(type.of);
    while (pos.i < list.length) {
      const c = list[pos.i]!;
      if (c.type === 'initializer_pair') {
        if (!braced) return count;
        const des = c.childrenForFieldName('designator')[0];
        if (des?.type === 'subscript_designator') index = cx.constInt(des.namedChild(0)!);
        if (type.length !== null && index >= type.length) {
          cx.warn(c, 'array index in initializer exceeds array bounds');
          pos.i++;
          continue;
        }
        pos.i++;
        const target = designated(cx, c, type.of, offset + index * size);
        initInto(cx, c.childForFieldName('value')!, target.type, target.offset, items, isStatic);
        index++;
        count = Math.max(count, index);
        continue;
      }
      if (type.length !== null && index >= type.length) {
        if (!braced) return count;
        cx.warn(c, 'excess elements in array initializer');
        pos.i = list.length;
        return count;
      }
      element(c, type.of, offset + index * size);
      index++;
      count = Math.max(count, index);
    }
    return count;
  }
  if (type.kind !== 'record') {
    const c = list[pos.i++];
    if (c) initInto(cx, c, type, offset, items, isStatic);
    return 1;
  }
  const fields = (type.rec.fields ?? []).filter((f) => f.name !== '' || f.type.kind === 'record');
  let fi = 0;
  while (pos.i < list.length) {
    const c = list[pos.i]!;
    let valueNode = c;
    let isDesignated = false;
    if (c.type === 'initializer_pair') {
      if (!braced) return 1;
      const des = c.childrenForFieldName('designator')[0]!;
      const name = des.type === 'field_designator' ? des.namedChild(0)!.text : des.text;
      const idx = fields.findIndex((f) => f.name === name);
      if (idx < 0) cx.fail(des, `${quoteType(type)} has no member named '${name}'`);
      fi = idx;
      valueNode = c.childForFieldName('value')!;
      isDesignated = true;
    }
    const f = fields[fi];
    if (!f || (type.rec.union && fi > 0 && !isDesignated)) {
      if (!braced) return 1;
      cx.warn(c, `excess elements in ${type.rec.union ? 'union' : 'struct'} initializer`);
      pos.i = list.length;
      return 1;
    }
    if (f.bitWidth !== undefined) {
      pos.i++;
      const expr = convertFor(cx, valueNode, cx.value(valueNode), f.type, 'initializing');
      if (isStatic) requireConstant(cx, valueNode, expr);
      items.push({ offset: offset + f.offset, type: f.type, expr, bitField: f });
    } else if (isDesignated) {
      pos.i++;
      const target = designated(cx, c, f.type, offset + f.offset);
      initInto(cx, valueNode, target.type, target.offset, items, isStatic);
    } else element(valueNode, f.type, offset + f.offset);
    fi++;
    if (type.rec.union && !braced) return 1;
  }
  return 1;
}

/** Follows the designators after the first (`.at.x = 1`, `[2].y = 3`) to the object they name. */
function designated(
  cx: Checker,
  pair: Node,
  type: CType,
  offset: number,
): { type: CType; offset: number } {
  for (const des of pair.childrenForFieldName('designator').slice(1)) {
    if (!des) continue;
    if (des.type === 'subscript_designator' && type.kind === 'array') {
      offset += cx.constInt(des.namedChild(0)!) * sizeOf(type.of);
      type = type.of;
    } else if (des.type === 'field_designator' && type.kind === 'record') {
      const name = des.namedChild(0)!.text;
      const f = findField(type.rec, name);
      if (!f) cx.fail(des, `${quoteType(type)} has no member named '${name}'`);
      offset += f.offset;
      type = f.type;
    } else cx.fail(des, 'invalid designator for this type');
  }
  return { type, offset };
}

/** Static storage is initialized before the program runs: constants only (C11 6.7.9p4). */
function requireConstant(cx: Checker, node: Node, e: Expr): void {
  if (!isAddressConstant(e)) cx.error(node, 'initializer element is not constant');
}
