/**
 * Declaration specifiers (C11 6.7.1-6.7.4): storage class, qualifiers, and the type they name:
 * a basic type, a typedef name, or a struct, union or enum specifier, which may also define the
 * tag and lay out the record. Types are ARM's (AAPCS 4.1), as arm-none-eabi-gcc has them.
 */
import { UNNAMED_BIT_FIELD } from '../c-parser.ts';
import { firstLeaf, tokenName } from '../syntax-errors.ts';
import type { Node } from 'web-tree-sitter';
import type { Sym } from '../ast.ts';
import { T, isComplete, layoutRecord, withQuals, type CType, type RecordInfo } from '../types.ts';
import { hasAttribute } from './attributes.ts';
import { CheckError, dispatch, type Checker, type Handler, type Tag } from './context.ts';

/** What a declaration's specifiers say, before any declarator applies. */
export interface Spec {
  type: CType;
  storage: 'static' | 'extern' | 'typedef' | null;
  isInline: boolean;
  weak: boolean;
}

/** The specifiers of a declaration, parameter, member or type name (C11 6.7p1). */
export function specifiers(cx: Checker, node: Node): Spec {
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
  let type = typeNode ? typeSpecifier(cx, typeNode) : T.int;
  type = withQuals(type, { isConst, isVolatile });
  return { type, storage, isInline, weak: hasAttribute(cx, node, /\b(__)?weak(__)?\b/) };
}

/** Each kind of type specifier (C11 6.7.2) to its type. */
const typeSpecifierHandlers: Record<string, Handler<CType>> = {
  primitive_type: (cx, node) => primitive(cx, node),
  sized_type_specifier: (_cx, node) => sizedType(node),
  // tree-sitter-c reads `_Bool` (what <stdbool.h>'s `bool` becomes) as a name.
  type_identifier: (cx, node) => primitive(cx, node),
  struct_specifier: (cx, node) => recordSpecifier(cx, node, false),
  union_specifier: (cx, node) => recordSpecifier(cx, node, true),
  enum_specifier: (cx, node) => enumSpecifier(cx, node),
};

export function typeSpecifier(cx: Checker, node: Node): CType {
  const handler = dispatch(typeSpecifierHandlers, node);
  return handler ? handler(cx, node) : cx.fail(node, `unsupported type '${node.text}'`);
}

/** The type a typedef name in scope names, spelled as written (for GCC's `{aka ...}`). */
function typedefName(cx: Checker, node: Node): CType | undefined {
  const sym = cx.lookup(node.text);
  return sym?.kind === 'typedef' ? { ...sym.type, alias: node.text } : undefined;
}

const KEYWORD_TYPES: Record<string, CType> = {
  void: T.void,
  char: T.char,
  int: T.int,
  float: T.float,
  double: T.double,
  _Bool: T.bool,
};

/**
 * tree-sitter-c reads the keywords, and also the names of <stddef.h>, <stdint.h> and <stdbool.h>
 * (`size_t`, `uint32_t`, `bool`, ...), as primitive types. To C those names are typedefs and a
 * macro that only the headers define (headers.ts), so they name a type only when declared.
 */
function primitive(cx: Checker, node: Node): CType {
  const keyword = Object.hasOwn(KEYWORD_TYPES, node.text) ? KEYWORD_TYPES[node.text] : undefined;
  return keyword ?? typedefName(cx, node) ?? unknownType(cx, node);
}

/** A name where a type specifier goes that is no typedef name in scope. */
function unknownType(cx: Checker, node: Node): CType {
  // `} else` with the '}' deleted reads as a type named else: the parser reports that.
  if (node.text === 'else') throw new CheckError("'else' read as a type");
  // `unsigend int m;`: a name before a keyword cannot start a declaration, so to GCC it is an
  // expression statement, an undeclared name, then a missing ';' (c-parser.ts reports that).
  if (KEYWORD_AFTER.test(cx.source.slice(node.endIndex, node.endIndex + 20))) {
    if (cx.fn) cx.undeclared(node, node.text);
    // At file scope GCC skips to the keyword and declares what follows: say nothing of it.
    else for (const name of namesIn(node.parent)) cx.errorTyped.add(name);
    throw new CheckError(`'${node.text}' is not a type`);
  }
  // `(uint8_t)x`, `sizeof(uint64_t)`: a name that is no type cannot start a type name, so to GCC
  // the parentheses hold an expression and the name is undeclared (c-parser.cc,
  // c_parser_cast_expression). sizeof's value is then that of an expression: go on, silently;
  // after a cast's or a compound literal's parentheses GCC finds a syntax error: give up.
  const typeName = node.parent;
  if (typeName?.type === 'type_descriptor' && typeName.startIndex === node.startIndex) {
    cx.undeclared(node, node.text);
    const operator = typeName.parent;
    if (operator?.type === 'sizeof_expression' || operator?.type === 'alignof_expression')
      return T.int;
    if (operator?.type === 'cast_expression') {
      const value = operator.childForFieldName('value');
      // `(uint8_t)(y)` is a call, `(uint8_t)-y` a subtraction: GCC reads on, with no more to say
      // about the operand as written than about the name. Go on as a cast to int, the operand's
      // own node poisoned; names inside it count as used.
      if (value && READS_ON.has(firstLeaf(value).text)) {
        cx.poisoned.push(value.startIndex);
        return T.int;
      }
      castOperandError(cx, operator);
    }
    throw new CheckError(`'${node.text}' is not a type`);
  }
  // GCC gives the declared names an erroneous type (error_mark_node), about which it says
  // nothing more: we go on with int and keep quiet about expressions using those names.
  const hinted = startsDeclaration(node);
  cx.error(node, unknownTypeName(cx, node.text, hinted));
  // A tag of that name gets the 'struct' keyword hint instead (c_parser_declaration_or_fndef).
  if (hinted && !cx.lookupTag(node.text)) cx.missingHeader(node, node.text);
  for (const name of declaredNames(node.parent)) cx.errorTyped.add(name);
  return T.int;
}

