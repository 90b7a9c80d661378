/**
 * The translation unit (C11 6.9): checks each external declaration in turn, then what GCC reports
 * once the whole unit is seen. `checkUnit` is the checker's entry point; it gives the checker each
 * syntactic category's entry point (`SYNTAX`), the one place that imports them all.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { TranslationUnit } from '../ast.ts';
import type { Attribute } from '../c-parser.ts';
import { macroTypeCall, strayWordInString } from '../syntax-errors.ts';
import type { Diagnostic, LineMap } from '../report.ts';
import { CheckError, Checker, dispatch, type Handler, type Syntax } from './context.ts';
import { declaration, typedef } from './declarations.ts';
import { declarator, typeDescriptor } from './declarators.ts';
import { constInt, expression, value } from './expressions.ts';
import { functionDefinition } from './functions.ts';
import { compoundLiteral, initializer } from './initializers.ts';
import { specifiers, typeSpecifier } from './specifiers.ts';
import { blockItem, compound, condition } from './statements.ts';

/** What `cx.expression(node)`, `cx.declarator(node, base)`, ... run (see context.ts). */
const SYNTAX: Syntax = {
  expression,
  value,
  constInt,
  condition,
  blockItem,
  compound,
  declaration,
  typedef,
  specifiers,
  typeSpecifier,
  declarator,
  typeDescriptor,
  initializer,
  compoundLiteral,
};

export interface CheckResult {
  readonly unit: TranslationUnit;
  readonly diagnostics: Diagnostic[];
}

/** Checks one parsed unit; `parsed` carries the blanked GNU attributes and the parsed text. */
export function checkUnit(
  tree: Tree,
  lineMap: LineMap,
  file: string,
  unitId = 0,
  parsed: { attributes: readonly Attribute[]; text: string; macros?: readonly string[] } = {
    attributes: [],
    text: '',
  },
): CheckResult {
  const cx = new Checker(SYNTAX, lineMap, file, unitId, parsed.attributes);
  cx.sourceText = parsed.text;
  cx.macroNames = parsed.macros ?? [];
  translationUnit(cx, tree.rootNode);
  return { unit: cx.unit(), diagnostics: cx.diagnostics };
}

function translationUnit(cx: Checker, root: Node): void {
  const word = strayWordInString(root); // a syntax error too (syntax-errors.ts)
  for (const child of root.namedChildren) {
    if (!child) continue;
    cx.muteFrom = child.hasError ? syntaxErrorOffset(child) : null;
    if (word && word.startIndex >= child.startIndex && word.startIndex < child.endIndex)
      cx.muteFrom = Math.min(cx.muteFrom ?? word.startIndex, word.startIndex);
    try {
      externalDeclaration(cx, child);
    } catch (e) {
      if (!(e instanceof CheckError)) throw e;
    }
  }
  // C11 6.9.2: a tentative definition with no initializer anywhere in the unit is zero.
  for (const g of cx.globals) g.sym.defined = true;
  // A reference lost in a syntax error's recovery would make a used static look unused.
  cx.muteFrom = root.hasError || word ? 0 : null;
  unusedStatics(cx);
  cx.muteFrom = null;
}

/**
 * Where the first syntax error in `node` starts. A function definition nested in a block counts
 * as one: the checker rejects it, but it is GNU C, and here it means a `}` is missing above it,
 * which GCC reports only at the end of the input.
 */
function syntaxErrorOffset(node: Node): number {
  if (node.isError || node.isMissing) {
    // A declarator or name directly before the error is part of it: GCC never declares
    // `int i = 0, i < 8;`'s second i, and never reads `else ;` as a name. A call read as a
    // macro type (`f(n) <newline> n++;`) is not a declaration at all.
    const call = macroTypeCall(node);
    if (call) return call.startIndex;
    const previous = node.previousSibling;
    return previous?.type === 'identifier' ? previous.startIndex : node.startIndex;
  }
  for (const child of node.children) {
    if (!child) continue;
    if (child.type === 'function_definition' && node.type !== 'translation_unit')
      return child.startIndex;
    if (child.hasError || child.isMissing) return syntaxErrorOffset(child);
  }
  return node.endIndex;
}

/** -Wall at the end of the unit: static functions and variables nothing refers to. */
function unusedStatics(cx: Checker): void {
  // GCC checks unused statics when it finalizes the unit (cgraphunit.cc), which it does not do
  // once an error was reported: `static int s;` unused beside an error gets no warning.
  if (cx.diagnostics.some((d) => d.severity === 'error')) return;
  const referenced = new Set(cx.refs.map((r) => r.name));
  for (const f of cx.functions) {
    const s = f.sym;
    // GCC does not warn about unused static inline functions (headers are full of them).
    if (!s.external && !s.isInline && !referenced.has(s.linkName)) {
      cx.warn(s.loc, `'${s.name}' defined but not used [-Wunused-function]`);
    }
  }
  for (const g of cx.globals) {
    const s = g.sym;
    if (s.storage === 'global' && !s.external && !referenced.has(s.linkName)) {
      cx.warn(s.loc, `'${s.name}' defined but not used [-Wunused-variable]`);
    }
  }
}

const directive: Handler<void> = (cx, node) =>
  cx.error(node, 'preprocessing directive reached the compiler (run the preprocessor first)');

const ignored: Handler<void> = () => {};

/** What each kind of node at file scope is (C11 6.9p1: function definitions and declarations). */
const externalHandlers: Record<string, Handler<void>> = {
  function_definition: functionDefinition,
  declaration: (cx, node) => {
    declaration(cx, node, true);
  },
  type_definition: typedef,
  // `struct s { ... };` arrives without a declaration node.
  struct_specifier: (cx, node) => {
    typeSpecifier(cx, node);
  },
  union_specifier: (cx, node) => {
    typeSpecifier(cx, node);
  },
  enum_specifier: (cx, node) => {
    typeSpecifier(cx, node);
  },
  expression_statement: (cx, node) => {
    const asm = node.namedChild(0);
    if (asm?.type === 'gnu_asm_expression') return; // top-level asm: nothing to run
    if (!asm) return;
    return cx.fail(node, "expected identifier or '(' before statement");
  },
  comment: ignored,
  ERROR: ignored, // reported by the syntax pass
  preproc_call: directive,
  preproc_def: directive,
  preproc_function_def: directive,
  preproc_include: directive,
  preproc_if: directive,
  preproc_ifdef: directive,
};

function externalDeclaration(cx: Checker, node: Node): void {
  const handler = dispatch(externalHandlers, node);
  if (handler) return handler(cx, node);
  if (node.type.endsWith('_statement'))
    cx.fail(node, `expected identifier or '(' before '${node.child(0)?.text ?? ''}'`);
}
