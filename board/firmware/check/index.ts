/**
 * The C front end's semantic pass: walks tree-sitter's concrete syntax tree with a symbol table
 * (scopes for ordinary identifiers, typedef names and tags, C11 6.2.1/6.2.3), builds the checked
 * AST of ast.ts, and reports what GCC 12 reports, in its words. tree-sitter parses without knowing
 * typedef names, so the few shapes it gets wrong are re-read as a C compiler would (reread.ts).
 *
 * One module per concern, each a table of handlers per syntax node kind where the concern has
 * one, sharing the checker's state (context.ts). A module checks a node of another syntactic
 * category through that state (`cx.expression(node)`, `cx.declarator(node, base)`, ...), which
 * unit.ts wires to the categories' modules once, so the modules import one another without cycles:
 *   unit.ts          the translation unit, the entry point checkUnit, and that wiring
 *   specifiers.ts    declaration specifiers: basic types, typedef names, struct/union/enum
 *   declarators.ts   declarators, parameter lists, type names
 *   declarations.ts  typedefs, objects and functions, with their linkage and redeclarations
 *   initializers.ts  initializer lists, designators, string initializers, compound literals
 *   functions.ts     function definitions and the -Wall checks at their end
 *   statements.ts    blocks and statements;  asm.ts  the inline assembly the simulator accepts
 *   expressions.ts   names, members, subscripts, ?:, sizeof; literals.ts  constants and strings
 *   operators.ts     unary and binary operators; assignment.ts  =, op=, ++, --
 *   calls.ts         calls, implicit declarations, intrinsics (builtins.ts)
 *   conversions.ts   implicit conversions, casts, conversion as if by assignment
 *   lvalues.ts       lvalues and address constants;  attributes.ts  GNU attributes
 *   spellcheck.ts    GCC's "did you mean";  known-headers.ts  the C library names GCC knows the
 *                    header of, for its "did you forget to '#include <stdint.h>'?" note
 */
export type { EnumConstSym } from '../ast.ts';
export { INTRINSICS } from './builtins.ts';
export { decodeEscapes } from './literals.ts';
export { isAddressConstant, isLvalue } from './lvalues.ts';
export { checkUnit, type CheckResult } from './unit.ts';
