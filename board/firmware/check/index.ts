/**
 * The C front end's semantic pass: walks tree-sitter's concrete syntax tree with a symbol table
 * (scopes for ordinary identifiers, typedef names and tags, C11 6.2.1/6.2.3), builds the checked
 * AST of ast.ts, and reports what GCC 12 reports, in its words. tree-sitter parses without knowing
 * typedef names (toolchain.md P23), so the few shapes it gets wrong are re-read here, as a C
 * compiler's lexer would have resolved them: `(T)(x)` is a cast, not a call; `(T)-x` / `(T)*p`
 * are casts, not subtractions; `x * y;` is a multiplication when `x` is not a type.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type {
  BinaryOp,
  CaseStmt,
  EnumConstSym,
  Expr,
  FuncSym,
  FunctionDef,
  GlobalDef,
  Init,
  InitItem,
  Stmt,
  Sym,
  SymbolRef,
  TranslationUnit,
  VarSym,
} from '../ast.ts';
import type { Attribute } from '../c-parser.ts';
import type { Diagnostic, LineMap, Severity, SourceLoc } from '../report.ts';
import { locate } from '../report.ts';
import {
  T,
  alignOf,
  findField,
  isArithmetic,
  isComplete,
  isInteger,
  isScalar,
  layoutRecord,
  pointerTo,
  promote,
  sameType,
  sizeOf,
  quoteType,
  typeName,
  unqualified,
  usualArithmetic,
  withQuals,
  type CType,
  type RecordInfo,
} from '../types.ts';
import { convertValue, foldBinary, isZero, type Value } from '../values.ts';

/** Intrinsics the engine implements; the board's BSP headers and `__asm__` statements reach them. */
export const INTRINSICS: Record<string, { ret: CType; params: CType[] }> = {
  __host_putchar: { ret: T.int, params: [T.int] },
  __host_exit: { ret: T.void, params: [T.int] },
  __wfi: { ret: T.void, params: [] },
  __wfe: { ret: T.void, params: [] },
  __sev: { ret: T.void, params: [] },
  __dmb: { ret: T.void, params: [] },
  __dsb: { ret: T.void, params: [] },
  __isb: { ret: T.void, params: [] },
  __nop: { ret: T.void, params: [] },
  __get_cpsr: { ret: T.uint, params: [] },
  __set_cpsr: { ret: T.void, params: [T.uint] },
  __cpu_id: { ret: T.uint, params: [] },
  __builtin_va_start: { ret: T.void, params: [pointerTo(pointerTo(T.char))] },
  __builtin_va_end: { ret: T.void, params: [pointerTo(pointerTo(T.char))] },
  __builtin_va_arg_ptr: {
    ret: pointerTo(T.void),
    params: [pointerTo(pointerTo(T.char)), T.uint, T.uint],
  },
};

/** C library functions GCC treats as built-ins, with the header that declares each. */
const BUILTIN_HEADERS: Record<string, string> = {
  printf: 'stdio.h',
  sprintf: 'stdio.h',
  snprintf: 'stdio.h',
  puts: 'stdio.h',
  putchar: 'stdio.h',
  memcpy: 'string.h',
  memmove: 'string.h',
  memset: 'string.h',
  memcmp: 'string.h',
  strlen: 'string.h',
  strcmp: 'string.h',
  strncmp: 'string.h',
  strcpy: 'string.h',
  strncpy: 'string.h',
  strcat: 'string.h',
  strchr: 'string.h',
  malloc: 'stdlib.h',
  calloc: 'stdlib.h',
  free: 'stdlib.h',
  abs: 'stdlib.h',
  exit: 'stdlib.h',
  abort: 'stdlib.h',
};

const COMPATIBLE_WITH_IMPLICIT_INT = new Set([
  'puts',
  'putchar',
  'memcmp',
  'strcmp',
  'strncmp',
  'abs',
]);

/** Inline assembly we accept: the barrier, event and interrupt-mask instructions of the A9. */
const ASM: Record<string, string> = {
  sev: '__sev',
  wfi: '__wfi',
  wfe: '__wfe',
  nop: '__nop',
  dmb: '__dmb',
  dsb: '__dsb',
  isb: '__isb',
};

interface Scope {
  readonly names: Map<string, Sym>;
  readonly tags: Map<string, Tag>;
}

type Tag = { kind: 'record'; rec: RecordInfo; type: CType } | { kind: 'enum'; type: CType };

interface Spec {
  type: CType;
  storage: 'static' | 'extern' | 'typedef' | null;
  isInline: boolean;
  weak: boolean;
}

interface Declarated {
  name: string;
  nameNode: Node | null;
  type: CType;
  params: { name: string; type: CType; loc: SourceLoc }[] | null;
}

interface FunctionContext {
  readonly sym: FuncSym;
  readonly locals: VarSym[];
  readonly labels: Map<string, SourceLoc>;
  readonly gotos: { label: string; loc: SourceLoc }[];
  readonly undeclared: Set<string>;
  readonly used: Set<VarSym>;
  loops: number;
  readonly switches: { cases: CaseStmt[]; type: CType; values: Set<string> }[];
  staticCount: number;
}

export interface CheckResult {
  readonly unit: TranslationUnit;
  readonly diagnostics: Diagnostic[];
}

export function checkUnit(
  tree: Tree,
  lineMap: LineMap,
  file: string,
  unitId = 0,
  parsed: { attributes: readonly Attribute[]; text: string } = { attributes: [], text: '' },
): CheckResult {
  const checker = new Checker(lineMap, file, unitId, parsed.attributes);
  checker.sourceText = parsed.text;
  checker.translationUnit(tree.rootNode);
  return { unit: checker.unit(), diagnostics: checker.diagnostics };
}

class CheckError extends Error {}

class Checker {
  readonly diagnostics: Diagnostic[] = [];
  private readonly scopes: Scope[] = [{ names: new Map(), tags: new Map() }];
  private readonly functions: FunctionDef[] = [];
  private readonly globals: GlobalDef[] = [];
  private readonly globalIndex = new Map<string, number>();
  private readonly strings: Uint8Array[] = [];
  private readonly refs: SymbolRef[] = [];
  private fn: FunctionContext | null = null;
  private caseId = 0;

  private readonly lineMap: LineMap;
  private readonly file: string;
  private readonly unitId: number;

  private readonly attributes: readonly Attribute[];

