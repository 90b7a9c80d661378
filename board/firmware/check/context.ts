/**
 * The checker's shared state, passed as `cx` to every handler module: the symbol table (a stack of
 * scopes, C11 6.2.1), what the unit has built so far (functions, globals, string literals, symbol
 * references), the function being checked, and the diagnostics, with the helpers that report them
 * at a tree-sitter node. Handlers are tables keyed by node kind; `dispatch` looks one up.
 *
 * It also carries the entry point of each syntactic category (`Syntax`: expressions, statements,
 * declarations, specifiers, declarators, initializers), wired once by unit.ts: a module checks a
 * child node of another category with `cx.expression(node)`, `cx.declarator(node, base)`, ...,
 * never by importing that category's module, so the modules' imports have no cycle.
 */
import type { Node } from 'web-tree-sitter';
import type {
  CaseStmt,
  Expr,
  FuncSym,
  FunctionDef,
  GlobalDef,
  Init,
  ScopeSpan,
  Stmt,
  Sym,
  SymbolRef,
  TranslationUnit,
  VarSym,
} from '../ast.ts';
import type { Attribute } from '../c-parser.ts';
import type { Diagnostic, LineMap, Severity, SourceLoc } from '../report.ts';
import { locate, locateDiagnostic } from '../report.ts';
import { T, pointerTo, type CType, type RecordInfo } from '../types.ts';
import { convertValue, type Value } from '../values.ts';
import type { Declarated } from './declarators.ts';
import type { Spec } from './specifiers.ts';
import { knownHeaderOf, missingHeaderNote } from './known-headers.ts';
import { suggestName, type FuzzyKind } from './spellcheck.ts';

/**
 * One block's identifiers. Ordinary identifiers (objects, functions, typedef names, enumeration
 * constants) and tags are separate name spaces (C11 6.2.3).
 */
export interface Scope {
  readonly names: Map<string, Sym>;
  readonly tags: Map<string, Tag>;
  /** When the block opened and closed, in the order blocks open and close (ast.ts ScopeSpan). */
  readonly span?: ScopeSpan;
}

export type Tag = { kind: 'record'; rec: RecordInfo; type: CType } | { kind: 'enum'; type: CType };

/** What is known while checking one function body. */
export interface FunctionContext {
  readonly sym: FuncSym;
  readonly locals: VarSym[];
  readonly labels: Map<string, SourceLoc>;
  readonly gotos: { label: string; loc: SourceLoc }[];
  /** Names already reported undeclared: GCC reports each once per function. */
  readonly undeclared: Set<string>;
  /** Locals read or written, for -Wunused-variable. */
  readonly used: Set<VarSym>;
  /** Enclosing loops and switches: where `break` is allowed (C11 6.8.6.3). */
  loops: number;
  readonly switches: { cases: CaseStmt[]; type: CType; values: Set<string> }[];
  staticCount: number;
}

/** Thrown by `fail` after the error is reported: abandons the expression or declaration. */
export class CheckError extends Error {}

/** A handler for one syntax node kind. */
export type Handler<R> = (cx: Checker, node: Node) => R;

/** The handler for `node`'s kind in `table`, if it has one (own keys only, not Object's). */
export function dispatch<H>(table: Readonly<Record<string, H>>, node: Node): H | undefined {
  return Object.hasOwn(table, node.type) ? table[node.type] : undefined;
}

/**
 * The entry point of each syntactic category, as its module defines it. unit.ts is the only module
 * that imports them; the others call them through the `Checker` methods of the same names.
 */
