/**
 * Unary and binary operators (C11 6.5.3-6.5.14): the usual arithmetic conversions, pointer
 * arithmetic and comparisons, shifts, logical operators, and constant folding, with GCC's
 * diagnostics for invalid operands and its -Wall warnings (shift counts, division by zero).
 * Apart from the binary_expression handler, each takes operands already checked, so assignment,
 * literals and the re-readings of reread.ts build on them too.
 */
import type { Node } from 'web-tree-sitter';
import type { BinaryOp, Expr } from '../ast.ts';
import {
  T,
  isArithmetic,
  isComplete,
  isInteger,
  isScalar,
  pointerTo,
  promote,
  quoteType,
  sameType,
  sizeOf,
  unqualified,
  usualArithmetic,
  typeName,
  type CType,
} from '../types.ts';
import { convertValue, foldBinary, isZero } from '../values.ts';
import { constant, type Checker } from './context.ts';
import { cast } from './conversions.ts';
import { isLvalue, markAddressTaken } from './lvalues.ts';

/**
 * A binary operator node; `&&` and `||` (C11 6.5.13-14) take scalars and yield int. (`(T)-x` and
 * the like, which tree-sitter also reads as binary, are re-read first: see reread.ts.)
 */
export function binaryExpression(cx: Checker, node: Node): Expr {
  const op = node.childForFieldName('operator')!.text;
  const leftNode = node.childForFieldName('left')!;
  const rightNode = node.childForFieldName('right')!;
  if (op === '&&' || op === '||') {
    const left = scalarTest(cx, leftNode, cx.value(leftNode));
    const right = scalarTest(cx, rightNode, cx.value(rightNode));
    const folded =
      left.k === 'const' && right.k === 'const'
        ? op === '&&'
          ? !isZero(left.value) && !isZero(right.value)
          : !isZero(left.value) || !isZero(right.value)
        : null;
    if (folded !== null) return constant(cx, node, folded ? 1 : 0, T.int);
    return { k: 'logical', type: T.int, loc: cx.loc(node), op, left, right };
  }
  return binary(cx, node, op, cx.value(leftNode), cx.value(rightNode));
}

/**
 * An operand that must be scalar: of `!`, `&&`, `||` (C11 6.5.3.3p1, 6.5.13p2, 6.5.14p2) and a
 * controlling expression (C11 6.8.4.1p1, 6.8.5p2).
 */
export function scalarTest(cx: Checker, node: Node, e: Expr): Expr {
  if (!isScalar(e.type))
    cx.fail(
      node,
      `used ${e.type.kind === 'record' ? 'struct type' : typeName(e.type)} value where scalar is required`,
    );
  return e;
}

/** `!`, `-`, `+`, `~` (C11 6.5.3.3), on the promoted operand. */
export function unary(cx: Checker, node: Node, op: string, arg: Expr): Expr {
  const loc = cx.loc(node);
  if (op === '!') {
    scalarTest(cx, node, arg);
    if (arg.k === 'const') return constant(cx, node, isZero(arg.value) ? 1 : 0, T.int);
    return { k: 'unary', type: T.int, loc, op: '!', arg };
  }
  if (op === '~' ? !isInteger(arg.type) : !isArithmetic(arg.type)) {
    cx.fail(
      node,
      `wrong type argument to unary ${op === '~' ? 'complement' : op === '-' ? 'minus' : 'plus'}`,
    );
  }
  const t = promote(arg.type);
  const a = cast(arg, t);
  if (op === '+') return a;
  if (a.k === 'const') {
    const v =
      op === '-'
        ? foldBinary('-', typeof a.value === 'bigint' ? 0n : 0, a.value, t)
        : typeof a.value === 'bigint'
          ? ~a.value
          : ~Number(a.value);
    if (v !== null) return constant(cx, node, v, t);
  }
  return { k: 'unary', type: t, loc, op: op as '-' | '~', arg: a };
}

/** `*p` (C11 6.5.3.2p4). */
export function deref(cx: Checker, node: Node, ptr: Expr): Expr {
  if (ptr.type.kind !== 'pointer')
    cx.fail(node, `invalid type argument of unary '*' (have ${quoteType(ptr.type)})`);
  const to = ptr.type.to;
  if (to.kind === 'void') cx.warn(node, "dereferencing 'void *' pointer");
  return { k: 'deref', type: to, loc: cx.loc(node), arg: ptr };
}

/** `&x` (C11 6.5.3.2p1): of a function or an lvalue that is not a bit-field. */
export function addressOf(cx: Checker, node: Node, e: Expr): Expr {
  if (e.k === 'func') return { k: 'decay', type: pointerTo(e.type), loc: cx.loc(node), arg: e };
  if (!isLvalue(e)) cx.fail(node, "lvalue required as unary '&' operand");
  if (e.k === 'member' && e.field.bitWidth !== undefined)
    cx.fail(node, `cannot take address of bit-field '${e.field.name}'`);
  markAddressTaken(e);
  return { k: 'addr', type: pointerTo(e.type), loc: cx.loc(node), arg: e };
}

