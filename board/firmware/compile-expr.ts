/**
 * Expressions: each node kind has a handler that returns a JS expression for its value, emitting
 * first whatever must run before it (a call, which may suspend the function, and the spills that
 * keep earlier operands alive across it). Operands are evaluated left to right: C11 6.5p3 leaves
 * the order unspecified, except where a sequence point fixes it (&&, ||, ?: and the comma,
 * C11 6.5.13-6.5.15 and 6.5.17).
 */
import type { Expr } from './ast.ts';
import { bitFieldValue, storeCode, loadCode, type Lvalue } from './compile-access.ts';
import { SYNC_BUDGET, type FunctionContext } from './compile-context.ts';
import { binop, CMP, convert, is64, isFloatRep, literal, norm, rep } from './compile-values.ts';
import { sizeOf } from './types.ts';

type Node<K extends Expr['k']> = Expr & { k: K };
type ValueHandlers = { [K in Expr['k']]: (cx: FunctionContext, e: Node<K>) => string };

/** Value of a variable, dereference or member: an array or function designator is its address. */
function objectValue(cx: FunctionContext, e: Node<'var' | 'deref' | 'member'>): string {
  if (e.type.kind === 'array' || e.type.kind === 'function') return addressOf(cx, e);
  const lv = lvalue(cx, e);
  return lv.kind !== 'reg' && e.type.isVolatile
    ? `(${SYNC_BUDGET},${loadCode(lv, e.type)})`
    : loadCode(lv, e.type);
}

function designatorValue(cx: FunctionContext, e: Node<'func' | 'decay'>): string {
  const inner = e.k === 'decay' ? e.arg : e;
  if (inner.k === 'func') return String(cx.program.symbols.get(inner.sym.linkName)!);
  return addressOf(cx, inner);
}

const VALUE: ValueHandlers = {
  const: (_cx, e) => literal(e.value, rep(e.type)),
  str: (cx, e) => String(cx.program.strings[cx.fn.unit]![e.id]),
  var: objectValue,
  deref: objectValue,
  member: objectValue,
  func: designatorValue,
  decay: designatorValue,
  addr: (cx, e) => addressOf(cx, e.arg),
  unary(cx, e) {
    if (e.op === '!') return `(${condition(cx, e.arg)}?0:1)`;
    const r = rep(e.type);
    const a = value(cx, e.arg);
    if (e.op === '~') return is64(r) ? norm(r, `(~${a})`) : r === 'u32' ? `(~${a}>>>0)` : `(~${a})`;
    if (isFloatRep(r)) return `(-${a})`;
    return is64(r) ? norm(r, `(-${a})`) : r === 'u32' ? `((-${a})>>>0)` : `((-${a})|0)`;
  },
  binary(cx, e) {
    const l = cx.spillIfCall(e.right, value(cx, e.left));
    const rv = value(cx, e.right);
    const code = binop(e.op, rep(e.opType), l, rv);
    return CMP[e.op] ? `(${code}?1:0)` : code;
  },
  /** C11 6.5.6p8: the checker has already scaled the index by the pointee size (e.scale). */
  ptradd(cx, e) {
    const p = cx.spillIfCall(e.index, value(cx, e.ptr));
    const i = value(cx, e.index);
    const scaled = e.scale === 1 ? i : `${i}*${e.scale}`;
    return `((${p}${e.negate ? '-' : '+'}${scaled})>>>0)`;
  },
  /** C11 6.5.6p9: the byte difference divided by the element size. */
  ptrdiff(cx, e) {
    const l = cx.spillIfCall(e.right, value(cx, e.left));
    const r = value(cx, e.right);
    return e.scale === 1 ? `((${l}-${r})|0)` : `((((${l}-${r})|0)/${e.scale})|0)`;
  },
  /** C11 6.5.13/6.5.14: the right operand runs only when the left does not decide. */
  logical(cx, e) {
    const parts = logicalParts(cx, e);
    return 'inline' in parts ? `(${parts.inline}?1:0)` : parts.reg;
  },
  /** C11 6.5.15p4: only the chosen operand is evaluated. */
  cond(cx, e) {
    const test = condition(cx, e.test);
    if (!cx.hasCall(e.then) && !cx.hasCall(e.else)) {
      // Inline only when neither arm emits code of its own (see logicalParts).
      const arms = cx.inline(e, () => [value(cx, e.then), value(cx, e.else)] as const);
      if (arms) return `(${test}?${arms[0]}:${arms[1]})`;
    }
    const result = cx.reg(rep(e.type));
    const elseLabel = cx.newLabel();
    const end = cx.newLabel();
    cx.emit(`if(!${test}){pc=${elseLabel};continue L;}`);
    cx.emit(`${result}=${value(cx, e.then)};pc=${end};continue L;`);
    cx.place(elseLabel);
    cx.emit(`${result}=${value(cx, e.else)};`);
    cx.place(end);
    return result;
  },
  comma(cx, e) {
    effect(cx, e.left);
    return value(cx, e.right);
  },
  /** C11 6.5.16p3: the value of an assignment is the left operand's new value. */
  assign(cx, e) {
    const v = cx.spill(value(cx, e.value), e.value.type);
    if (e.type.kind === 'record') {
      const dst = cx.spill(addressOf(cx, e.target), e.value.type);
      cx.emit(`M.copy(${dst},${v},${sizeOf(e.type)});`);
      return dst;
    }
    const lv = lvalue(cx, e.target);
    if (!cx.hasCall(e.target) && lv.kind === 'reg') return `(${lv.name}=${v})`;
    const t = cx.scratch();
    const sync = e.target.type.isVolatile ? `${SYNC_BUDGET},` : '';
    const result = lv.kind === 'bit' ? bitFieldValue(lv.field, t) : t;
    return `(${t}=${v},${sync}${storeCode(lv, e.target.type, t)},${result})`;
  },
  compound: (cx, e) => update(cx, e, true),
  incdec: (cx, e) => update(cx, e, true),
  cast(cx, e) {
    const a = value(cx, e.arg);
    if (e.type.kind === 'void') return `(${a},0)`;
    return convert(a, e.arg.type, e.type);
  },
  call: (cx, e) => cx.call(e),
  intrinsic: (cx, e) => cx.intrinsic(e),
  /** GNU statement expression (GCC manual, "Statements and Declarations in Expressions"). */
  stmtexpr(cx, e) {
    for (const st of e.body) cx.statement(st);
    if (!e.result) return '0';
    return cx.spill(value(cx, e.result), e.result.type);
  },
};