export interface Syntax {
  /** An expression as written, lvalues intact (expressions.ts). */
  expression(cx: Checker, node: Node): Expr;
  /** An expression whose value is used: arrays and functions decay (expressions.ts). */
  value(cx: Checker, node: Node): Expr;
  /** An integer constant expression (expressions.ts). */
  constInt(cx: Checker, node: Node): number;
  /** An `if`/`while`/`do`/`?:` condition (statements.ts). */
  condition(cx: Checker, node: Node): Expr;
  /** One block item, checked into `out` (statements.ts). */
  blockItem(cx: Checker, node: Node, out: Stmt[]): void;
  /** A block, in a new scope unless it is a function body (statements.ts). */
  compound(cx: Checker, node: Node, newScope?: boolean): Stmt;
  /** An object or function declaration (declarations.ts). */
  declaration(cx: Checker, node: Node, fileScope: boolean): Stmt[];
  /** A `typedef` (declarations.ts). */
  typedef(cx: Checker, node: Node): void;
  /** A declaration's specifiers (specifiers.ts). */
  specifiers(cx: Checker, node: Node): Spec;
  /** One type specifier: basic, typedef name, struct, union or enum (specifiers.ts). */
  typeSpecifier(cx: Checker, node: Node): CType;
  /** A declarator applied to its base type (declarators.ts). */
  declarator(cx: Checker, node: Node, base: CType): Declarated;
  /** A type name, as in casts and sizeof (declarators.ts). */
  typeDescriptor(cx: Checker, node: Node): CType;
  /** The initializer of `sym` (initializers.ts). */
  initializer(cx: Checker, node: Node, sym: VarSym, isStatic: boolean): Init;
  /** `(T){...}` (initializers.ts). */
  compoundLiteral(cx: Checker, node: Node): Expr;
}

export class Checker {
  readonly diagnostics: Diagnostic[] = [];
  readonly scopes: Scope[] = [{ names: new Map(), tags: new Map() }];
  readonly functions: FunctionDef[] = [];
  readonly globals: GlobalDef[] = [];
  /** Index into `globals` of each file-scope name's definition (tentative or not). */
  readonly globalIndex = new Map<string, number>();
  readonly strings: Uint8Array[] = [];
  readonly refs: SymbolRef[] = [];
  fn: FunctionContext | null = null;
  caseId = 0;

  readonly lineMap: LineMap;
  readonly file: string;
  readonly unitId: number;
  /** GNU attributes, blanked out of the parsed text by c-parser.ts, with their offsets. */
  readonly attributes: readonly Attribute[];
  sourceText: string | null = null;
  /** The unit's macro names at its end, in definition order: GCC suggests them too. */
  macroNames: readonly string[] = [];

  private readonly syntax: Syntax;

  constructor(
    syntax: Syntax,
    lineMap: LineMap,
    file: string,
    unitId: number,
    attributes: readonly Attribute[],
  ) {
    this.syntax = syntax;
    this.attributes = attributes;
    this.lineMap = lineMap;
    this.file = file;
    this.unitId = unitId;
    // GCC's builtin type for <stdarg.h>; AAPCS 7.1.4 makes va_list a pointer into the argument
    // area.
    this.scopes[0]!.names.set('__builtin_va_list', {
      kind: 'typedef',
      name: '__builtin_va_list',
      type: pointerTo(T.char),
    });
    // tree-sitter-c reads the keyword `_Bool` (what <stdbool.h>'s `bool` becomes) as a name; as
    // one the re-reading of `(_Bool)x` as a cast finds it (reread.ts).
    this.scopes[0]!.names.set('_Bool', { kind: 'typedef', name: '_Bool', type: T.bool });
  }

  unit(): TranslationUnit {
    return {
      file: this.file,
      functions: this.functions,
      globals: this.globals,
      strings: this.strings,
      refs: this.refs,
    };
  }

  get source(): string {
    return this.sourceText ?? '';
  }

  // ---- diagnostics ------------------------------------------------------------------------

  loc(node: Node): SourceLoc {
    return locate(this.lineMap, node.startPosition.row, node.startPosition.column);
  }

  /**
   * Set while checking an external declaration with a syntax error: the text offset of that error
   * (c-parser.ts reports it). tree-sitter's recovery reshapes the code around it, so what the
   * checker finds there is mostly an artefact GCC never prints (`void value not ignored`, unused
   * variables whose use was swallowed): only errors about nodes that end before that offset are reported.
   */
  muteFrom: number | null = null;
  private mutedLast = false;

