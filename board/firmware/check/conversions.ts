/**
 * Conversions (C11 6.3): the implicit ones (`cast`, and `decay` of arrays and functions to
 * pointers), the cast operator's, and conversion as if by assignment, which assignments,
 * initializers, returns and arguments share, with GCC 12's wording for each of the four and its
 * -Wint-conversion and pointer-type warnings.
 */
import type { Node } from 'web-tree-sitter';
import type { Expr } from '../ast.ts';
import type { SourceLoc } from '../report.ts';
import {
  isArithmetic,
  isInteger,
  isScalar,
  pointerTo,
  quoteType,
  sameType,
  sizeOf,
  unqualified,
  type CType,
} from '../types.ts';
import { convertValue, isZero } from '../values.ts';
import { CheckError, type Checker } from './context.ts';

/** A cast operator (C11 6.5.4): to void or a scalar type, from a scalar, with GCC's checks. */
export function explicitCast(cx: Checker, node: Node, e: Expr, type: CType): Expr {
  if (type.kind === 'void') return { k: 'cast', type, loc: cx.loc(node), arg: e };
  if (type.kind === 'record' || type.kind === 'array')
    cx.fail(node, 'conversion to non-scalar type requested');
  if (!isScalar(e.type)) {
    if (e.type.kind === 'void') cx.fail(node, 'void value not ignored as it ought to be');
    const message = `aggregate value used where ${isInteger(type) ? 'an integer' : type.kind === 'float' ? 'a floating-point' : 'a pointer'} was expected`;
    // GCC 12 reports this one at input_location (c-convert.cc, convert_to_integer and the
    // others): the start of the block item being parsed, and for a macro's expansion at its use
    // without notes on it.
    if (cx.isPoisoned(node)) throw new CheckError(message);
    cx.error(cx.loc(blockItemOf(node)), message);
    throw new CheckError(message);
  }
  if (type.kind === 'pointer' && e.type.kind === 'float')
    cx.fail(node, 'cannot convert to a pointer type');
  if (type.kind === 'float' && e.type.kind === 'pointer')
    cx.fail(node, 'pointer value used where a floating-point was expected');
  if (type.kind === 'pointer' && isInteger(e.type) && sizeOf(e.type) !== 4 && e.k !== 'const') {
    cx.warn(node, 'cast to pointer from integer of different size [-Wint-to-pointer-cast]');
  }
  return cast(e, type, true);
}

/** Array-to-pointer and function-to-pointer conversion (C11 6.3.2.1p3-4). */
export function decay(e: Expr): Expr {
  if (e.type.kind === 'array')
    return { k: 'decay', type: pointerTo(e.type.of), loc: e.loc, arg: e };
  if (e.type.kind === 'function')
    return { k: 'decay', type: pointerTo(e.type), loc: e.loc, arg: e };
  return e;
}

/** An implicit or checked conversion to `type`; constants fold. */
export function cast(e: Expr, type: CType, force = false): Expr {
  const target = unqualified(type);
  if (
    !force &&
    sameType(unqualified(e.type), target) &&
    (target.kind !== 'int' || e.type.kind !== 'int' || !!e.type.enumTag === !!target.enumTag)
  )
    return e;
  if (target.kind === 'void') return { k: 'cast', type: target, loc: e.loc, arg: e };
  if (e.k === 'const' && isScalar(target))
    return {
      k: 'const',
      type: target,
      loc: e.loc,
      value: convertValue(e.value, target, e.type.kind === 'float'),
    };
  if (!force && sameType(unqualified(e.type), target)) return e;
  return { k: 'cast', type: target, loc: e.loc, arg: e };
}

/** Conversion as if by assignment (C11 6.5.16.1), with GCC 12's errors and warnings. */
export function convertFor(
  cx: Checker,
  node: Node,
  e: Expr,
  type: CType,
  what: 'assigning' | 'initializing' | 'returning' | 'passing',
  arg?: { index: number; fname: string; declared?: SourceLoc },
): Expr {
  const to = unqualified(type);
  const from = e.type;
  const tn = quoteType(to);
  const fn = quoteType(from);
  const passing = arg ? `passing argument ${arg.index} of '${arg.fname}'` : '';
  const incompatible = (): never => {
    if (passing) {
      cx.error(node, `incompatible type for argument ${arg!.index} of '${arg!.fname}'`);
      cx.report(node, 'note', `expected ${tn} but argument is of type ${fn}`);
      throw new CheckError('incompatible');
    }
    const phrase = {
      assigning: `incompatible types when assigning to type ${tn} from type ${fn}`,
      initializing: `incompatible types when initializing type ${tn} using type ${fn}`,
      returning: `incompatible types when returning type ${fn} but ${tn} was expected`,
      passing: '',
    }[what];
    return cx.fail(node, phrase);
  };
  const conversionWarning = (detail: string, flag: string): void => {
    const head = passing
      ? `${passing} ${detail}`
      : {
          assigning: `assignment to ${tn} from ${fn} ${detail}`,
          initializing: `initialization of ${tn} from ${fn} ${detail}`,
          returning: `returning ${fn} from a function with return type ${tn} ${detail}`,
          passing: '',
        }[what];
    cx.warn(node, `${head} [${flag}]`);
    expectedNote();
  };
  // GCC follows an argument warning with the parameter's type, at the declaration.
  const expectedNote = (): void => {
    if (arg)
      cx.report(arg.declared ?? node, 'note', `expected ${tn} but argument is of type ${fn}`);
  };
  if (from.kind === 'void') cx.fail(node, 'void value not ignored as it ought to be');
  if (to.kind === 'record') {
    if (from.kind !== 'record' || from.rec !== to.rec) incompatible();
    return e;
  }
  if (from.kind === 'record') incompatible();
  if (isArithmetic(to) && isArithmetic(from)) return cast(e, to);
  if (to.kind === 'pointer') {
    if (isInteger(from)) {
      if (!(e.k === 'const' && isZero(e.value)))
        conversionWarning('makes pointer from integer without a cast', '-Wint-conversion');
      return cast(e, to);
    }
    if (from.kind !== 'pointer') incompatible();
    const a = to.to;
    const b = (from as { to: CType }).to;
    if (a.kind !== 'void' && b.kind !== 'void' && !sameType(unqualified(a), unqualified(b))) {
      // GCC words this one differently from the other conversion warnings.
      const flag = '[-Wincompatible-pointer-types]';
      cx.warn(
        node,
        passing
          ? `${passing} from incompatible pointer type ${flag}`
          : {
              assigning: `assignment to ${tn} from incompatible pointer type ${fn} ${flag}`,
              initializing: `initialization of ${tn} from incompatible pointer type ${fn} ${flag}`,
              returning: `returning ${fn} from a function with incompatible return type ${tn} ${flag}`,
              passing: '',
            }[what],
      );
      expectedNote();
    } else if (b.isConst && !a.isConst) {
      conversionWarning(
        "discards 'const' qualifier from pointer target type",
        '-Wdiscarded-qualifiers',
      );
    }
    return cast(e, to);
  }
  if (isInteger(to) && from.kind === 'pointer') {
    conversionWarning('makes integer from pointer without a cast', '-Wint-conversion');
    return cast(e, to);
  }
  return incompatible();
}

/** The statement or declaration directly in a block (or at file scope) that holds `node`. */
function blockItemOf(node: Node): Node {
  let n = node;
  while (n.parent && n.parent.type !== 'compound_statement' && n.parent.type !== 'translation_unit')
    n = n.parent;
  return n;
}