/** A JS expression for the value of `e`; code that must run first (calls) is emitted. */
export function value(cx: FunctionContext, e: Expr): string {
  return (VALUE[e.k] as (cx: FunctionContext, e: Expr) => string)(cx, e);
}

/** Evaluates `e` for its side effects only. */
export function effect(cx: FunctionContext, e: Expr): void {
  switch (e.k) {
    case 'assign': {
      const v = value(cx, e.value);
      const vv = cx.hasCall(e.target) ? cx.spill(v, e.value.type) : v;
      if (e.target.type.isVolatile) cx.emit(`${SYNC_BUDGET};`);
      cx.emit(storeCode(lvalue(cx, e.target), e.target.type, vv) + ';');
      return;
    }
    case 'incdec':
    case 'compound':
      cx.emit(update(cx, e, false) + ';');
      return;
    case 'comma':
      effect(cx, e.left);
      effect(cx, e.right);
      return;
    case 'cast':
      if (e.type.kind === 'void') return effect(cx, e.arg);
      break;
    case 'call':
      cx.call(e);
      return;
    case 'const':
    case 'var':
      return;
  }
  const v = value(cx, e);
  if (!/^(v\d+|\(?-?[\d.]+n?\)?)$/.test(v)) cx.emit(`${v};`);
}

/** A JS boolean expression for a scalar condition (C11 6.8.4.1p2: compares unequal to 0). */
export function condition(cx: FunctionContext, e: Expr): string {
  if (e.k === 'binary' && CMP[e.op]) {
    const l = cx.spillIfCall(e.right, value(cx, e.left));
    return binop(e.op, rep(e.opType), l, value(cx, e.right));
  }
  if (e.k === 'unary' && e.op === '!') return `!${condition(cx, e.arg)}`;
  if (e.k === 'logical') {
    const parts = logicalParts(cx, e);
    return 'inline' in parts ? parts.inline : `(${parts.reg}!==0)`;
  }
  const v = value(cx, e);
  return is64(rep(e.type)) ? `(${v}!==0n)` : `(${v}!==0)`;
}

/**
 * `a && b`, `a || b`: a JS boolean expression when the right operand compiles to a pure
 * expression; otherwise a register holding 0 or 1, set through a branch. The right operand must
 * not be compiled inline when compiling it emits statements (a comma's left side, the store of an
 * assignment used as a value, a call): those run where they are emitted, before the left
 * operand's inline code and whatever it decides (C11 6.5.13p4, 6.5.14p4).
 */
