/**
 * The checked AST: every expression carries its C type, implicit conversions are explicit `cast`
 * nodes, array decay and pointer scaling are spelled out, and every name points at its symbol.
 * The compiler (compile.ts) turns it into JavaScript without looking at types again beyond
 * choosing the arithmetic for each node.
 */
import type { CType, Field } from './types.ts';
import type { SourceLoc } from './report.ts';

export interface VarSym {
  readonly kind: 'var';
  readonly name: string;
  type: CType;
  readonly storage: 'local' | 'param' | 'global' | 'static';
  /** Linker-visible name for globals and static locals (file statics get a TU-private name). */
  readonly linkName: string;
  readonly external: boolean;
  /** Address taken (or an aggregate): lives in memory; otherwise a JS local. */
  inMemory: boolean;
  defined: boolean;
  readonly loc: SourceLoc;
  /** Index among the function's locals (assigned by the checker). */
  slot: number;
  /** `__attribute__((aligned(N)))`: a stricter alignment than the type's. */
  align?: number;
  /** The value of a `const` integer initialized with a constant (for array sizes). */
  constValue?: number;
  /** For a local in a block nested in the function's body: that block's extent. */
  scope?: ScopeSpan;
}

/**
 * A block's extent: `open` and `close` count block openings and closings in source order, so two
 * blocks overlap exactly when one's span contains the other's.
 */
export interface ScopeSpan {
  readonly open: number;
  close: number;
}

export interface FuncSym {
  readonly kind: 'func';
  readonly name: string;
  type: CType & { kind: 'function' };
  readonly linkName: string;
  readonly external: boolean;
  readonly isInline: boolean;
  /**
   * C11 6.7.4p7: every file-scope declaration says `inline` and none `extern`, so the definition
   * here is an inline definition and provides no external symbol (GCC at -O0 then calls the
   * external one, which another unit must define).
   */
  inlineDefinitionOnly: boolean;
  /** `__attribute__((weak))`: a definition elsewhere that is not weak wins at link time. */
  weak: boolean;
  defined: boolean;
  implicit: boolean;
  readonly loc: SourceLoc;
  /** Each parameter's declarator in the prototype in force, where GCC's argument notes point. */
  paramLocs?: readonly SourceLoc[];
}

export interface EnumConstSym {
  readonly kind: 'enumconst';
  readonly name: string;
  readonly value: number;
  readonly type: CType;
}

export interface TypedefSym {
  readonly kind: 'typedef';
  readonly name: string;
  readonly type: CType;
}

export type Sym = VarSym | FuncSym | EnumConstSym | TypedefSym;

type E<K extends string, X> = { readonly k: K; readonly type: CType; readonly loc: SourceLoc } & X;

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '<<'
  | '>>'
  | '&'
  | '|'
  | '^'
  | '=='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>=';

export type Expr =
  | E<'const', { value: number | bigint }>
  | E<'str', { id: number }>
  | E<'var', { sym: VarSym }>
  | E<'func', { sym: FuncSym }>
  | E<'unary', { op: '-' | '~' | '!'; arg: Expr }>
  | E<'deref', { arg: Expr }>
  | E<'addr', { arg: Expr }>
  /** Arithmetic on operands already converted to a common type (shifts: each promoted). */
  | E<'binary', { op: BinaryOp; left: Expr; right: Expr; opType: CType }>
  /** pointer + index * scale (index is a 32-bit integer, the sign given by its type). */
  | E<'ptradd', { ptr: Expr; index: Expr; scale: number; negate: boolean }>
  | E<'ptrdiff', { left: Expr; right: Expr; scale: number }>
  | E<'logical', { op: '&&' | '||'; left: Expr; right: Expr }>
  | E<'assign', { target: Expr; value: Expr }>
  /** target op= value, evaluated in opType (the usual arithmetic conversions), then converted back. */
  | E<'compound', { op: BinaryOp; target: Expr; value: Expr; opType: CType; scale: number }>
  | E<'incdec', { op: '+' | '-'; prefix: boolean; target: Expr; step: number }>
  | E<'cond', { test: Expr; then: Expr; else: Expr }>
  | E<'comma', { left: Expr; right: Expr }>
  | E<'call', { callee: Expr; args: Expr[]; fnType: CType & { kind: 'function' } }>
  | E<'member', { obj: Expr; field: Field }>
  | E<'cast', { arg: Expr }>
  /** Array (or function) designator to pointer, C11 6.3.2.1p3. */
  | E<'decay', { arg: Expr }>
  | E<'intrinsic', { name: string; args: Expr[] }>
  /** GNU statement expression `({ ...; value; })`, as the Xilinx BSP's mfcpsr() uses. */
  | E<'stmtexpr', { body: Stmt[]; result: Expr | null }>;

export interface InitItem {
  readonly offset: number;
  readonly type: CType;
  readonly expr: Expr;
  readonly bitField?: Field;
}

/** A flattened initializer: scalars at byte offsets; the rest of the object is zero. */
export interface Init {
  readonly items: InitItem[];
  readonly size: number;
}

type S<K extends string, X> = { readonly k: K; readonly loc: SourceLoc } & X;

export type Stmt =
  | S<'expr', { expr: Expr }>
  | S<'decl', { sym: VarSym; init: Init | null }>
  | S<'block', { body: Stmt[] }>
  | S<'if', { test: Expr; then: Stmt; else: Stmt | null }>
  | S<'while', { test: Expr; body: Stmt }>
  | S<'do', { body: Stmt; test: Expr }>
  | S<'for', { init: Stmt[]; test: Expr | null; update: Expr | null; body: Stmt }>
  | S<'switch', { test: Expr; body: Stmt; cases: CaseStmt[] }>
  | CaseStmt
  | S<'break', object>
  | S<'continue', object>
  | S<'return', { value: Expr | null }>
  | S<'goto', { label: string }>
  | S<'label', { name: string; body: Stmt }>
  | S<'empty', object>;

export type CaseStmt = S<'case', { value: number | bigint | null; id: number }>;

export interface FunctionDef {
  readonly sym: FuncSym;
  readonly params: VarSym[];
  readonly locals: VarSym[];
  readonly body: Stmt;
  readonly loc: SourceLoc;
  /** Static locals become TU globals; listed so the linker can place them. */
  readonly file: string;
}

export interface GlobalDef {
  readonly sym: VarSym;
  readonly init: Init | null;
  /** Tentative definition (C11 6.9.2): `int x;` at file scope, merged like GCC's -fcommon off. */
  readonly tentative: boolean;
}

/** A use of a symbol that the linker must resolve (a relocation in GNU ld's terms). */
export interface SymbolRef {
  readonly name: string;
  /** Enclosing function, or null at file scope (a data relocation). */
  readonly inFunction: string | null;
  readonly loc: SourceLoc;
}

export interface TranslationUnit {
  readonly file: string;
  readonly functions: FunctionDef[];
  readonly globals: GlobalDef[];
  readonly strings: Uint8Array[];
  /** Functions declared (not defined) with external linkage, and every use of an external name. */
  readonly refs: SymbolRef[];
}
