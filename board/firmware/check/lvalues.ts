/**
 * Lvalues and address constants (C11 6.3.2.1, 6.6p9): which expressions designate objects, which
 * may take `&`, and which are constant enough to initialize an object with static storage.
 */
import type { Expr } from '../ast.ts';
import { isScalar } from '../types.ts';

/** The name of the unnamed object a compound literal creates (C11 6.5.2.5p4: an lvalue). */
export const COMPOUND_LITERAL = '(compound literal)';

/** Whether `e` designates an object (C11 6.3.2.1p1); GCC also takes a member of a call's result. */
export function isLvalue(e: Expr): boolean {
  if (e.k === 'stmtexpr') return e.result?.k === 'var' && e.result.sym.name === COMPOUND_LITERAL;
  return (
    e.k === 'var' ||
    e.k === 'deref' ||
    e.k === 'str' ||
    (e.k === 'member' && isLvalue(e.obj)) ||
    (e.k === 'member' && e.obj.k === 'call')
  );
}

/** `&x` keeps x in memory (not a register-like local slot). */
export function markAddressTaken(e: Expr): void {
  if (e.k === 'var') e.sym.inMemory = true;
  else if (e.k === 'member') markAddressTaken(e.obj);
}

/** Constant, or an address constant (C11 6.6p9): &global, "string", function, plus an offset. */
export function isAddressConstant(e: Expr): boolean {
  switch (e.k) {
    case 'const':
    case 'str':
    case 'func':
      return true;
    case 'decay':
      return isStaticLvalue(e.arg) || e.arg.k === 'func';
    case 'addr':
      return isStaticLvalue(e.arg);
    case 'cast':
      return isScalar(e.type) && isAddressConstant(e.arg);
    case 'ptradd':
      return isAddressConstant(e.ptr) && e.index.k === 'const';
    default:
      return false;
  }
}

/** An lvalue with static storage duration, whose address is a link-time constant. */
function isStaticLvalue(e: Expr): boolean {
  if (e.k === 'var') return e.sym.storage === 'global' || e.sym.storage === 'static';
  if (e.k === 'str') return true;
  if (e.k === 'member') return isStaticLvalue(e.obj);
  if (e.k === 'deref') return e.arg.k === 'ptradd' && isAddressConstant(e.arg);
  return false;
}