function logicalParts(
  cx: FunctionContext,
  e: Node<'logical'>,
): { inline: string } | { reg: string } {
  const l = condition(cx, e.left);
  if (!cx.hasCall(e.right)) {
    const r = cx.inline(e, () => condition(cx, e.right));
    if (r !== null) return { inline: `(${l}${e.op}${r})` };
  }
  const result = cx.reg('i32');
  const end = cx.newLabel();
  cx.emit(
    `${result}=${e.op === '&&' ? 0 : 1};if(${e.op === '&&' ? '!' : ''}${l}){pc=${end};continue L;}`,
  );
  cx.emit(`${result}=${condition(cx, e.right)}?1:0;`);
  cx.place(end);
  return { reg: result };
}

/** Where the object designated by `e` lives. */
export function lvalue(cx: FunctionContext, e: Expr): Lvalue {
  switch (e.k) {
    case 'var':
      if (!e.sym.inMemory && e.sym.storage !== 'global' && e.sym.storage !== 'static')
        return { kind: 'reg', name: `v${e.sym.slot}` };
      return { kind: 'mem', addr: cx.address(e.sym) };
    case 'deref':
      return { kind: 'mem', addr: cx.spillIfCall(e.arg, value(cx, e.arg)) };
    case 'member': {
      const base =
        e.obj.k === 'var' || e.obj.k === 'deref' || e.obj.k === 'member' || e.obj.k === 'str'
          ? addressOf(cx, e.obj)
          : value(cx, e.obj);
      // A member of an object at a constant address folds to a constant address.
      const addr = /^\d+$/.test(base)
        ? String(Number(base) + e.field.offset)
        : e.field.offset
          ? `(${base}+${e.field.offset})`
          : base;
      if (e.field.bitWidth !== undefined) return { kind: 'bit', addr, field: e.field };
      return { kind: 'mem', addr };
    }
    case 'str':
      return { kind: 'mem', addr: String(cx.program.strings[cx.fn.unit]![e.id]) };
    case 'stmtexpr':
      if (e.result && (e.result.k === 'var' || e.result.k === 'deref' || e.result.k === 'member')) {
        // A compound literal: run its initialization, then it is its object.
        for (const st of e.body) cx.statement(st);
        return lvalue(cx, e.result);
      }
      return { kind: 'mem', addr: value(cx, e) };
    default:
      // An rvalue struct (call result, assignment, ?:): its value is its address.
      return { kind: 'mem', addr: value(cx, e) };
  }
}

export function addressOf(cx: FunctionContext, e: Expr): string {
  const lv = lvalue(cx, e);
  if (lv.kind !== 'mem') throw new Error('address of a register or bit-field');
  return lv.addr;
}

/** `x op= v`, `++x`, `x--`: the lvalue is evaluated once (C11 6.5.16.2p3). */
function update(
  cx: FunctionContext,
  e: Expr & { k: 'compound' | 'incdec' },
  wantValue: boolean,
): string {
  const t = e.target.type;
  const r = rep(t);
  if (t.isVolatile) cx.emit(`${SYNC_BUDGET};`);
  let lv = lvalue(cx, e.target);
  let value_ = '';
  if (e.k === 'compound') value_ = cx.spill(value(cx, e.value), e.value.type);
  if (lv.kind !== 'reg' && !/^\d+$/.test(lv.addr)) {
    const a = cx.scratch();
    cx.emit(`${a}=${lv.addr};`);
    lv = { ...lv, addr: a };
  }
  const old = loadCode(lv, t);
  let next: string;
  if (e.k === 'incdec') {
    const step = is64(r) ? `${e.step}n` : String(e.step);
    next = t.kind === 'pointer' ? `((${old}${e.op}${step})>>>0)` : norm(r, `${old}${e.op}${step}`);
    if (t.kind === 'int' && (r === 'i32' || r === 'u32'))
      next = r === 'i32' ? `((${old}${e.op}1)|0)` : `((${old}${e.op}1)>>>0)`;
  } else if (e.scale !== 1 || t.kind === 'pointer') {
    next = `((${old}${e.op}${value_}*${e.scale})>>>0)`;
  } else {
    next = convert(binop(e.op, rep(e.opType), convert(old, t, e.opType), value_), e.opType, t);
  }
  if (!wantValue) return storeCode(lv, t, next);
  const tmp = cx.scratch();
  if (e.k === 'incdec' && !e.prefix) {
    const o = cx.scratch();
    return `(${o}=${old},${tmp}=${next.split(old).join(o)},${storeCode(lv, t, tmp)},${o})`;
  }
  const result = lv.kind === 'bit' ? bitFieldValue(lv.field, tmp) : tmp;
  return `(${tmp}=${next},${storeCode(lv, t, tmp)},${result})`;
}