  constructor(lineMap: LineMap, file: string, unitId: number, attributes: readonly Attribute[]) {
    this.attributes = attributes;
    this.lineMap = lineMap;
    this.file = file;
    this.unitId = unitId;
    // GCC's builtin type for <stdarg.h>; AAPCS 7.1.4 makes va_list a pointer into the argument area.
    this.scopes[0]!.names.set('__builtin_va_list', {
      kind: 'typedef',
      name: '__builtin_va_list',
      type: pointerTo(T.char),
    });
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

  // ---- diagnostics ------------------------------------------------------------------------

  private loc(node: Node): SourceLoc {
    return locate(this.lineMap, node.startPosition.row, node.startPosition.column);
  }

  private report(node: Node | SourceLoc, severity: Severity, message: string): void {
    const where = 'startPosition' in node ? this.loc(node as Node) : (node as SourceLoc);
    const inFunction = this.fn?.sym.name;
    this.diagnostics.push({ ...where, severity, message, ...(inFunction ? { inFunction } : {}) });
  }

  private error(node: Node | SourceLoc, message: string): void {
    this.report(node, 'error', message);
  }

  private warn(node: Node | SourceLoc, message: string): void {
    this.report(node, 'warning', message);
  }

  /** Reports an error and abandons the current expression or declaration. */
  private fail(node: Node, message: string): never {
    this.error(node, message);
    throw new CheckError(message);
  }

  // ---- GNU attributes (blanked out of the parsed text, c-parser.ts) ---------------------------

  /** Attributes written in a declaration's head (before a function body) or after it, up to `;`. */
  private attributesOf(node: Node): string[] {
    const body = node.childForFieldName('body');
    const end =
      body && node.type === 'function_definition' ? body.startIndex : this.declarationEnd(node);
    // Attributes written before the declaration (`__attribute__((weak)) void f(...)`) belong to it.
    let start = node.startIndex;
    for (let i = this.attributes.length - 1; i >= 0; i--) {
      const a = this.attributes[i]!;
      if (a.end <= start && /^\s*$/.test(this.source.slice(a.end, start))) start = a.start;
    }
    return this.attributes.filter((a) => a.start >= start && a.start < end).map((a) => a.text);
  }

  /** The end of a node plus the blanked attributes that follow it, up to the next token. */
  private declarationEnd(node: Node): number {
    let end = node.endIndex;
    for (const a of this.attributes) {
      if (a.start >= end && /^\s*$/.test(this.source.slice(end, a.start))) end = a.end;
    }
    return end;
  }

  private get source(): string {
    return this.sourceText ?? '';
  }

  sourceText: string | null = null;

  private hasAttribute(node: Node, pattern: RegExp): boolean {
    if (
      node.type !== 'declaration' &&
      node.type !== 'function_definition' &&
      !node.type.endsWith('_specifier')
    )
      return false;
    return this.attributesOf(node).some((a) => pattern.test(a));
  }

  /** `aligned(N)` on a declaration, else null. */
  private alignedAttribute(node: Node): number | null {
    for (const a of this.attributesOf(node)) {
      const m = /\baligned\s*\(\s*(\d+)\s*\)/.exec(a);
      if (m) return Number(m[1]);
    }
    return null;
  }

  // ---- scopes -----------------------------------------------------------------------------

  private lookup(name: string): Sym | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i]!.names.get(name);
      if (s) return s;
    }
    return undefined;
  }

  private lookupTag(name: string): Tag | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i]!.tags.get(name);
      if (s) return s;
    }
    return undefined;
  }

  private isTypedef(name: string): boolean {
    return this.lookup(name)?.kind === 'typedef';
  }

  private get scope(): Scope {
    return this.scopes[this.scopes.length - 1]!;
  }

  private pushScope(): void {
    this.scopes.push({ names: new Map(), tags: new Map() });
  }

  private popScope(): void {
    this.scopes.pop();
  }

  // ---- translation unit -------------------------------------------------------------------

  translationUnit(root: Node): void {
    for (const child of root.namedChildren) {
      if (!child) continue;
      try {
        this.externalDeclaration(child);
      } catch (e) {
        if (!(e instanceof CheckError)) throw e;
      }
    }
    // C11 6.9.2: a tentative definition with no initializer anywhere in the unit is zero.
    for (const g of this.globals) g.sym.defined = true;
    this.unusedStatics();
  }

  /** -Wall at the end of the unit: static functions and variables nothing refers to. */
  private unusedStatics(): void {
    const referenced = new Set(this.refs.map((r) => r.name));
    for (const f of this.functions) {
      const s = f.sym;
      // GCC does not warn about unused static inline functions (headers are full of them).
      if (!s.external && !s.isInline && !referenced.has(s.linkName)) {
        this.warn(s.loc, `'${s.name}' defined but not used [-Wunused-function]`);
      }
    }
    for (const g of this.globals) {
      const s = g.sym;
      if (s.storage === 'global' && !s.external && !referenced.has(s.linkName)) {
        this.warn(s.loc, `'${s.name}' defined but not used [-Wunused-variable]`);
      }
    }
  }

  private externalDeclaration(node: Node): void {
    switch (node.type) {
      case 'function_definition':
        return this.functionDefinition(node);
      case 'declaration':
        this.declaration(node, true);
        return;
      case 'type_definition':
        return this.typedef(node);
      case 'struct_specifier':
      case 'union_specifier':
      case 'enum_specifier':
        this.typeSpecifier(node); // `struct s { ... };` arrives without a declaration node
        return;
      case 'expression_statement': {
        const asm = node.namedChild(0);
        if (asm?.type === 'gnu_asm_expression') return; // top-level asm: nothing to run
        if (!asm) return;
        return this.fail(node, "expected identifier or '(' before statement");
      }
      case 'comment':
      case 'ERROR':
        return;
      case 'preproc_call':
      case 'preproc_def':
      case 'preproc_function_def':
      case 'preproc_include':
      case 'preproc_if':
      case 'preproc_ifdef':
        return this.error(
          node,
          'preprocessing directive reached the compiler (run the preprocessor first)',
        );
      default:
        if (node.type.endsWith('_statement'))
          return this.fail(
            node,
            `expected identifier or '(' before '${node.child(0)?.text ?? ''}'`,
          );
        return;
    }
  }

  // ---- declaration specifiers -------------------------------------------------------------

  private specifiers(node: Node): Spec {
    let storage: Spec['storage'] = node.type === 'type_definition' ? 'typedef' : null;
    let isInline = false;
    let isConst = false;
    let isVolatile = false;
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'storage_class_specifier') {
        const t = c.text;
        if (t === 'static' || t === 'extern') storage = t;
        else if (t === 'inline' || t === '__inline' || t === '__inline__') isInline = true;
      } else if (c.type === 'type_qualifier') {
        if (c.text === 'const') isConst = true;
        if (c.text.includes('volatile')) isVolatile = true;
      }
    }
    const typeNode = node.childForFieldName('type');
    let type = typeNode ? this.typeSpecifier(typeNode) : T.int;
    type = withQuals(type, { isConst, isVolatile });
    return { type, storage, isInline, weak: this.hasAttribute(node, /\b(__)?weak(__)?\b/) };
  }

  private typeSpecifier(node: Node): CType {
    switch (node.type) {
      case 'primitive_type':
        return this.primitive(node.text, node);
      case 'sized_type_specifier':
        return this.sizedType(node);
      case 'type_identifier': {
        const sym = this.lookup(node.text);
        if (sym?.kind === 'typedef') return { ...sym.type, alias: node.text };
        // GCC goes on as if it were int, so later uses of the variable are not errors too.
        this.error(node, `unknown type name '${node.text}'`);
        return T.int;
      }
      case 'struct_specifier':
      case 'union_specifier':
        return this.recordSpecifier(node, node.type === 'union_specifier');
      case 'enum_specifier':
        return this.enumSpecifier(node);
      default:
        return this.fail(node, `unsupported type '${node.text}'`);
    }
  }

  /** tree-sitter-c reads <stdint.h> names as primitive types; a typedef in scope wins. */
  private primitive(name: string, node: Node): CType {
    const sym = this.lookup(name);
    if (sym?.kind === 'typedef') return { ...sym.type, alias: name };
    const builtin: Record<string, CType> = {
      void: T.void,
      char: T.char,
      int: T.int,
      float: T.float,
      double: T.double,
      _Bool: T.bool,
      bool: T.bool,
      // arm-none-eabi's newlib: int32_t is long, size_t is unsigned int (GCC's __SIZE_TYPE__).
      size_t: T.uint,
      ssize_t: T.int,
      ptrdiff_t: T.int,
      intptr_t: T.int,
      uintptr_t: T.uint,
      int8_t: T.schar,
      uint8_t: T.uchar,
      int16_t: T.short,
      uint16_t: T.ushort,
      int32_t: T.long,
      uint32_t: T.ulong,
      int64_t: T.llong,
      uint64_t: T.ullong,
    };
    const t = builtin[name];
    const keyword = ['void', 'char', 'int', 'float', 'double', '_Bool', 'bool'].includes(name);
    if (t) return keyword ? t : { ...t, alias: name };
    return this.fail(node, `unknown type name '${name}'`);
  }

  private sizedType(node: Node): CType {
    const words = node.text.split(/\s+/).filter((w) => w !== 'int' && w !== 'signed' && w !== '');
    const unsigned = node.text.split(/\s+/).includes('unsigned');
    const signedWord = node.text.split(/\s+/).includes('signed');
    const rest = words.filter((w) => w !== 'unsigned');
    const longs = rest.filter((w) => w === 'long').length;
    if (rest.includes('char')) return unsigned ? T.uchar : signedWord ? T.schar : T.char;
    if (rest.includes('short')) return unsigned ? T.ushort : T.short;
    if (rest.includes('double')) return T.double; // long double is double on ARM (AAPCS 4.1)
    if (longs >= 2) return unsigned ? T.ullong : T.llong;
    if (longs === 1) return unsigned ? T.ulong : T.long;
    return unsigned ? T.uint : T.int;
  }

  private recordSpecifier(node: Node, union: boolean): CType {
    const nameNode = node.childForFieldName('name');
    const body = node.childForFieldName('body');
    const tag = nameNode?.text ?? null;
    let tagEntry: Tag | undefined;
    if (tag) {
      // A body, or `struct s;` alone, declares the tag in the current scope (C11 6.7.2.3).
      tagEntry = body ? this.scope.tags.get(tag) : this.lookupTag(tag);
      if (!tagEntry) {
        const rec: RecordInfo = { union, tag, fields: null, size: 0, align: 1 };
        tagEntry = { kind: 'record', rec, type: { kind: 'record', rec } };
        (body ? this.scope : this.scopes[this.scopes.length - 1]!).tags.set(tag, tagEntry);
      }
      if (tagEntry.kind !== 'record' || tagEntry.rec.union !== union) {
        return this.fail(node, `'${tag}' defined as wrong kind of tag`);
      }
    }
    const rec: RecordInfo =
      tagEntry?.kind === 'record'
        ? tagEntry.rec
        : { union, tag: null, fields: null, size: 0, align: 1 };
    if (body) {
      if (rec.fields) this.fail(node, `redefinition of '${union ? 'union' : 'struct'} ${tag}'`);
      const members: { name: string; type: CType; bits?: number }[] = [];
      const seen = new Set<string>();
      for (const f of body.namedChildren) {
        if (!f || f.type !== 'field_declaration') continue;
        const spec = this.specifiers(f);
        const declarators = f.childrenForFieldName('declarator');
        const bitsNodes = f.namedChildren.filter((c): c is Node => c?.type === 'bitfield_clause');
        if (declarators.length === 0) {
          if (bitsNodes[0]) {
            // An unnamed bit-field pads (`: 0` closes the storage unit), C11 6.7.2.1p12.
            members.push({
              name: '',
              type: spec.type,
              bits: this.constInt(bitsNodes[0].namedChild(0)!),
            });
          } else if (spec.type.kind === 'record') {
            // An anonymous struct or union member (C11 6.7.2.1p13).
            members.push({ name: '', type: spec.type });
          }
          continue;
        }
        // `unsigned a : 4, b : 4;`: each bit-field clause follows its own declarator.
        let last: { name: string; type: CType; bits?: number } | null = null;
        for (const c of f.namedChildren) {
          if (!c) continue;
          if (c.type === 'bitfield_clause') {
            if (last) last.bits = this.constInt(c.namedChild(0)!);
            continue;
          }
          if (!declarators.some((d) => d?.id === c.id)) continue;
          const decl = this.declarator(c, spec.type);
          if (seen.has(decl.name)) this.error(c, `duplicate member '${decl.name}'`);
          seen.add(decl.name);
          if (
            !isComplete(decl.type) &&
            !(decl.type.kind === 'array' && decl.type.length === null)
          ) {
            this.error(c, `field '${decl.name}' has incomplete type`);
          }
          last = { name: decl.name, type: decl.type };
          members.push(last);
        }
      }
      // __attribute__((packed)): members at byte alignment, no padding (GCC manual, Type Attributes).
      layoutRecord(rec, members, this.hasAttribute(node, /\bpacked\b/));
    }
    return { kind: 'record', rec };
  }

  private enumSpecifier(node: Node): CType {
    const nameNode = node.childForFieldName('name');
    const body = node.childForFieldName('body');
    if (!body) {
      const tag = nameNode ? this.lookupTag(nameNode.text) : undefined;
      if (tag?.kind === 'enum') return tag.type;
      return {
        kind: 'int',
        name: 'unsigned int',
        size: 4,
        signed: false,
        enumTag: nameNode?.text ?? '<anonymous>',
      };
    }
    let next = 0;
    let negative = false;
    const consts: { name: string; value: number; node: Node }[] = [];
    for (const e of body.namedChildren) {
      if (!e || e.type !== 'enumerator') continue;
      const name = e.childForFieldName('name')!.text;
      const valueNode = e.childForFieldName('value');
      const value = valueNode ? this.constInt(valueNode) : next;
      if (value < 0) negative = true;
      consts.push({ name, value, node: e });
      // Each enumerator is in scope from the end of its own declaration (C11 6.2.1p7).
      this.declareOrdinary(e, { kind: 'enumconst', name, value, type: T.int });
      next = value + 1;
    }
    const tagName = nameNode?.text ?? '<anonymous>';
    const type: CType = negative
      ? { kind: 'int', name: 'int', size: 4, signed: true, enumTag: tagName }
      : { kind: 'int', name: 'unsigned int', size: 4, signed: false, enumTag: tagName };
    if (nameNode) this.scope.tags.set(nameNode.text, { kind: 'enum', type });
    return type;
  }

  private declareOrdinary(node: Node, sym: Sym): void {
    const prev = this.scope.names.get(sym.name);
    if (prev && (prev.kind === 'enumconst' || sym.kind === 'enumconst')) {
      this.error(node, `redeclaration of enumerator '${sym.name}'`);
    }
    this.scope.names.set(sym.name, sym);
  }

  // ---- declarators ------------------------------------------------------------------------

  /** Applies a declarator to its base type, inside out (C11 6.7.6). */
  private declarator(node: Node, base: CType): Declarated {
    let type = base;
    let n: Node | null = node;
    let params: Declarated['params'] = null;
    while (n) {
      switch (n.type) {
        case 'identifier':
        case 'field_identifier':
        case 'type_identifier':
        case 'primitive_type':
          return { name: n.text, nameNode: n, type, params };
        case 'init_declarator':
          n = n.childForFieldName('declarator');
          continue;
        case 'pointer_declarator':
        case 'abstract_pointer_declarator': {
          const quals = n.namedChildren
            .filter((c) => c?.type === 'type_qualifier')
            .map((c) => c!.text);
          type = withQuals(pointerTo(type), {
            isConst: quals.includes('const'),
            isVolatile: quals.some((q) => q.includes('volatile')),
          });
          n = n.childForFieldName('declarator');
          break;
        }
        case 'array_declarator':
        case 'abstract_array_declarator': {
          const size = n.childForFieldName('size');
          let length: number | null = null;
          if (size && size.type !== '*') {
            let e = this.value(size);
            // `const int N = 8; int a[N];` in a block is a VLA to GCC, but N's value is known:
            // lay it out as the fixed array GCC's code ends up with.
            if (e.k === 'var' && e.sym.constValue !== undefined && this.fn) {
              e = this.constant(size, e.sym.constValue, T.int);
            }
            if (e.k !== 'const' || !isInteger(e.type)) {
              // GCC accepts these (C99 6.7.6.2p4); the simulator lays out frames statically.
              this.fail(
                size,
                'variable-length arrays are not supported by the simulator; use a constant size',
              );
            }
            length = Number(e.value);
          }
          if (length !== null && length < 0) this.error(size!, `size of array is negative`);
          if (type.kind === 'function') this.fail(n, 'declaration of array of functions');
          type = { kind: 'array', of: type, length };
          n = n.childForFieldName('declarator');
          break;
        }
        case 'function_declarator':
        case 'abstract_function_declarator': {
          const p = this.parameterList(n.childForFieldName('parameters')!);
          params = p.named; // the innermost function declarator names the parameters
          if (type.kind === 'array') this.fail(n, 'function returning an array');
          if (type.kind === 'function') this.fail(n, 'function returning a function');
          type = { kind: 'function', ret: type, params: p.types, variadic: p.variadic };
          n = n.childForFieldName('declarator');
          break;
        }
        case 'parenthesized_declarator':
        case 'abstract_parenthesized_declarator':
        case 'attributed_declarator':
          n =
            n.namedChildren.find(
              (c) => c && c.type !== 'attribute_declaration' && c.type !== 'ms_call_modifier',
            ) ?? null;
          break;
        default:
          this.fail(n, `unsupported declarator '${n.text}'`);
      }
    }
    return { name: '', nameNode: null, type, params };
  }

  private parameterList(node: Node): {
    types: CType[] | null;
    variadic: boolean;
    named: { name: string; type: CType; loc: SourceLoc }[];
  } {
    const decls = node.namedChildren.filter(
      (c): c is Node =>
        !!c && (c.type === 'parameter_declaration' || c.type === 'variadic_parameter'),
    );
    if (decls.length === 0) return { types: null, variadic: false, named: [] };
    const types: CType[] = [];
    const named: { name: string; type: CType; loc: SourceLoc }[] = [];
    let variadic = false;
    for (const d of decls) {
      if (d.type === 'variadic_parameter') {
        variadic = true;
        continue;
      }
      const spec = this.specifiers(d);
      const dn = d.childForFieldName('declarator');
      const decl = dn
        ? this.declarator(dn, spec.type)
        : { name: '', type: spec.type, nameNode: null, params: null };
      if (decl.type.kind === 'void' && decls.length === 1 && !dn)
        return { types: [], variadic: false, named: [] };
      // C11 6.7.6.3p7-8: array and function parameters are adjusted to pointers.
      let t = decl.type;
      if (t.kind === 'array') t = pointerTo(t.of);
      else if (t.kind === 'function') t = pointerTo(t);
      types.push(t);
      named.push({ name: decl.name, type: t, loc: this.loc(decl.nameNode ?? d) });
    }
    return { types, variadic, named };
  }

  private typeDescriptor(node: Node): CType {
    const spec = this.specifiers(node);
    const d = node.childForFieldName('declarator');
    return d ? this.declarator(d, spec.type).type : spec.type;
  }

  // ---- declarations -----------------------------------------------------------------------

  private typedef(node: Node): void {
    const spec = this.specifiers(node);
    for (const d of node.childrenForFieldName('declarator')) {
      if (!d) continue;
      const decl = this.declarator(d, spec.type);
      const prev = this.scope.names.get(decl.name);
      if (prev && (prev.kind !== 'typedef' || !sameType(prev.type, decl.type))) {
        this.error(decl.nameNode ?? d, `conflicting types for '${decl.name}'`);
      }
      this.scope.names.set(decl.name, { kind: 'typedef', name: decl.name, type: decl.type });
    }
  }

  /** File-scope or block-scope declaration; returns the statements for block-scope initializers. */
  private declaration(node: Node, fileScope: boolean): Stmt[] {
    const typeNode = node.childForFieldName('type');
    // `x * y;` where x is a variable: tree-sitter saw a declaration of a pointer (P23).
    if (
      !fileScope &&
      typeNode?.type === 'type_identifier' &&
      !this.isTypedef(typeNode.text) &&
      this.lookup(typeNode.text)
    ) {
      return [this.reReadAsExpression(node, typeNode)];
    }
    const spec = this.specifiers(node);
    const out: Stmt[] = [];
    for (const d of node.childrenForFieldName('declarator')) {
      if (!d) continue;
      try {
        if (d.type === 'gnu_asm_expression') continue;
        const decl = this.declarator(d, spec.type);
        const initNode = d.type === 'init_declarator' ? d.childForFieldName('value') : null;
        if (decl.type.kind === 'function') {
          if (initNode) this.error(d, `function '${decl.name}' is initialized like a variable`);
          this.declareFunction(decl, spec, d, false);
          continue;
        }
        if (fileScope || spec.storage === 'extern')
          this.declareGlobal(decl, spec, initNode, d, fileScope);
        else if (spec.storage === 'static') this.declareStaticLocal(decl, spec, initNode, d);
        else out.push(this.declareLocal(decl, initNode, d));
        const aligned = this.alignedAttribute(node);
        const sym = this.lookup(decl.name);
        if (aligned && sym?.kind === 'var') sym.align = Math.max(sym.align ?? 1, aligned);
      } catch (e) {
        if (!(e instanceof CheckError)) throw e;
      }
    }
    return out;
  }

  private reReadAsExpression(node: Node, typeNode: Node): Stmt {
    const d = node.childForFieldName('declarator');
    if (
      d?.type === 'pointer_declarator' &&
      d.childForFieldName('declarator')?.type === 'identifier'
    ) {
      const left = this.value(typeNode);
      const right = this.value(d.childForFieldName('declarator')!);
      const expr = this.binary(node, '*', left, right);
      return { k: 'expr', loc: this.loc(node), expr };
    }
    return this.fail(d ?? node, `expected ';' before '${d?.text.split(/\W/)[0] ?? ''}'`);
  }

  private declareFunction(decl: Declarated, spec: Spec, node: Node, defining: boolean): FuncSym {
    const type = decl.type as CType & { kind: 'function' };
    const existing = this.scopes[0]!.names.get(decl.name) ?? this.lookup(decl.name);
    if (existing && existing.kind === 'func') {
      if (
        !sameType(existing.type.ret, type.ret) ||
        (existing.type.params && type.params && !sameParams(existing.type.params, type.params))
      ) {
        const msg = `conflicting types for '${decl.name}'; have ${quoteType(type)}`;
        this.error(decl.nameNode ?? node, msg);
        this.report(
          existing.loc,
          'note',
          `previous ${existing.implicit ? 'implicit ' : ''}declaration of '${decl.name}' with type ${quoteType(existing.type)}`,
        );
      }
      if (defining && existing.defined) {
        this.error(decl.nameNode ?? node, `redefinition of '${decl.name}'`);
        this.report(
          existing.loc,
          'note',
          `previous definition of '${decl.name}' with type ${quoteType(existing.type)}`,
        );
      }
      if (type.params || !existing.type.params) existing.type = type;
      if (!spec.isInline || spec.storage === 'extern') existing.inlineDefinitionOnly = false;
      if (spec.weak) existing.weak = true;
      existing.implicit = false;
      this.scope.names.set(decl.name, existing);
      return existing;
    }
    if (existing && this.scope.names.has(decl.name)) {
      this.error(decl.nameNode ?? node, `'${decl.name}' redeclared as different kind of symbol`);
    }
    const isStatic = spec.storage === 'static';
    const sym: FuncSym = {
      kind: 'func',
      name: decl.name,
      type,
      linkName: isStatic ? `${decl.name}@${this.unitId}` : decl.name,
      external: !isStatic,
      isInline: spec.isInline,
      inlineDefinitionOnly: spec.isInline && !isStatic && spec.storage !== 'extern',
      weak: spec.weak,
      defined: false,
      implicit: false,
      loc: this.loc(decl.nameNode ?? node),
    };
    this.scopes[0]!.names.set(decl.name, sym);
    this.scope.names.set(decl.name, sym);
    return sym;
  }

  private declareGlobal(
    decl: Declarated,
    spec: Spec,
    initNode: Node | null,
    node: Node,
    fileScope: boolean,
  ): void {
    const isStatic = spec.storage === 'static';
    const existing = this.scopes[0]!.names.get(decl.name);
    let sym: VarSym;
    if (existing?.kind === 'var') {
      if (
        !sameType(unqualified(existing.type), unqualified(decl.type)) &&
        !(existing.type.kind === 'array' && decl.type.kind === 'array')
      ) {
        this.error(
          decl.nameNode ?? node,
          `conflicting types for '${decl.name}'; have ${quoteType(decl.type)}`,
        );
      }
      sym = existing;
      if (decl.type.kind === 'array' && decl.type.length !== null) sym.type = decl.type;
    } else {
      if (existing)
        this.error(decl.nameNode ?? node, `'${decl.name}' redeclared as different kind of symbol`);
      sym = {
        kind: 'var',
        name: decl.name,
        type: decl.type,
        storage: 'global',
        linkName: isStatic ? `${decl.name}@${this.unitId}` : decl.name,
        external: !isStatic,
        inMemory: true,
        defined: false,
        loc: this.loc(decl.nameNode ?? node),
        slot: -1,
      };
      this.scopes[0]!.names.set(decl.name, sym);
    }
    this.scope.names.set(decl.name, sym);
    if (!fileScope || (spec.storage === 'extern' && !initNode)) return;
    const index = this.globalIndex.get(decl.name);
    const init = initNode ? this.initializer(initNode, sym, true) : null;
    recordConstValue(sym, init);
    if (index !== undefined) {
      const prev = this.globals[index]!;
      if (init && prev.init) {
        this.error(decl.nameNode ?? node, `redefinition of '${decl.name}'`);
        this.report(
          prev.sym.loc,
          'note',
          `previous definition of '${decl.name}' with type ${quoteType(prev.sym.type)}`,
        );
      } else if (init) this.globals[index] = { sym, init, tentative: false };
      return;
    }
    if (!isComplete(sym.type) && !(sym.type.kind === 'array' && init === null)) {
      this.error(decl.nameNode ?? node, `storage size of '${decl.name}' isn't known`);
    }
    if (sym.type.kind === 'array' && sym.type.length === null && !init) {
      // C11 6.9.2p5: `int a[];` at the end of the unit has one element (GCC warns).
      this.warn(decl.nameNode ?? node, `array '${decl.name}' assumed to have one element`);
      sym.type = { ...sym.type, length: 1 };
    }
    this.globalIndex.set(decl.name, this.globals.length);
    this.globals.push({ sym, init, tentative: !init });
  }

  private declareStaticLocal(
    decl: Declarated,
    _spec: Spec,
    initNode: Node | null,
    node: Node,
  ): void {
    const fn = this.fn!;
    const sym: VarSym = {
      kind: 'var',
      name: decl.name,
      type: decl.type,
      storage: 'static',
      // GCC names function-scope statics `name.N` in the symbol table.
      linkName: `${decl.name}.${fn.staticCount++}@${this.unitId}`,
      external: false,
      inMemory: true,
      defined: true,
      loc: this.loc(decl.nameNode ?? node),
      slot: -1,
    };
    this.scope.names.set(decl.name, sym);
    const init = initNode ? this.initializer(initNode, sym, true) : null;
    this.globals.push({ sym, init, tentative: false });
  }

  private declareLocal(decl: Declarated, initNode: Node | null, node: Node): Stmt {
    const fn = this.fn!;
    const prev = this.scope.names.get(decl.name);
    if (prev && prev.kind === 'var') {
      this.error(decl.nameNode ?? node, `redeclaration of '${decl.name}' with no linkage`);
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
      loc: this.loc(decl.nameNode ?? node),
      slot: fn.locals.length,
    };
    fn.locals.push(sym);
    // The name is in scope within its own initializer (C11 6.2.1p7).
    this.scope.names.set(decl.name, sym);
    const init = initNode ? this.initializer(initNode, sym, false) : null;
    recordConstValue(sym, init);
    if (!isComplete(sym.type))
      this.error(decl.nameNode ?? node, `storage size of '${decl.name}' isn't known`);
    return { k: 'decl', loc: this.loc(node), sym, init };
  }

  /** `(T){...}`: an unnamed object of the enclosing block (C11 6.5.2.5), an lvalue. */
  private compoundLiteral(node: Node): Expr {
    const fn = this.fn;
    if (!fn) return this.fail(node, 'compound literals at file scope are not supported');
    const loc = this.loc(node);
    const type = this.typeDescriptor(node.childForFieldName('type')!);
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
    const init = this.initializer(node.childForFieldName('value')!, sym, false);
    const result: Expr = { k: 'var', type: sym.type, loc, sym };
    return { k: 'stmtexpr', type: sym.type, loc, body: [{ k: 'decl', loc, sym, init }], result };
  }

  // ---- initializers -----------------------------------------------------------------------

  private initializer(node: Node, sym: VarSym, isStatic: boolean): Init {
    const items: InitItem[] = [];
    let type = sym.type;
    if (type.kind === 'array' && type.length === null && node.type === 'initializer_list') {
      // C11 6.7.9p22: an array of unknown size takes its length from the initializer.
      const list = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      const length = this.aggregateFrom(list, { i: 0 }, type, 0, items, isStatic, true);
      type = { ...type, length };
      sym.type = type;
      return { items, size: sizeOf(type) };
    }
    if (type.kind === 'array' && type.length === null) {
      type = { ...type, length: this.stringLength(node) };
      sym.type = type;
    }
    this.initInto(node, type, 0, items, isStatic);
    return { items, size: sizeOf(type) };
  }

  private stringLength(node: Node): number {
    const s = this.stringBytes(node);
    return s ? s.length : 1;
  }

  private stringBytes(node: Node): Uint8Array | null {
    if (node.type === 'parenthesized_expression') return this.stringBytes(node.namedChild(0)!);
    if (node.type === 'string_literal') return stringLiteralBytes([node]);
    if (node.type === 'concatenated_string')
      return stringLiteralBytes(node.namedChildren.filter((c): c is Node => !!c));
    return null;
  }

  private initInto(
    node: Node,
    type: CType,
    offset: number,
    items: InitItem[],
    isStatic: boolean,
  ): void {
    // char arrays from string literals (C11 6.7.9p14).
    if (type.kind === 'array' && isInteger(type.of) && sizeOf(type.of) === 1) {
      const bytes = this.stringBytes(
        node.type === 'initializer_list' && node.namedChildCount === 1 ? node.namedChild(0)! : node,
      );
      if (bytes) {
        const n = type.length ?? bytes.length;
        if (bytes.length - 1 > n)
          this.warn(node, "initializer-string for array of 'char' is too long");
        for (let i = 0; i < Math.min(n, bytes.length); i++) {
          if (bytes[i] !== 0)
            items.push({
              offset: offset + i,
              type: type.of,
              expr: this.constant(node, bytes[i]!, type.of),
            });
        }
        return;
      }
    }
    if (node.type !== 'initializer_list') {
      if (type.kind === 'array') this.fail(node, 'invalid initializer');
      const value = this.value(node);
      if (type.kind === 'record' && value.type.kind === 'record' && !isStatic) {
        items.push({ offset, type, expr: this.convertFor(node, value, type, 'initializing') });
        return;
      }
      const expr = this.convertFor(node, value, type, 'initializing');
      if (isStatic) this.requireConstant(node, expr);
      items.push({ offset, type, expr });
      return;
    }
    if (type.kind === 'array' || type.kind === 'record') {
      const list = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      this.aggregateFrom(list, { i: 0 }, type, offset, items, isStatic, true);
      return;
    }
    // A scalar in braces (C11 6.7.9p11).
    const first = node.namedChild(0);
    if (first) this.initInto(first, type, offset, items, isStatic);
  }

  /**
   * Fills an array or struct from `list` starting at `pos`. A braced list owns all its items
   * (extra ones are warned about); an elided one (C11 6.7.9p20, `int m[2][2] = {1, 2, 3, 4}`)
   * takes only as many as its type needs and leaves the rest to the enclosing aggregate.
   */
  private aggregateFrom(
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
        if (t.kind === 'array' && this.stringBytes(valueNode)) {
          pos.i++;
          this.initInto(valueNode, t, at, items, isStatic);
          return;
        }
        if (t.kind === 'record') {
          const probe = this.value(valueNode);
          if (probe.type.kind === 'record') {
            // A struct value initializes the member as a whole.
            pos.i++;
            if (isStatic) this.error(valueNode, 'initializer element is not constant');
            items.push({
              offset: at,
              type: t,
              expr: this.convertFor(valueNode, probe, t, 'initializing'),
            });
            return;
          }
        }
        this.aggregateFrom(list, pos, t, at, items, isStatic, false);
        return;
      }
      pos.i++;
      this.initInto(valueNode, t, at, items, isStatic);
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
          if (des?.type === 'subscript_designator') index = this.constInt(des.namedChild(0)!);
          if (type.length !== null && index >= type.length) {
            this.warn(c, 'array index in initializer exceeds array bounds');
            pos.i++;
            continue;
          }
          pos.i++;
          const target = this.designated(c, type.of, offset + index * size);
          this.initInto(c.childForFieldName('value')!, target.type, target.offset, items, isStatic);
          index++;
          count = Math.max(count, index);
          continue;
        }
        if (type.length !== null && index >= type.length) {
          if (!braced) return count;
          this.warn(c, 'excess elements in array initializer');
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
      if (c) this.initInto(c, type, offset, items, isStatic);
      return 1;
    }
    const fields = (type.rec.fields ?? []).filter((f) => f.name !== '' || f.type.kind === 'record');
    let fi = 0;
    while (pos.i < list.length) {
      const c = list[pos.i]!;
      let valueNode = c;
      let designated = false;
      if (c.type === 'initializer_pair') {
        if (!braced) return 1;
        const des = c.childrenForFieldName('designator')[0]!;
        const name = des.type === 'field_designator' ? des.namedChild(0)!.text : des.text;
        const idx = fields.findIndex((f) => f.name === name);
        if (idx < 0) this.fail(des, `${quoteType(type)} has no member named '${name}'`);
        fi = idx;
        valueNode = c.childForFieldName('value')!;
        designated = true;
      }
      const f = fields[fi];
      if (!f || (type.rec.union && fi > 0 && !designated)) {
        if (!braced) return 1;
        this.warn(c, `excess elements in ${type.rec.union ? 'union' : 'struct'} initializer`);
        pos.i = list.length;
        return 1;
      }
      if (f.bitWidth !== undefined) {
        pos.i++;
        const expr = this.convertFor(valueNode, this.value(valueNode), f.type, 'initializing');
        if (isStatic) this.requireConstant(valueNode, expr);
        items.push({ offset: offset + f.offset, type: f.type, expr, bitField: f });
      } else if (designated) {
        pos.i++;
        const target = this.designated(c, f.type, offset + f.offset);
        this.initInto(valueNode, target.type, target.offset, items, isStatic);
      } else element(valueNode, f.type, offset + f.offset);
      fi++;
      if (type.rec.union && !braced) return 1;
    }
    return 1;
  }

  /** Follows the designators after the first (`.at.x = 1`, `[2].y = 3`) to the object they name. */
  private designated(pair: Node, type: CType, offset: number): { type: CType; offset: number } {
    for (const des of pair.childrenForFieldName('designator').slice(1)) {
      if (!des) continue;
      if (des.type === 'subscript_designator' && type.kind === 'array') {
        offset += this.constInt(des.namedChild(0)!) * sizeOf(type.of);
        type = type.of;
      } else if (des.type === 'field_designator' && type.kind === 'record') {
        const name = des.namedChild(0)!.text;
        const f = findField(type.rec, name);
        if (!f) this.fail(des, `${quoteType(type)} has no member named '${name}'`);
        offset += f.offset;
        type = f.type;
      } else this.fail(des, 'invalid designator for this type');
    }
    return { type, offset };
  }

  private requireConstant(node: Node, e: Expr): void {
    if (!isAddressConstant(e)) this.error(node, 'initializer element is not constant');
  }

  // ---- function definitions ---------------------------------------------------------------

  private functionDefinition(node: Node): void {
    const spec = this.specifiers(node);
    const decl = this.declarator(node.childForFieldName('declarator')!, spec.type);
    if (decl.type.kind !== 'function') this.fail(node, 'expected function declarator');
    const sym = this.declareFunction(decl, spec, node, true);
    sym.defined = true;
    const fnType = decl.type as CType & { kind: 'function' };
    const ctx: FunctionContext = {
      sym,
      locals: [],
      labels: new Map(),
      gotos: [],
      undeclared: new Set(),
      used: new Set(),
      loops: 0,
      switches: [],
      staticCount: 0,
    };
    this.fn = ctx;
    this.pushScope();
    const params: VarSym[] = [];
    for (const p of decl.params ?? []) {
      if (!p.name) {
        this.error(p.loc, 'parameter name omitted');
        continue;
      }
      const v: VarSym = {
        kind: 'var',
        name: p.name,
        type: p.type,
        storage: 'param',
        linkName: p.name,
        external: false,
        inMemory: p.type.kind === 'record' || fnType.variadic,
        defined: true,
        loc: p.loc,
        slot: ctx.locals.length,
      };
      ctx.locals.push(v);
      params.push(v);
      this.scope.names.set(p.name, v);
    }
    let body: Stmt;
    const bodyNode = node.childForFieldName('body')!;
    try {
      body = this.compound(bodyNode, false);
      this.wallWarnings(ctx, body, bodyNode);
    } finally {
      this.popScope();
      this.fn = null;
    }
    for (const g of ctx.gotos) {
      if (!ctx.labels.has(g.label)) this.error(g.loc, `label '${g.label}' used but not defined`);
    }
    this.functions.push({
      sym,
      params,
      locals: ctx.locals,
      body,
      loc: this.loc(node),
      file: this.file,
    });
  }

  /** What Vitis' default -Wall adds: unused variables, falling off a non-void function. */
  private wallWarnings(ctx: FunctionContext, body: Stmt, bodyNode: Node): void {
    for (const v of ctx.locals) {
      if (v.storage === 'local' && !ctx.used.has(v)) {
        this.warn(v.loc, `unused variable '${v.name}' [-Wunused-variable]`);
      }
    }
    // C11 5.1.2.2.3: reaching the } of main returns 0, so GCC does not warn there.
    if (ctx.sym.type.ret.kind !== 'void' && ctx.sym.name !== 'main' && mayFallThrough(body)) {
      const end = bodyNode.endPosition;
      const at = locate(this.lineMap, end.row, Math.max(0, end.column - 1));
      this.warn(at, 'control reaches end of non-void function [-Wreturn-type]');
    }
  }

  // ---- statements -------------------------------------------------------------------------

  private compound(node: Node, newScope = true): Stmt {
    if (newScope) this.pushScope();
    const body: Stmt[] = [];
    try {
      for (const c of node.namedChildren) if (c) this.blockItem(c, body);
    } finally {
      if (newScope) this.popScope();
    }
    return { k: 'block', loc: this.loc(node), body };
  }

  private blockItem(node: Node, out: Stmt[]): void {
    try {
      switch (node.type) {
        case 'declaration':
          out.push(...this.declaration(node, false));
          return;
        case 'type_definition':
          this.typedef(node);
          return;
        case 'struct_specifier':
        case 'union_specifier':
        case 'enum_specifier':
          this.typeSpecifier(node);
          return;
        case 'case_statement':
          // tree-sitter nests the statements after `case X:` inside the case node.
          out.push(this.caseLabel(node));
          for (const c of node.namedChildren) {
            // web-tree-sitter hands out fresh Node objects: compare ids, not references.
            if (c && c.id !== node.childForFieldName('value')?.id) this.blockItem(c, out);
          }
          return;
        case 'function_definition':
          this.fail(node, 'nested functions are not supported');
          return;
        case 'comment':
        case 'ERROR': // reported by the syntax pass
          return;
        default:
          out.push(this.statement(node));
      }
    } catch (e) {
      if (!(e instanceof CheckError)) throw e;
    }
  }

  private statement(node: Node): Stmt {
    const loc = this.loc(node);
    const fn = this.fn!;
    switch (node.type) {
      case 'compound_statement':
        return this.compound(node);
      case 'expression_statement': {
        const inner = node.namedChild(0);
        if (!inner || inner.type === 'comment') return { k: 'empty', loc };
        if (inner.type === 'gnu_asm_expression') return this.asm(inner);
        return { k: 'expr', loc, expr: this.expression(inner) };
      }
      case 'if_statement': {
        const test = this.condition(node.childForFieldName('condition')!);
        const then = this.subStatement(node.childForFieldName('consequence')!);
        const alt = node.childForFieldName('alternative');
        const elseStmt = alt
          ? this.subStatement(alt.namedChildren.find((c) => c && c.type !== 'comment')!)
          : null;
        return { k: 'if', loc, test, then, else: elseStmt };
      }
      case 'while_statement': {
        const test = this.condition(node.childForFieldName('condition')!);
        fn.loops++;
        try {
          return {
            k: 'while',
            loc,
            test,
            body: this.subStatement(node.childForFieldName('body')!),
          };
        } finally {
          fn.loops--;
        }
      }
      case 'do_statement': {
        fn.loops++;
        let body: Stmt;
        try {
          body = this.subStatement(node.childForFieldName('body')!);
        } finally {
          fn.loops--;
        }
        return { k: 'do', loc, body, test: this.condition(node.childForFieldName('condition')!) };
      }
      case 'for_statement': {
        this.pushScope();
        try {
          const initNode = node.childForFieldName('initializer');
          const init: Stmt[] = [];
          if (initNode) {
            if (initNode.type === 'declaration') init.push(...this.declaration(initNode, false));
            else init.push({ k: 'expr', loc: this.loc(initNode), expr: this.expression(initNode) });
          }
          const c = node.childForFieldName('condition');
          const test = c ? this.scalarTest(c, this.value(c)) : null;
          const u = node.childForFieldName('update');
          const update = u ? this.expression(u) : null;
          fn.loops++;
          try {
            return {
              k: 'for',
              loc,
              init,
              test,
              update,
              body: this.subStatement(node.childForFieldName('body')!),
            };
          } finally {
            fn.loops--;
          }
        } finally {
          this.popScope();
        }
      }
      case 'switch_statement': {
        const condNode = node.childForFieldName('condition')!;
        let test = this.value(unparen(condNode));
        if (!isInteger(test.type)) this.fail(condNode, 'switch quantity not an integer');
        test = this.cast(test, promote(test.type));
        const cases: CaseStmt[] = [];
        fn.switches.push({ cases, type: test.type, values: new Set() });
        fn.loops++; // `break` is allowed; `continue` is checked separately below
        let body: Stmt;
        try {
          body = this.subStatement(node.childForFieldName('body')!);
        } finally {
          fn.switches.pop();
          fn.loops--;
        }
        return { k: 'switch', loc, test, body, cases };
      }
      case 'break_statement':
        if (fn.loops === 0) this.error(node, 'break statement not within loop or switch');
        return { k: 'break', loc };
      case 'continue_statement':
        if (!this.inLoop(node)) this.error(node, 'continue statement not within a loop');
        return { k: 'continue', loc };
      case 'return_statement': {
        const valueNode = node.namedChild(0);
        const ret = fn.sym.type.ret;
        if (!valueNode) {
          if (ret.kind !== 'void')
            this.warn(
              node,
              `'return' with no value, in function returning non-void [-Wreturn-type]`,
            );
          return { k: 'return', loc, value: null };
        }
        const v = this.value(valueNode);
        if (ret.kind === 'void') {
          if (v.type.kind !== 'void')
            this.warn(node, `'return' with a value, in function returning void [-Wreturn-type]`);
          return { k: 'return', loc, value: v.type.kind === 'void' ? v : null };
        }
        return { k: 'return', loc, value: this.convertFor(valueNode, v, ret, 'returning') };
      }
      case 'goto_statement': {
        const label = node.childForFieldName('label')!.text;
        fn.gotos.push({ label, loc });
        return { k: 'goto', loc, label };
      }
      case 'labeled_statement': {
        const name = node.childForFieldName('label')!.text;
        if (fn.labels.has(name)) this.error(node, `duplicate label '${name}'`);
        fn.labels.set(name, loc);
        const inner = node.namedChildren.find(
          (c) => c && c.type !== 'statement_identifier' && c.type !== 'comment',
        );
        const out: Stmt[] = [];
        if (inner) this.blockItem(inner, out);
        const body: Stmt = out.length === 1 ? out[0]! : { k: 'block', loc, body: out };
        return { k: 'label', loc, name, body };
      }
      case 'attributed_statement': {
        const inner = node.namedChildren.find((c) => c && c.type !== 'attribute_declaration');
        return inner ? this.statement(inner) : { k: 'empty', loc };
      }
      case 'case_statement': {
        const out: Stmt[] = [];
        this.blockItem(node, out);
        return { k: 'block', loc, body: out };
      }
      case 'declaration': {
        // A declaration as the body of if/while (not allowed in C, GCC says so).
        return this.fail(
          node,
          'a label can only be part of a statement and a declaration is not a statement',
        );
      }
      default:
        return this.fail(node, `expected statement before '${node.text.slice(0, 20)}'`);
    }
  }

  private inLoop(node: Node): boolean {
    for (let p = node.parent; p; p = p.parent) {
      if (p.type === 'while_statement' || p.type === 'for_statement' || p.type === 'do_statement')
        return true;
      if (p.type === 'function_definition') return false;
    }
    return false;
  }

  private subStatement(node: Node): Stmt {
    const out: Stmt[] = [];
    this.blockItem(node, out);
    return out.length === 1 ? out[0]! : { k: 'block', loc: this.loc(node), body: out };
  }

  private caseLabel(node: Node): CaseStmt {
    const fn = this.fn!;
    const sw = fn.switches[fn.switches.length - 1];
    const valueNode = node.childForFieldName('value');
    if (!sw)
      this.fail(
        node,
        valueNode
          ? 'case label not within a switch statement'
          : "'default' label not within a switch statement",
      );
    let value: Value | null = null;
    if (valueNode) {
      const e = this.value(valueNode);
      if (e.k !== 'const' || !isInteger(e.type))
        this.fail(valueNode, 'case label does not reduce to an integer constant');
      value = convertValue(e.value, sw.type);
    }
    const key = String(value);
    if (sw.values.has(key))
      this.fail(
        node,
        value === null ? 'multiple default labels in one switch' : 'duplicate case value',
      );
    sw.values.add(key);
    const c: CaseStmt = { k: 'case', loc: this.loc(node), value, id: this.caseId++ };
    sw.cases.push(c);
    return c;
  }

  private condition(node: Node): Expr {
    const inner = unparen(node);
    // `if (x = 1)`: -Wall's -Wparentheses, silenced by a second pair of parentheses.
    const direct = node.type === 'parenthesized_expression' ? node.namedChild(0) : null;
    if (
      direct?.type === 'assignment_expression' &&
      direct.childForFieldName('operator')?.text === '='
    ) {
      this.warn(
        direct.childForFieldName('operator')!,
        'suggest parentheses around assignment used as truth value [-Wparentheses]',
      );
    }
    return this.scalarTest(inner, this.value(inner));
  }

  private scalarTest(node: Node, e: Expr): Expr {
    if (!isScalar(e.type))
      this.fail(
        node,
        `used ${e.type.kind === 'record' ? 'struct type' : typeName(e.type)} value where scalar is required`,
      );
    return e;
  }

  private asm(node: Node): Stmt {
    const loc = this.loc(node);
    const code = node.childForFieldName('assembly_code');
    const text = code
      ? String.fromCharCode(...decodeEscapes(stringContent(code)))
          .replace(/;/g, ' ')
          .trim()
          .toLowerCase()
      : '';
    const mnemonic = text.split(/\s+/)[0] ?? '';
    const call = (name: string, args: Expr[] = []): Stmt => ({
      k: 'expr',
      loc,
      expr: { k: 'intrinsic', type: INTRINSICS[name]!.ret, loc, name, args },
    });
    if (text === '') return { k: 'empty', loc };
    if (ASM[mnemonic] && (text === mnemonic || /^(dmb|dsb)\s+\w+$/.test(text) || text === 'isb sy'))
      return call(ASM[mnemonic]);
    if (/^cpsi[de]\s+a?if?a?$/.test(text)) {
      // CPSR bits: I = 0x80, F = 0x40 (ARM ARM B1.3.3); cpsid sets them, cpsie clears them.
      const mask =
        (text.includes('i') && text.split(/\s+/)[1]!.includes('i') ? 0x80 : 0) |
        (text.split(/\s+/)[1]!.includes('f') ? 0x40 : 0);
      const get: Expr = { k: 'intrinsic', type: T.uint, loc, name: '__get_cpsr', args: [] };
      const m = this.constant(node, mask, T.uint);
      const value: Expr = text.startsWith('cpsid')
        ? { k: 'binary', op: '|', type: T.uint, loc, left: get, right: m, opType: T.uint }
        : {
            k: 'binary',
            op: '&',
            type: T.uint,
            loc,
            left: get,
            right: this.constant(node, ~mask >>> 0, T.uint),
            opType: T.uint,
          };
      return call('__set_cpsr', [value]);
    }
    const operands = (field: string): Node[] =>
      node
        .childForFieldName(field)
        ?.namedChildren.filter(
          (c): c is Node =>
            c?.type === 'gnu_asm_input_operand' || c?.type === 'gnu_asm_output_operand',
        ) ?? [];
    if (/^msr\s+cpsr(_c|_cxsf|_all)?\s*,\s*%0$/.test(text)) {
      const input = operands('input_operands')[0];
      if (!input) this.fail(node, "'asm' operand number out of range");
      return call('__set_cpsr', [this.cast(this.value(input.childForFieldName('value')!), T.uint)]);
    }
    if (/^mrs\s+%0\s*,\s*cpsr$/.test(text)) {
      const output = operands('output_operands')[0];
      if (!output) this.fail(node, "'asm' operand number out of range");
      const target = this.expression(output.childForFieldName('value')!);
      const get: Expr = { k: 'intrinsic', type: T.uint, loc, name: '__get_cpsr', args: [] };
      return { k: 'expr', loc, expr: this.assignment(node, '=', target, get) };
    }
    return this.fail(
      node,
      `unsupported inline assembly '${text}': the simulated Cortex-A9 runs C only (allowed: sev, wfi, wfe, nop, dmb, dsb, isb, cpsie/cpsid i, mrs/msr cpsr)`,
    );
  }

  // ---- expressions ------------------------------------------------------------------------

  private constant(node: Node | SourceLoc, value: Value, type: CType): Expr {
    const loc = 'startPosition' in node ? this.loc(node as Node) : (node as SourceLoc);
    return { k: 'const', type, loc, value: convertValue(value, type) };
  }

  private constInt(node: Node): number {
    const e = this.value(node);
    if (e.k !== 'const' || !isInteger(e.type)) {
      this.fail(node, 'expression is not an integer constant expression');
    }
    return Number(e.value);
  }

  /** An expression whose value is used: arrays and functions decay to pointers (C11 6.3.2.1). */
  private value(node: Node): Expr {
    return this.decay(this.expression(node));
  }

  private decay(e: Expr): Expr {
    if (e.type.kind === 'array')
      return { k: 'decay', type: pointerTo(e.type.of), loc: e.loc, arg: e };
    if (e.type.kind === 'function')
      return { k: 'decay', type: pointerTo(e.type), loc: e.loc, arg: e };
    return e;
  }

  private expression(node: Node): Expr {
    const loc = this.loc(node);
    switch (node.type) {
      case 'number_literal':
        return this.number(node);
      case 'char_literal':
        return this.charLiteral(node);
      case 'string_literal':
      case 'concatenated_string': {
        const bytes = this.stringBytes(node)!;
        this.strings.push(bytes);
        return {
          k: 'str',
          type: { kind: 'array', of: T.char, length: bytes.length },
          loc,
          id: this.strings.length - 1,
        };
      }
      case 'true':
      case 'false':
        return this.constant(node, node.type === 'true' ? 1 : 0, T.int);
      case 'null':
        return this.constant(node, 0, pointerTo(T.void));
      case 'identifier':
      case 'type_identifier': // the `x` of `x * y;` re-read as an expression
        return this.identifier(node);
      case 'parenthesized_expression': {
        const inner = node.namedChildren.find((c) => c && c.type !== 'comment');
        if (!inner) this.fail(node, 'expected expression');
        if (inner.type === 'compound_statement') return this.statementExpression(node, inner);
        return this.expression(inner);
      }
      case 'comma_expression': {
        const left = this.value(node.childForFieldName('left')!);
        const right = this.value(node.childForFieldName('right')!);
        return { k: 'comma', type: right.type, loc, left, right };
      }
      case 'assignment_expression': {
        const op = node.childForFieldName('operator')!.text;
        const target = this.expression(node.childForFieldName('left')!);
        const value = this.value(node.childForFieldName('right')!);
        return this.assignment(node, op, target, value);
      }
      case 'binary_expression':
        return this.binaryExpression(node);
      case 'unary_expression': {
        const op = node.childForFieldName('operator')!.text;
        const arg = this.value(node.childForFieldName('argument')!);
        return this.unary(node, op, arg);
      }
      case 'pointer_expression': {
        const op = node.childForFieldName('operator')!.text;
        const argNode = node.childForFieldName('argument')!;
        if (op === '*') return this.deref(node, this.value(argNode));
        return this.addressOf(node, this.expression(argNode));
      }
      case 'update_expression': {
        const op = node.childForFieldName('operator')!.text;
        const prefix = node.child(0)?.text === op;
        const target = this.expression(node.childForFieldName('argument')!);
        return this.incdec(node, op === '++' ? '+' : '-', prefix, target);
      }
      case 'cast_expression': {
        const type = this.typeDescriptor(node.childForFieldName('type')!);
        return this.explicitCast(node, this.value(node.childForFieldName('value')!), type);
      }
      case 'sizeof_expression':
        return this.sizeofExpression(node);
      case 'alignof_expression': {
        const t = this.typeDescriptor(node.childForFieldName('type')!);
        return this.constant(node, alignOf(t), T.uint);
      }
      case 'call_expression':
        return this.call(node);
      case 'field_expression':
        return this.field(node);
      case 'subscript_expression': {
        const base = this.value(node.childForFieldName('argument')!);
        const index = this.value(node.childForFieldName('index')!);
        if (base.type.kind !== 'pointer' && index.type.kind !== 'pointer') {
          this.fail(node, 'subscripted value is neither array nor pointer nor vector');
        }
        const [p, i] = base.type.kind === 'pointer' ? [base, index] : [index, base];
        if (!isInteger(i.type)) this.fail(node, 'array subscript is not an integer');
        return this.deref(node, this.pointerArith(node, '+', p, i));
      }
      case 'conditional_expression':
        return this.conditional(node);
      case 'gnu_asm_expression':
        return this.fail(node, 'inline assembly is only supported as a statement');
      case 'compound_literal_expression':
        return this.compoundLiteral(node);
      case 'offsetof_expression': {
        const t = this.typeDescriptor(node.childForFieldName('type')!);
        const member = node.childForFieldName('member')!.text;
        const f = t.kind === 'record' ? findField(t.rec, member) : undefined;
        if (!f) this.fail(node, `${quoteType(t)} has no member named '${member}'`);
        return this.constant(node, f.offset, T.uint);
      }
      default:
        return this.fail(node, `expected expression before '${node.text.slice(0, 20)}'`);
    }
  }

  /** `({ decls; stmts; expr; })`: the value is the last expression statement's (GCC manual 6.1). */
  private statementExpression(node: Node, block: Node): Expr {
    if (!this.fn) this.fail(node, 'braced-group within expression allowed only inside a function');
    const items = block.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    const last = items[items.length - 1];
    const body: Stmt[] = [];
    let result: Expr | null = null;
    this.pushScope();
    try {
      for (const item of items) {
        if (item.id === last?.id && item.type === 'expression_statement' && item.namedChild(0)) {
          const e = item.namedChild(0)!;
          if (e.type !== 'gnu_asm_expression') {
            result = this.value(e);
            continue;
          }
        }
        this.blockItem(item, body);
      }
    } finally {
      this.popScope();
    }
    return { k: 'stmtexpr', type: result?.type ?? T.void, loc: this.loc(node), body, result };
  }

  private number(node: Node): Expr {
    if (/^[-+]/.test(node.text)) {
      // tree-sitter-c folds a sign into the literal in some positions (`= -3`); C has no such token.
      const body = this.number({ ...node, text: node.text.slice(1).trim() } as unknown as Node);
      return node.text.startsWith('-') ? this.unary(node, '-', body) : body;
    }
    const text = node.text.replace(/'/g, '');
    const isHex = /^0x/i.test(text);
    if (
      (!isHex && /[.eE]/.test(text)) ||
      (isHex && /[pP]/.test(text)) ||
      (!isHex && /[fF]$/.test(text) && /[.eE]/.test(text))
    ) {
      const isFloat = /[fF]$/.test(text);
      const v = parseFloat(text.replace(/[fFlL]+$/, ''));
      return this.constant(node, v, isFloat ? T.float : T.double);
    }
    const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)$/.exec(text);
    if (!m) this.fail(node, `invalid suffix on integer constant '${node.text}'`);
    const digits = m[1]!;
    const suffix = m[2]!.toLowerCase();
    let v: bigint;
    if (/^0[0-7]+$/.test(digits)) v = BigInt('0o' + digits.slice(1));
    else v = BigInt(digits);
    const unsigned = suffix.includes('u');
    const longs = (suffix.match(/l/g) ?? []).length;
    const decimal = /^[1-9]/.test(digits) || digits === '0';
    // C11 6.4.4.1p5: the first type in the list that can represent the value.
    const candidates: CType[] = [];
    if (longs < 2) {
      if (!unsigned && longs === 0) candidates.push(T.int);
      if (unsigned || !decimal) if (longs === 0) candidates.push(T.uint);
      if (!unsigned) candidates.push(T.long);
      if (unsigned || !decimal) candidates.push(T.ulong);
    }
    if (!unsigned) candidates.push(T.llong);
    if (unsigned || !decimal) candidates.push(T.ullong);
    for (const t of candidates) {
      const max =
        t.kind === 'int'
          ? t.signed
            ? 1n << BigInt(t.size * 8 - 1)
            : 1n << BigInt(t.size * 8)
          : 0n;
      if (v < max) return this.constant(node, t.kind === 'int' && t.size === 8 ? v : Number(v), t);
    }
    this.warn(node, 'integer constant is too large for its type');
    return this.constant(node, v, T.ullong);
  }

  private charLiteral(node: Node): Expr {
    const bytes = decodeEscapes(node.text.slice(1, -1));
    // GCC ARM: plain char is unsigned, so '\xff' is 255; multi-char constants are big-endian packed.
    let v = 0;
    for (const b of bytes) v = ((v << 8) | b) >>> 0;
    if (bytes.length > 1) this.warn(node, 'multi-character character constant [-Wmultichar]');
    return this.constant(node, v | 0, T.int);
  }

  private identifier(node: Node): Expr {
    const name = node.text;
    if (node.isMissing || name === '') return this.constant(node, 0, T.int); // reported as syntax
    const sym = this.lookup(name);
    const loc = this.loc(node);
    if (!sym) {
      if (name === '__func__' || name === '__FUNCTION__') {
        const bytes = new TextEncoder().encode((this.fn?.sym.name ?? '') + '\0');
        this.strings.push(bytes);
        return {
          k: 'str',
          type: { kind: 'array', of: T.char, length: bytes.length },
          loc,
          id: this.strings.length - 1,
        };
      }
      if (this.fn) {
        if (!this.fn.undeclared.has(name)) {
          this.fn.undeclared.add(name);
          this.error(node, `'${name}' undeclared (first use in this function)`);
          if (this.fn.undeclared.size === 1) {
            this.report(
              node,
              'note',
              'each undeclared identifier is reported only once for each function it appears in',
            );
          }
        }
        // Like GCC's error_mark_node: keep checking the rest of the expression.
        return this.constant(node, 0, T.int);
      }
      return this.fail(node, `'${name}' undeclared here (not in a function)`);
    }
    switch (sym.kind) {
      case 'var':
        this.fn?.used.add(sym);
        if (sym.storage === 'global' || sym.storage === 'static') this.ref(sym.linkName, node);
        return { k: 'var', type: sym.type, loc, sym };
      case 'func':
        this.ref(sym.linkName, node);
        return { k: 'func', type: sym.type, loc, sym };
      case 'enumconst':
        return this.constant(node, sym.value, T.int);
      case 'typedef':
        return this.fail(node, `expected expression before '${name}'`);
    }
  }

  private ref(name: string, node: Node): void {
    this.refs.push({ name, inFunction: this.fn?.sym.name ?? null, loc: this.loc(node) });
  }

  private sizeofExpression(node: Node): Expr {
    const typeNode = node.childForFieldName('type');
    let t: CType;
    if (typeNode) {
      // `sizeof(x)` with x a variable comes back as a type descriptor naming x (P23).
      const spec = typeNode.childForFieldName('type');
      if (
        spec?.type === 'type_identifier' &&
        !typeNode.childForFieldName('declarator') &&
        !this.isTypedef(spec.text) &&
        this.lookup(spec.text)
      ) {
        t = this.expression(spec).type;
      } else t = this.typeDescriptor(typeNode);
    } else {
      const v = node.childForFieldName('value')!;
      const inner = unparen(v);
      if (inner.type === 'identifier' && this.isTypedef(inner.text))
        t = (this.lookup(inner.text) as { type: CType }).type;
      else t = this.expression(v).type;
    }
    if (t.kind === 'function')
      this.warn(node, "invalid application of 'sizeof' to a function type [-Wpointer-arith]");
    else if (!isComplete(t) && t.kind !== 'void')
      this.fail(node, `invalid application of 'sizeof' to incomplete type ${quoteType(t)}`);
    return this.constant(node, sizeOf(t), T.uint);
  }

  private binaryExpression(node: Node): Expr {
    const op = node.childForFieldName('operator')!.text;
    const leftNode = node.childForFieldName('left')!;
    const rightNode = node.childForFieldName('right')!;
    // `(T)-x`, `(T)*p`, `(T)&v`, `(T)+x`: a cast of a unary expression, not a binary one (P23).
    const typedefName = castTypedef(leftNode, (n) => this.isTypedef(n));
    if (typedefName && (op === '-' || op === '*' || op === '&' || op === '+')) {
      return this.castOfUnary(node, typedefName, op, rightNode);
    }
    if (op === '&&' || op === '||') {
      const left = this.scalarTest(leftNode, this.value(leftNode));
      const right = this.scalarTest(rightNode, this.value(rightNode));
      const folded =
        left.k === 'const' && right.k === 'const'
          ? op === '&&'
            ? !isZero(left.value) && !isZero(right.value)
            : !isZero(left.value) || !isZero(right.value)
          : null;
      if (folded !== null) return this.constant(node, folded ? 1 : 0, T.int);
      return { k: 'logical', type: T.int, loc: this.loc(node), op, left, right };
    }
    return this.binary(node, op, this.value(leftNode), this.value(rightNode));
  }

  /**
   * Rebuilds `(T) op rest` as `(T)(op first) ...rest`: tree-sitter bound `op` as a binary operator,
   * so the cast must apply to the leftmost operand of `rest` (unary binds tighter than binary).
   */
  private castOfUnary(node: Node, typedef: Node, op: string, rest: Node): Expr {
    const type = (this.lookup(typedef.text) as { type: CType }).type;
    const chain: { op: string; right: Node; node: Node }[] = [];
    let first = rest;
    while (first.type === 'binary_expression') {
      chain.push({
        op: first.childForFieldName('operator')!.text,
        right: first.childForFieldName('right')!,
        node: first,
      });
      first = first.childForFieldName('left')!;
    }
    let operand: Expr;
    if (op === '*') operand = this.deref(node, this.value(first));
    else if (op === '&') operand = this.addressOf(node, this.expression(first));
    else operand = this.unary(node, op, this.value(first));
    let e = this.explicitCast(node, this.decay(operand), type);
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = chain[i]!;
      if (link.op === '&&' || link.op === '||') {
        e = {
          k: 'logical',
          type: T.int,
          loc: this.loc(link.node),
          op: link.op,
          left: e,
          right: this.value(link.right),
        };
      } else e = this.binary(link.node, link.op, e, this.value(link.right));
    }
    return e;
  }

  private unary(node: Node, op: string, arg: Expr): Expr {
    const loc = this.loc(node);
    if (op === '!') {
      this.scalarTest(node, arg);
      if (arg.k === 'const') return this.constant(node, isZero(arg.value) ? 1 : 0, T.int);
      return { k: 'unary', type: T.int, loc, op: '!', arg };
    }
    if (op === '~' ? !isInteger(arg.type) : !isArithmetic(arg.type)) {
      this.fail(
        node,
        `wrong type argument to unary ${op === '~' ? 'complement' : op === '-' ? 'minus' : 'plus'}`,
      );
    }
    const t = promote(arg.type);
    const a = this.cast(arg, t);
    if (op === '+') return a;
    if (a.k === 'const') {
      const v =
        op === '-'
          ? foldBinary('-', typeof a.value === 'bigint' ? 0n : 0, a.value, t)
          : typeof a.value === 'bigint'
            ? ~a.value
            : ~Number(a.value);
      if (v !== null) return this.constant(node, v, t);
    }
    return { k: 'unary', type: t, loc, op: op as '-' | '~', arg: a };
  }

  private deref(node: Node, ptr: Expr): Expr {
    if (ptr.type.kind !== 'pointer')
      this.fail(node, `invalid type argument of unary '*' (have ${quoteType(ptr.type)})`);
    const to = ptr.type.to;
    if (to.kind === 'void') this.warn(node, "dereferencing 'void *' pointer");
    return { k: 'deref', type: to, loc: this.loc(node), arg: ptr };
  }

  private addressOf(node: Node, e: Expr): Expr {
    if (e.k === 'func') return { k: 'decay', type: pointerTo(e.type), loc: this.loc(node), arg: e };
    if (!isLvalue(e)) this.fail(node, "lvalue required as unary '&' operand");
    if (e.k === 'member' && e.field.bitWidth !== undefined)
      this.fail(node, `cannot take address of bit-field '${e.field.name}'`);
    markAddressTaken(e);
    return { k: 'addr', type: pointerTo(e.type), loc: this.loc(node), arg: e };
  }

  /** Arithmetic, comparison and bitwise operators with the usual conversions (C11 6.5.5-6.5.14). */
  private binary(node: Node, op: string, left: Expr, right: Expr): Expr {
    const loc = this.loc(node);
    const bad = (): never =>
      this.fail(
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
      if (lp && isInteger(right.type)) return this.pointerArith(node, op, left, right);
      if (rp && isInteger(left.type) && op === '+') return this.pointerArith(node, op, right, left);
      return bad();
    }
    if (['==', '!=', '<', '>', '<=', '>='].includes(op) && (lp || rp)) {
      const other = lp ? right : left;
      if (lp && rp) {
        const a = unqualified((left.type as { to: CType }).to);
        const b = unqualified((right.type as { to: CType }).to);
        if (!sameType(a, b) && a.kind !== 'void' && b.kind !== 'void') {
          this.warn(
            node,
            `comparison of distinct pointer types lacks a cast [-Wcompare-distinct-pointer-types]`,
          );
        }
      } else if (isInteger(other.type)) {
        if (!(other.k === 'const' && isZero(other.value)))
          this.warn(node, 'comparison between pointer and integer');
      } else bad();
      const l = this.cast(left, T.uint);
      const r = this.cast(right, T.uint);
      return this.fold({
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
      const r = this.cast(right, promote(right.type));
      if (r.k === 'const' && (Number(r.value) < 0 || Number(r.value) >= sizeOf(lt) * 8)) {
        this.warn(
          node,
          `${op === '<<' ? 'left' : 'right'} shift count ${Number(r.value) < 0 ? 'is negative' : '>= width of type'} [-Wshift-count-${Number(r.value) < 0 ? 'negative' : 'overflow'}]`,
        );
      }
      return this.fold({
        k: 'binary',
        type: lt,
        loc,
        op,
        left: this.cast(left, lt),
        right: this.cast(r, T.uint),
        opType: lt,
      });
    }
    const common = usualArithmetic(left.type, right.type);
    const l = this.cast(left, common);
    const r = this.cast(right, common);
    const isCmp = ['==', '!=', '<', '>', '<=', '>='].includes(op);
    if ((op === '/' || op === '%') && r.k === 'const' && isZero(r.value) && isInteger(common)) {
      this.warn(node, 'division by zero [-Wdiv-by-zero]');
    }
    return this.fold({
      k: 'binary',
      type: isCmp ? T.int : common,
      loc,
      op: op as BinaryOp,
      left: l,
      right: r,
      opType: common,
    });
  }

  private fold(e: Expr & { k: 'binary' }): Expr {
    if (e.left.k === 'const' && e.right.k === 'const') {
      const v = foldBinary(e.op, e.left.value, e.right.value, e.opType);
      if (v !== null)
        return { k: 'const', type: e.type, loc: e.loc, value: convertValue(v, e.type) };
    }
    return e;
  }

  private pointerArith(node: Node, op: string, ptr: Expr, index: Expr): Expr {
    const to = (ptr.type as { to: CType }).to;
    if (!isComplete(to) && to.kind !== 'void')
      this.fail(node, `invalid use of undefined type ${quoteType(to)}`);
    let i = this.cast(index, promote(index.type));
    if (is64(i.type)) i = this.cast(i, T.int);
    const e: Expr = {
      k: 'ptradd',
      type: ptr.type,
      loc: this.loc(node),
      ptr,
      index: i,
      scale: sizeOf(to),
      negate: op === '-',
    };
    if (ptr.k === 'const' && i.k === 'const') {
      const v = Number(ptr.value) + (op === '-' ? -1 : 1) * Number(i.value) * sizeOf(to);
      return this.constant(node, v >>> 0, ptr.type);
    }
    return e;
  }

  private conditional(node: Node): Expr {
    const test = this.condition(node.childForFieldName('condition')!);
    const thenNode = node.childForFieldName('consequence');
    const elseNode = node.childForFieldName('alternative')!;
    const b = this.value(elseNode);
    const a = thenNode ? this.value(thenNode) : test; // GNU `x ?: y`
    const loc = this.loc(node);
    let type: CType;
    if (isArithmetic(a.type) && isArithmetic(b.type)) type = usualArithmetic(a.type, b.type);
    else if (a.type.kind === 'void' && b.type.kind === 'void') type = T.void;
    else if (a.type.kind === 'record' && b.type.kind === 'record' && a.type.rec === b.type.rec)
      type = a.type;
    else if (a.type.kind === 'pointer' && b.type.kind === 'pointer') {
      type = a.type.to.kind === 'void' ? a.type : b.type.to.kind === 'void' ? b.type : a.type;
      if (
        !sameType(unqualified(a.type.to), unqualified(b.type.to)) &&
        a.type.to.kind !== 'void' &&
        b.type.to.kind !== 'void'
      ) {
        this.warn(node, 'pointer type mismatch in conditional expression');
      }
    } else if (a.type.kind === 'pointer' && isInteger(b.type)) type = a.type;
    else if (b.type.kind === 'pointer' && isInteger(a.type)) type = b.type;
    else return this.fail(node, 'type mismatch in conditional expression');
    if (test.k === 'const' && a.k === 'const' && b.k === 'const') {
      return this.constant(node, isZero(test.value) ? b.value : a.value, type);
    }
    return { k: 'cond', type, loc, test, then: this.cast(a, type), else: this.cast(b, type) };
  }

  private field(node: Node): Expr {
    const arrow = node.childForFieldName('operator')!.text === '->';
    const name = node.childForFieldName('field')!.text;
    let obj = this.expression(node.childForFieldName('argument')!);
    if (arrow) {
      obj = this.decay(obj);
      if (obj.type.kind !== 'pointer' || obj.type.to.kind !== 'record') {
        this.fail(node, `invalid type argument of '->' (have ${quoteType(obj.type)})`);
      }
      obj = { k: 'deref', type: obj.type.to, loc: obj.loc, arg: obj };
    }
    if (obj.type.kind !== 'record')
      this.fail(node, `request for member '${name}' in something not a structure or union`);
    if (!obj.type.rec.fields)
      this.fail(node, `invalid use of undefined type ${quoteType(obj.type)}`);
    const f = findField(obj.type.rec, name);
    if (!f) this.fail(node, `${quoteType(obj.type)} has no member named '${name}'`);
    const q = { isConst: obj.type.isConst, isVolatile: obj.type.isVolatile };
    return { k: 'member', type: withQuals(f.type, q), loc: this.loc(node), obj, field: f };
  }

  private call(node: Node): Expr {
    const loc = this.loc(node);
    const calleeNode = node.childForFieldName('function')!;
    const argNodes = node
      .childForFieldName('arguments')!
      .namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    // `(T)(x)`: tree-sitter reads a cast to a typedef name with a parenthesized operand as a call (P23).
    const typedefName = castTypedef(calleeNode, (n) => this.isTypedef(n));
    if (typedefName) {
      const type = (this.lookup(typedefName.text) as { type: CType }).type;
      if (argNodes.length !== 1) this.fail(node, `expected expression before ')' token`);
      return this.explicitCast(node, this.value(argNodes[0]!), type);
    }
    if (calleeNode.type === 'identifier') {
      const name = calleeNode.text;
      const declared = this.lookup(name);
      // Intrinsics may be declared in a header (host.h, the BSP's) or used bare.
      if (INTRINSICS[name] && (!declared || declared.kind === 'func'))
        return this.intrinsic(node, name, argNodes);
      if (!this.lookup(name)) this.implicitDeclaration(calleeNode);
    }
    const callee = this.value(calleeNode);
    const ft = callee.type.kind === 'pointer' ? callee.type.to : null;
    if (!ft || ft.kind !== 'function') {
      const what = calleeNode.type === 'identifier' ? `'${calleeNode.text}' ` : '';
      return this.fail(node, `called object ${what}is not a function or function pointer`);
    }
    const fname = calleeNode.type === 'identifier' ? calleeNode.text : null;
    const args: Expr[] = [];
    const params = ft.params;
    if (params) {
      const few = argNodes.length < params.length;
      if (few || (argNodes.length > params.length && !ft.variadic)) {
        this.error(
          node,
          `too ${few ? 'few' : 'many'} arguments to function '${fname ?? typeName(callee.type)}'`,
        );
        const decl = fname ? this.lookup(fname) : undefined;
        if (decl?.kind === 'func') this.report(decl.loc, 'note', 'declared here');
      }
    }
    argNodes.forEach((a, i) => {
      const v = this.value(a);
      if (v.type.kind === 'void') this.fail(a, 'invalid use of void expression');
      const p = params?.[i];
      const declared = fname ? this.lookup(fname) : undefined;
      const at = declared?.kind === 'func' ? declared.loc : undefined;
      if (p)
        args.push(
          this.convertFor(a, v, p, 'passing', {
            index: i + 1,
            fname: fname ?? '',
            ...(at ? { declared: at } : {}),
          }),
        );
      else if (v.type.kind === 'float')
        args.push(this.cast(v, T.double)); // default argument promotions
      else if (isInteger(v.type)) args.push(this.cast(v, promote(v.type)));
      else args.push(v);
    });
    if (ft.ret.kind === 'record' && !isComplete(ft.ret))
      this.fail(node, 'invalid use of undefined type');
    return { k: 'call', type: ft.ret, loc, callee, args, fnType: ft };
  }

  private implicitDeclaration(node: Node): void {
    const name = node.text;
    // GCC 12 (Vitis): a warning, the function is assumed to be `int name()` (C90 rules).
    this.warn(node, `implicit declaration of function '${name}' [-Wimplicit-function-declaration]`);
    const header = BUILTIN_HEADERS[name];
    if (header) {
      // GCC knows the C library's functions as built-ins and says where they are declared.
      const top = { file: this.file, line: 1, column: 1 };
      this.report(top, 'note', `include '<${header}>' or provide a declaration of '${name}'`);
      // `int name()` clashes with built-ins that return something else or are variadic.
      if (!COMPATIBLE_WITH_IMPLICIT_INT.has(name)) {
        this.warn(
          node,
          `incompatible implicit declaration of built-in function '${name}' [-Wbuiltin-declaration-mismatch]`,
        );
        this.report(top, 'note', `include '<${header}>' or provide a declaration of '${name}'`);
      }
    }
    const sym: FuncSym = {
      kind: 'func',
      name,
      type: { kind: 'function', ret: T.int, params: null, variadic: false },
      linkName: name,
      external: true,
      isInline: false,
      inlineDefinitionOnly: false,
      weak: false,
      defined: false,
      implicit: true,
      loc: this.loc(node),
    };
    this.scopes[0]!.names.set(name, sym);
  }

  private intrinsic(node: Node, name: string, argNodes: Node[]): Expr {
    const spec = INTRINSICS[name]!;
    if (argNodes.length !== spec.params.length) {
      this.fail(
        node,
        `${argNodes.length < spec.params.length ? 'too few' : 'too many'} arguments to function '${name}'`,
      );
    }
    const args = argNodes.map((a, i) => {
      const v = this.value(a);
      const p = spec.params[i]!;
      return p.kind === 'pointer' && v.type.kind === 'pointer'
        ? v
        : this.convertFor(a, v, p, 'passing', { index: i + 1, fname: name });
    });
    if (name === '__builtin_va_start' && !this.fn?.sym.type.variadic)
      this.fail(node, "'va_start' used in function with fixed arguments");
    return { k: 'intrinsic', type: spec.ret, loc: this.loc(node), name, args };
  }

  private assignment(node: Node, op: string, target: Expr, value: Expr): Expr {
    const loc = this.loc(node);
    if (!isLvalue(target) || target.type.kind === 'array' || target.type.kind === 'function') {
      this.fail(node, `lvalue required as left operand of assignment`);
    }
    this.checkWritable(node, target);
    if (op === '=') {
      if (target.type.kind === 'record' && !isComplete(target.type))
        this.fail(node, 'invalid use of undefined type');
      return {
        k: 'assign',
        type: unqualified(target.type),
        loc,
        target,
        value: this.convertFor(node, value, target.type, 'assigning'),
      };
    }
    const bop = op.slice(0, -1) as BinaryOp;
    if (target.type.kind === 'pointer' && (bop === '+' || bop === '-')) {
      if (!isInteger(value.type))
        this.fail(
          node,
          `invalid operands to binary ${bop} (have ${quoteType(target.type)} and ${quoteType(value.type)})`,
        );
      return {
        k: 'compound',
        type: target.type,
        loc,
        op: bop,
        target,
        value: this.cast(value, T.int),
        opType: T.int,
        scale: sizeOf(target.type.to),
      };
    }
    // Type-check `target op value` as a binary expression; the result converts back (C11 6.5.16.2).
    const probe = this.binary(node, bop, this.decay(target), value);
    if (probe.k !== 'binary' && probe.k !== 'const')
      this.fail(node, `invalid operands to binary ${bop}`);
    const opType = probe.k === 'binary' ? probe.opType : usualArithmetic(target.type, value.type);
    const rhs = bop === '<<' || bop === '>>' ? this.cast(value, T.uint) : this.cast(value, opType);
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

  private checkWritable(node: Node, target: Expr): void {
    if (target.type.isConst) {
      const name =
        target.k === 'var'
          ? `variable '${target.sym.name}'`
          : target.k === 'member'
            ? `member '${target.field.name}'`
            : 'location';
      this.fail(node, `assignment of read-only ${name}`);
    }
  }

  private incdec(node: Node, op: '+' | '-', prefix: boolean, target: Expr): Expr {
    if (!isLvalue(target) || !isScalar(target.type)) {
      this.fail(node, `lvalue required as ${op === '+' ? 'increment' : 'decrement'} operand`);
    }
    if (target.type.isConst) {
      const name = target.k === 'var' ? `variable '${target.sym.name}'` : 'location';
      this.fail(node, `${op === '+' ? 'increment' : 'decrement'} of read-only ${name}`);
    }
    const step = target.type.kind === 'pointer' ? sizeOf(target.type.to) : 1;
    return {
      k: 'incdec',
      type: unqualified(target.type),
      loc: this.loc(node),
      op,
      prefix,
      target,
      step,
    };
  }

  private explicitCast(node: Node, e: Expr, type: CType): Expr {
    if (type.kind === 'void') return { k: 'cast', type, loc: this.loc(node), arg: e };
    if (type.kind === 'record' || type.kind === 'array')
      this.fail(node, 'conversion to non-scalar type requested');
    if (!isScalar(e.type)) {
      if (e.type.kind === 'void') this.fail(node, 'void value not ignored as it ought to be');
      this.fail(
        node,
        `aggregate value used where ${isInteger(type) ? 'an integer' : type.kind === 'float' ? 'a floating-point' : 'a pointer'} was expected`,
      );
    }
    if (type.kind === 'pointer' && e.type.kind === 'float')
      this.fail(node, 'cannot convert to a pointer type');
    if (type.kind === 'float' && e.type.kind === 'pointer')
      this.fail(node, 'pointer value used where a floating-point was expected');
    if (type.kind === 'pointer' && isInteger(e.type) && sizeOf(e.type) !== 4 && e.k !== 'const') {
      this.warn(node, 'cast to pointer from integer of different size [-Wint-to-pointer-cast]');
    }
    return this.cast(e, type, true);
  }

  /** An implicit or checked conversion to `type`; constants fold. */
  private cast(e: Expr, type: CType, force = false): Expr {
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
  private convertFor(
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
        this.error(node, `incompatible type for argument ${arg!.index} of '${arg!.fname}'`);
        this.report(node, 'note', `expected ${tn} but argument is of type ${fn}`);
        throw new CheckError('incompatible');
      }
      const phrase = {
        assigning: `incompatible types when assigning to type ${tn} from type ${fn}`,
        initializing: `incompatible types when initializing type ${tn} using type ${fn}`,
        returning: `incompatible types when returning type ${fn} but ${tn} was expected`,
        passing: '',
      }[what];
      return this.fail(node, phrase);
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
      this.warn(node, `${head} [${flag}]`);
      expectedNote();
    };
    // GCC follows an argument warning with the parameter's type, at the declaration.
    const expectedNote = (): void => {
      if (arg)
        this.report(arg.declared ?? node, 'note', `expected ${tn} but argument is of type ${fn}`);
    };
    if (from.kind === 'void') this.fail(node, 'void value not ignored as it ought to be');
    if (to.kind === 'record') {
      if (from.kind !== 'record' || from.rec !== to.rec) incompatible();
      return e;
    }
    if (from.kind === 'record') incompatible();
    if (isArithmetic(to) && isArithmetic(from)) return this.cast(e, to);
    if (to.kind === 'pointer') {
      if (isInteger(from)) {
        if (!(e.k === 'const' && isZero(e.value)))
          conversionWarning('makes pointer from integer without a cast', '-Wint-conversion');
        return this.cast(e, to);
      }
      if (from.kind !== 'pointer') incompatible();
      const a = to.to;
      const b = (from as { to: CType }).to;
      if (a.kind !== 'void' && b.kind !== 'void' && !sameType(unqualified(a), unqualified(b))) {
        // GCC words this one differently from the other conversion warnings.
        const flag = '[-Wincompatible-pointer-types]';
        this.warn(
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
      return this.cast(e, to);
    }
    if (isInteger(to) && from.kind === 'pointer') {
      conversionWarning('makes integer from pointer without a cast', '-Wint-conversion');
      return this.cast(e, to);
    }
    return incompatible();
  }
}

function is64(t: CType): boolean {
  return t.kind === 'int' && t.size === 8;
}

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

/** Whether control can reach the end of `s` (conservative: when unsure, no). */
function mayFallThrough(s: Stmt): boolean {
  switch (s.k) {
    case 'return':
    case 'goto':
      return false;
    case 'block': {
      const last = s.body[s.body.length - 1];
      return last ? mayFallThrough(last) : true;
    }
    case 'if':
      return s.else === null || mayFallThrough(s.then) || mayFallThrough(s.else);
    case 'label':
      return mayFallThrough(s.body);
    case 'while':
    case 'do':
      return !(s.test.k === 'const' && !isZero(s.test.value)) || breaksOut(s.body);
    case 'for':
      return (
        (s.test !== null && !(s.test.k === 'const' && !isZero(s.test.value))) || breaksOut(s.body)
      );
    case 'switch':
      return !s.cases.some((c) => c.value === null) || breaksOut(s.body) || mayFallThrough(s.body);
    case 'expr':
      return !(s.expr.k === 'intrinsic' && s.expr.name === '__host_exit');
    default:
      return true;
  }
}

/** A `break` that leaves this loop or switch (not one inside a nested loop or switch). */
function breaksOut(s: Stmt): boolean {
  switch (s.k) {
    case 'break':
      return true;
    case 'block':
      return s.body.some(breaksOut);
    case 'if':
      return breaksOut(s.then) || (s.else !== null && breaksOut(s.else));
    case 'label':
      return breaksOut(s.body);
    default:
      return false;
  }
}

function unparen(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
  return n;
}

/** `(T)` where T is a typedef name in scope: the identifier node, else null. */
function castTypedef(node: Node, isTypedef: (name: string) => boolean): Node | null {
  if (node.type !== 'parenthesized_expression' || node.namedChildCount !== 1) return null;
  const inner = node.namedChild(0)!;
  return inner.type === 'identifier' && isTypedef(inner.text) ? inner : null;
}

const COMPOUND_LITERAL = '(compound literal)';

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

function markAddressTaken(e: Expr): void {
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

function isStaticLvalue(e: Expr): boolean {
  if (e.k === 'var') return e.sym.storage === 'global' || e.sym.storage === 'static';
  if (e.k === 'str') return true;
  if (e.k === 'member') return isStaticLvalue(e.obj);
  if (e.k === 'deref') return e.arg.k === 'ptradd' && isAddressConstant(e.arg);
  return false;
}

function stringContent(node: Node): string {
  if (node.type === 'concatenated_string')
    return node.namedChildren.map((c) => (c ? stringContent(c) : '')).join('');
  return node.text.replace(/^[LuU8]*"/, '').replace(/"$/, '');
}

/** Bytes of one or more adjacent string literals (C11 5.1.1.2 phase 6), NUL-terminated. */
function stringLiteralBytes(nodes: Node[]): Uint8Array {
  const bytes: number[] = [];
  for (const n of nodes)
    if (n.type === 'string_literal') bytes.push(...decodeEscapes(stringContent(n)));
  bytes.push(0);
  return Uint8Array.from(bytes);
}

/** C escape sequences (C11 6.4.4.4) to bytes; other characters as UTF-8. */
export function decodeEscapes(s: string): number[] {
  const out: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== '\\') {
      out.push(...enc.encode(ch));
      continue;
    }
    const n = s[++i] ?? '';
    const simple: Record<string, number> = {
      n: 10,
      t: 9,
      r: 13,
      '0': 0,
      a: 7,
      b: 8,
      f: 12,
      v: 11,
      e: 27,
      '\\': 92,
      "'": 39,
      '"': 34,
      '?': 63,
    };
    if (n === 'x') {
      let j = i + 1;
      while (j < s.length && /[0-9a-fA-F]/.test(s[j]!)) j++;
      out.push(parseInt(s.slice(i + 1, j), 16) & 0xff);
      i = j - 1;
    } else if (/[0-7]/.test(n)) {
      let j = i;
      while (j < s.length && j < i + 3 && /[0-7]/.test(s[j]!)) j++;
      out.push(parseInt(s.slice(i, j), 8) & 0xff);
      i = j - 1;
    } else out.push(simple[n] ?? n.charCodeAt(0));
  }
  return out;
}

export type { EnumConstSym };