/** Arithmetic, comparison and bitwise operators with the usual conversions (C11 6.5.5-6.5.14). */
export function binary(cx: Checker, node: Node, op: string, left: Expr, right: Expr): Expr {
  const loc = cx.loc(node);
  const bad = (): never =>
    cx.fail(
      node,
      `invalid operands to binary ${op} (have ${quoteType(left.type)} and ${quoteType(right.type)})`,
    );
  const lp = left.type.kind === 'pointer';
  const rp = right.type.kind === 'pointer';
  if ((op === '+' || op === '-') && (lp || rp)) {
    if (op === '-' && lp && rp) {
      if (
        !sameType(
          unqualified((left.type as { to: CType }).to),
          unqualified((right.type as { to: CType }).to),
        )
      )
        bad();
      const to = (left.type as { to: CType }).to;
      return { k: 'ptrdiff', type: T.int, loc, left, right, scale: sizeOf(to) };
    }
    if (lp && isInteger(right.type)) return pointerArith(cx, node, op, left, right);
    if (rp && isInteger(left.type) && op === '+') return pointerArith(cx, node, op, right, left);
    return bad();
  }
  if (['==', '!=', '<', '>', '<=', '>='].includes(op) && (lp || rp)) {
    const other = lp ? right : left;
    if (lp && rp) {
      const a = unqualified((left.type as { to: CType }).to);
      const b = unqualified((right.type as { to: CType }).to);
      if (!sameType(a, b) && a.kind !== 'void' && b.kind !== 'void') {
        cx.warn(
          node,
          `comparison of distinct pointer types lacks a cast [-Wcompare-distinct-pointer-types]`,
        );
      }
    } else if (isInteger(other.type)) {
      if (!(other.k === 'const' && isZero(other.value)))
        cx.warn(node, 'comparison between pointer and integer');
    } else bad();
    const l = cast(left, T.uint);
    const r = cast(right, T.uint);
    return fold({
      k: 'binary',
      type: T.int,
      loc,
      op: op as BinaryOp,
      left: l,
      right: r,
      opType: T.uint,
    });
  }
  if (!isArithmetic(left.type) || !isArithmetic(right.type)) bad();
  if (
    ['%', '<<', '>>', '&', '|', '^'].includes(op) &&
    (!isInteger(left.type) || !isInteger(right.type))
  )
    bad();
  if (op === '<<' || op === '>>') {
    const lt = promote(left.type);
    const r = cast(right, promote(right.type));
    if (r.k === 'const' && (Number(r.value) < 0 || Number(r.value) >= sizeOf(lt) * 8)) {
      cx.warn(
        node,
        `${op === '<<' ? 'left' : 'right'} shift count ${Number(r.value) < 0 ? 'is negative' : '>= width of type'} [-Wshift-count-${Number(r.value) < 0 ? 'negative' : 'overflow'}]`,
      );
    }
    return fold({
      k: 'binary',
      type: lt,
      loc,
      op,
      left: cast(left, lt),
      right: cast(r, T.uint),
      opType: lt,
    });
  }
  const common = usualArithmetic(left.type, right.type);
  const l = cast(left, common);
  const r = cast(right, common);
  const isCmp = ['==', '!=', '<', '>', '<=', '>='].includes(op);
  if ((op === '/' || op === '%') && r.k === 'const' && isZero(r.value) && isInteger(common)) {
    cx.warn(node, 'division by zero [-Wdiv-by-zero]');
  }
  return fold({
    k: 'binary',
    type: isCmp ? T.int : common,
    loc,
    op: op as BinaryOp,
    left: l,
    right: r,
    opType: common,
  });
}

/** A binary expression of two constants, folded (C11 6.6). */
function fold(e: Expr & { k: 'binary' }): Expr {
  if (e.left.k === 'const' && e.right.k === 'const') {
    const v = foldBinary(e.op, e.left.value, e.right.value, e.opType);
    if (v !== null) return { k: 'const', type: e.type, loc: e.loc, value: convertValue(v, e.type) };
  }
  return e;
}

/** Pointer plus or minus an integer (C11 6.5.6p8), scaled by the pointed-to size. */
export function pointerArith(cx: Checker, node: Node, op: string, ptr: Expr, index: Expr): Expr {
  const to = (ptr.type as { to: CType }).to;
  if (!isComplete(to) && to.kind !== 'void')
    cx.fail(node, `invalid use of undefined type ${quoteType(to)}`);
  let i = cast(index, promote(index.type));
  if (is64(i.type)) i = cast(i, T.int);
  const e: Expr = {
    k: 'ptradd',
    type: ptr.type,
    loc: cx.loc(node),
    ptr,
    index: i,
    scale: sizeOf(to),
    negate: op === '-',
  };
  if (ptr.k === 'const' && i.k === 'const') {
    const v = Number(ptr.value) + (op === '-' ? -1 : 1) * Number(i.value) * sizeOf(to);
    return constant(cx, node, v >>> 0, ptr.type);
  }
  return e;
}

/** A 64-bit integer (long long): narrowed to int as a pointer offset on this 32-bit target. */
function is64(t: CType): boolean {
  return t.kind === 'int' && t.size === 8;
}