/** Tokens that continue `(name)` as an expression: a call, or a binary operator. */
const READS_ON = new Set(['(', '-', '*', '&', '+']);

/**
 * `(uint8_t)y` read as GCC reads it, `(uint8_t)` a parenthesized expression: a name or a constant
 * after it cannot continue the expression, so GCC expects what closes the construct around it
 * there (`expected ';' before 'y'`). Other tokens: say nothing more.
 */
function castOperandError(cx: Checker, cast: Node): void {
  const value = cast.childForFieldName('value');
  if (!value) return;
  const first = firstLeaf(value);
  // A string or character literal's first leaf is its opening quote.
  const token = first.type === '"' || first.type === "'" ? first.parent! : first;
  const reported = ['identifier', 'number_literal', 'string_literal', 'char_literal'];
  if (!reported.includes(token.type) && !['true', 'false', 'null'].includes(token.type)) return;
  const closer = closerAround(cast);
  if (closer) cx.error(token, `expected ${closer} before ${tokenName(token.text)}`);
}

/** What GCC expects to close the construct around an expression node, as its message says it. */
function closerAround(expression: Node): string | null {
  let child = expression;
  for (let n = expression.parent; n; child = n, n = n.parent) {
    switch (n.type) {
      case 'parenthesized_expression':
      case 'argument_list':
        return "')'";
      case 'subscript_expression':
        return n.childForFieldName('index')?.id === child.id ? "']'" : null;
      case 'init_declarator':
        return "',' or ';'";
      case 'expression_statement':
      case 'return_statement':
        return "';'";
      case 'binary_expression':
      case 'cast_expression':
      case 'assignment_expression':
      case 'unary_expression':
      case 'conditional_expression':
        continue;
      default:
        return null;
    }
  }
  return null;
}

/**
 * GCC 12's message (gcc/c/c-parser.cc). Only a declaration that starts with the unknown name
 * (c_parser_declaration_or_fndef, c_parser_parameter_declaration) gets a hint: the keyword a tag
 * of that name needs, else a near name; after another specifier (`const uint32 x;`) or in a
 * struct member, c_parser_declspecs says the name alone.
 */
function unknownTypeName(cx: Checker, name: string, hinted: boolean): string {
  const message = `unknown type name '${name}'`;
  if (!hinted) return message;
  const tag = cx.lookupTag(name);
  if (tag) {
    const keyword = tag.kind === 'enum' ? 'enum' : tag.rec.union ? 'union' : 'struct';
    return `${message}; use '${keyword}' keyword to refer to the type`;
  }
  const hint = cx.suggest(name, 'type');
  return hint ? `${message}; did you mean '${hint}'?` : message;
}

/** A keyword that can follow a type specifier but never starts a declarator. */
const KEYWORD_AFTER =
  /^\s*(?:int|char|short|long|float|double|void|signed|unsigned|_Bool|const|volatile|struct|union|enum|static|extern|register|auto|inline|restrict)\b/;

/** Every identifier in a node. */
function namesIn(node: Node | null): string[] {
  return node ? node.descendantsOfType('identifier').flatMap((n) => (n ? [n.text] : [])) : [];
}

/** The names a declaration (or parameter or member declaration) declares. */
function declaredNames(declaration: Node | null): string[] {
  if (!declaration) return [];
  const names: string[] = [];
  for (const d of declaration.childrenForFieldName('declarator')) {
    let n: Node | null = d;
    while (n && n.type !== 'identifier' && n.type !== 'field_identifier')
      n = n.childForFieldName('declarator') ?? n.namedChild(0);
    if (n) names.push(n.text);
  }
  return names;
}