  /**
   * Text offsets of undeclared names. GCC gives such a name error_mark_node, which silences every
   * later message about an expression containing it (no `lvalue required` for `cuont += i`).
   */
  readonly poisoned: number[] = [];
  /** Names declared with an unknown type name: their uses are poisoned too. */
  readonly errorTyped = new Set<string>();

  isPoisoned(node: Node): boolean {
    return this.poisoned.some((at) => at >= node.startIndex && at < node.endIndex);
  }

  report(node: Node | SourceLoc, severity: Severity, message: string): void {
    const isNode = 'startPosition' in node;
    if (isNode && severity !== 'note' && this.isPoisoned(node as Node)) return;
    if (this.muteFrom !== null) {
      const muted =
        severity === 'note'
          ? this.mutedLast
          : severity !== 'error' || !isNode || (node as Node).endIndex > this.muteFrom;
      this.mutedLast = muted;
      if (muted) return;
    }
    const start = isNode ? (node as Node).startPosition : null;
    const { at: where, notes } = start
      ? locateDiagnostic(this.lineMap, start.row, start.column)
      : { at: node as SourceLoc, notes: [] };
    const context = this.fn ? { inFunction: this.fn.sym.name } : {};
    this.diagnostics.push({ ...where, severity, message, ...context });
    for (const note of notes) this.diagnostics.push({ ...note, severity: 'note', ...context });
  }

  error(node: Node | SourceLoc, message: string): void {
    this.report(node, 'error', message);
  }

  warn(node: Node | SourceLoc, message: string): void {
    this.report(node, 'warning', message);
  }

  /** Reports an error and abandons the current expression or declaration. */
  fail(node: Node, message: string): never {
    this.error(node, message);
    throw new CheckError(message);
  }

  /**
   * Gives up on a node the grammar could not parse: the parser has already reported the syntax
   * error there (c-parser.ts, in GCC's words), so a second message would be noise GCC does not
   * print. A node without a syntax error gets `message`.
   */
  failUnparsed(node: Node, message: string): never {
    if (node.type === 'ERROR' || node.hasError) throw new CheckError(message);
    return this.fail(node, message);
  }

  // ---- scopes -----------------------------------------------------------------------------

