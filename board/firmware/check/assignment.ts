/**
 * Assignment and increment/decrement operators: the expressions that write an lvalue, with GCC's
 * errors for read-only and non-lvalue targets.
 */
import type { Node } from 'web-tree-sitter';
import type { BinaryOp, Expr } from '../ast.ts';
import {
  T,
  isComplete,
  isInteger,
  isScalar,
  quoteType,
  sizeOf,
  unqualified,
  usualArithmetic,
} from '../types.ts';
import type { Checker } from './context.ts';
import { cast, convertFor, decay } from './conversions.ts';
import { isLvalue } from './lvalues.ts';
import { binary } from './operators.ts';

/**
 * `=` and the compound assignments (C11 6.5.16): the target must be a modifiable lvalue; the value
 * converts as if by assignment (C11 6.5.16.1).
 */
export function assignment(cx: Checker, node: Node, op: string, target: Expr, value: Expr): Expr {
  const loc = cx.loc(node);
  if (!isLvalue(target) || target.type.kind === 'array' || target.type.kind === 'function') {
    cx.fail(node, `lvalue required as left operand of assignment`);
  }
  checkWritable(cx, node, target);
  if (op === '=') {
    if (target.type.kind === 'record' && !isComplete(target.type))
      cx.fail(node, 'invalid use of undefined type');
    return {
      k: 'assign',
      type: unqualified(target.type),
      loc,
      target,
      value: convertFor(cx, node, value, target.type, 'assigning'),
    };
  }
  const bop = op.slice(0, -1) as BinaryOp;
  if (target.type.kind === 'pointer' && (bop === '+' || bop === '-')) {
    if (!isInteger(value.type))
      cx.fail(
        node,
        `invalid operands to binary ${bop} (have ${quoteType(target.type)} and ${quoteType(value.type)})`,
      );
    return {
      k: 'compound',
      type: target.type,
      loc,
      op: bop,
      target,
      value: cast(value, T.int),
      opType: T.int,
      scale: sizeOf(target.type.to),
    };
  }
  // Type-check `target op value` as a binary expression; the result converts back (C11 6.5.16.2).
  const probe = binary(cx, node, bop, decay(target), value);
  if (probe.k !== 'binary' && probe.k !== 'const')
    cx.fail(node, `invalid operands to binary ${bop}`);
  const opType = probe.k === 'binary' ? probe.opType : usualArithmetic(target.type, value.type);
  const rhs = bop === '<<' || bop === '>>' ? cast(value, T.uint) : cast(value, opType);
  return {
    k: 'compound',
    type: unqualified(target.type),
    loc,
    op: bop,
    target,
    value: rhs,
    opType,
    scale: 1,
  };
}

/** A const-qualified target is not a modifiable lvalue (C11 6.3.2.1p1). */
function checkWritable(cx: Checker, node: Node, target: Expr): void {
  if (target.type.isConst) {
    const name =
      target.k === 'var'
        ? `variable '${target.sym.name}'`
        : target.k === 'member'
          ? `member '${target.field.name}'`
          : 'location';
    cx.fail(node, `assignment of read-only ${name}`);
  }
}

/** `++` and `--` (C11 6.5.2.4, 6.5.3.1): a pointer steps by the size of what it points to. */
export function incdec(
  cx: Checker,
  node: Node,
  op: '+' | '-',
  prefix: boolean,
  target: Expr,
): Expr {
  if (!isLvalue(target) || !isScalar(target.type)) {
    cx.fail(node, `lvalue required as ${op === '+' ? 'increment' : 'decrement'} operand`);
  }
  if (target.type.isConst) {
    const name = target.k === 'var' ? `variable '${target.sym.name}'` : 'location';
    cx.fail(node, `${op === '+' ? 'increment' : 'decrement'} of read-only ${name}`);
  }
  const step = target.type.kind === 'pointer' ? sizeOf(target.type.to) : 1;
  return {
    k: 'incdec',
    type: unqualified(target.type),
    loc: cx.loc(node),
    op,
    prefix,
    target,
    step,
  };
}