/** Whether a type name is the first token of a declaration or parameter declaration. */
function startsDeclaration(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  const kinds = ['declaration', 'parameter_declaration', 'function_definition'];
  return kinds.includes(parent.type) && parent.startIndex === node.startIndex;
}

function sizedType(node: Node): CType {
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

function recordSpecifier(cx: Checker, node: Node, union: boolean): CType {
  const nameNode = node.childForFieldName('name');
  const body = node.childForFieldName('body');
  const tag = nameNode?.text ?? null;
  let tagEntry: Tag | undefined;
  if (tag) {
    // A body, or `struct s;` alone, declares the tag in the current scope (C11 6.7.2.3).
    tagEntry = body ? cx.scope.tags.get(tag) : cx.lookupTag(tag);
    if (!tagEntry) {
      const rec: RecordInfo = { union, tag, fields: null, size: 0, align: 1 };
      tagEntry = { kind: 'record', rec, type: { kind: 'record', rec } };
      (body ? cx.scope : cx.scopes[cx.scopes.length - 1]!).tags.set(tag, tagEntry);
    }
    if (tagEntry.kind !== 'record' || tagEntry.rec.union !== union) {
      return cx.fail(node, `'${tag}' defined as wrong kind of tag`);
    }
  }
  const rec: RecordInfo =
    tagEntry?.kind === 'record'
      ? tagEntry.rec
      : { union, tag: null, fields: null, size: 0, align: 1 };
  if (body) {
    if (rec.fields) cx.fail(node, `redefinition of '${union ? 'union' : 'struct'} ${tag}'`);
    const members: { name: string; type: CType; bits?: number }[] = [];
    const seen = new Set<string>();
    for (const f of body.namedChildren) {
      if (!f || f.type !== 'field_declaration') continue;
      const spec = specifiers(cx, f);
      const declarators = f.childrenForFieldName('declarator');
      const bitsNodes = f.namedChildren.filter((c): c is Node => c?.type === 'bitfield_clause');
      if (declarators.length === 0) {
        if (bitsNodes[0]) {
          // An unnamed bit-field pads (`: 0` closes the storage unit), C11 6.7.2.1p12.
          members.push({
            name: '',
            type: spec.type,
            bits: cx.constInt(bitsNodes[0].namedChild(0)!),
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
          if (last) last.bits = cx.constInt(c.namedChild(0)!);
          continue;
        }
        if (!declarators.some((d) => d?.id === c.id)) continue;
        const decl = cx.declarator(c, spec.type);
        if (decl.name === UNNAMED_BIT_FIELD) {
          // An unnamed bit-field (c-parser.ts named it for tree-sitter): padding, no member.
          last = { name: '', type: decl.type };
          members.push(last);
          continue;
        }
        if (seen.has(decl.name)) cx.error(c, `duplicate member '${decl.name}'`);
        seen.add(decl.name);
        if (!isComplete(decl.type) && !(decl.type.kind === 'array' && decl.type.length === null)) {
          cx.error(c, `field '${decl.name}' has incomplete type`);
        }
        last = { name: decl.name, type: decl.type };
        members.push(last);
      }
    }
    // __attribute__((packed)): members at byte alignment, no padding (GCC manual, Type Attributes).
    layoutRecord(rec, members, hasAttribute(cx, node, /\bpacked\b/));
  }
  return { kind: 'record', rec };
}

function enumSpecifier(cx: Checker, node: Node): CType {
  const nameNode = node.childForFieldName('name');
  const body = node.childForFieldName('body');
  if (!body) {
    const tag = nameNode ? cx.lookupTag(nameNode.text) : undefined;
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
    const value = valueNode ? cx.constInt(valueNode) : next;
    if (value < 0) negative = true;
    consts.push({ name, value, node: e });
    // Each enumerator is in scope from the end of its own declaration (C11 6.2.1p7).
    declareOrdinary(cx, e, { kind: 'enumconst', name, value, type: T.int });
    next = value + 1;
  }
  const tagName = nameNode?.text ?? '<anonymous>';
  const type: CType = negative
    ? { kind: 'int', name: 'int', size: 4, signed: true, enumTag: tagName }
    : { kind: 'int', name: 'unsigned int', size: 4, signed: false, enumTag: tagName };
  if (nameNode) cx.scope.tags.set(nameNode.text, { kind: 'enum', type });
  return type;
}

function declareOrdinary(cx: Checker, node: Node, sym: Sym): void {
  const prev = cx.scope.names.get(sym.name);
  if (prev && (prev.kind === 'enumconst' || sym.kind === 'enumconst')) {
    cx.error(node, `redeclaration of enumerator '${sym.name}'`);
  }
  cx.scope.names.set(sym.name, sym);
}