  lookup(name: string): Sym | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i]!.names.get(name);
      if (s) return s;
    }
    return undefined;
  }

  lookupTag(name: string): Tag | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i]!.tags.get(name);
      if (s) return s;
    }
    return undefined;
  }

  /**
   * `'x' undeclared (first use in this function)` once per name and function, with GCC's note
   * after the first (gcc/c/c-decl.cc, undeclared_variable); at file scope `'x' undeclared here
   * (not in a function)` at every use. A name of the C library gets the note naming its header
   * instead of a suggestion. The node is poisoned, as GCC's error_mark_node, so nothing more is
   * said about expressions containing it.
   */
  undeclared(node: Node, name: string): void {
    const fn = this.fn;
    if (!fn?.undeclared.has(name)) {
      fn?.undeclared.add(name);
      const hint = this.suggest(name, 'name');
      const where = fn ? '(first use in this function)' : 'here (not in a function)';
      this.error(node, `'${name}' undeclared ${where}${hint ? `; did you mean '${hint}'?` : ''}`);
      this.missingHeader(node, name);
      if (fn?.undeclared.size === 1) {
        this.report(
          node,
          'note',
          'each undeclared identifier is reported only once for each function it appears in',
        );
      }
    }
    this.poisoned.push(node.startIndex);
  }

  /** GCC's note for a C library name used without its header (known-headers.ts), if it is one. */
  missingHeader(node: Node, name: string): void {
    const header = knownHeaderOf(name);
    if (header) this.includeNote(node, header, missingHeaderNote(name, header));
  }

  /** `file\0header` for each #include GCC has already suggested in a file. */
  private readonly suggestedIncludes = new Set<string>();

  /**
   * A note suggesting `#include <header>` for a use at `node`. GCC adds each such fix-it once per
   * file and places the note that first carries it at the fix-it's insertion point: the line after
   * the last #include read so far in the file, or its first line (gcc/c-family/c-common.cc,
   * maybe_add_include_fixit and get_include_insert_loc_for_file); later notes stay at the use.
   */
  includeNote(node: Node, header: string, message: string): void {
    const use = this.loc(node);
    const key = `${use.file}\0${header}`;
    if (this.suggestedIncludes.has(key)) return this.report(use, 'note', message);
    this.suggestedIncludes.add(key);
    this.report(
      includeInsertionPoint(this.lineMap, use.file, node.startPosition.row),
      'note',
      message,
    );
  }

  /** GCC's "did you mean" for an unknown name of `kind` (spellcheck.ts), or null. */
  suggest(name: string, kind: FuzzyKind): string | null {
    return suggestName(name, kind, this.scopes, this.macroNames);
  }

  isTypedef(name: string): boolean {
    return this.lookup(name)?.kind === 'typedef';
  }

  get scope(): Scope {
    return this.scopes[this.scopes.length - 1]!;
  }

  private scopeClock = 0;

  pushScope(): void {
    const span = { open: this.scopeClock++, close: Number.POSITIVE_INFINITY };
    this.scopes.push({ names: new Map(), tags: new Map(), span });
  }

  popScope(): void {
    const s = this.scopes.pop();
    if (s?.span) s.span.close = this.scopeClock++;
  }

  /**
   * The block of a local declared now, when it is nested inside the function's body (scopes[1]
   * holds the parameters and the body's own declarations): GCC may share its stack slot.
   */
  nestedSpan(): ScopeSpan | undefined {
    return this.scopes.length > 2 ? this.scope.span : undefined;
  }

  // ---- the syntactic categories (see Syntax) -----------------------------------------------

  expression(node: Node): Expr {
    return this.syntax.expression(this, node);
  }

  value(node: Node): Expr {
    return this.syntax.value(this, node);
  }

  constInt(node: Node): number {
    return this.syntax.constInt(this, node);
  }

  condition(node: Node): Expr {
    return this.syntax.condition(this, node);
  }

  blockItem(node: Node, out: Stmt[]): void {
    this.syntax.blockItem(this, node, out);
  }

  compound(node: Node, newScope?: boolean): Stmt {
    return this.syntax.compound(this, node, newScope);
  }

  declaration(node: Node, fileScope: boolean): Stmt[] {
    return this.syntax.declaration(this, node, fileScope);
  }

  typedef(node: Node): void {
    this.syntax.typedef(this, node);
  }

  specifiers(node: Node): Spec {
    return this.syntax.specifiers(this, node);
  }

  typeSpecifier(node: Node): CType {
    return this.syntax.typeSpecifier(this, node);
  }

  declarator(node: Node, base: CType): Declarated {
    return this.syntax.declarator(this, node, base);
  }

  typeDescriptor(node: Node): CType {
    return this.syntax.typeDescriptor(this, node);
  }

  initializer(node: Node, sym: VarSym, isStatic: boolean): Init {
    return this.syntax.initializer(this, node, sym, isStatic);
  }

  compoundLiteral(node: Node): Expr {
    return this.syntax.compoundLiteral(this, node);
  }
}

/** A constant of `type` (the value converted to it) at `node`. */
export function constant(cx: Checker, node: Node | SourceLoc, value: Value, type: CType): Expr {
  const loc = 'startPosition' in node ? cx.loc(node as Node) : (node as SourceLoc);
  return { k: 'const', type, loc, value: convertValue(value, type) };
}

/**
 * Where GCC inserts a missing #include in `file`, seen from output row `row`: the first line of
 * the file after its last #include above that row (the preprocessor writes a header's lines in
 * place of its #include, so that is where the file's lines resume), else line 1.
 */
export function includeInsertionPoint(lineMap: LineMap, file: string, row: number): SourceLoc {
  let line = 1;
  for (let i = 1; i <= row && i < lineMap.length; i++) {
    const here = lineMap[i]!;
    if (here.file === file && lineMap[i - 1]!.file !== file) line = here.line;
  }
  return { file, line, column: 1 };
}
